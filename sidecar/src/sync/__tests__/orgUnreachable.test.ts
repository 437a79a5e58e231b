import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

interface Readiness {
  ready: boolean;
  notReady?: Array<{ reason: string; detail: string }>;
}

const INSIDE_STRATEGY = { Industry: 'Chocolate', BillingCountry: 'Belgium' };
const OUTSIDE_STRATEGY = { Industry: 'Paper', BillingCountry: 'Japan' };

describe('readiness while the org does not answer', () => {
  let h: Harness;
  let restarted: RunningOrg | null = null;

  beforeAll(async () => {
    // A short deadline so a hang shows within the test; the default is 30 s.
    h = await startHarness({ config: { requestTimeoutMs: 1_500, outboxStallMs: 3_000 } });
    await settled(h.sidecar);
  });

  afterAll(async () => {
    await h.sidecar.stop();
    await (restarted ?? h.org).close();
  });

  const readyz = async () => (await (await fetch(`${h.sidecar.url}/readyz`)).json()) as Readiness;
  const reasons = async () => ((await readyz()).notReady ?? []).map((item) => item.reason);

  it('a hung /composite: the write times out, org-unreachable, then ready and written once it answers', async () => {
    expect(await readyz()).toMatchObject({ ready: true });
    h.org.org.faults.add({ path: '/composite', delayMs: 6_000 });
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    const dana = await h.as('dana');
    await dana.sobject('Account').update({ Id: paper.Id, ...INSIDE_STRATEGY });
    const down = await eventually(async () => {
      const state = await readyz();
      expect(state.ready).toBe(false);
      expect(state.notReady).toContainEqual(
        expect.objectContaining({
          reason: 'org-unreachable',
          detail: expect.stringMatching(/within 1.5 s.*composite/),
        }),
      );
      return state;
    }, 30_000);
    expect(JSON.stringify(down)).not.toContain('Pacific');
    h.org.org.faults.clear();
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }), 30_000);
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({ Stance__c: 'Attack' }),
    );
  });

  it('503 on every API path: org-unreachable after consecutive failures, cleared on the next answer', async () => {
    await settled(h.sidecar);
    h.org.org.faults.add({ path: '^/services/data', status: 503 });
    // The sidecar polls (Market_Signal__c) every 300 ms here: those polls fail.
    await eventually(async () => expect(await reasons()).toContain('org-unreachable'), 30_000);
    expect(await reasons()).not.toContain('outbox-stalled');
    h.org.org.faults.clear();
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }), 30_000);
  });

  it('writes refused with 503 while reads work: outbox-stalled, then drained and ready', async () => {
    await settled(h.sidecar);
    h.org.org.faults.add({ path: '/composite', status: 503 });
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    await (await h.as('dana')).sobject('Account').update({ Id: paper.Id, ...OUTSIDE_STRATEGY });
    await eventually(async () => expect(await reasons()).toEqual(['outbox-stalled']), 30_000);
    h.org.org.faults.clear();
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }), 60_000);
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({ Stance__c: 'None' }),
    );
    expect(h.sidecar.sync.outboxSize).toBe(0);
  });

  it('a stopped org: org-unreachable while it is down, ready again once one answers on the same address', async () => {
    await settled(h.sidecar);
    const port = Number(new URL(h.org.url).port);
    await h.org.close();
    await eventually(async () => expect(await reasons()).toContain('org-unreachable'), 30_000);
    restarted = await startLocalOrg({ seed: 'demo', port });
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }), 60_000);
    expect(h.sidecar.sync.state).toBe('live');
  });
});
