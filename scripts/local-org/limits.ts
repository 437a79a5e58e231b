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

  /** Counts one call, or refuses it with REQUEST_LIMIT_EXCEEDED once the allowance is spent. */
  count(): { used: number; limit: number } {
    if (this.used >= this.limit) {
      throw new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', `TotalRequests Limit exceeded.`);
    }
    this.db
      .prepare(`INSERT INTO _api_usage (day, used) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET used = used + 1`)
      .run(this.day());
    return { used: this.used, limit: this.limit };
  }

  reset(): void {
    this.db.prepare(`DELETE FROM _api_usage`).run();
  }
}
