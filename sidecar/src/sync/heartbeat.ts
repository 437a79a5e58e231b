/**
 * The idle heartbeat. `/readyz` learns that the org is down or hung from the sidecar's own
 * requests (see ../salesforce/deadlines), and an idle sidecar makes none. So when the org has
 * answered nothing for `heartbeatMs` (STANCE_HEARTBEAT_S, default 60 s; 0 turns it off), one cheap
 * call goes out: the API version's resource list (`SalesforceOrg.refreshUsage`, which also
 * refreshes the usage figures the API reserve reads). It goes through the same deadlines as every
 * request, so an org that does not answer it turns `org-unreachable`, and one that answers again
 * clears it. At most one call per interval (86,400 / 60 = 1,440 a day with the default), none
 * while the sidecar is busy (any answer puts the next heartbeat off), and none while the API
 * reserve is reached (its own probe reads the usage then, see ./allowance).
 */
import type { Timer } from './clock';
import type { SyncContext } from './context';

export const DEFAULT_HEARTBEAT_MS = 60_000;

export class Heartbeat {
  /** Real time of the latest answer of the org, or of the latest heartbeat sent. */
  private lastActivity: number;
  private timer: Timer | null = null;
  private beating = false;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: SyncContext,
    /** True while the API reserve is reached: no heartbeat then. */
    private readonly paused: () => boolean,
  ) {
    this.lastActivity = ctx.clock.realNow();
    this.unsubscribe = ctx.org.requests.onAnswer(() => (this.lastActivity = ctx.clock.realNow()));
  }

  private get intervalMs(): number {
    return this.ctx.options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  }

  start(): void {
    if (this.intervalMs <= 0 || this.stopped) return;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    this.unsubscribe();
  }

  /** Wakes up when the org will have been quiet for a whole interval, as things stand. */
  private arm(): void {
    const due = this.lastActivity + this.intervalMs - this.ctx.clock.realNow();
    this.timer = this.ctx.clock.delay(() => void this.tick(), Math.max(0, due));
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    const quietFor = this.ctx.clock.realNow() - this.lastActivity;
    if (quietFor >= this.intervalMs && !this.beating && !this.paused()) {
      this.beating = true;
      this.lastActivity = this.ctx.clock.realNow();
      this.ctx.metrics.heartbeats++;
      try {
        await this.ctx.org.refreshUsage();
      } catch (error) {
        // The deadlines already told readiness; the next heartbeat asks again.
        this.ctx.log.debug({ error: (error as Error).message }, 'heartbeat: the org did not answer');
      } finally {
        this.beating = false;
      }
    } else if (quietFor >= this.intervalMs) {
      // Reserve reached (or a heartbeat still out): look again one interval later.
      this.lastActivity = this.ctx.clock.realNow();
    }
    if (!this.stopped) this.arm();
  }
}
