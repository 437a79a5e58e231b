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
