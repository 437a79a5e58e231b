/**
 * Reading the org into the mirror: the initial load, catch-ups by SystemModstamp, and records
 * named by a GAP event read again. A GAP's re-read answers the accounts whose facts it changed; a
 * catch-up hands them on a page at a time (to the outbox), and the load notes what accounts show
 * in the ledger: none of them holds a list of every account.
 */
import { ACCOUNT_LINK, MIRRORED_OBJECTS } from '../store/mirror';
import type { MirroredObject } from '../store/mirror';
import { DEFAULT_RECOMPUTE_PAGE } from './context';
import type { SyncContext } from './context';
import { byIdsQuery, changedSinceQuery, fieldKinds, readAllQuery, WRITTEN_ACCOUNT_FIELDS } from './queries';

/** What the org shows on an account's Stance fields (read at the initial load: kept in the ledger, see loadAll). */
export type OrgWritten = Readonly<Record<string, unknown>>;

type OrgRecord = Readonly<Record<string, unknown>>;

const REREAD_CHUNK = 200;

export class CatchUp {
  constructor(private readonly ctx: SyncContext) {}

  /**
   * Reads every mirrored object whole, a page at a time into the mirror (what is held is one page,
   * not the object). What accounts show of their stance today goes to the ledger with each page
   * (as drift: what the org holds, compared at their first classification so equal values are not
   * written again), not into memory: a new mirror over an org of a million classified accounts
   * would hold every one of them. Answers how many accounts show a stance.
   */
  async loadAll(): Promise<number> {
    const { org, mirror, log, clock } = this.ctx;
    const at = this.ctx.nowIso();
    let showing = 0;
    // Every object at once: the org prepares one object's results while the mirror stores another's
    // pages. Each page lands in one synchronous step, so pages of different objects never interleave.
    const load = async (object: MirroredObject) => {
      const started = clock.realNow();
      let count = 0;
      const { via } = await org.read(readAllQuery(object, { withWritten: object === 'Account' }), {
        bulk: true,
        kinds: fieldKinds(object),
        onProgress: (read, total) => log.debug({ object, read, total }, 'reading'),
        onPage: (records) => {
          mirror.inTransaction(() => {
            mirror.upsert(object, records);
            if (object === 'Account') showing += this.noteShownStances(records, at);
            this.rememberReporters(object, records);
            // Watermarks only move forward: the latest of every page is the latest of the object.
            this.advanceWatermark(object, records);
          });
          count += records.length;
        },
      });
      log.info({ object, records: count, via, ms: clock.realNow() - started }, `loaded ${object}`);
    };
    const loadStarted = clock.realNow();
    // All settled before a failure is told: no read goes on writing into the mirror behind it.
    const outcomes = await Promise.allSettled(MIRRORED_OBJECTS.map(load));
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    log.info({ objects: MIRRORED_OBJECTS.length, ms: clock.realNow() - loadStarted }, 'loaded the org');
    mirror.ledger.markLoaded(this.ctx.nowIso());
    return showing;
  }

  /** The Stance fields of the accounts that show a stance (a checkbox's false is none), into the ledger. */
  private noteShownStances(records: readonly OrgRecord[], at: string): number {
    const seen: Array<readonly [string, OrgWritten]> = [];
    for (const record of records) {
      const values = WRITTEN_ACCOUNT_FIELDS.map((field) => [field, record[field]] as const);
      if (values.some(([, value]) => value !== null && value !== undefined && value !== false))
        seen.push([String(record.Id), Object.fromEntries(values)]);
    }
    this.ctx.mirror.ledger.noteOrgStances(seen, at);
    return seen.length;
  }

  /**
   * Catches an object up by SystemModstamp (deleted records included) from what was last read, a
   * page at a time (after a write-back of every account, that is every account); the watermark
   * moves once every page is in. Each page's records and the accounts they touched (handed to
   * `touched`, at most a recompute page at a time, into the outbox) go in one transaction, so none
   * of those accounts is held here and a failure (a full disk) leaves the page to read again.
   * Answers how many accounts were handed on.
   */
  async reconcile(object: MirroredObject, touched: (accountIds: string[]) => void): Promise<number> {
    const { org, mirror, log } = this.ctx;
    const since = mirror.ledger.watermark(object) ?? '1970-01-01T00:00:00.000Z';
    const now = this.ctx.nowIso();
    const hand = this.inPages(touched);
    let count = 0;
    let latest = '';
    await org.read(changedSinceQuery(object, since), {
      bulk: true,
      kinds: fieldKinds(object),
      includeDeleted: true,
      onPage: (records) => {
        count += records.length;
        latest = latestStamp(records, latest);
        const deleted = records.filter((record) => record.IsDeleted === true).map((record) => String(record.Id));
        mirror.inTransaction(() => {
          this.applyRecords(
            object,
            records.filter((record) => record.IsDeleted !== true),
            hand.add,
          );
          if (object === 'Market_Signal__c') {
            for (const id of deleted) {
              const gone = mirror.record(object, id);
              if (gone) this.marketAccounts(gone, hand.add);
            }
          }
          hand.add(mirror.remove(object, deleted, now));
          if (object === 'Account') hand.add(deleted);
          hand.flush();
        });
      },
    });
    if (latest) mirror.ledger.saveWatermark(object, new Date(Date.parse(latest)).toISOString());
    this.ctx.metrics.reconciliations++;
    const level = hand.count > 0 ? 'info' : 'debug';
    log[level]({ object, records: count, accounts: hand.count, since }, 'reconciled');
    return hand.count;
  }

  /** Reads records named by a GAP event again; the ones gone were deleted. */
  async reread(object: MirroredObject, ids: readonly string[]): Promise<string[]> {
    const accounts: string[] = [];
    const add = (found: readonly string[]) => accounts.push(...found);
    for (let start = 0; start < ids.length; start += REREAD_CHUNK) {
      const chunk = ids.slice(start, start + REREAD_CHUNK);
      const { records } = await this.ctx.org.read(byIdsQuery(object, chunk), { kinds: fieldKinds(object) });
      this.applyRecords(object, records, add);
      const found = new Set(records.map((record) => String(record.Id)));
      const gone = chunk.filter((id) => !found.has(id));
      add(this.ctx.mirror.remove(object, gone, this.ctx.nowIso()));
      if (object === 'Account') add(gone);
    }
    return accounts;
  }

  /**
   * Collects account ids and hands them to `touched` a recompute page at a time (and what is left
   * at flush): what is held is less than a page.
   */
  private inPages(touched: (accountIds: string[]) => void) {
    const size = this.ctx.options.recomputePageSize ?? DEFAULT_RECOMPUTE_PAGE;
    let held: string[] = [];
    const hand = {
      count: 0,
      add: (ids: readonly string[]) => {
        for (const id of ids) {
          held.push(id);
          if (held.length >= size) hand.flush();
        }
      },
      flush: () => {
        if (held.length === 0) return;
        const page = held;
        held = [];
        hand.count += page.length;
        touched(page);
      },
    };
    return hand;
  }

  /** Signals as the org holds them (CreatedDate included), read back by id. */
  async readSignals(ids: readonly string[]): Promise<OrgRecord[]> {
    const { records } = await this.ctx.org.read(byIdsQuery('Stance_Signal__c', ids), {
      kinds: fieldKinds('Stance_Signal__c'),
    });
    this.ctx.mirror.upsert('Stance_Signal__c', records);
    this.rememberReporters('Stance_Signal__c', records);
    return records;
  }

  /**
   * Applies whole records; hands on the accounts they belonged to before and belong to now, for
   * the records that differ from the mirror (a catch-up read sees unchanged records again).
   */
  private applyRecords(
    object: MirroredObject,
    records: readonly OrgRecord[],
    add: (accountIds: readonly string[]) => void,
  ): void {
    const { mirror } = this.ctx;
    this.rememberReporters(object, records);
    for (const record of records) {
      const id = String(record.Id);
      const before = mirror.record(object, id);
      if (object === 'Market_Signal__c') {
        mirror.upsert(object, [record]);
        if (JSON.stringify(before) === JSON.stringify(mirror.record(object, id))) continue;
        if (before) this.marketAccounts(before, add);
        this.marketAccounts(record, add);
        continue;
      }
      const at = typeof record.SystemModstamp === 'string' ? record.SystemModstamp : this.ctx.nowIso();
      const accountId = mirror.applyChange(object, id, record, [], at);
      if (JSON.stringify(before) === JSON.stringify(mirror.record(object, id))) continue;
      const previousAccount = before?.[ACCOUNT_LINK[object]!];
      if (typeof previousAccount === 'string') add([previousAccount]);
      if (accountId) add([accountId]);
    }
  }

  /** Hands on the accounts a market signal concerns (every account, for one with no industry nor country), a page at a time. */
  private marketAccounts(record: OrgRecord, add: (accountIds: readonly string[]) => void): void {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    for (const page of this.ctx.mirror.accountIdPagesFor(text(record.Industry__c), text(record.Country__c))) add(page);
  }

  /** Reporters' names, from the signals read, so change events (which carry only ids) need no query. */
  private rememberReporters(object: MirroredObject, records: readonly OrgRecord[]): void {
    if (object !== 'Stance_Signal__c') return;
    const names: Array<readonly [string, string]> = [];
    for (const record of records) {
      const name = (record.CreatedBy as { Name?: string } | null | undefined)?.Name;
      if (typeof record.CreatedById === 'string' && typeof name === 'string') names.push([record.CreatedById, name]);
    }
    this.ctx.mirror.ledger.saveUserNames(names);
  }

  private advanceWatermark(object: MirroredObject, records: readonly OrgRecord[]): void {
    const latest = latestStamp(records, '');
    if (latest) this.ctx.mirror.ledger.saveWatermark(object, new Date(Date.parse(latest)).toISOString());
  }
}

/** The latest SystemModstamp of the records, or `after` if none is later. */
function latestStamp(records: readonly OrgRecord[], after: string): string {
  let latest = after;
  for (const record of records) {
    const stamp = record.SystemModstamp;
    if (typeof stamp === 'string' && stamp > latest) latest = stamp;
  }
  return latest;
}
