import { Connection } from 'jsforce';
import { STANCES, TRIGGER_CODES, classify } from '../../../sidecar/src/domain';
import { shippedCompiled } from '../../../sidecar/src/domain/__tests__/support/shippedConfig';
import { readAll } from '../../../sidecar/src/salesforce/reader';
import { MIRRORED_OBJECTS, MirrorStore } from '../../../sidecar/src/store/mirror';
import { fieldKinds, readAllQuery } from '../../../sidecar/src/sync/queries';
import { DEFAULTS } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import { ACCOUNTS, MARKET_SIGNALS } from '../firm';

jest.setTimeout(60_000);

/** The demo firm as the sidecar would see it, classified by the shipped rules. */
async function classifiedDemo() {
  const running = await startLocalOrg({ seed: 'demo' });
  const mirror = new MirrorStore(':memory:');
  try {
    const conn = new Connection({
      oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      version: '62.0',
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    for (const object of MIRRORED_OBJECTS) {
      const { records } = await readAll(conn, readAllQuery(object), {
        apiVersion: '62.0',
        bulkThreshold: 100_000,
        kinds: fieldKinds(object),
      });
      mirror.upsert(object, records);
    }
    const now = Date.now();
    return mirror.allAccountIds().map((id) => classify(mirror.snapshot(id)!, shippedCompiled(), now));
  } finally {
    mirror.close();
    await running.close();
  }
}

describe('the demo firm', () => {
  let classifications: Awaited<ReturnType<typeof classifiedDemo>>;

  beforeAll(async () => {
    classifications = await classifiedDemo();
  });

  it('has a few dozen accounts, and every stance among them', () => {
    expect(classifications).toHaveLength(ACCOUNTS.length);
    expect(ACCOUNTS.length).toBeGreaterThanOrEqual(24);
    for (const stance of STANCES) expect(classifications.filter((c) => c.stance === stance).length).toBeGreaterThan(0);
    expect(classifications.filter((c) => c.atRisk).length).toBeGreaterThanOrEqual(2);
    expect(classifications.filter((c) => c.explanation.override !== null)).toHaveLength(1);
  });

  it('shows every trigger somewhere: reported, confirmed, detected or done', () => {
    const present = new Set<string>();
    for (const classification of classifications) {
      const { checklist, elsewhere } = classification.explanation;
      for (const item of [...checklist, ...elsewhere]) {
        if (['reported', 'confirmed', 'detected', 'done'].includes(item.state)) present.add(item.code);
      }
    }
    expect([...TRIGGER_CODES].filter((code) => !present.has(code))).toEqual([]);
  });

  it('has signals from support, logistics and technical staff, key people changing, and every kind of deal', () => {
    const signals = ACCOUNTS.flatMap((account) => account.signals);
    for (const source of ['Customer Support', 'Logistics', 'Technical', 'Detected'])
      expect(signals.some((signal) => signal.source === source)).toBe(true);
    const deals = ACCOUNTS.flatMap((account) => account.opportunities);
    expect(deals.some((deal) => deal.stage === 'Closed Won')).toBe(true);
    expect(deals.some((deal) => deal.stage === 'Closed Lost' && deal.lostTo)).toBe(true);
    expect(deals.some((deal) => !deal.stage.startsWith('Closed'))).toBe(true);
    expect(ACCOUNTS.some((account) => account.contacts.some((contact) => contact.daysAgo < 30))).toBe(true);
    expect(MARKET_SIGNALS.length).toBeGreaterThan(0);
  });

  it('is the same firm every time it is seeded', async () => {
    const again = await classifiedDemo();
    const key = (list: typeof classifications) =>
      list.map((c) => `${c.explanation.stance} ${c.explanation.atRisk} ${c.explanation.rule?.name ?? '-'} ${c.reason}`);
    expect(key(again)).toEqual(key(classifications));
  });
});
