/**
 * Time, injected: the sidecar reads the time and sets its re-evaluation timers through a Clock,
 * so a test can move the time forward and watch an override expire with no event. Pacing
 * (coalescing, retries, polling) and latencies run on real time, also through the Clock, so a
 * clock moved by hand changes what stances say, not how often the sidecar works.
 */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** The time stances are computed for. */
  now(): number;
  /** Calls fn once, ms from now (as now() moves). */
  setTimer(fn: () => void, ms: number): Timer;
  /** Real time, for latencies: when an event was committed is real, whatever now() says. */
  realNow(): number;
  /** Calls fn once after ms of real time. */
  delay(fn: () => void, ms: number): Timer;
  /** Calls fn every ms of real time. */
  repeat(fn: () => void, ms: number): Timer;
}

/** The real-time half of a Clock, for clocks whose now() a test moves by hand. */
export const realTime: Pick<Clock, 'realNow' | 'delay' | 'repeat'> = {
  realNow: () => Date.now(),
  delay(fn, ms) {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
  repeat(fn, ms) {
    const handle = setInterval(fn, ms);
    handle.unref();
    return { cancel: () => clearInterval(handle) };
  },
};

/** setTimeout holds at most ~24.8 days; longer waits re-arm. */
const MAX_DELAY = 2 ** 31 - 1;

export const systemClock: Clock = {
  ...realTime,
  now: () => Date.now(),
  setTimer(fn, ms) {
    let handle: NodeJS.Timeout;
    const due = Date.now() + ms;
    const arm = () => {
      const wait = due - Date.now();
      handle = setTimeout(wait > MAX_DELAY ? arm : fn, Math.max(0, Math.min(wait, MAX_DELAY)));
      handle.unref();
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};

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
