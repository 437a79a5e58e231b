/**
 * What the portfolio's daily jobs remember in STANCE_DB: the last day each job ran (snapshots,
 * digest) with a summary for /status, and which managers each day's digest went to. A manager is
 * claimed before their digest is sent, so a restart, a second run or a retry sends no manager a
 * second digest that day (at most once: a kill between the claim and the send loses that one).
 * Deleting the file forgets it: snapshots are upserts (written again the same), digests may repeat.
 */
import type Database from 'better-sqlite3';
import { prepareAll } from './prepare';

export type PortfolioJob = 'snapshots' | 'digest';

export interface PortfolioDay {
  readonly day: string;
  readonly at: string;
  readonly summary: Readonly<Record<string, unknown>>;
}

/** Every statement, each served by its table's primary key. */
export const PORTFOLIO_SQL = {
  lastDay: `SELECT day, at, summary FROM portfolio_days WHERE job = ?`,
  saveDay: `INSERT INTO portfolio_days (job, day, at, summary) VALUES (?, ?, ?, ?) ON CONFLICT (job) DO UPDATE SET day = excluded.day, at = excluded.at, summary = excluded.summary`,
  claim: `INSERT INTO digests_sent (day, manager_id, at) VALUES (?, ?, ?) ON CONFLICT (day, manager_id) DO NOTHING`,
  sent: `SELECT manager_id FROM digests_sent WHERE day = ?`,
  forgetBefore: `DELETE FROM digests_sent WHERE day < ?`,
} as const;

export class PortfolioStore {
  private readonly sql;

  constructor(private readonly db: Database.Database) {
    this.sql = prepareAll(db, PORTFOLIO_SQL);
  }

  /** The last day a job ran to the end, or null. */
  lastDay(job: PortfolioJob): PortfolioDay | null {
    const row = this.sql.lastDay.get(job) as { day: string; at: string; summary: string } | undefined;
    return row ? { day: row.day, at: row.at, summary: JSON.parse(row.summary) as Record<string, unknown> } : null;
  }

  saveDay(job: PortfolioJob, day: string, at: string, summary: Readonly<Record<string, unknown>>): void {
    this.sql.saveDay.run(job, day, at, JSON.stringify(summary));
  }

  /**
   * Claims the day's digest for these managers, in one transaction: answers the ones not claimed
   * before (to send now); the others already had theirs. Days before `day` are forgotten.
   */
  claimDigests(day: string, managerIds: readonly string[], at: string): string[] {
    return this.db.transaction(() => {
      this.sql.forgetBefore.run(day);
      return managerIds.filter((managerId) => this.sql.claim.run(day, managerId, at).changes === 1);
    })();
  }

  /** The managers the day's digest went to. */
  digestsSent(day: string): string[] {
    return (this.sql.sent.all(day) as Array<{ manager_id: string }>).map((row) => row.manager_id);
  }
}
