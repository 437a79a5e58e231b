/**
 * POST /rules/simulate over tens of thousands of mirrored accounts leaves the sidecar answering:
 * a /healthz sent while the simulation is classifying is answered before the simulation ends.
 * The accounts are generated through the mirror store's own API, in the sidecar's database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MirrorStore } from '../../store/mirror';
import { MirroredRecords } from '../../store/records';
import { nextTurn } from '../turns';
import { ADMIN_TOKEN, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(240_000);

const GENERATED = 20_000;
const BATCH = 2_000;
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}SIM`;
const INDUSTRIES = ['Confectionery', 'Bakery', 'Mining', 'Paper'];
const TYPES = ['Customer - Direct', 'Prospect', 'Customer - Channel', 'Other'];

/** Accounts (a few with a contact and an opportunity) written into the sidecar's mirror. */
function generate(dbFile: string): void {
  const mirror = new MirrorStore(dbFile);
  try {
    for (let start = 0; start < GENERATED; start += BATCH) {
      const numbers = Array.from({ length: BATCH }, (_, i) => start + i);
      mirror.upsert(
        'Account',
        numbers.map((n) => ({
          Id: id('001', n),
          Name: `Generated ${n}`,
          Type: TYPES[n % TYPES.length],
          Industry: INDUSTRIES[n % INDUSTRIES.length],
          BillingCountry: n % 3 ? 'Germany' : 'Chile',
          AnnualRevenue: (n % 20) * 1_000_000,
        })),
      );
    }
    const some = Array.from({ length: 200 }, (_, n) => n * 97);
    mirror.upsert(
      'Contact',
      some.map((n) => ({
        Id: id('003', n),
        AccountId: id('001', n),
        Name: `Person ${n}`,
        Title: 'Head of Purchasing',
        CreatedDate: new Date().toISOString(),
      })),
    );
    mirror.upsert(
      'Opportunity',
      some.map((n) => ({
        Id: id('006', n),
        AccountId: id('001', n),
        Name: `Deal ${n}`,
        Amount: 50_000,
        CloseDate: new Date().toISOString().slice(0, 10),
        StageName: 'Closed Won',
        IsClosed: true,
        IsWon: true,
      })),
    );
  } finally {
    mirror.close();
  }
}

describe('/rules/simulate over tens of thousands of accounts', () => {
  let h: Harness;
  let demoAccounts = 0;
  const dbFile = join(mkdtempSync(join(tmpdir(), 'stance-simulate-')), 'stance.db');

  beforeAll(async () => {
    h = await startHarness({ config: { dbFile } });
    await settled(h.sidecar);
    demoAccounts = h.sidecar.sync.accountCount;
    generate(dbFile);
    expect(h.sidecar.sync.accountCount).toBe(demoAccounts + GENERATED);
  });

  afterAll(() => h.close());

  it('answers /healthz while the simulation is classifying, before it ends', async () => {
    const records = h.sidecar.sync.rules!.records;
    // Counts the accounts the simulation reads (the real method runs): it says the simulation has begun.
    const snapshots = jest.spyOn(MirroredRecords.prototype, 'snapshot');
    try {
      let simulated = false;
      const simulation = fetch(`${h.sidecar.url}/rules/simulate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({
          rules: records.rules.map((rule) =>
            rule.DeveloperName === 'Target_Prospect' ? { ...rule, Active__c: false } : rule,
          ),
        }),
      }).then((answer) => {
        simulated = true;
        return answer;
      });
      // Turn by turn until the simulation has read some accounts: it is running.
      while (snapshots.mock.calls.length < 100 && !simulated) await nextTurn();
      expect(simulated).toBe(false);

      const health = await fetch(`${h.sidecar.url}/healthz`);
      const readAtHealth = snapshots.mock.calls.length;
      expect(health.status).toBe(200);
      // Answered in the middle of the simulation, not after it.
      expect(simulated).toBe(false);
      expect(readAtHealth).toBeLessThan(GENERATED);

      const answer = await simulation;
      expect(answer.status).toBe(200);
      const result = (await answer.json()) as { accounts: number; changed: number };
      expect(result.accounts).toBe(demoAccounts + GENERATED);
      expect(result.changed).toBeGreaterThan(0);
      expect(snapshots.mock.calls.length).toBeGreaterThanOrEqual(result.accounts);
    } finally {
      snapshots.mockRestore();
    }
  });
});
