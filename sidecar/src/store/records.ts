/**
 * The mirrored fact records: exactly what the engine reads about accounts, contacts,
 * opportunities, cases, signals and market signals, kept current from queries and change events.
 * Contacts retitled or removed are handed to the ledger as key-person changes.
 */
import type Database from 'better-sqlite3';
import { departureOf, retitleOf } from '../domain';
import type { AccountSnapshot, MarketSignalRecord } from '../domain';
import type { SyncLedger } from './ledger';
import { ACCOUNT_LINK, MIRRORED_OBJECTS, accountIdOf, merge, pick } from './objects';
import type { MirroredObject, SfRecord } from './objects';

type DataRow = { data: string };

/** What a write that ran out of space was storing (set on its error as `storing`). */
export interface Storing {
  readonly object: MirroredObject;
  readonly records: number;
  /** The records' size as stored (JSON), without SQLite's pages and index. */
  readonly bytes: number;
}
const parse = (row: DataRow) => JSON.parse(row.data) as Record<string, unknown>;

/** The objects whose records name an account and go with it (Market_Signal__c names none). */
const CHILD_OBJECTS = MIRRORED_OBJECTS.filter((object) => ACCOUNT_LINK[object] && ACCOUNT_LINK[object] !== 'Id');
const quoted = (names: readonly string[]) => names.map((name) => `'${name}'`).join(', ');

/** Account ids read per page by the passes over every account: a page in memory, never the org. */
export const ACCOUNT_PAGE = 5_000;

/**
 * Every statement on mirrored records, prepared once each. Their plans are checked in
 * __tests__/plans.test.ts: each one finds its rows by an index on every column its WHERE names.
 */
export const RECORD_SQL = {
  upsert: `INSERT INTO records (object, id, account_id, data) VALUES (?, ?, ?, ?) ON CONFLICT (object, id) DO UPDATE SET account_id = excluded.account_id, data = excluded.data`,
  record: `SELECT data FROM records WHERE object = ? AND id = ?`,
  remove: `DELETE FROM records WHERE object = ? AND id = ?`,
  removeChildren: `DELETE FROM records WHERE object IN (${quoted(CHILD_OBJECTS)}) AND account_id = ?`,
  /** Keyset pages: no cursor stays open between two pages, so writes may come between them. */
  accountIdsAfter: `SELECT id FROM records WHERE object = 'Account' AND id > ? ORDER BY id LIMIT ?`,
  marketPlacesAfter: `SELECT id, json_extract(data, '$.Industry') AS industry, json_extract(data, '$.BillingCountry') AS country FROM records WHERE object = 'Account' AND id > ? ORDER BY id LIMIT ?`,
  accountCount: `SELECT count(*) FROM records WHERE object = 'Account'`,
  marketSignals: `SELECT data FROM records WHERE object = 'Market_Signal__c' ORDER BY id`,
  children: `SELECT data FROM records WHERE object = ? AND account_id = ? ORDER BY id`,
} as const;

type MarketPlace = { id: string; industry: unknown; country: unknown };

export class MirroredRecords {
  private readonly sql;

  constructor(
    private readonly db: Database.Database,
    private readonly bookkeeping: Pick<SyncLedger, 'noteKeyPersonChange' | 'forgetAccount'>,
  ) {
    const prepare = (text: string) => db.prepare(text);
    this.sql = {
      upsert: prepare(RECORD_SQL.upsert),
      record: prepare(RECORD_SQL.record),
      remove: prepare(RECORD_SQL.remove),
      removeChildren: prepare(RECORD_SQL.removeChildren),
      accountIdsAfter: prepare(RECORD_SQL.accountIdsAfter).pluck(),
      marketPlacesAfter: prepare(RECORD_SQL.marketPlacesAfter),
      accountCount: prepare(RECORD_SQL.accountCount).pluck(),
      marketSignals: prepare(RECORD_SQL.marketSignals),
      children: prepare(RECORD_SQL.children),
    };
  }

  /**
   * Stores whole records as a query returns them (relationship values such as CreatedBy.Name
   * flattened). A failure for lack of space carries what was being stored (`storing`: the object,
   * how many records, their size as stored), so whoever reports it can say how much room it needed.
   */
  upsert(object: MirroredObject, records: readonly SfRecord[]): void {
    try {
      this.db.transaction(() => {
        for (const record of records) {
          const data = pick(object, record);
          this.sql.upsert.run(object, String(record.Id), accountIdOf(object, data), JSON.stringify(data));
        }
      })();
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === 'SQLITE_FULL') {
        const bytes = records.reduce((sum, record) => sum + Buffer.byteLength(JSON.stringify(pick(object, record))), 0);
        const storing: Storing = { object, records: records.length, bytes };
        Object.assign(error as object, { storing });
      }
      throw error;
    }
  }

  /**
   * Applies a change event's fields to a mirrored record (creating it when unknown), and notes a
   * contact's new title. Answers the account the record belongs to.
   */
  applyChange(
    object: MirroredObject,
    id: string,
    changed: SfRecord,
    nulledFields: readonly string[],
    at: string,
  ): string | null {
    const existing = this.record(object, id);
    const data = pick(object, merge(existing ?? { Id: id }, changed, nulledFields));
    const accountId = accountIdOf(object, data);
    this.sql.upsert.run(object, id, accountId, JSON.stringify(data));
    if (object === 'Contact') {
      const retitle = retitleOf(id, existing, data, changed, at);
      if (retitle) this.bookkeeping.noteKeyPersonChange(retitle);
    }
    return accountId;
  }

  /**
   * Removes records, answering their accounts (read before removal); a contact leaving is noted.
   * An account takes its children and its ledger entries with it, in one transaction.
   */
  remove(object: MirroredObject, ids: readonly string[], at: string): string[] {
    const accounts = new Set<string>();
    this.db.transaction(() => {
      for (const id of ids) {
        const record = this.record(object, id);
        const accountId = record ? accountIdOf(object, record) : null;
        if (accountId) accounts.add(accountId);
        if (object === 'Contact' && record) {
          const departure = departureOf(id, record, at);
          if (departure) this.bookkeeping.noteKeyPersonChange(departure);
        }
        this.sql.remove.run(object, id);
        if (object === 'Account') {
          // Its children went with it (cascade), whether or not their own events arrive.
          this.sql.removeChildren.run(id);
          this.bookkeeping.forgetAccount(id);
        }
      }
    })();
    return [...accounts];
  }

  record(object: MirroredObject, id: string): Record<string, unknown> | null {
    const row = this.sql.record.get(object, id) as DataRow | undefined;
    return row ? parse(row) : null;
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

  /** Every account id, in id order: for a pass over every account, prefer accountIdPages. */
  allAccountIds(): string[] {
    const ids: string[] = [];
    for (const page of this.accountIdPages()) ids.push(...page);
    return ids;
  }

  /**
   * Every account id in id order, a page (`size` ids) at a time: what a pass over every account
   * holds in memory is one page, whatever the org's size. Each page is its own query (keyset, after
   * the last id of the page before), so the caller may write, or await, between two pages; an
   * account added meanwhile behind the last page read is in a later page.
   */
  *accountIdPages(size = ACCOUNT_PAGE): Generator<string[]> {
    let after = '';
    for (;;) {
      const page = this.sql.accountIdsAfter.all(after, size) as string[];
      if (page.length > 0) yield page;
      if (page.length < size) return;
      after = page[page.length - 1]!;
    }
  }

  accountCount(): number {
    return this.sql.accountCount.get() as number;
  }

  /** Accounts a market signal may concern: of its industry and country (blank matches every one). */
  accountIdsFor(industry: string | null, country: string | null): string[] {
    return [...this.accountIdPagesFor(industry, country)].flat();
  }

  /**
   * accountIdsFor a page (`size` ids) at a time: a signal with neither industry nor country
   * concerns every account, and what is held is a page of them, not the org. Each page of the
   * accounts read is its own keyset query, as in accountIdPages.
   */
  *accountIdPagesFor(industry: string | null, country: string | null, size = ACCOUNT_PAGE): Generator<string[]> {
    const same = (a: unknown, b: string | null) => !b || (typeof a === 'string' && a.toLowerCase() === b.toLowerCase());
    let found: string[] = [];
    let after = '';
    for (;;) {
      const page = this.sql.marketPlacesAfter.all(after, ACCOUNT_PAGE) as MarketPlace[];
      for (const place of page) {
        if (!same(place.industry, industry) || !same(place.country, country)) continue;
        found.push(place.id);
        if (found.length === size) {
          yield found;
          found = [];
        }
      }
      if (page.length < ACCOUNT_PAGE) break;
      after = page[page.length - 1]!.id;
    }
    if (found.length > 0) yield found;
  }

  marketSignals(): MarketSignalRecord[] {
    return (this.sql.marketSignals.all() as DataRow[]).map((row) => parse(row) as unknown as MarketSignalRecord);
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
      (this.sql.children.all(object, accountId) as DataRow[]).map(parse) as unknown[];
    return {
      account: account as unknown as AccountSnapshot['account'],
      contacts: children('Contact') as AccountSnapshot['contacts'],
      opportunities: children('Opportunity') as AccountSnapshot['opportunities'],
      signals: children('Stance_Signal__c') as AccountSnapshot['signals'],
      cases: children('Case') as AccountSnapshot['cases'],
      marketSignals,
    };
  }
}
