/**
 * When each account next needs a look with no event (an override expiring, a signal ageing out),
 * in the mirror file: a row per account with a due time, found by its index (the earliest, and the
 * due ones a page at a time), so what the sidecar holds in memory does not grow with the org and a
 * restart keeps the schedule.
 */
import type Database from 'better-sqlite3';
import { prepareAll } from './prepare';

/**
 * Every statement on the schedule, prepared once each; their plans are checked in
 * __tests__/plans.test.ts (each served by the primary key or the due_at index).
 */
export const REEVALUATION_SQL = {
  /** Unchanged due times are not written again: most classifications leave them as they were. */
  set: `INSERT INTO reevaluations (account_id, due_at) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET due_at = excluded.due_at WHERE due_at <> excluded.due_at`,
  forget: `DELETE FROM reevaluations WHERE account_id = ?`,
  earliest: `SELECT MIN(due_at) FROM reevaluations`,
  /** The due ones, earliest first, a page at a time (keyset on the index, so none is read twice). */
  dueAfter: `SELECT account_id, due_at FROM reevaluations WHERE due_at <= ? AND (due_at, account_id) > (?, ?) ORDER BY due_at, account_id LIMIT ?`,
} as const;

export class Reevaluations {
  private readonly sql;

  constructor(private readonly db: Database.Database) {
    this.sql = prepareAll(db, REEVALUATION_SQL);
  }

  /** Sets when an account is due (ms since the epoch), or forgets it (Infinity: nothing to wait for). */
  set(accountId: string, dueAt: number): void {
    if (dueAt === Infinity) this.sql.forget.run(accountId);
    else this.sql.set.run(accountId, Math.floor(dueAt));
  }

  forget(accountId: string): void {
    this.sql.forget.run(accountId);
  }

  /** The earliest due time, or null when no account waits. */
  earliest(): number | null {
    return (this.sql.earliest.pluck().get() as number | null) ?? null;
  }

  /**
   * The accounts due by `now`, earliest first, `size` at a time: each page is handed to `take`
   * and forgotten in the same transaction (a take that throws, say on a full disk, leaves the page
   * due). Between two pages `between` runs (a turn of the event loop), so what is held is one page;
   * it answers false to stop there (the rest stays due). Answers how many were taken.
   */
  async takeDue(
    now: number,
    size: number,
    take: (accountIds: string[]) => void,
    between: () => Promise<boolean>,
  ): Promise<number> {
    let after: [number, string] = [Number.MIN_SAFE_INTEGER, ''];
    let taken = 0;
    for (;;) {
      const rows = this.sql.dueAfter.all(now, after[0], after[1], size) as Array<{
        account_id: string;
        due_at: number;
      }>;
      if (rows.length === 0) return taken;
      const ids = rows.map((row) => row.account_id);
      this.db.transaction(() => {
        take(ids);
        for (const id of ids) this.sql.forget.run(id);
      })();
      taken += ids.length;
      if (rows.length < size) return taken;
      const last = rows[rows.length - 1]!;
      after = [last.due_at, last.account_id];
      if (!(await between())) return taken;
    }
  }
}
