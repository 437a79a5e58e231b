/**
 * A catch-up by SystemModstamp that failed (the org not answering on that path, a 5xx, a
 * deadline) is tried again with back-off (2 s, 4 s, ... up to 5 minutes), per object, instead of
 * waiting for the hourly reconciliation: its channel stays held meanwhile, so nothing after the
 * failed event is committed. A success forgets the count.
 */
import type { MirroredObject } from '../store/mirror';
import { backoffMs } from './context';
import type { SyncContext } from './context';

export class CatchUpRetry {
  private readonly attempts = new Map<MirroredObject, number>();
  private readonly scheduled = new Set<MirroredObject>();

  constructor(
    private readonly ctx: SyncContext,
    private readonly catchUp: (object: MirroredObject) => Promise<void>,
    private readonly running: () => boolean,
  ) {}

  /** The catch-up of `object` failed: counted, logged once per attempt, tried again after the back-off. */
  failed(object: MirroredObject, error: unknown): void {
    const attempt = this.attempts.get(object) ?? 0;
    this.attempts.set(object, attempt + 1);
    this.ctx.metrics.catchUpRetries++;
    const waitMs = backoffMs(attempt);
    this.ctx.fail(`catching up ${object} failed; trying again in ${Math.round(waitMs / 1000)} s`, error);
    if (this.scheduled.has(object)) return;
    this.scheduled.add(object);
    this.ctx.later(waitMs, () => {
      if (!this.running()) return void this.scheduled.delete(object);
      // Still counted as waiting while the attempt runs, so "quiet" is not read in between.
      this.catchUp(object).then(
        () => this.scheduled.delete(object),
        (again: unknown) => {
          this.scheduled.delete(object);
          this.failed(object, again);
        },
      );
    });
  }

  succeeded(object: MirroredObject): void {
    this.attempts.delete(object);
  }

  /** Objects whose catch-up is waiting for its next attempt. */
  get waiting(): number {
    return this.scheduled.size;
  }
}
