/** The daily API allowance: every REST call counts, as in an org; the count is kept with the data. */
import type Database from 'better-sqlite3';
import { ApiError } from './errors';

export class ApiAccounting {
  constructor(
    private readonly db: Database.Database,
    public limit: number,
    private readonly clock: () => number = Date.now,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS _api_usage (day TEXT PRIMARY KEY, used INTEGER NOT NULL)`);
  }

  private day(): string {
    return new Date(this.clock()).toISOString().slice(0, 10);
  }

  get used(): number {
    const row = this.db.prepare(`SELECT used FROM _api_usage WHERE day = ?`).get(this.day()) as
      { used: number } | undefined;
    return row?.used ?? 0;
  }

  /** Counts one call, or refuses it with REQUEST_LIMIT_EXCEEDED once the allowance is spent. Usage is read once per call (the write answers the new count): this runs on every call. */
  count(): { used: number; limit: number } {
    const used = this.used;
    if (used >= this.limit) {
      throw new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', `TotalRequests Limit exceeded.`);
    }
    const counted = this.db
      .prepare(
        `INSERT INTO _api_usage (day, used) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET used = used + 1 RETURNING used`,
      )
      .get(this.day()) as { used: number };
    return { used: counted.used, limit: this.limit };
  }

  reset(): void {
    this.db.prepare(`DELETE FROM _api_usage`).run();
  }
}

/**
 * The event delivery allowance: change events and high-volume platform events delivered to API
 * subscribers (CometD here), counted per client per event over a rolling 24 hours, as Salesforce
 * counts them (`DailyDeliveredPlatformEvents` in /limits). Past it, Salesforce answers
 * `/meta/connect` with `403::Organization total events daily limit exceeded` and delivers nothing;
 * the events are still stored and can be replayed within retention once the allowance returns.
 */
export class EventDeliveries {
  constructor(
    private readonly db: Database.Database,
    public limit: number,
    private readonly clock: () => number = Date.now,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS _event_deliveries (hour INTEGER PRIMARY KEY, delivered INTEGER NOT NULL)`);
  }

  private hour(): number {
    return Math.floor(this.clock() / 3_600_000);
  }

  /** Deliveries in the last 24 hours (by the hour). */
  get used(): number {
    const row = this.db
      .prepare(`SELECT COALESCE(SUM(delivered), 0) AS used FROM _event_deliveries WHERE hour > ?`)
      .get(this.hour() - 24) as { used: number };
    return row.used;
  }

  get exhausted(): boolean {
    return this.used >= this.limit;
  }

  /** Counts one delivery; false (nothing counted) once the allowance is spent. */
  take(): boolean {
    if (this.exhausted) return false;
    this.db
      .prepare(
        `INSERT INTO _event_deliveries (hour, delivered) VALUES (?, 1) ON CONFLICT(hour) DO UPDATE SET delivered = delivered + 1`,
      )
      .run(this.hour());
    return true;
  }
}
