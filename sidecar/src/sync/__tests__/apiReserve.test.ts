import { accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

const INSIDE_STRATEGY = { Industry: 'Chocolate', BillingCountry: 'Belgium' };
const OUTSIDE_STRATEGY = { Industry: 'Paper', BillingCountry: 'Japan' };

describe('the API reserve (STANCE_API_RESERVE_PCT) kept for the org’s other integrations', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ config: { apiReservePct: 20, apiReserveProbeMs: 300 } });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  const readyz = async () => (await (await fetch(`${h.sidecar.url}/readyz`)).json()) as Record<string, unknown>;
  const paperStance = async () => (await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c;

  it('near the reserve stops spending, says why, tells the admins once, and resumes losing nothing', async () => {
    const { accounting } = h.org.org;
    const { metrics } = h.sidecar.sync;
    const dana = await h.as('dana');
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    const noticesBefore = h.org.org.notifications.length;
    // The org's other integrations have spent the day: 150 of 1,000 calls left, under the 20% kept.
    accounting.limit = 1_000;
    while (accounting.used < 850) accounting.count();
    // The sidecar learns it from the answer to its next call (its market poll, every 300 ms here).
    await eventually(async () =>
      expect(await readyz()).toMatchObject({
        ready: false,
        notReady: [expect.objectContaining({ reason: 'api-reserve' })],
      }),
    );
    // A change arrives by its event, and waits in the outbox.
    await dana.sobject('Account').update({ Id: paper.Id, ...INSIDE_STRATEGY });
    await eventually(async () => expect(h.sidecar.sync.outboxSize).toBe(1));
    const status = await (await fetch(`${h.sidecar.url}/status`)).json();
    expect(status).toMatchObject({ apiRequests: { reserveReached: true, limit: 1_000 }, outbox: 1 });
    // While paused it spends one call per probe and nothing else.
    const probes = metrics.apiReserveProbes;
    const used = accounting.used;
    await eventually(async () => expect(metrics.apiReserveProbes).toBeGreaterThanOrEqual(probes + 3));
    expect(accounting.used - used).toBeLessThanOrEqual(metrics.apiReserveProbes - probes + 1);
    expect(await paperStance()).toBe('None');
    const paused = h.org.org.notifications.slice(noticesBefore).filter((sent) => /paused/.test(sent.title));
    expect(paused).toHaveLength(1);

    // The allowance returns (a raised limit; the daily reset does the same): the outbox drains.
    accounting.limit = 100_000;
    await eventually(async () => expect(await paperStance()).toBe('Attack'));
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }));
    await dana.sobject('Account').update({ Id: paper.Id, ...OUTSIDE_STRATEGY });
    await eventually(async () => expect(await paperStance()).toBe('None'));
    expect(h.org.org.notifications.slice(noticesBefore).filter((sent) => /paused/.test(sent.title))).toHaveLength(1);
  });
});
