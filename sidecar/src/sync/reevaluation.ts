/** When each account next needs a look with no event (an override expiring, a signal ageing out). */
import type { Clock, Timer } from './clock';

/**
 * One timer for the earliest re-evaluation among many accounts: re-arming a timer per account
 * would hold thousands of handles for moments mostly days away.
 */
export class ReevaluationSchedule {
  private readonly due = new Map<string, number>();
  private timer: Timer | null = null;
  private armedFor = Infinity;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (accountIds: string[]) => void,
  ) {}

  /** Sets (or clears, with Infinity) when an account needs its next look. */
  set(accountId: string, at: number): void {
    if (at === Infinity) this.due.delete(accountId);
    else this.due.set(accountId, at);
    // armedFor never exceeds the earliest due time, so an earlier one is the new earliest: no scan.
    if (at < this.armedFor) this.arm(at);
  }

  delete(accountId: string): void {
    this.due.delete(accountId);
  }

  get size(): number {
    return this.due.size;
  }

  /** The earliest pending re-evaluation, or null. */
  get next(): number | null {
    let earliest = Infinity;
    for (const at of this.due.values()) if (at < earliest) earliest = at;
    return earliest === Infinity ? null : earliest;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    this.armedFor = Infinity;
  }

  private arm(next: number | null = this.next): void {
    if (this.stopped) return;
    this.timer?.cancel();
    if (next === null) {
      this.timer = null;
      this.armedFor = Infinity;
      return;
    }
    this.armedFor = next;
    this.timer = this.clock.setTimer(() => this.fire(), Math.max(0, next - this.clock.now()));
  }

  private fire(): void {
    const now = this.clock.now();
    const ready: string[] = [];
    for (const [accountId, at] of this.due) {
      if (at <= now) {
        ready.push(accountId);
        this.due.delete(accountId);
      }
    }
    this.armedFor = Infinity;
    this.arm();
    if (ready.length > 0) this.onDue(ready);
  }
}
