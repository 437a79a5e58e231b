/**
 * Readiness from the org's side: `org-unreachable` while the org does not answer (a request timed
 * out, or requests of one kind failed several times in a row (see ../salesforce/deadlines), or
 * the change stream's connection is down), cleared at the next answer; an idle sidecar learns it
 * from its heartbeat (./heartbeat); `outbox-stalled` when accounts have waited in the outbox for `outboxStallMs`
 * with no write going through while the org answers and no other reason explains it (while it
 * does not answer, `org-unreachable` says why; a full disk or the API reserve say theirs).
 */
import type { Reachability } from '../salesforce/deadlines';
import type { SyncContext } from './context';

export const DEFAULT_OUTBOX_STALL_MS = 120_000;

export class OrgReadiness {
  private requests: string | null = null;
  private stream: string | null = null;
  private outboxSince: number | null = null;
  private drained = -1;

  constructor(
    private readonly ctx: SyncContext,
    private readonly outboxSize: () => number,
  ) {
    this.onRequests(ctx.org.requests.state);
    ctx.org.requests.onChange((state) => this.onRequests(state));
  }

  /** The org answers both requests and the change stream. */
  get answering(): boolean {
    return this.requests === null && this.stream === null;
  }

  streamTransport(up: boolean): void {
    const problem = up ? null : 'the change stream lost its connection to the org';
    if (problem === this.stream) return;
    this.stream = problem;
    this.ctx.log[up ? 'info' : 'warn']({}, up ? 'the change stream is connected again' : problem!);
    this.update();
  }

  /** Run every few seconds: sets or clears `outbox-stalled`. */
  checkOutbox(): void {
    const { health, metrics, clock, options } = this.ctx;
    const stallMs = options.outboxStallMs ?? DEFAULT_OUTBOX_STALL_MS;
    const size = this.outboxSize();
    const drained = metrics.writes + metrics.writesSkippedUnchanged;
    const now = clock.realNow();
    if (size === 0 || drained !== this.drained || this.outboxSince === null) {
      this.drained = drained;
      this.outboxSince = size === 0 ? null : now;
      if (size === 0 || health.has('outbox-stalled')) health.clear('outbox-stalled');
      if (size === 0) return;
    }
    // Another reason (the org not answering, a full disk, the API reserve) already says why.
    const explained = health.notReady.some((item) => item.reason !== 'outbox-stalled');
    if (!explained && this.answering && now - this.outboxSince! >= stallMs) {
      health.fail(
        'outbox-stalled',
        `${size} accounts have waited for a write for more than ${Math.round(stallMs / 1000)} s while the org answers`,
      );
    } else if (explained || !this.answering) {
      health.clear('outbox-stalled');
    }
  }

  private onRequests(state: Reachability): void {
    this.requests = state.reachable ? null : state.problem;
    this.update();
  }

  private update(): void {
    const problem = this.requests ?? this.stream;
    if (problem === null) {
      if (this.ctx.health.has('org-unreachable')) this.ctx.log.info('the org answers again');
      this.ctx.health.clear('org-unreachable');
    } else {
      if (!this.ctx.health.has('org-unreachable')) this.ctx.log.warn({ problem }, 'the org does not answer');
      this.ctx.health.fail('org-unreachable', problem);
    }
  }
}
