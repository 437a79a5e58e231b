/**
 * The sync's own bookkeeping, beside the mirrored records in the same file: accounts waiting for
 * a write (outbox), writes the org refused, the hash last written per account, replay ids per
 * channel, how far each object has been read (watermarks), settings, reporters' names,
 * key-person changes not yet persisted in the org, the org's Stance values someone else set
 * (drift) with the repairs made per day, the retry back-off of writes refused for now, the
 * writes sent but not yet answered (in flight), and the owners' notices not yet sent.
 */
import type Database from 'better-sqlite3';
import type { KeyPersonChange, NoticedKeyPersonChange, PendingDetection } from '../domain';
import type { RecordWrite } from '../salesforce/writer';
import type { MirroredObject } from './objects';
import { prepareAll } from './prepare';

export interface WriteFailure {
  readonly accountId: string;
  readonly errorCode: string;
  readonly message: string;
  readonly at: string;
  readonly attempts: number;
}

export interface LastWritten {
  readonly hash: string;
  readonly stance: string;
  readonly atRisk: boolean;
}

export interface DriftRepairs {
  readonly repairs: number;
  readonly noticed: boolean;
}

export interface Retry {
  readonly accountId: string;
  readonly attempts: number;
  /** ISO time of the next attempt. */
  readonly nextAt: string;
}

/**
 * A classification write sent to the org and not yet answered: recorded before sending, forgotten
 * with its answer. One left over (the process was killed, or the request got no answer) is in
 * doubt: the org may hold it, and its history row, or not.
 */
export interface InFlight {
  readonly accountId: string;
  readonly hash: string;
  readonly stance: string;
  readonly atRisk: boolean;
  /** The Stance field values written (without the two timestamps). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** The Stance_Change__c record written with them, if any (keyed: sending it again keeps one). */
  readonly change: RecordWrite | null;
  readonly computedAt: string;
  /** The owner's notice the write causes, if any: queued once the write is known to have landed. */
  readonly notice?: StoredNotice | null;
}

/** An owner's notice of a stance move, kept until the org took it (sync/writePlan's OwnerNotice is this). */
export interface StoredNotice {
  readonly ownerId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly from: string;
  readonly to: string;
  readonly becameAtRisk: boolean;
}

/** A notice waiting to be sent, keyed by its account and the computation that caused it. */
export interface QueuedNotice {
  readonly computedAt: string;
  readonly notice: StoredNotice;
}

type InFlightRow = {
  account_id: string;
  hash: string;
  stance: string;
  at_risk: number;
  fields: string;
  change: string | null;
  computed_at: string;
  notice: string | null;
};

type DetectionRow = {
  contact_id: string;
  account_id: string;
  change: KeyPersonChange['change'];
  at: string;
  name: string | null;
  title: string | null;
  previous_title: string | null;
};

type FailureRow = { account_id: string; error_code: string; message: string; at: string; attempts: number };

const failureOf = (row: FailureRow): WriteFailure => ({
  accountId: row.account_id,
  errorCode: row.error_code,
  message: row.message,
  at: row.at,
  attempts: row.attempts,
});

const LOADED_SETTING = 'loaded_at';

/**
 * Every statement on the ledger, prepared once each. Their plans are checked in
 * __tests__/plans.test.ts: a statement about one account or key finds it by its index; the
 * few that read a whole table by design are named in WHOLE_TABLE_READS.
 */
export const LEDGER_SQL = {
  noteDetection: `INSERT OR IGNORE INTO detections (contact_id, account_id, change, at, name, title, previous_title) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  pendingDetections: `SELECT contact_id, account_id, change, at, name, title, previous_title FROM detections WHERE persisted = 0 ORDER BY at, contact_id`,
  markDetection: `UPDATE detections SET persisted = 1 WHERE contact_id = ? AND change = ? AND at = ?`,
  addToOutbox: `INSERT INTO outbox (account_id, since) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET since = MAX(since, excluded.since)`,
  removeFromOutboxIfNotSince: `DELETE FROM outbox WHERE account_id = ? AND since <= ?`,
  outbox: `SELECT account_id FROM outbox ORDER BY account_id`,
  outboxAfter: `SELECT account_id FROM outbox WHERE account_id > ? ORDER BY account_id LIMIT ?`,
  removeFromOutbox: `DELETE FROM outbox WHERE account_id = ?`,
  recordFailure: `INSERT INTO failures (account_id, error_code, message, at, attempts) VALUES (?, ?, ?, ?, 1) ON CONFLICT (account_id) DO UPDATE SET error_code = excluded.error_code, message = excluded.message, at = excluded.at, attempts = attempts + 1`,
  clearFailure: `DELETE FROM failures WHERE account_id = ?`,
  failures: `SELECT account_id, error_code, message, at, attempts FROM failures ORDER BY account_id`,
  watermark: `SELECT stamp FROM watermarks WHERE object = ?`,
  saveWatermark: `INSERT INTO watermarks (object, stamp) VALUES (?, ?) ON CONFLICT (object) DO UPDATE SET stamp = MAX(stamp, excluded.stamp)`,
  setting: `SELECT value FROM settings WHERE key = ?`,
  saveSetting: `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  userName: `SELECT name FROM users WHERE id = ?`,
  saveUserName: `INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
  replayId: `SELECT replay_id FROM replay_ids WHERE channel = ?`,
  saveReplayId: `INSERT INTO replay_ids (channel, replay_id) VALUES (?, ?) ON CONFLICT (channel) DO UPDATE SET replay_id = excluded.replay_id`,
  lastWritten: `SELECT hash, stance, at_risk FROM written WHERE account_id = ?`,
  recordWritten: `INSERT INTO written (account_id, hash, stance, at_risk, written_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET hash = excluded.hash, stance = excluded.stance, at_risk = excluded.at_risk, written_at = excluded.written_at`,
  forgetWritten: `DELETE FROM written WHERE account_id = ?`,
  orgStance: `SELECT fields FROM org_stance WHERE account_id = ?`,
  saveOrgStance: `INSERT INTO org_stance (account_id, fields, seen_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET fields = excluded.fields, seen_at = excluded.seen_at`,
  forgetOrgStance: `DELETE FROM org_stance WHERE account_id = ?`,
  driftRepairs: `SELECT day, repairs, noticed FROM drift_repairs WHERE account_id = ?`,
  saveDriftRepairs: `INSERT INTO drift_repairs (account_id, day, repairs, noticed) VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET day = excluded.day, repairs = excluded.repairs, noticed = excluded.noticed`,
  forgetDriftRepairs: `DELETE FROM drift_repairs WHERE account_id = ?`,
  retry: `SELECT attempts, next_at FROM retries WHERE account_id = ?`,
  retries: `SELECT account_id, attempts, next_at FROM retries ORDER BY next_at, account_id`,
  saveRetry: `INSERT INTO retries (account_id, attempts, next_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET attempts = excluded.attempts, next_at = excluded.next_at`,
  forgetRetry: `DELETE FROM retries WHERE account_id = ?`,
  inFlight: `SELECT account_id, hash, stance, at_risk, fields, change, computed_at, notice FROM in_flight WHERE account_id = ?`,
  saveInFlight: `INSERT INTO in_flight (account_id, hash, stance, at_risk, fields, change, computed_at, notice) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET hash = excluded.hash, stance = excluded.stance, at_risk = excluded.at_risk, fields = excluded.fields, change = excluded.change, computed_at = excluded.computed_at, notice = excluded.notice`,
  forgetInFlight: `DELETE FROM in_flight WHERE account_id = ?`,
  queueNotice: `INSERT OR IGNORE INTO owner_notices (account_id, computed_at, notice) VALUES (?, ?, ?)`,
  queuedNotices: `SELECT computed_at, notice FROM owner_notices ORDER BY computed_at, account_id`,
  forgetNotice: `DELETE FROM owner_notices WHERE account_id = ? AND computed_at = ?`,
  outboxSize: `SELECT count(*) AS size FROM outbox`,
  failure: `SELECT account_id, error_code, message, at, attempts FROM failures WHERE account_id = ?`,
  forgetReevaluation: `DELETE FROM reevaluations WHERE account_id = ?`,
  failureCount: `SELECT count(*) AS n FROM failures`,
} as const;

/** Statements that read a whole table by design, and why that is not a cost per change. */
export const WHOLE_TABLE_READS: Readonly<Partial<Record<keyof typeof LEDGER_SQL, string>>> = {
  outbox: 'read at a start, after the allowance or the disk is back, or to retry a failed flush',
  outboxSize: 'a count over the outbox index for /status and the outbox readiness check, no rows to JavaScript',
  failures: 'the refused writes the admin /status lists',
  failureCount: 'a count over the failures index for /status and /metrics, no rows to JavaScript',
  queuedNotices: "owners' notices waiting to be sent: a short queue, emptied after each round of writes",
  retries: 'the retry back-offs, listed whole',
};

export class SyncLedger {
  private readonly sql;

  constructor(private readonly db: Database.Database) {
    this.sql = prepareAll(db, LEDGER_SQL);
  }

  noteKeyPersonChange({ change, accountId, name }: NoticedKeyPersonChange): void {
    this.sql.noteDetection.run(
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
  pendingDetections(): PendingDetection[] {
    return (this.sql.pendingDetections.all() as DetectionRow[]).map((row) => ({
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
    this.sql.markDetection.run(change.contactId, change.change, change.at);
  }

  /** Accounts waiting for a classification write: kept on disk so a crash loses none of them. */
  addToOutbox(accountIds: Iterable<string>, since: string): void {
    this.db.transaction(() => {
      for (const id of accountIds) this.sql.addToOutbox.run(id, since);
    })();
  }

  outbox(): string[] {
    return (this.sql.outbox.all() as Array<{ account_id: string }>).map((row) => row.account_id);
  }

  /**
   * The outbox a page (`size` ids) at a time, in id order: each page its own keyset query after the
   * last id of the one before, so the caller may classify and write between pages and what is held
   * is one page, whatever the outbox's size.
   */
  *outboxPages(size: number): Generator<string[]> {
    let after = '';
    for (;;) {
      const rows = this.sql.outboxAfter.all(after, size) as Array<{ account_id: string }>;
      if (rows.length > 0) yield rows.map((row) => row.account_id);
      if (rows.length < size) return;
      after = rows[rows.length - 1]!.account_id;
    }
  }

  /** How many accounts wait in the outbox, counted in SQLite. */
  outboxSize(): number {
    return (this.sql.outboxSize.get() as { size: number }).size;
  }

  removeFromOutbox(accountIds: Iterable<string>): void {
    this.db.transaction(() => {
      for (const id of accountIds) this.sql.removeFromOutbox.run(id);
    })();
  }

  /**
   * Accounts written from a classification made at `classifiedAt`: out of the outbox, except the
   * ones marked again since (a catch-up read while the write was out): those wait for the next pass.
   */
  removeWrittenFromOutbox(accountIds: Iterable<string>, classifiedAt: string): void {
    this.db.transaction(() => {
      for (const id of accountIds) this.sql.removeFromOutboxIfNotSince.run(id, classifiedAt);
    })();
  }

  /** A write the org refused for good; replaced by the next refusal, cleared by the next success. */
  recordFailure(accountId: string, errorCode: string, message: string, at: string): void {
    this.sql.recordFailure.run(accountId, errorCode, message, at);
  }

  clearFailure(accountId: string): void {
    this.sql.clearFailure.run(accountId);
  }

  failures(): WriteFailure[] {
    return (this.sql.failures.all() as FailureRow[]).map(failureOf);
  }

  /** How many accounts' latest write the org refused, counted in SQLite. */
  failureCount(): number {
    return (this.sql.failureCount.get() as { n: number }).n;
  }

  /** The account's refused write, if the org refused its last one for good. */
  failure(accountId: string): WriteFailure | null {
    const row = this.sql.failure.get(accountId) as FailureRow | undefined;
    return row ? failureOf(row) : null;
  }

  /** The latest SystemModstamp read for an object: reconciliation reads from there. */
  watermark(object: MirroredObject): string | null {
    return (this.sql.watermark.get(object) as { stamp: string } | undefined)?.stamp ?? null;
  }

  /** Moves an object's watermark forward (never back). */
  saveWatermark(object: MirroredObject, stamp: string): void {
    this.sql.saveWatermark.run(object, stamp);
  }

  setting(key: string): string | null {
    return (this.sql.setting.get(key) as { value: string } | undefined)?.value ?? null;
  }

  saveSetting(key: string, value: string): void {
    this.sql.saveSetting.run(key, value);
  }

  /** True when the mirror has been loaded from the org at least once. */
  get loaded(): boolean {
    return this.setting(LOADED_SETTING) !== null;
  }

  markLoaded(at: string): void {
    this.saveSetting(LOADED_SETTING, at);
  }

  /** Display names of the people who report signals: change events carry only their id. */
  userName(userId: string): string | null {
    return (this.sql.userName.get(userId) as { name: string } | undefined)?.name ?? null;
  }

  saveUserNames(names: Iterable<readonly [string, string]>): void {
    this.db.transaction(() => {
      for (const [id, name] of names) this.sql.saveUserName.run(id, name);
    })();
  }

  replayId(channel: string): number | null {
    return (this.sql.replayId.get(channel) as { replay_id: number } | undefined)?.replay_id ?? null;
  }

  /** Commits a replay id: call only once what the events caused is durable in the org. */
  saveReplayId(channel: string, replayId: number): void {
    this.sql.saveReplayId.run(channel, replayId);
  }

  lastWritten(accountId: string): LastWritten | null {
    const row = this.sql.lastWritten.get(accountId) as { hash: string; stance: string; at_risk: number } | undefined;
    return row ? { hash: row.hash, stance: row.stance, atRisk: row.at_risk === 1 } : null;
  }

  recordWritten(accountId: string, hash: string, stance: string, atRisk: boolean, at: string): void {
    this.sql.recordWritten.run(accountId, hash, stance, atRisk ? 1 : 0, at);
  }

  /**
   * What the org was last seen holding in the account's Stance fields, where that may differ from
   * what the sidecar wrote: set by someone else's change event or by a read; null once written.
   */
  orgStance(accountId: string): Readonly<Record<string, unknown>> | null {
    const row = this.sql.orgStance.get(accountId) as { fields: string } | undefined;
    return row ? (JSON.parse(row.fields) as Record<string, unknown>) : null;
  }

  /** Adds fields seen in the org to what is known of them (a change event names only some). */
  noteOrgStance(accountId: string, fields: Readonly<Record<string, unknown>>, at: string): void {
    this.sql.saveOrgStance.run(accountId, JSON.stringify({ ...this.orgStance(accountId), ...fields }), at);
  }

  /** noteOrgStance for many accounts, in one transaction. */
  noteOrgStances(seen: Iterable<readonly [string, Readonly<Record<string, unknown>>]>, at: string): void {
    this.db.transaction(() => {
      for (const [accountId, fields] of seen) this.noteOrgStance(accountId, fields, at);
    })();
  }

  /** The org holds what the sidecar wrote (or is known to agree with it). */
  forgetOrgStance(accountIds: Iterable<string>): void {
    this.db.transaction(() => {
      for (const id of accountIds) this.sql.forgetOrgStance.run(id);
    })();
  }

  /** Drift repairs of the account on `day` (YYYY-MM-DD), and whether the admins were told it reached the cap. */
  driftRepairs(accountId: string, day: string): DriftRepairs {
    const row = this.sql.driftRepairs.get(accountId) as { day: string; repairs: number; noticed: number } | undefined;
    return row?.day === day ? { repairs: row.repairs, noticed: row.noticed === 1 } : { repairs: 0, noticed: false };
  }

  saveDriftRepairs(accountId: string, day: string, repairs: DriftRepairs): void {
    this.sql.saveDriftRepairs.run(accountId, day, repairs.repairs, repairs.noticed ? 1 : 0);
  }

  /** The retry back-off of an account whose write the org refused for now, or null. */
  retry(accountId: string): Retry | null {
    const row = this.sql.retry.get(accountId) as { attempts: number; next_at: string } | undefined;
    return row ? { accountId, attempts: row.attempts, nextAt: row.next_at } : null;
  }

  retries(): Retry[] {
    const rows = this.sql.retries.all() as Array<{ account_id: string; attempts: number; next_at: string }>;
    return rows.map((row) => ({ accountId: row.account_id, attempts: row.attempts, nextAt: row.next_at }));
  }

  saveRetry(retry: Retry): void {
    this.sql.saveRetry.run(retry.accountId, retry.attempts, retry.nextAt);
  }

  forgetRetry(accountIds: Iterable<string>): void {
    this.db.transaction(() => {
      for (const id of accountIds) this.sql.forgetRetry.run(id);
    })();
  }

  /** Writes about to be sent: recorded first, so a crash before their answer leaves them in doubt, not lost. */
  saveInFlight(writes: readonly InFlight[]): void {
    this.db.transaction(() => {
      for (const write of writes) {
        this.sql.saveInFlight.run(
          write.accountId,
          write.hash,
          write.stance,
          write.atRisk ? 1 : 0,
          JSON.stringify(write.fields),
          write.change ? JSON.stringify(write.change) : null,
          write.computedAt,
          write.notice ? JSON.stringify(write.notice) : null,
        );
      }
    })();
  }

  /** The in-flight writes of these accounts: sent earlier and never answered. */
  inFlight(accountIds: Iterable<string>): InFlight[] {
    const found: InFlight[] = [];
    for (const id of accountIds) {
      const row = this.sql.inFlight.get(id) as InFlightRow | undefined;
      if (!row) continue;
      found.push({
        accountId: row.account_id,
        hash: row.hash,
        stance: row.stance,
        atRisk: row.at_risk === 1,
        fields: JSON.parse(row.fields) as Record<string, unknown>,
        change: row.change ? (JSON.parse(row.change) as RecordWrite) : null,
        computedAt: row.computed_at,
        notice: row.notice ? (JSON.parse(row.notice) as StoredNotice) : null,
      });
    }
    return found;
  }

  /**
   * The org answered these writes (took or refused them): no longer in doubt. The notices of the
   * ones it took are queued in the same transaction, so no crash falls between the two.
   */
  forgetInFlight(accountIds: Iterable<string>, notices: readonly QueuedNotice[] = []): void {
    this.db.transaction(() => {
      for (const id of accountIds) this.sql.forgetInFlight.run(id);
      for (const { computedAt, notice } of notices)
        this.sql.queueNotice.run(notice.accountId, computedAt, JSON.stringify(notice));
    })();
  }

  /** Owners' notices of writes that landed, not yet taken by the org: oldest first. */
  queuedNotices(): QueuedNotice[] {
    return (this.sql.queuedNotices.all() as Array<{ computed_at: string; notice: string }>).map((row) => ({
      computedAt: row.computed_at,
      notice: JSON.parse(row.notice) as StoredNotice,
    }));
  }

  /** The org took these notices (or refused them for good): not sent again. */
  forgetNotices(notices: readonly QueuedNotice[]): void {
    this.db.transaction(() => {
      for (const { computedAt, notice } of notices) this.sql.forgetNotice.run(notice.accountId, computedAt);
    })();
  }

  /** An account deleted in the org: nothing of it is left to write or compare with. */
  forgetAccount(accountId: string): void {
    this.sql.forgetWritten.run(accountId);
    this.sql.removeFromOutbox.run(accountId);
    this.sql.forgetOrgStance.run(accountId);
    this.sql.forgetDriftRepairs.run(accountId);
    this.sql.forgetRetry.run(accountId);
    this.sql.forgetInFlight.run(accountId);
    this.sql.forgetReevaluation.run(accountId);
    this.sql.clearFailure.run(accountId);
  }
}
