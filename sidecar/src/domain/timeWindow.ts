/** The lookback window of one classification, and the earliest future moment some fact changes by itself. */
export class TimeWindow {
  nextChangeAt = Infinity;
  private readonly start: number;

  constructor(
    private readonly now: number,
    private readonly lookbackMs: number,
  ) {
    this.start = now - lookbackMs;
  }

  /** Whether an instant is inside the lookback; remembers when it will leave it. */
  counts(at: number): boolean {
    if (!(at > this.start)) return false;
    this.later(at + this.lookbackMs);
    return true;
  }

  later(at: number): void {
    if (at > this.now && at < this.nextChangeAt) this.nextChangeAt = at;
  }
}
