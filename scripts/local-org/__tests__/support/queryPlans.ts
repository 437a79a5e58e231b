/** What SQLite plans for a statement the local org runs, for tests that require index-served plans. */
import type Database from 'better-sqlite3';

/** The plan SQLite makes for a statement: its parameters bound to null (plans do not depend on values without ANALYZE). */
export function planOf(db: Database.Database, sql: string): string[] {
  const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const named = [...new Set(sql.match(/@\w+/g) ?? [])];
  const rows = (
    named.length > 0
      ? explain.all(Object.fromEntries(named.map((name) => [name.slice(1), null])))
      : explain.all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null))
  ) as Array<{ detail: string }>;
  return rows.map((row) => row.detail);
}
