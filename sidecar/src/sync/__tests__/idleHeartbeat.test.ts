import { eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';
import { scrapeMetrics } from './support/sidecarProcess';

jest.setTimeout(90_000);

interface Readiness {
  ready: boolean;
  notReady?: Array<{ reason: string; detail: string }>;
}

describe('the idle heartbeat against a local org', () => {
  let h: Harness;

  beforeAll(async () => {
    // Idle: no polling between heartbeats (the market poll and the rules poll are an hour away),
    // and a short deadline so a hang shows within the test.
    h = await startHarness({
      config: { heartbeatMs: 1_500, requestTimeoutMs: 1_000, marketPollMs: 3_600_000, rulesPollMs: 3_600_000 },
    });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  const readyz = async () => (await (await fetch(`${h.sidecar.url}/readyz`)).json()) as Readiness;
  const heartbeats = async () => (await scrapeMetrics(h.sidecar.url)).get('stance_heartbeats_total') ?? 0;

  it('an idle sidecar calls the resource list once per quiet interval, counted in /metrics and by the org', async () => {
    const before = await heartbeats();
    const used = h.org.org.accounting.used;
    await eventually(async () => expect(await heartbeats()).toBeGreaterThanOrEqual(before + 2), 20_000);
    expect(h.org.org.accounting.used).toBeGreaterThan(used);
    expect(await readyz()).toMatchObject({ ready: true });
  });

  it('an org that hangs while the sidecar is idle turns org-unreachable (the stream stays up); it clears once it answers', async () => {
    // Every data API request hangs; CometD (/cometd) still answers, so only the heartbeat can tell.
    h.org.org.faults.add({ path: '^/services/data/v[0-9.]+/?$', delayMs: 10_000 });
    const down = await eventually(async () => {
      const state = await readyz();
      expect(state.notReady).toContainEqual(
        expect.objectContaining({
          reason: 'org-unreachable',
          detail: 'no answer from the org within 1 s (STANCE_REQUEST_TIMEOUT_S): GET /services/data/v62.0/',
        }),
      );
      return state;
    }, 20_000);
    expect(down.ready).toBe(false);
    expect(h.sidecar.sync.streaming).toBe(true);
    h.org.org.faults.clear();
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }), 20_000);
  });
});
