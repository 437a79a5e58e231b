/**
 * Why the sidecar is not ready, by name: each part that notices a problem (the org not answering,
 * a full disk, the API reserve reached, the outbox not draining) sets its reason and clears it on
 * recovery. `/readyz` and `/status` read them; the names are stable so monitors can match them.
 */
import type { Clock } from './clock';

export interface NotReadyReason {
  /** A stable name: `org-unreachable`, `disk-full`, `api-reserve`, `outbox-stalled`, ... */
  readonly reason: string;
  /** One sentence for people, without record data. */
  readonly detail: string;
  /** ISO time the reason was first set. */
  readonly since: string;
}

export class Health {
  private readonly reasons = new Map<string, NotReadyReason>();

  constructor(private readonly clock: Clock) {}

  /** Sets (or updates the detail of) a reason; its `since` stays the first time it was set. */
  fail(reason: string, detail: string): void {
    const since = this.reasons.get(reason)?.since ?? new Date(this.clock.now()).toISOString();
    this.reasons.set(reason, { reason, detail, since });
  }

  clear(reason: string): void {
    this.reasons.delete(reason);
  }

  has(reason: string): boolean {
    return this.reasons.has(reason);
  }

  get notReady(): readonly NotReadyReason[] {
    return [...this.reasons.values()];
  }
}
