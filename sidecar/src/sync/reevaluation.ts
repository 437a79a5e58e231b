/** When each account next needs a look with no event (an override expiring, a signal ageing out). */
import type { Reevaluations } from '../store/reevaluations';
import type { Clock, Timer } from './clock';
import { nextTurn } from './turns';

/** After a failed firing (a full disk, say), the due accounts are tried again this much later. */
export const REFIRE_MS = 2_000;

/**
 * One timer for the earliest re-evaluation among many accounts: re-arming a timer per account
 * would hold thousands of handles for moments mostly days away. The due times are in the mirror
 * (store/reevaluations.ts), not in memory: the earliest is found by their index, the due ones are
 * handed on a page at a time, and a restart keeps them.
 */
export class ReevaluationSchedule {
  private timer: Timer | null = null;
  private armedFor = Infinity;
  private stopped = false;
  private firing: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly store: Reevaluations,
    /**
     * A page of due accounts, inside the transaction that forgets them (so it must not await): a
     * throw leaves them due, tried again REFIRE_MS later.
     */
    private readonly onDue: (accountIds: string[]) => void,
    private readonly pageSize: number,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  /** Arms the timer for the earliest due time kept in the mirror (from before a restart, say). */
  start(): void {
    this.arm();
  }

  /** Sets (or clears, with Infinity) when an account needs its next look. */
  set(accountId: string, at: number): void {
    this.store.set(accountId, at);
    // armedFor never exceeds the earliest due time, so an earlier one is the new earliest: no scan.
    if (at < this.armedFor) this.arm(at);
  }

  delete(accountId: string): void {
    this.store.forget(accountId);
  }

  /** The earliest pending re-evaluation, or null. */
  get next(): number | null {
    return this.store.earliest();
  }

  /** Resolves when the due accounts being handed on (if any) are all handed on. */
  get idle(): Promise<void> {
    return this.firing;
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

  /** A turn of the event loop between two pages; after stop, the rest stays due (for the next start). */
  private async goOn(): Promise<boolean> {
    await nextTurn();
    return !this.stopped;
  }

  private fire(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = this.clock.now();
    this.firing = this.firing
      .then(() => this.store.takeDue(now, this.pageSize, this.onDue, () => this.goOn()))
      .then(
        () => this.arm(),
        (error: unknown) => {
          this.onFailure(error);
          // The due ones are still due: not at once again (a full disk would spin), but a little later.
          this.arm(this.clock.now() + REFIRE_MS);
        },
      );
  }
}
