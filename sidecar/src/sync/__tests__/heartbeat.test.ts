import { RequestWatch } from '../../salesforce/deadlines';
import type { SalesforceOrg } from '../../salesforce/org';
import type { Clock, Timer } from '../clock';
import type { SyncContext } from '../context';
import { Heartbeat } from '../heartbeat';
import { SyncMetrics } from '../metrics';

/** A clock moved by hand: timers run in order as advance() passes them. */
class ManualClock implements Clock {
  private time = 1_000_000;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;

  now = () => this.time;
  realNow = () => this.time;

  setTimer(fn: () => void, ms: number): Timer {
    const id = ++this.ids;
    this.timers.push({ at: this.time + ms, fn, id });
    return { cancel: () => (this.timers = this.timers.filter((timer) => timer.id !== id)) };
  }

  delay(fn: () => void, ms: number): Timer {
    return this.setTimer(fn, ms);
  }

  repeat(): Timer {
    throw new Error('the heartbeat sets no repeating timer');
  }

  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > until) break;
      this.timers = this.timers.filter((timer) => timer.id !== next.id);
      this.time = next.at;
      next.fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.time = until;
  }
}

/** The org boundary as the heartbeat sees it: its RequestWatch and the one call it makes. */
function setUp(options: { heartbeatMs?: number; answers?: () => boolean } = {}) {
  const clock = new ManualClock();
  const requests = new RequestWatch();
  const calls: number[] = [];
  const org = {
    requests,
    refreshUsage: async () => {
      calls.push(clock.realNow());
      if (options.answers && !options.answers()) {
        requests.failed(
          'no answer from the org within 30 s (STANCE_REQUEST_TIMEOUT_S): GET /services/data/v62.0/',
          true,
        );
        throw new Error('no answer');
      }
      requests.answered();
    },
  } as unknown as SalesforceOrg;
  const metrics = new SyncMetrics();
  const ctx = {
    org,
    clock,
    metrics,
    options: { heartbeatMs: options.heartbeatMs ?? 60_000 },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  } as unknown as SyncContext;
  let paused = false;
  const heartbeat = new Heartbeat(ctx, () => paused);
  return { clock, requests, calls, metrics, heartbeat, pause: (value: boolean) => (paused = value) };
}

describe('the idle heartbeat', () => {
  it('calls once per interval while the org has answered nothing, and counts each call', async () => {
    const { clock, calls, metrics, heartbeat } = setUp();
    const start = clock.realNow();
    heartbeat.start();
    await clock.advance(59_999);
    expect(calls).toEqual([]);
    await clock.advance(1);
    await clock.advance(120_000);
    expect(calls.map((at) => at - start)).toEqual([60_000, 120_000, 180_000]);
    expect(metrics.heartbeats).toBe(3);
    heartbeat.stop();
  });

  it('makes no call while the org answers other requests (a busy sidecar)', async () => {
    const { clock, requests, calls, heartbeat } = setUp();
    heartbeat.start();
    for (let i = 0; i < 10; i++) {
      await clock.advance(30_000);
      requests.answered('query');
    }
    expect(calls).toEqual([]);
    const lastAnswer = clock.realNow();
    await clock.advance(60_000);
    expect(calls).toEqual([lastAnswer + 60_000]);
    heartbeat.stop();
  });

  it('an org that does not answer the heartbeat is unreachable; it is asked again one interval later', async () => {
    let up = false;
    const { clock, requests, calls, heartbeat } = setUp({ answers: () => up });
    heartbeat.start();
    await clock.advance(60_000);
    expect(requests.state).toMatchObject({ reachable: false, problem: expect.stringContaining('GET /services/data') });
    up = true;
    await clock.advance(60_000);
    expect(calls).toHaveLength(2);
    expect(requests.state).toEqual({ reachable: true });
    heartbeat.stop();
  });

  it('makes no call while the API reserve is reached', async () => {
    const { clock, calls, heartbeat, pause } = setUp();
    pause(true);
    heartbeat.start();
    await clock.advance(10 * 60_000);
    expect(calls).toEqual([]);
    pause(false);
    await clock.advance(60_000);
    expect(calls).toHaveLength(1);
    heartbeat.stop();
  });

  it('0 turns it off; stop ends it', async () => {
    const off = setUp({ heartbeatMs: 0 });
    off.heartbeat.start();
    await off.clock.advance(10 * 60_000);
    expect(off.calls).toEqual([]);
    const on = setUp();
    on.heartbeat.start();
    await on.clock.advance(60_000);
    on.heartbeat.stop();
    await on.clock.advance(10 * 60_000);
    expect(on.calls).toHaveLength(1);
  });
});
