/**
 * The org's daily API allowance is shared with its other integrations: the sidecar keeps a share
 * of it for them (`STANCE_API_RESERVE_PCT`, default 20). Every answer carries the day's usage
 * (Sforce-Limit-Info, read by SalesforceOrg.apiUsage); once what is left falls below the reserve
 * the sidecar stops spending: no writes, no catch-up reads (change events still arrive, on the
 * streaming allowance, and the accounts they touch wait in the outbox on disk), the readiness
 * reason `api-reserve` is set, and the admins are told once. One cheap call every probe interval
 * reads the usage again; when the allowance is back (the daily reset, or a raised limit) it
 * resumes: the objects whose catch-up was put off are read and the outbox drains.
 *
 * The allowance can also be gone before any answer showed the usage near the reserve (the org's
 * other integrations spent it in a burst): the org then refuses every call with
 * REQUEST_LIMIT_EXCEEDED and no usage figures. That refusal is the reserve reached at once: the
 * same pause, with a detail that says the org refused for its daily limit; the admins are told
 * once the allowance is back (no notification can go out before), and the probe, refused as
 * well meanwhile, resumes at its first answer above the reserve.
 *
 * The reserve gates the org adapter itself (SalesforceOrg.gateSpending): while it is reached no
 * call that spends goes out, whoever asks; each part defers its work to the resume (owed
 * catch-ups, the outbox, pending detections, the initial load waiting in whenMaySpend).
 */
import { isDailyLimit } from '../salesforce/org';
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
  /** Since when the org refuses calls for its daily limit (REQUEST_LIMIT_EXCEEDED), while it does. */
  private refusedSince: string | null = null;
  /** The admins are to be told of the refusal once the allowance is back (not when already told of the reserve). */
  private refusalUntold = false;
  /** Waiting for the allowance to return (the initial load). */
  private waiters: Array<() => void> = [];

  constructor(
    private readonly ctx: SyncContext,
    private readonly notices: Notices,
    /** The allowance is back: catch up what was put off and drain the outbox. */
    private readonly resume: () => Promise<void>,
  ) {
    ctx.org.gateSpending(() => this.maySpend());
    ctx.org.onDailyLimit((message) => this.refused(message));
  }

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

  /** Resolves at once when spending is allowed, else when the allowance returns. */
  whenMaySpend(): Promise<void> {
    if (this.maySpend()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * The org refused a call for its daily limit: the allowance is spent, whatever the last usage
   * figures said. The reserve counts as reached at once.
   */
  private refused(message: string): void {
    if (this.refusedSince !== null) return;
    this.refusedSince = this.ctx.nowIso();
    this.refusalUntold = !this.paused;
    this.ctx.health.fail(API_RESERVE, this.refusalDetail());
    this.ctx.log.warn(
      { error: message, lastUsage: this.ctx.org.apiUsage },
      'the org refused a call for its daily API limit (REQUEST_LIMIT_EXCEEDED): no writes or reads until the allowance returns; events wait in the outbox',
    );
    this.paused = true;
    this.scheduleProbe();
  }

  private refusalDetail(): string {
    return `the org refused calls for its daily API limit (REQUEST_LIMIT_EXCEEDED) since ${this.refusedSince}: its API allowance is spent for today`;
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
    let answered = false;
    try {
      this.ctx.metrics.apiReserveProbes++;
      await this.ctx.org.refreshUsage();
      answered = true;
    } catch (error) {
      // A spent allowance refuses even this call (REQUEST_LIMIT_EXCEEDED): probe again later.
      if (isDailyLimit(error)) this.refused((error as Error).message);
      this.ctx.log.debug({ error: (error as Error).message }, 'API reserve probe refused');
    } finally {
      this.probing = false;
    }
    const refusedSince = answered ? this.refusedSince : null;
    if (answered) this.refusedSince = null;
    const usage = this.ctx.org.apiUsage;
    if (this.refusedSince !== null || !usage || withinReserve(usage, this.pct)) {
      if (usage && this.refusedSince === null) this.ctx.health.fail(API_RESERVE, this.detail(usage));
      this.scheduleProbe();
      return;
    }
    this.paused = false;
    this.ctx.health.clear(API_RESERVE);
    this.ctx.log.info(
      { used: usage.used, limit: usage.limit },
      'the API allowance is back above the reserve: resuming',
    );
    // Told now: while the org refused every call, no notification could go out.
    if (refusedSince !== null && this.refusalUntold)
      void this.notices.apiAllowanceSpent(refusedSince, this.ctx.nowIso());
    this.refusalUntold = false;
    for (const waiter of this.waiters.splice(0)) waiter();
    await this.resume().catch((error: unknown) => this.ctx.fail('resuming after the API reserve failed', error));
  }
}
