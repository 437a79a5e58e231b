/**
 * The mirror's schema, as numbered migrations applied in order and counted in PRAGMA
 * user_version. Migration 1 is the schema the first sidecars created without counting (their
 * files say user_version 0 and already hold the tables): IF NOT EXISTS lets it adopt them as they are.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS records (object TEXT NOT NULL, id TEXT NOT NULL, account_id TEXT, data TEXT NOT NULL, PRIMARY KEY (object, id));
  CREATE INDEX IF NOT EXISTS records_account ON records (object, account_id);
  CREATE TABLE IF NOT EXISTS detections (contact_id TEXT NOT NULL, account_id TEXT NOT NULL, change TEXT NOT NULL, at TEXT NOT NULL, name TEXT, title TEXT, previous_title TEXT, persisted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (contact_id, change, at));
  CREATE TABLE IF NOT EXISTS outbox (account_id TEXT PRIMARY KEY, since TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS failures (account_id TEXT PRIMARY KEY, error_code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL, attempts INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS watermarks (object TEXT PRIMARY KEY, stamp TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS replay_ids (channel TEXT PRIMARY KEY, replay_id INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS written (account_id TEXT PRIMARY KEY, hash TEXT NOT NULL, stance TEXT NOT NULL, at_risk INTEGER NOT NULL, written_at TEXT NOT NULL);
  `,
  // 2: drift repair (the org's Stance values someone else set, repairs per account per day) and
  // retry back-off that outlives a restart.
  `
  CREATE TABLE org_stance (account_id TEXT PRIMARY KEY, fields TEXT NOT NULL, seen_at TEXT NOT NULL);
  CREATE TABLE drift_repairs (account_id TEXT PRIMARY KEY, day TEXT NOT NULL, repairs INTEGER NOT NULL, noticed INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE retries (account_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL, next_at TEXT NOT NULL);
  `,
  // 3: writes sent without an answer yet (in flight), so a restart after kill -9 asks the org
  // whether they landed instead of taking the last recorded stance as the previous one.
  `
  CREATE TABLE in_flight (account_id TEXT PRIMARY KEY, hash TEXT NOT NULL, stance TEXT NOT NULL, at_risk INTEGER NOT NULL, fields TEXT NOT NULL, change TEXT, computed_at TEXT NOT NULL);
  `,
  // 4: owners' notices kept until sent: planned with the write (in flight), queued in the same
  // transaction that records the write answered, forgotten once the org took them, so a kill
  // between the write and the notification leaves the notice to send at the restart.
  `
  ALTER TABLE in_flight ADD COLUMN notice TEXT;
  CREATE TABLE owner_notices (account_id TEXT NOT NULL, computed_at TEXT NOT NULL, notice TEXT NOT NULL, PRIMARY KEY (account_id, computed_at));
  `,
  // 5: an account's children found by their index and already in id order: on (object,
  // account_id) alone SQLite preferred the primary key to serve ORDER BY id and read every record
  // of the object for each account (the initial load quadratic, each change costing what the org
  // holds). The old index is a prefix of the new one. Detections not yet persisted are read on
  // every flush: a partial index holds only those, where the table keeps every one ever seen.
  `
  CREATE INDEX records_by_account ON records (object, account_id, id);
  DROP INDEX IF EXISTS records_account;
  CREATE INDEX detections_pending ON detections (at, contact_id) WHERE persisted = 0;
  `,
  // 6: when each account next needs a look with no event (an override expiring, a signal ageing
  // out), on disk: held in memory it was a map of nearly every account, scanned whole at each
  // timer, and lost at a restart. The earliest is found by the index, the due ones a page at a time.
  `
  CREATE TABLE reevaluations (account_id TEXT PRIMARY KEY, due_at INTEGER NOT NULL);
  CREATE INDEX reevaluations_due ON reevaluations (due_at, account_id);
  `,
  // 7: the portfolio's daily jobs (the last day each ran: snapshots, digest) and the managers each
  // day's digest went to, so a restart sends a manager at most one digest a day (store/portfolio.ts).
  `
  CREATE TABLE portfolio_days (job TEXT PRIMARY KEY, day TEXT NOT NULL, at TEXT NOT NULL, summary TEXT NOT NULL);
  CREATE TABLE digests_sent (day TEXT NOT NULL, manager_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (day, manager_id));
  `,
];

/** Brings a database up to the latest schema, each migration in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new Error(
      `the mirror file has schema version ${version}, newer than this sidecar knows (${migrations.length}): ` +
        'run the newer sidecar, or delete the file (the org is the system of record)',
    );
  }
  for (let next = version; next < migrations.length; next++) {
    db.transaction(() => {
      db.exec(migrations[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}
