/**
 * The org's daily API allowance is shared with its other integrations: the sidecar keeps a share
 * of it for them (`STANCE_API_RESERVE_PCT`, default 20). Every answer carries the day's usage
 * (Sforce-Limit-Info, read by SalesforceOrg.apiUsage); once what is left falls below the reserve
 * the sidecar stops spending: no writes, no catch-up reads (change events still arrive, on the
 * streaming allowance, and the accounts they touch wait in the outbox on disk), the readiness
 * reason `api-reserve` is set, and the admins are told once. One cheap call every probe interval
 * reads the usage again; when the allowance is back (the daily reset, or a raised limit) it
 * resumes: the objects whose catch-up was put off are read and the outbox drains.
 */
import type { ApiUsage } from '../salesforce/org';
import type { SyncContext } from './context';
import type { Notices } from './notices';

export const API_RESERVE = 'api-reserve';
export const DEFAULT_API_RESERVE_PCT = 20;
export const DEFAULT_API_RESERVE_PROBE_MS = 5 * 60_000;

/** True when what is left of the day's allowance is below `pct` percent of it. */
export function withinReserve(usage: ApiUsage | null, pct: number): boolean {
  if (!usage || usage.limit <= 0 || pct <= 0) return false;
  return usage.limit - usage.used < (usage.limit * pct) / 100;
}

export class ApiReserve {
  private paused = false;
  private probeScheduled = false;
  private probing = false;

  constructor(
    private readonly ctx: SyncContext,
    private readonly notices: Notices,
    /** The allowance is back: catch up what was put off and drain the outbox. */
    private readonly resume: () => Promise<void>,
  ) {}

  private get pct(): number {
    return this.ctx.options.apiReservePct ?? DEFAULT_API_RESERVE_PCT;
  }

  get reached(): boolean {
    return this.paused;
  }

  /**
   * Whether the sidecar may spend API calls now, from the usage of the latest answer. Reaching the
   * reserve pauses the spending: said in /readyz, the log and to the admins, and probed.
   */
  maySpend(): boolean {
    if (this.paused) return false;
    const usage = this.ctx.org.apiUsage;
    if (!withinReserve(usage, this.pct)) return true;
    this.paused = true;
    this.ctx.health.fail(API_RESERVE, this.detail(usage!));
    this.ctx.log.warn(
      { used: usage!.used, limit: usage!.limit, reservePct: this.pct },
      'the API reserve is reached: no writes or catch-up reads until the allowance returns; events wait in the outbox',
    );
    void this.notices.apiReserveReached(usage!, this.pct);
    this.scheduleProbe();
    return false;
  }

  private detail(usage: ApiUsage): string {
    return `${usage.limit - usage.used} of ${usage.limit} API calls left today, below the ${this.pct}% kept for the org's other integrations`;
  }

  private scheduleProbe(): void {
    if (this.probeScheduled) return;
    this.probeScheduled = true;
    this.ctx.later(this.ctx.options.apiReserveProbeMs ?? DEFAULT_API_RESERVE_PROBE_MS, () => {
      this.probeScheduled = false;
      void this.probeOnce();
    });
  }

  /** One cheap call for the usage figures; resumes when the allowance is back. */
  private async probeOnce(): Promise<void> {
    if (this.probing || !this.paused) return;
    this.probing = true;
    try {
      this.ctx.metrics.apiReserveProbes++;
      await this.ctx.org.refreshUsage();
    } catch (error) {
      // A spent allowance refuses even this call (REQUEST_LIMIT_EXCEEDED): probe again later.
      this.ctx.log.debug({ error: (error as Error).message }, 'API reserve probe refused');
    } finally {
      this.probing = false;
    }
    const usage = this.ctx.org.apiUsage;
    if (withinReserve(usage, this.pct) || !usage) {
      if (usage) this.ctx.health.fail(API_RESERVE, this.detail(usage));
      this.scheduleProbe();
      return;
    }
    this.paused = false;
    this.ctx.health.clear(API_RESERVE);
    this.ctx.log.info(
      { used: usage.used, limit: usage.limit },
      'the API allowance is back above the reserve: resuming',
    );
    await this.resume().catch((error: unknown) => this.ctx.fail('resuming after the API reserve failed', error));
  }
}
