/**
 * The seeding fast path (`--seed population`): many rows of one object through two prepared
 * INSERTs, reused (one of BATCH_ROWS rows, one row for the rest at `flush`), inside the caller's
 * transactions; ids taken from their sequence a block at a
 * time, so they come in order. Column names are checked against the schema once, when the insert
 * is made; the values are the stored (SQL) form and are not converted row by row. Like insertRaw,
 * it bypasses API rules and records no change events.
 */
import type Database from 'better-sqlite3';
import { availableParallelism, loadavg } from 'node:os';
import { invalidField } from '../errors';
import type { Store } from './store';
import { createTables, quote, storedFields, tableOf } from './tables';
import type { SqlValue } from './values';

/** What every stored row carries; a bulk insert without one of these would store records the API cannot read. */
const AUDIT_COLUMNS = ['Id', 'IsDeleted', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'CreatedById'];

/** Rows per multi-row INSERT: fewer calls into SQLite and fewer statement runs per row, within SQLite's 32,766 parameters. */
const BATCH_ROWS = 64;

export class BulkInsert {
  /** One row per run, for what is left when the caller flushes. */
  private readonly single: Database.Statement;
  /** BATCH_ROWS rows per run. */
  private readonly batch: Database.Statement;
  /** The values of the rows not yet inserted, row after row. */
  private readonly pending: SqlValue[];
  private filled = 0;
  /** Rows inserted so far. */
  count = 0;

  constructor(
    store: Store,
    readonly objectName: string,
    readonly columns: readonly string[],
  ) {
    const object = store.object(objectName);
    if (object.platformEvent) throw new Error(`${object.name} is a platform event: it has no records to load`);
    const stored = new Set(storedFields(object).map((field) => field.name));
    for (const column of columns) {
      if (!stored.has(column))
        throw invalidField(`No such column '${column}' on sobject of type ${object.name} (bulk insert)`, [column]);
    }
    const missing = AUDIT_COLUMNS.filter((column) => !columns.includes(column));
    if (missing.length > 0) throw new Error(`a bulk insert of ${object.name} needs the columns ${missing.join(', ')}`);
    const into = `INSERT INTO ${quote(tableOf(object))} (${columns.map(quote).join(', ')}) VALUES `;
    const row = `(${columns.map(() => '?').join(', ')})`;
    this.single = store.db.prepare(into + row);
    this.batch = store.db.prepare(into + Array.from({ length: BATCH_ROWS }, () => row).join(', '));
    this.pending = new Array<SqlValue>(BATCH_ROWS * columns.length);
  }

  /**
   * Inserts one row (its values in the order of `columns`), with the next ones in a batch: the
   * rows are in the table, in the order added, once `flush` has run, which the caller does before
   * its transaction ends.
   */
  add(values: readonly SqlValue[]): void {
    if (values.length !== this.columns.length)
      throw new Error(
        `a bulk insert of ${this.objectName} got ${values.length} values for ${this.columns.length} columns`,
      );
    this.take(values, 0);
  }

  /** `add` with the values as arguments (a RowSink). */
  push(...values: SqlValue[]): void {
    this.add(values);
  }

  /** Inserts rows given one after the other in one array, as `add` does each. */
  addRows(values: readonly SqlValue[]): void {
    const width = this.columns.length;
    if (values.length % width !== 0)
      throw new Error(
        `a bulk insert of ${this.objectName} got ${values.length} values: not a whole number of rows of ${width} columns`,
      );
    for (let offset = 0; offset < values.length; offset += width) this.take(values, offset);
  }

  private take(values: readonly SqlValue[], offset: number): void {
    const width = this.columns.length;
    const pending = this.pending;
    let at = this.filled * width;
    for (let i = offset; i < offset + width; i++) pending[at++] = values[i]!;
    this.count++;
    if (++this.filled === BATCH_ROWS) {
      this.batch.run(pending);
      this.filled = 0;
    }
  }

  /** Inserts the rows added since the last batch. */
  flush(): void {
    const width = this.columns.length;
    for (let row = 0; row < this.filled; row++) this.single.run(this.pending.slice(row * width, (row + 1) * width));
    this.filled = 0;
  }
}

/**
 * Whether a core is free for a helper thread: more than one, and the last minute's load average
 * leaves one idle. A helper adds CPU (work handed over, threads synchronised) to take it off the
 * loading thread, which pays only when it runs beside it rather than in its place.
 */
export function coreFree(): boolean {
  const cores = availableParallelism();
  return cores > 1 && loadavg()[0]! <= cores - 1;
}

/** Takes `count` numbers of a sequence (a key prefix, an auto-number) at once; returns the first. */
export function reserveNumbers(store: Store, key: string, count: number): number {
  const row = store.db
    .prepare(
      `INSERT INTO _sequence (prefix, n) VALUES (?, ?) ON CONFLICT(prefix) DO UPDATE SET n = n + excluded.n RETURNING n`,
    )
    .get(key, count) as { n: number };
  return row.n - count + 1;
}

/**
 * Runs a load with the database set for it: the lookup indexes of the loaded tables dropped and
 * built again at the end (one sort each instead of a b-tree insert per row), and for a file
 * database the rollback journal in memory and no fsync until the load is done (a crash mid-load
 * leaves a database to delete, as any half-seeded one would be). Every index, the journal mode
 * and the sync level are back when it returns or throws.
 */
export function bulkLoad<T>(store: Store, objectNames: readonly string[], work: () => T): T {
  const db = store.db;
  const file = db.name !== ':memory:' && db.name !== '';
  const tables = objectNames.map((name) => tableOf(store.object(name)));
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables) as Array<{ name: string; sql: string }>;
  for (const { name } of indexes) db.exec(`DROP INDEX ${quote(name)}`);
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  if (file) {
    // Out of WAL (each page would be written twice, to the log and back), to a journal in memory:
    // better-sqlite3's defensive mode refuses journal_mode = OFF, and WAL changes only to DELETE.
    if (journal === 'wal') db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
  }
  // A 256 MB page cache while loading: at 300k accounts 5% less CPU and half the system time.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  // The indexes are built by sorting: SQLite's sorter may use helper threads when a core is free.
  const threads = db.pragma('threads', { simple: true }) as number;
  if (coreFree()) db.pragma(`threads = ${availableParallelism()}`);
  try {
    return work();
  } finally {
    createTables(db, store.schema);
    db.pragma(`threads = ${threads}`);
    db.pragma(`cache_size = ${cacheSize}`);
    // An index made elsewhere than createTables comes back as it was made.
    const present = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`);
    for (const { name, sql } of indexes) if (!present.get(name)) db.exec(sql);
    if (file) {
      db.pragma(`journal_mode = ${journal}`);
      db.pragma(`synchronous = ${synchronous}`);
    }
  }
}
