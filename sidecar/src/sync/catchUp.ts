/**
 * Reading the org into the mirror: the initial load, catch-ups by SystemModstamp, and records
 * named by a GAP event read again. Each answers the accounts whose facts it changed.
 */
import { ACCOUNT_LINK, MIRRORED_OBJECTS } from '../store/mirror';
import type { MirroredObject } from '../store/mirror';
import type { SyncContext } from './context';
import { byIdsQuery, changedSinceQuery, fieldKinds, readAllQuery, WRITTEN_ACCOUNT_FIELDS } from './queries';

/** What the org shows on an account's Stance fields, read at the initial load to skip equal writes. */
export type OrgWritten = Readonly<Record<string, unknown>>;

type OrgRecord = Readonly<Record<string, unknown>>;

const REREAD_CHUNK = 200;

export class CatchUp {
  constructor(private readonly ctx: SyncContext) {}

  /**
   * Reads every mirrored object whole, a page at a time into the mirror (what is held is one page,
   * not the object); answers what each account shows of its stance today.
   */
  async loadAll(): Promise<Map<string, OrgWritten>> {
    const { org, mirror, log, clock } = this.ctx;
    const written = new Map<string, OrgWritten>();
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
          if (object === 'Account') {
            // Only accounts that show a stance (a checkbox's false is no stance): an empty one is
            // written anyway, and a new org's million accounts would otherwise sit here whole.
            for (const record of records) {
              const values = WRITTEN_ACCOUNT_FIELDS.map((field) => [field, record[field]] as const);
              if (values.some(([, value]) => value !== null && value !== undefined && value !== false))
                written.set(String(record.Id), Object.fromEntries(values));
            }
          }
          mirror.upsert(object, records);
          this.rememberReporters(object, records);
          // Watermarks only move forward: the latest of every page is the latest of the object.
          this.advanceWatermark(object, records);
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
    return written;
  }

  /**
   * Catches an object up by SystemModstamp (deleted records included) from what was last read, a
   * page at a time (after a write-back of every account, that is every account); the watermark
   * moves once every page is in.
   */
  async reconcile(object: MirroredObject): Promise<string[]> {
    const { org, mirror, log } = this.ctx;
    const since = mirror.ledger.watermark(object) ?? '1970-01-01T00:00:00.000Z';
    const now = this.ctx.nowIso();
    const accounts: string[] = [];
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
        accounts.push(
          ...this.applyRecords(
            object,
            records.filter((record) => record.IsDeleted !== true),
          ),
        );
        if (object === 'Market_Signal__c') {
          for (const id of deleted) {
            const gone = mirror.record(object, id);
            if (gone) accounts.push(...this.marketAccounts(gone));
          }
        }
        accounts.push(...mirror.remove(object, deleted, now));
        if (object === 'Account') accounts.push(...deleted);
      },
    });
    if (latest) mirror.ledger.saveWatermark(object, new Date(Date.parse(latest)).toISOString());
    this.ctx.metrics.reconciliations++;
    const level = accounts.length > 0 ? 'info' : 'debug';
    log[level]({ object, records: count, accounts: accounts.length, since }, 'reconciled');
    return accounts;
  }

  /** Reads records named by a GAP event again; the ones gone were deleted. */
  async reread(object: MirroredObject, ids: readonly string[]): Promise<string[]> {
    const accounts: string[] = [];
    for (let start = 0; start < ids.length; start += REREAD_CHUNK) {
      const chunk = ids.slice(start, start + REREAD_CHUNK);
      const { records } = await this.ctx.org.read(byIdsQuery(object, chunk), { kinds: fieldKinds(object) });
      accounts.push(...this.applyRecords(object, records));
      const found = new Set(records.map((record) => String(record.Id)));
      const gone = chunk.filter((id) => !found.has(id));
      accounts.push(...this.ctx.mirror.remove(object, gone, this.ctx.nowIso()));
      if (object === 'Account') accounts.push(...gone);
    }
    return accounts;
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
   * Applies whole records; answers the accounts they belonged to before and belong to now, for
   * the records that differ from the mirror (a catch-up read sees unchanged records again).
   */
  private applyRecords(object: MirroredObject, records: readonly OrgRecord[]): string[] {
    const { mirror } = this.ctx;
    const accounts: string[] = [];
    this.rememberReporters(object, records);
    for (const record of records) {
      const id = String(record.Id);
      const before = mirror.record(object, id);
      if (object === 'Market_Signal__c') {
        mirror.upsert(object, [record]);
        if (JSON.stringify(before) === JSON.stringify(mirror.record(object, id))) continue;
        if (before) accounts.push(...this.marketAccounts(before));
        accounts.push(...this.marketAccounts(record));
        continue;
      }
      const at = typeof record.SystemModstamp === 'string' ? record.SystemModstamp : this.ctx.nowIso();
      const accountId = mirror.applyChange(object, id, record, [], at);
      if (JSON.stringify(before) === JSON.stringify(mirror.record(object, id))) continue;
      const previousAccount = before?.[ACCOUNT_LINK[object]!];
      if (typeof previousAccount === 'string') accounts.push(previousAccount);
      if (accountId) accounts.push(accountId);
    }
    return accounts;
  }

  /** The accounts a market signal concerns. */
  marketAccounts(record: OrgRecord): string[] {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    return this.ctx.mirror.accountIdsFor(text(record.Industry__c), text(record.Country__c));
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
