/**
 * The sidecar's SQLite mirror: the fact records the engine reads, and beside them the sync's
 * ledger (outbox, refused writes, written hashes, replay ids, watermarks), in one file whose
 * schema is migrated on open. Salesforce is the system of record: deleting the file loses
 * nothing, the sidecar reads the org again.
 */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SyncLedger } from './ledger';
import { migrate } from './migrations';
import { prepareAll } from './prepare';
import { MirroredRecords } from './records';
import { PortfolioStore } from './portfolio';
import { Reevaluations } from './reevaluations';

export { ACCOUNT_LINK, MIRRORED_OBJECTS } from './objects';
export type { MirroredObject, SfRecord } from './objects';
export type { LastWritten, WriteFailure } from './ledger';
export type { Storing } from './records';

/** A mirror file that was not a valid database, renamed aside before a new one was made. */
export interface SetAside {
  readonly file: string;
  readonly asideAs: string;
  /** What SQLite said: the error, or quick_check's first finding. */
  readonly problem: string;
}

/**
 * NORMAL, not FULL: in WAL mode a commit then reaches the OS without waiting for the disk (an
 * fsync measured 5 ms per commit here, 70 times the commit itself, and the sync commits several
 * times per account). A killed process (kill -9) loses nothing; a power loss or an OS crash may
 * roll back the last commits, never a part of one, and never corrupts the file. Rolled back in
 * order, they leave an earlier consistent state: the replay ids committed after the writes they
 * caused roll back with them, so those events come again and are applied again. The cost: an
 * account written just before the loss may be written once more, with a second history record.
 */
const DURABILITY = 'NORMAL';

function openChecked(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${DURABILITY}`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (and migrates) the mirror. A file that is not a valid SQLite database, or fails
 * `PRAGMA quick_check`, is renamed aside (`<file>.corrupt-<timestamp>`, with its -wal and -shm)
 * and a new one made: the org is the system of record, the sync reads it again.
 */
export function openDatabase(file: string, onSetAside?: (aside: SetAside) => void): Database.Database {
  if (file === ':memory:') {
    const db = new Database(file);
    migrate(db);
    return db;
  }
  mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = openChecked(file);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!/^SQLITE_(NOTADB|CORRUPT)/.test(code) && !/^quick_check/.test((error as Error).message)) throw error;
    const asideAs = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, asideAs);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, asideAs + suffix);
    onSetAside?.({ file, asideAs, problem: (error as Error).message });
    db = openChecked(file);
  }
  migrate(db);
  return db;
}

/** The mirrored records (its own methods) and the sync's ledger (`ledger`), in one database. */
export class MirrorStore extends MirroredRecords {
  readonly ledger: SyncLedger;
  /** When each account next needs a look with no event. */
  readonly reevaluations: Reevaluations;
  /** The portfolio's daily jobs: days run, digests sent. */
  readonly portfolio: PortfolioStore;
  private readonly database: Database.Database;
  private readonly probe;

  /** onSetAside: told when a corrupt file was renamed aside and a new one made (see openDatabase). */
  constructor(
    /** The database file (STANCE_DB), or :memory:. */
    readonly file: string,
    onSetAside?: (aside: SetAside) => void,
  ) {
    const db = openDatabase(file, onSetAside);
    const ledger = new SyncLedger(db);
    super(db, ledger);
    this.database = db;
    this.ledger = ledger;
    this.reevaluations = new Reevaluations(db);
    this.portfolio = new PortfolioStore(db);
    // Prepared once: probeSpace runs every few seconds while the disk is full.
    this.probe = prepareAll(db, PROBE_SQL);
  }

  close(): void {
    this.database.close();
  }

  /** Bytes the mirror takes on disk (the file and its write-ahead log); 0 in memory. */
  bytesOnDisk(): number {
    if (this.file === ':memory:') return 0;
    let bytes = 0;
    for (const suffix of ['', '-wal']) if (existsSync(this.file + suffix)) bytes += statSync(this.file + suffix).size;
    return bytes;
  }

  /**
   * Runs fn as one transaction: one commit for what it writes (the store's own transactions
   * inside it become savepoints), all of it or none. fn must not await.
   */
  inTransaction<T>(fn: () => T): T {
    return this.database.transaction(fn)();
  }

  /**
   * Whether the disk has room again: a write that needs new pages (PROBE_BYTES), then removed.
   * Answers false on SQLITE_FULL; other errors are thrown.
   */
  probeSpace(): boolean {
    try {
      this.database.transaction(() => {
        this.probe.write.run('x'.repeat(PROBE_BYTES));
        this.probe.remove.run();
      })();
      return true;
    } catch (error) {
      if (isDiskFull(error)) return false;
      throw error;
    }
  }

  /**
   * Test hook, as a full disk: the pages are packed (VACUUM), the file may not grow (`PRAGMA
   * max_page_count`) and what room is left is filled, so a write that needs space fails with
   * SQLITE_FULL, as on a full disk.
   */
  fillDisk(): void {
    // Packed pages first (VACUUM fills them), as a file that has grown to the last byte would be.
    this.database.exec('VACUUM');
    const pages = this.database.pragma('page_count', { simple: true }) as number;
    this.database.pragma(`max_page_count = ${pages}`);
    const fill = this.database.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)`);
    let index = 0;
    for (const size of [4_000, 500, 50, 1]) {
      try {
        for (;;) fill.run(`disk_fill_${index++}`, 'x'.repeat(size));
      } catch (error) {
        if (!isDiskFull(error)) throw error;
      }
    }
  }

  /** Test hook: room again after fillDisk. */
  freeDisk(): void {
    this.database.pragma(`max_page_count = ${UNLIMITED_PAGES}`);
    this.database.prepare(`DELETE FROM settings WHERE key LIKE 'disk_fill_%'`).run();
  }
}

const PROBE_BYTES = 16_384;

/** The disk probe's statements (their plans are checked with the others in __tests__/plans.test.ts). */
export const PROBE_SQL = {
  write: `INSERT OR REPLACE INTO settings (key, value) VALUES ('disk_probe', ?)`,
  remove: `DELETE FROM settings WHERE key = 'disk_probe'`,
} as const;
const UNLIMITED_PAGES = 1_073_741_823;

/** SQLite could not write because the disk (or the file's page limit) is full. */
export function isDiskFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}
