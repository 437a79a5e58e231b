/**
 * The sidecar's SQLite mirror: the fact records the engine reads, and beside them the sync's
 * ledger (outbox, refused writes, written hashes, replay ids, watermarks), in one file whose
 * schema is migrated on open. Salesforce is the system of record: deleting the file loses
 * nothing, the sidecar reads the org again.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SyncLedger } from './ledger';
import { migrate } from './migrations';
import { MirroredRecords } from './records';

export { ACCOUNT_LINK, MIRRORED_OBJECTS } from './objects';
export type { MirroredObject, SfRecord } from './objects';
export type { LastWritten, WriteFailure } from './ledger';

export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db);
  return db;
}

/** The mirrored records (its own methods) and the sync's ledger (`ledger`), in one database. */
export class MirrorStore extends MirroredRecords {
  readonly ledger: SyncLedger;
  private readonly database: Database.Database;

  constructor(file: string) {
    const db = openDatabase(file);
    const ledger = new SyncLedger(db);
    super(db, ledger);
    this.database = db;
    this.ledger = ledger;
  }

  close(): void {
    this.database.close();
  }
}
