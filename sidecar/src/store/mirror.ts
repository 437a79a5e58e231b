/**
 * The sidecar's SQLite mirror of exactly the facts the engine reads: accounts, contacts,
 * opportunities, signals and market signals, kept current from queries and change events;
 * key-person changes seen in the change stream until they are persisted in the org as Detected
 * signals; replay ids per channel; how far each object has been read (by SystemModstamp); the
 * last written classification hash per account; an outbox of accounts waiting for a write and
 * the writes the org refused. Salesforce is the system of record: deleting the file loses
 * nothing, the sidecar reads the org again.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SNAPSHOT_FIELDS } from '../domain';
import type { AccountSnapshot, KeyPersonChange, MarketSignalRecord } from '../domain';

export const MIRRORED_OBJECTS = ['Account', 'Contact', 'Opportunity', 'Stance_Signal__c', 'Market_Signal__c'] as const;
export type MirroredObject = (typeof MIRRORED_OBJECTS)[number];

/** The field of each object that names its account. */
export const ACCOUNT_LINK: Readonly<Record<MirroredObject, string | null>> = {
  Account: 'Id',
  Contact: 'AccountId',
  Opportunity: 'AccountId',
  Stance_Signal__c: 'Account__c',
  Market_Signal__c: null,
};

/** Datetime fields, kept in one form (2026-06-15T12:00:00.000Z): REST and change events write them differently. */
const DATETIME_FIELDS = new Set(SNAPSHOT_FIELDS.filter((use) => use.kind === 'datetime').map((use) => use.field));

const FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  MIRRORED_OBJECTS.map((object) => [
    object,
    SNAPSHOT_FIELDS.filter((use) => use.object === object).map((use) => use.field),
  ]),
);

/** Compound fields of change events, flattened to the fields a query returns. */
const ADDRESS_PARTS: Record<string, string> = {
  Street: 'Street',
  City: 'City',
  State: 'State',
  PostalCode: 'PostalCode',
  Country: 'Country',
};

export type SfRecord = Readonly<Record<string, unknown>>;

export class MirrorStore {
  readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
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
    `);
  }

  close(): void {
    this.db.close();
  }

  /** Stores whole records as a query returns them (relationship values such as CreatedBy.Name flattened). */
  upsert(object: MirroredObject, records: readonly SfRecord[]): void {
    const statement = this.db.prepare(
      `INSERT INTO records (object, id, account_id, data) VALUES (?, ?, ?, ?) ON CONFLICT (object, id) DO UPDATE SET account_id = excluded.account_id, data = excluded.data`,
    );
    this.db.transaction(() => {
      for (const record of records) {
        const data = pick(object, record);
        statement.run(object, String(record.Id), accountIdOf(object, data), JSON.stringify(data));
      }
    })();
  }

  /**
   * Applies a change event's fields to a mirrored record (creating it when unknown), and notes a
   * key person's new title. Answers the account the record belongs to.
   */
  applyChange(
    object: MirroredObject,
    id: string,
    changed: SfRecord,
    nulledFields: readonly string[],
    at: string,
  ): string | null {
    const existing = this.record(object, id);
    const previous: Record<string, unknown> = existing ?? { Id: id };
    const merged: Record<string, unknown> = { ...previous, ...flatten(changed) };
    for (const field of nulledFields) merged[field] = null;
    if (merged.FirstName !== undefined || merged.LastName !== undefined) {
      merged.Name = [merged.FirstName, merged.LastName]
        .filter((part) => typeof part === 'string' && part !== '')
        .join(' ');
    }
    const data = pick(object, merged);
    const accountId = accountIdOf(object, data);
    this.db
      .prepare(
        `INSERT INTO records (object, id, account_id, data) VALUES (?, ?, ?, ?) ON CONFLICT (object, id) DO UPDATE SET account_id = excluded.account_id, data = excluded.data`,
      )
      .run(object, id, accountId, JSON.stringify(data));
    if (object === 'Contact' && existing && accountId && 'Title' in changed && previous.Title !== data.Title) {
      this.noteKeyPersonChange(
        {
          contactId: id,
          change: 'retitled',
          at,
          title: (data.Title as string | null) ?? null,
          previousTitle: (previous.Title as string | null) ?? null,
        },
        accountId,
        (data.Name as string | undefined) ?? null,
      );
    }
    return accountId;
  }

  /** Removes records, answering their accounts (read before removal); a contact leaving is noted. */
  remove(object: MirroredObject, ids: readonly string[], at: string): string[] {
    const accounts = new Set<string>();
    for (const id of ids) {
      const record = this.record(object, id);
      const accountId = record ? accountIdOf(object, record) : null;
      if (accountId) accounts.add(accountId);
      if (object === 'Contact' && record && accountId) {
        this.noteKeyPersonChange(
          { contactId: id, change: 'left', at, title: (record.Title as string | null) ?? null },
          accountId,
          (record.Name as string | undefined) ?? null,
        );
      }
      this.db.prepare(`DELETE FROM records WHERE object = ? AND id = ?`).run(object, id);
      if (object === 'Account') {
        // Its children went with it (cascade), whether or not their own events arrive.
        this.db.prepare(`DELETE FROM records WHERE account_id = ? AND object <> 'Account'`).run(id);
        this.db.prepare(`DELETE FROM written WHERE account_id = ?`).run(id);
        this.db.prepare(`DELETE FROM outbox WHERE account_id = ?`).run(id);
      }
    }
    return [...accounts];
  }

  record(object: MirroredObject, id: string): Record<string, unknown> | null {
    const row = this.db.prepare(`SELECT data FROM records WHERE object = ? AND id = ?`).get(object, id) as
      { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
  }

  /** The accounts that records of an object belong to, as the mirror knows them. */
  accountIdsOf(object: MirroredObject, ids: readonly string[]): string[] {
    const accounts = new Set<string>();
    for (const id of ids) {
      const record = this.record(object, id);
      const accountId = record ? accountIdOf(object, record) : null;
      if (accountId) accounts.add(accountId);
    }
    return [...accounts];
  }

  allAccountIds(): string[] {
    return (
      this.db.prepare(`SELECT id FROM records WHERE object = 'Account' ORDER BY id`).all() as Array<{ id: string }>
    ).map((row) => row.id);
  }

  /** Accounts a market signal may concern: of its industry and country (blank matches every one). */
  accountIdsFor(industry: string | null, country: string | null): string[] {
    return this.allAccountIds().filter((id) => {
      const account = this.record('Account', id)!;
      const same = (a: unknown, b: string | null) =>
        !b || (typeof a === 'string' && a.toLowerCase() === b.toLowerCase());
      return same(account.Industry, industry) && same(account.BillingCountry, country);
    });
  }

  marketSignals(): MarketSignalRecord[] {
    return (
      this.db.prepare(`SELECT data FROM records WHERE object = 'Market_Signal__c' ORDER BY id`).all() as Array<{
        data: string;
      }>
    ).map((row) => JSON.parse(row.data) as MarketSignalRecord);
  }

  /**
   * What the engine reads about one account, or null when the mirror does not know it. Key
   * person changes reach the engine as the Detected signals they were persisted as, so a
   * mirror rebuilt from the org classifies exactly as the one that saw the changes.
   */
  snapshot(
    accountId: string,
    marketSignals: readonly MarketSignalRecord[] = this.marketSignals(),
  ): AccountSnapshot | null {
    const account = this.record('Account', accountId);
    if (!account) return null;
    const children = (object: MirroredObject) =>
      (
        this.db
          .prepare(`SELECT data FROM records WHERE object = ? AND account_id = ? ORDER BY id`)
          .all(object, accountId) as Array<{ data: string }>
      ).map((row) => JSON.parse(row.data) as Record<string, unknown>);
    return {
      account: account as unknown as AccountSnapshot['account'],
      contacts: children('Contact') as unknown as AccountSnapshot['contacts'],
      opportunities: children('Opportunity') as unknown as AccountSnapshot['opportunities'],
      signals: children('Stance_Signal__c') as unknown as AccountSnapshot['signals'],
      marketSignals,
    };
  }

  noteKeyPersonChange(change: KeyPersonChange, accountId: string, name: string | null = null): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO detections (contact_id, account_id, change, at, name, title, previous_title) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        change.contactId,
        accountId,
        change.change,
        change.at,
        name,
        change.title ?? null,
        change.previousTitle ?? null,
      );
  }

  /** Key person changes not yet persisted in the org as Detected signals. */
  pendingDetections(): Array<KeyPersonChange & { accountId: string; name: string | null }> {
    return (
      this.db
        .prepare(
          `SELECT contact_id, account_id, change, at, name, title, previous_title FROM detections WHERE persisted = 0 ORDER BY at, contact_id`,
        )
        .all() as Array<{
        contact_id: string;
        account_id: string;
        change: KeyPersonChange['change'];
        at: string;
        name: string | null;
        title: string | null;
        previous_title: string | null;
      }>
    ).map((row) => ({
      contactId: row.contact_id,
      accountId: row.account_id,
      change: row.change,
      at: row.at,
      name: row.name,
      title: row.title,
      previousTitle: row.previous_title,
    }));
  }

  markDetectionPersisted(change: Pick<KeyPersonChange, 'contactId' | 'change' | 'at'>): void {
    this.db
      .prepare(`UPDATE detections SET persisted = 1 WHERE contact_id = ? AND change = ? AND at = ?`)
      .run(change.contactId, change.change, change.at);
  }

  /** Accounts waiting for a classification write: kept on disk so a crash loses none of them. */
  addToOutbox(accountIds: Iterable<string>, since: string): void {
    const statement = this.db.prepare(`INSERT OR IGNORE INTO outbox (account_id, since) VALUES (?, ?)`);
    this.db.transaction(() => {
      for (const id of accountIds) statement.run(id, since);
    })();
  }

  outbox(): string[] {
    return (
      this.db.prepare(`SELECT account_id FROM outbox ORDER BY account_id`).all() as Array<{ account_id: string }>
    ).map((row) => row.account_id);
  }

  removeFromOutbox(accountIds: Iterable<string>): void {
    const statement = this.db.prepare(`DELETE FROM outbox WHERE account_id = ?`);
    this.db.transaction(() => {
      for (const id of accountIds) statement.run(id);
    })();
  }

  /** A write the org refused for good; replaced by the next refusal, cleared by the next success. */
  recordFailure(accountId: string, errorCode: string, message: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO failures (account_id, error_code, message, at, attempts) VALUES (?, ?, ?, ?, 1) ON CONFLICT (account_id) DO UPDATE SET error_code = excluded.error_code, message = excluded.message, at = excluded.at, attempts = attempts + 1`,
      )
      .run(accountId, errorCode, message, at);
  }

  clearFailure(accountId: string): void {
    this.db.prepare(`DELETE FROM failures WHERE account_id = ?`).run(accountId);
  }

  failures(): Array<{ accountId: string; errorCode: string; message: string; at: string; attempts: number }> {
    return (
      this.db
        .prepare(`SELECT account_id, error_code, message, at, attempts FROM failures ORDER BY account_id`)
        .all() as Array<{
        account_id: string;
        error_code: string;
        message: string;
        at: string;
        attempts: number;
      }>
    ).map((row) => ({
      accountId: row.account_id,
      errorCode: row.error_code,
      message: row.message,
      at: row.at,
      attempts: row.attempts,
    }));
  }

  /** The latest SystemModstamp read for an object: reconciliation reads from there. */
  watermark(object: MirroredObject): string | null {
    const row = this.db.prepare(`SELECT stamp FROM watermarks WHERE object = ?`).get(object) as
      { stamp: string } | undefined;
    return row?.stamp ?? null;
  }

  saveWatermark(object: MirroredObject, stamp: string): void {
    this.db
      .prepare(
        `INSERT INTO watermarks (object, stamp) VALUES (?, ?) ON CONFLICT (object) DO UPDATE SET stamp = MAX(stamp, excluded.stamp)`,
      )
      .run(object, stamp);
  }

  setting(key: string): string | null {
    const row = this.db.prepare(`SELECT value FROM settings WHERE key = ?`).get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  saveSetting(key: string, value: string): void {
    this.db
      .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(key, value);
  }

  /** Display names of the people who report signals: change events carry only their id. */
  userName(userId: string): string | null {
    const row = this.db.prepare(`SELECT name FROM users WHERE id = ?`).get(userId) as { name: string } | undefined;
    return row?.name ?? null;
  }

  saveUserNames(names: Iterable<readonly [string, string]>): void {
    const statement = this.db.prepare(
      `INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
    );
    this.db.transaction(() => {
      for (const [id, name] of names) statement.run(id, name);
    })();
  }

  /** True when the mirror has been loaded from the org at least once. */
  get loaded(): boolean {
    return this.setting('loaded_at') !== null;
  }

  replayId(channel: string): number | null {
    const row = this.db.prepare(`SELECT replay_id FROM replay_ids WHERE channel = ?`).get(channel) as
      { replay_id: number } | undefined;
    return row?.replay_id ?? null;
  }

  /** Commits a replay id: call only once what the events caused is durable in the org. */
  saveReplayId(channel: string, replayId: number): void {
    this.db
      .prepare(
        `INSERT INTO replay_ids (channel, replay_id) VALUES (?, ?) ON CONFLICT (channel) DO UPDATE SET replay_id = excluded.replay_id`,
      )
      .run(channel, replayId);
  }

  lastWritten(accountId: string): { hash: string; stance: string; atRisk: boolean } | null {
    const row = this.db.prepare(`SELECT hash, stance, at_risk FROM written WHERE account_id = ?`).get(accountId) as
      { hash: string; stance: string; at_risk: number } | undefined;
    return row ? { hash: row.hash, stance: row.stance, atRisk: row.at_risk === 1 } : null;
  }

  recordWritten(accountId: string, hash: string, stance: string, atRisk: boolean, at: string): void {
    this.db
      .prepare(
        `INSERT INTO written (account_id, hash, stance, at_risk, written_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET hash = excluded.hash, stance = excluded.stance, at_risk = excluded.at_risk, written_at = excluded.written_at`,
      )
      .run(accountId, hash, stance, atRisk ? 1 : 0, at);
  }
}

function accountIdOf(object: MirroredObject, record: Record<string, unknown>): string | null {
  const link = ACCOUNT_LINK[object];
  const value = link ? record[link] : null;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** BillingAddress: {Country} -> BillingCountry; Name: {FirstName, LastName} -> FirstName, LastName. */
function flatten(fields: SfRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'ChangeEventHeader') continue;
    if (name.endsWith('Address') && value && typeof value === 'object') {
      const prefix = name.replace(/Address$/, '');
      for (const [part, partValue] of Object.entries(value as Record<string, unknown>)) {
        if (ADDRESS_PARTS[part]) out[`${prefix}${ADDRESS_PARTS[part]}`] = partValue;
      }
    } else if (name === 'Name' && value && typeof value === 'object') {
      Object.assign(out, value);
    } else {
      out[name] = value;
    }
  }
  return out;
}

function canonicalDateTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** Keeps the fields the engine reads (and CreatedBy.Name as CreatedByName). */
function pick(object: MirroredObject, record: SfRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS[object] ?? []) {
    const value = record[field];
    if (value === undefined) continue;
    out[field] = DATETIME_FIELDS.has(field) && typeof value === 'string' ? canonicalDateTime(value) : value;
  }
  if (object === 'Contact') {
    for (const field of ['FirstName', 'LastName']) if (record[field] !== undefined) out[field] = record[field];
  }
  const createdBy = record.CreatedBy as { Name?: string } | null | undefined;
  if (createdBy?.Name !== undefined) out.CreatedByName = createdBy.Name;
  else if (record.CreatedByName !== undefined) out.CreatedByName = record.CreatedByName;
  return out;
}
