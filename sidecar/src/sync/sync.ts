/**
 * Keeps every account's stance current: loads the org into the mirror once, then follows change
 * events (and polls what has no channel), coalesces the accounts they touch, classifies them from
 * the mirror and writes only the classifications that changed. Replay ids are committed once the
 * writes they caused are done; accounts waiting for a write sit in the mirror's outbox, so a
 * crash at any point loses nothing.
 */
import type { Connection } from 'jsforce';
import type { Logger } from 'pino';
import { classify, detectedSignalOf, stanceFieldValues } from '../domain';
import type { Classification, CompiledConfig, MetadataRecords } from '../domain';
import { ChangeStream } from '../salesforce/changeStream';
import { Notifier } from '../salesforce/notifier';
import type { Notification } from '../salesforce/notifier';
import { readAll } from '../salesforce/reader';
import { readRuleRecords } from '../salesforce/ruleRecords';
import { writeRecords } from '../salesforce/writer';
import type { Announcement, RecordWrite, WriteOutcome } from '../salesforce/writer';
import { ACCOUNT_LINK, MIRRORED_OBJECTS } from '../store/mirror';
import type { MirrorStore, MirroredObject } from '../store/mirror';
import { STREAMED_OBJECTS, changedValues, channelOf, isOwnChange } from './changeEvents';
import type { ChangeEventMessage } from '../salesforce/changeStream';
import { ReevaluationSchedule, systemClock } from './clock';
import type { Clock } from './clock';
import { SyncMetrics } from './metrics';
import { byIdsQuery, changedSinceQuery, fieldKinds, readAllQuery, WRITTEN_ACCOUNT_FIELDS } from './queries';
import { compileRuleSet, describeProblems } from './rules';
import type { RuleSet } from './rules';
import { simulate } from './simulate';
import type { SimulationResult } from './simulate';
import { planWrite } from './writePlan';
import type { OwnerNotice, PlannedWrite, PreviousState } from './writePlan';

export interface SyncOptions {
  readonly apiVersion: string;
  readonly clientName: string;
  readonly coalesceMs: number;
  readonly reconcileIntervalMs: number;
  readonly rulesPollMs: number;
  readonly marketPollMs: number;
  readonly bulkThreshold: number;
}

export type SyncState = 'starting' | 'loading' | 'live' | 'stopping' | 'stopped';

type OrgWritten = Readonly<Record<string, unknown>>;

const RULES_SETTING = 'rules';
const LOADED_SETTING = 'loaded_at';
const RECOMPUTE_CHUNK = 5_000;
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;
const REREAD_CHUNK = 200;

/** The platform event open record pages follow to reload accounts the sidecar rewrote. */
export const STANCE_UPDATE_EVENT = 'Stance_Update__e';

/** Names the accounts a write call updates, so the event goes out in the same call. */
function announceStanceUpdate(writes: readonly RecordWrite[]): Announcement | null {
  const ids = writes.filter((write) => write.type === 'Account' && write.id).map((write) => write.id!);
  return ids.length > 0 ? { type: STANCE_UPDATE_EVENT, fields: { Account_Ids__c: ids.join(',') } } : null;
}

export class StanceSync {
  state: SyncState = 'starting';
  readonly metrics = new SyncMetrics();
  rules: RuleSet | null = null;
  /** The latest rule set the sidecar refused, with its problems; cleared by a valid one. */
  refusedRules: { fingerprint: string; problems: string[]; at: string } | null = null;
  /** Why streaming is down, or null when it is up. */
  streamProblem: string | null = null;
  /** Objects followed by polling because the org refused their channel. */
  readonly polledObjects = new Set<MirroredObject>(['Market_Signal__c']);

  private stream: ChangeStream | null = null;
  private readonly schedule: ReevaluationSchedule;
  private readonly notifier: Notifier;
  private readonly dirty = new Map<string, number>();
  /** Replay ids applied to the mirror and not yet committed. */
  private readonly applied = new Map<string, number>();
  private eventChain: Promise<void>;
  private openGate!: () => void;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly intervals: NodeJS.Timeout[] = [];
  private readonly retryAttempts = new Map<string, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private restartingStream = false;
  private readonly periodic = new Set<Promise<void>>();
  /** Channels with an event that failed to apply: their replay ids wait for a catch-up read. */
  private readonly heldChannels = new Set<string>();
  private renewing: Promise<void> | null = null;
  private renewAttempts = 0;

  constructor(
    private readonly conn: Connection,
    private readonly mirror: MirrorStore,
    private readonly options: SyncOptions,
    private readonly log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>,
    private readonly clock: Clock = systemClock,
  ) {
    this.schedule = new ReevaluationSchedule(clock, (ids) => this.markDirty(ids, clock.now()));
    this.notifier = new Notifier(conn, options.apiVersion);
    // Events wait behind this gate until the mirror is loaded (or resumed).
    this.eventChain = new Promise<void>((resolve) => (this.openGate = resolve));
  }

  // ---- start and stop ------------------------------------------------------------------------

  async start(): Promise<void> {
    await this.pollRules({ initial: true });
    const resume = this.mirror.ledger.loaded;
    const positions = new Map<string, number>();
    const missing: MirroredObject[] = [];
    for (const object of STREAMED_OBJECTS) {
      const stored = resume ? this.mirror.ledger.replayId(channelOf(object)) : null;
      if (resume && stored === null) missing.push(object);
      positions.set(channelOf(object), stored ?? -1);
    }
    await this.startStream(positions);

    if (resume) {
      this.log.info({ outbox: this.mirror.ledger.outbox().length }, 'resuming from the stored replay ids');
      for (const object of missing) await this.reconcileObject(object);
      this.markDirty(this.mirror.allAccountIds(), null);
    } else {
      this.state = 'loading';
      await this.initialLoad();
    }
    for (const object of this.polledObjects) if (resume) await this.reconcileObject(object);
    this.markDirty(this.mirror.ledger.outbox(), null);
    this.openGate();
    await this.flushNow();
    this.state = 'live';
    this.every(this.options.marketPollMs, () => this.pollObjects());
    this.every(this.options.rulesPollMs, () => this.pollRules({ initial: false }));
    this.every(this.options.reconcileIntervalMs, () => this.reconcileAll());
    this.log.info({ accounts: this.mirror.allAccountIds().length }, 'live: following change events');
  }

  /** Finishes what was received, writes it, commits replay ids; then lets go of the org. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    for (const interval of this.intervals) clearInterval(interval);
    for (const timer of this.retryTimers) clearTimeout(timer);
    await this.renewing;
    this.schedule.stop();
    this.stream?.stop();
    this.stream = null;
    this.openGate();
    await Promise.all(this.periodic);
    await this.eventChain;
    await this.flushNow();
    this.state = 'stopped';
  }

  private every(ms: number, task: () => Promise<unknown>): void {
    let running: Promise<void> | null = null;
    const interval = setInterval(() => {
      if (running || this.state !== 'live') return;
      running = task()
        .then(() => undefined)
        .catch((error: unknown) => this.fail('periodic task failed', error))
        .finally(() => {
          this.periodic.delete(running!);
          running = null;
        });
      this.periodic.add(running);
    }, ms);
    interval.unref();
    this.intervals.push(interval);
  }

  // ---- streaming -----------------------------------------------------------------------------

  private async startStream(positions: Map<string, number>): Promise<void> {
    const stream = new ChangeStream(this.conn, positions, {
      onEvent: (channel, message) => this.receive(channel, message),
      onSubscribeError: (channel, error) => this.log.warn({ channel, error: error.message }, 'subscription refused'),
      onSessionDenied: (reason) => this.renewStream(reason),
    });
    this.stream = stream;
    const refused = await stream.start();
    if (refused.length === 0) {
      this.streamProblem = null;
      return;
    }
    const stale = refused.filter(({ error }) => /replayId/i.test(error.message));
    const unavailable = refused.filter(({ error }) => !/replayId/i.test(error.message));
    for (const { channel, error } of unavailable) {
      const object = STREAMED_OBJECTS.find((candidate) => channelOf(candidate) === channel)!;
      this.polledObjects.add(object);
      this.log.warn(
        { channel, error: error.message },
        'the org refuses this channel: polling by SystemModstamp instead',
      );
    }
    if (stale.length > 0) {
      // Older than the org retains: start those channels from new events and catch up by SystemModstamp.
      stream.stop();
      for (const { channel } of stale) positions.set(channel, -1);
      for (const { channel } of unavailable) positions.delete(channel);
      this.log.warn(
        { channels: stale.map((item) => item.channel) },
        'stored replay ids are past retention: reconciling',
      );
      await this.startStream(positions);
      for (const { channel } of stale) {
        const object = STREAMED_OBJECTS.find((candidate) => channelOf(candidate) === channel)!;
        await this.reconcileObject(object);
      }
    }
  }

  /** A denied session: renew it (jsforce signs in again on the 401) and stream from where we were. */
  private renewStream(reason: string): void {
    if (this.restartingStream || this.state === 'stopping' || this.state === 'stopped') return;
    this.renewing = this.renew(reason).finally(() => (this.renewing = null));
  }

  private async renew(reason: string): Promise<void> {
    this.restartingStream = true;
    this.streamProblem = `session denied (${reason}); renewing`;
    this.log.warn({ reason }, 'streaming session denied: signing in again');
    try {
      const positions = new Map(this.stream?.positions ?? []);
      this.stream?.stop();
      await this.refreshUsage();
      await this.startStream(positions);
      // A channel that had delivered nothing yet can only start again from new events: read
      // what changed meanwhile by SystemModstamp instead.
      for (const object of STREAMED_OBJECTS) {
        if (positions.get(channelOf(object)) === -1) await this.reconcileObject(object);
      }
      this.metrics.streamRenewals++;
      this.renewAttempts = 0;
      this.log.info('streaming again');
    } catch (error) {
      this.streamProblem = `cannot renew the session: ${(error as Error).message}`;
      this.fail('renewing the streaming session failed; trying again', error);
      const wait = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** this.renewAttempts++);
      this.later(wait, () => this.renewStream(reason));
    } finally {
      this.restartingStream = false;
    }
  }

  private receive(channel: string, message: ChangeEventMessage): void {
    this.eventChain = this.eventChain
      .then(() => this.handleEvent(channel, message))
      .catch(async (error: unknown) => {
        // Never commit past an event that was not applied: hold the channel and catch its object up.
        this.fail(`event on ${channel} failed; catching up by SystemModstamp`, error);
        this.heldChannels.add(channel);
        const object = message.payload.ChangeEventHeader.entityName as MirroredObject;
        await this.reconcileObject(object).catch((again: unknown) =>
          this.fail(`catching up ${object} failed; the next reconciliation retries`, again),
        );
      });
  }

  private async handleEvent(channel: string, message: ChangeEventMessage): Promise<void> {
    const raw = message.payload.ChangeEventHeader;
    // Some channels leave out the lists that would be empty; cleared fields may come as nulls instead.
    const header = {
      ...raw,
      recordIds: raw.recordIds ?? [],
      changedFields: raw.changedFields ?? [],
      nulledFields: raw.nulledFields ?? [],
    };
    const object = header.entityName as MirroredObject;
    this.metrics.countEvent(object);
    this.metrics.lastEventLagSeconds = Math.max(0, (Date.now() - header.commitTimestamp) / 1000);
    const at = new Date(header.commitTimestamp).toISOString();
    let accounts: string[] = [];
    if (isOwnChange(header, this.options.clientName)) {
      this.metrics.ownEventsSkipped++;
    } else if (header.changeType === 'GAP_OVERFLOW') {
      this.metrics.gapEvents++;
      await this.reconcileObject(object);
    } else if (header.changeType.startsWith('GAP_')) {
      this.metrics.gapEvents++;
      accounts = await this.reread(object, header.recordIds);
    } else if (header.changeType === 'DELETE') {
      accounts = this.mirror.remove(object, header.recordIds, at);
      if (object === 'Account') accounts.push(...header.recordIds);
    } else {
      const values = changedValues(message.payload);
      if (object === 'Stance_Signal__c' && typeof values.CreatedById === 'string')
        values.CreatedByName = await this.userName(values.CreatedById);
      for (const id of header.recordIds) {
        accounts.push(...this.mirror.accountIdsOf(object, [id]));
        const accountId = this.mirror.applyChange(object, id, values, header.nulledFields, at);
        if (accountId) accounts.push(accountId);
      }
    }
    this.markDirty(accounts, header.commitTimestamp);
    this.applied.set(channel, message.event.replayId);
    this.scheduleFlush();
  }

  // ---- reading the org -----------------------------------------------------------------------

  private async initialLoad(): Promise<void> {
    const written = new Map<string, OrgWritten>();
    for (const object of MIRRORED_OBJECTS) {
      const started = Date.now();
      const { records, via } = await readAll(this.conn, readAllQuery(object, { withWritten: object === 'Account' }), {
        apiVersion: this.options.apiVersion,
        bulkThreshold: this.options.bulkThreshold,
        kinds: fieldKinds(object),
        onProgress: (read, total) => this.log.debug({ object, read, total }, 'reading'),
      });
      if (object === 'Account') {
        for (const record of records) {
          written.set(
            String(record.Id),
            Object.fromEntries(WRITTEN_ACCOUNT_FIELDS.map((field) => [field, record[field]])),
          );
        }
      }
      this.mirror.upsert(object, records);
      this.rememberReporters(object, records);
      this.advanceWatermark(object, records);
      this.log.info({ object, records: records.length, via, ms: Date.now() - started }, `loaded ${object}`);
    }
    this.mirror.ledger.saveSetting(LOADED_SETTING, new Date(this.clock.now()).toISOString());
    const ids = this.mirror.allAccountIds();
    this.mirror.ledger.addToOutbox(ids, new Date(this.clock.now()).toISOString());
    for (let start = 0; start < ids.length; start += RECOMPUTE_CHUNK) {
      const chunk = ids.slice(start, start + RECOMPUTE_CHUNK);
      const wrote = await this.recompute(chunk, written);
      this.log.info(
        { classified: Math.min(start + RECOMPUTE_CHUNK, ids.length), of: ids.length, wrote },
        'initial classification',
      );
    }
  }

  /** A reporter's display name: from the mirror, else one query (the answer is kept). */
  private async userName(userId: string): Promise<string | null> {
    const known = this.mirror.ledger.userName(userId);
    if (known !== null) return known;
    const answer = await this.conn.query<{ Id: string; Name: string }>(
      `SELECT Id, Name FROM User WHERE Id = '${userId.replace(/[^a-zA-Z0-9]/g, '')}'`,
    );
    this.mirror.ledger.saveUserNames(answer.records.map((user) => [user.Id, user.Name] as const));
    return answer.records[0]?.Name ?? null;
  }

  private rememberReporters(object: MirroredObject, records: ReadonlyArray<Record<string, unknown>>): void {
    if (object !== 'Stance_Signal__c') return;
    const names: Array<readonly [string, string]> = [];
    for (const record of records) {
      const name = (record.CreatedBy as { Name?: string } | null | undefined)?.Name;
      if (typeof record.CreatedById === 'string' && typeof name === 'string') names.push([record.CreatedById, name]);
    }
    this.mirror.ledger.saveUserNames(names);
  }

  /** Reads records named by a GAP event again; the ones gone were deleted. */
  private async reread(object: MirroredObject, ids: readonly string[]): Promise<string[]> {
    const accounts: string[] = [];
    for (let start = 0; start < ids.length; start += REREAD_CHUNK) {
      const chunk = ids.slice(start, start + REREAD_CHUNK);
      const { records } = await readAll(this.conn, byIdsQuery(object, chunk), {
        apiVersion: this.options.apiVersion,
        bulkThreshold: Infinity,
        kinds: fieldKinds(object),
      });
      accounts.push(...this.applyRecords(object, records));
      const found = new Set(records.map((record) => String(record.Id)));
      const gone = chunk.filter((id) => !found.has(id));
      accounts.push(...this.mirror.remove(object, gone, new Date(this.clock.now()).toISOString()));
      if (object === 'Account') accounts.push(...gone);
    }
    return accounts;
  }

  /** Catches an object up by SystemModstamp (deleted records included) from what was last read. */
  async reconcileObject(object: MirroredObject): Promise<number> {
    const since = this.mirror.ledger.watermark(object) ?? '1970-01-01T00:00:00.000Z';
    const { records } = await readAll(this.conn, changedSinceQuery(object, since), {
      apiVersion: this.options.apiVersion,
      bulkThreshold: this.options.bulkThreshold,
      kinds: fieldKinds(object),
      includeDeleted: true,
    });
    const now = new Date(this.clock.now()).toISOString();
    const deleted = records.filter((record) => record.IsDeleted === true).map((record) => String(record.Id));
    const accounts = this.applyRecords(
      object,
      records.filter((record) => record.IsDeleted !== true),
    );
    if (object === 'Market_Signal__c') {
      for (const id of deleted) {
        const gone = this.mirror.record(object, id);
        if (gone) accounts.push(...this.marketAccounts(gone));
      }
    }
    accounts.push(...this.mirror.remove(object, deleted, now));
    if (object === 'Account') accounts.push(...deleted);
    this.advanceWatermark(object, records);
    if ((STREAMED_OBJECTS as readonly string[]).includes(object)) this.heldChannels.delete(channelOf(object));
    this.metrics.reconciliations++;
    const level = accounts.length > 0 ? 'info' : 'debug';
    this.log[level]({ object, records: records.length, accounts: accounts.length, since }, 'reconciled');
    this.markDirty(accounts, null);
    this.scheduleFlush();
    return records.length;
  }

  private async reconcileAll(): Promise<void> {
    for (const object of MIRRORED_OBJECTS) await this.reconcileObject(object);
  }

  private async pollObjects(): Promise<void> {
    for (const object of this.polledObjects) await this.reconcileObject(object);
  }

  /**
   * Applies whole records; answers the accounts they belonged to before and belong to now, for
   * the records that differ from the mirror (a catch-up read sees unchanged records again).
   */
  private applyRecords(object: MirroredObject, records: ReadonlyArray<Record<string, unknown>>): string[] {
    const accounts: string[] = [];
    this.rememberReporters(object, records);
    for (const record of records) {
      const id = String(record.Id);
      const before = this.mirror.record(object, id);
      if (object === 'Market_Signal__c') {
        this.mirror.upsert(object, [record]);
        if (JSON.stringify(before) === JSON.stringify(this.mirror.record(object, id))) continue;
        if (before) accounts.push(...this.marketAccounts(before));
        accounts.push(...this.marketAccounts(record));
        continue;
      }
      const at =
        typeof record.SystemModstamp === 'string' ? record.SystemModstamp : new Date(this.clock.now()).toISOString();
      const accountId = this.mirror.applyChange(object, id, record, [], at);
      if (JSON.stringify(before) === JSON.stringify(this.mirror.record(object, id))) continue;
      const previousAccount = before?.[ACCOUNT_LINK[object]!];
      if (typeof previousAccount === 'string') accounts.push(previousAccount);
      if (accountId) accounts.push(accountId);
    }
    return accounts;
  }

  private marketAccounts(record: Readonly<Record<string, unknown>>): string[] {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
    return this.mirror.accountIdsFor(text(record.Industry__c), text(record.Country__c));
  }

  private advanceWatermark(object: MirroredObject, records: ReadonlyArray<Record<string, unknown>>): void {
    let latest = '';
    for (const record of records) {
      const stamp = record.SystemModstamp;
      if (typeof stamp === 'string' && stamp > latest) latest = stamp;
    }
    if (latest) this.mirror.ledger.saveWatermark(object, new Date(Date.parse(latest)).toISOString());
  }

  // ---- rules ---------------------------------------------------------------------------------

  /** Reads the rules; a valid change takes over and recomputes everything, an invalid one is refused. */
  async pollRules({ initial }: { initial: boolean }): Promise<void> {
    const records = await readRuleRecords(this.conn, this.options.apiVersion);
    await this.adoptRules(records, initial);
  }

  private async adoptRules(records: MetadataRecords, initial: boolean): Promise<void> {
    const candidate = compileRuleSet(records);
    if (candidate.fingerprint === this.rules?.fingerprint) {
      // Back to the set in force (an invalid edit was undone): nothing to recompute.
      this.refusedRules = null;
      return;
    }
    if (candidate.fingerprint === this.refusedRules?.fingerprint) return;
    if (!candidate.compiled) {
      const problems = describeProblems(candidate.problems);
      this.refusedRules = {
        fingerprint: candidate.fingerprint,
        problems,
        at: new Date(this.clock.now()).toISOString(),
      };
      this.log.error({ problems }, 'the rule set in custom metadata is invalid: keeping the last good one');
      if (!this.rules && initial) this.rules = this.lastGoodRules();
      if (!this.rules) {
        throw new Error(
          `The rules in custom metadata are invalid and no earlier valid set is stored:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix them (npm run rules:check) and start again.`,
        );
      }
      await this.notifyAdmins(problems);
      return;
    }
    const replacing = this.rules !== null;
    this.rules = candidate;
    this.refusedRules = null;
    this.mirror.ledger.saveSetting(RULES_SETTING, JSON.stringify(records));
    this.metrics.rulesReloads++;
    this.log.info({ fingerprint: candidate.fingerprint, rules: candidate.compiled.rules.length }, 'rules in force');
    if (replacing && !initial) {
      this.markDirty(this.mirror.allAccountIds(), null);
      this.scheduleFlush();
    }
  }

  private lastGoodRules(): RuleSet | null {
    const stored = this.mirror.ledger.setting(RULES_SETTING);
    if (!stored) return null;
    const ruleSet = compileRuleSet(JSON.parse(stored) as MetadataRecords);
    return ruleSet.compiled ? ruleSet : null;
  }

  private async notifyAdmins(problems: readonly string[]): Promise<void> {
    try {
      const admins = await this.notifier.adminIds();
      const refused = await this.notifier.send([
        {
          recipientIds: admins,
          title: 'Stance refused the new rules: the previous rules stay in force',
          body: problems.slice(0, 5).join('\n') + (problems.length > 5 ? `\n(${problems.length - 5} more)` : ''),
        },
      ]);
      for (const { error } of refused) this.log.warn({ error }, 'the org refused the admin notification');
      this.metrics.notificationsSent += admins.length > 0 ? 1 - refused.length : 0;
    } catch (error) {
      this.fail('notifying admins failed', error);
    }
  }

  /** Rules simulation: a candidate set against the mirror; nothing is written. */
  simulate(records: MetadataRecords): { problems: string[] } | SimulationResult {
    const candidate = compileRuleSet(records);
    if (!candidate.compiled) return { problems: describeProblems(candidate.problems) };
    return simulate(this.mirror, this.compiled(), candidate.compiled, this.clock.now());
  }

  private compiled(): CompiledConfig {
    if (!this.rules?.compiled) throw new Error('no rules in force');
    return this.rules.compiled;
  }

  // ---- classifying and writing ---------------------------------------------------------------

  /** Accounts to classify again; `since` is when the change that touched them was committed. */
  markDirty(accountIds: Iterable<string>, since: number | null): void {
    const ids = [...accountIds];
    if (ids.length === 0) return;
    const at = since ?? this.clock.now();
    for (const id of ids) if (!this.dirty.has(id)) this.dirty.set(id, at);
    this.mirror.ledger.addToOutbox(ids, new Date(at).toISOString());
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.state === 'stopping' || this.state === 'stopped') return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flushNow();
    }, this.options.coalesceMs);
  }

  /** Classifies and writes everything dirty now; resolves when it is durable. */
  flushNow(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.flushing = this.flushing
      .then(() => this.flush())
      .catch((error: unknown) => {
        // The accounts are still in the outbox on disk: try them again shortly.
        this.fail('writing classifications failed; retrying the outbox', error);
        this.later(RETRY_BASE_MS, () => this.markDirty(this.mirror.ledger.outbox(), null));
      });
    return this.flushing;
  }

  /** Recomputes the given accounts (or all), now, and answers how many writes that took. */
  async recomputeNow(accountIds: readonly string[] | 'all'): Promise<{ accounts: number; written: number }> {
    const ids = accountIds === 'all' ? this.mirror.allAccountIds() : accountIds;
    const before = this.metrics.writes;
    this.markDirty(ids, null);
    await this.flushNow();
    return { accounts: ids.length, written: this.metrics.writes - before };
  }

  private async flush(): Promise<void> {
    const replay = new Map(this.applied);
    const ids = new Map(this.dirty);
    this.dirty.clear();
    if (this.rules?.compiled) {
      for (const accountId of await this.persistDetections())
        if (!ids.has(accountId)) ids.set(accountId, this.clock.now());
      if (ids.size > 0) await this.recompute([...ids.keys()], null, ids);
    }
    for (const [channel, replayId] of replay) {
      if (this.heldChannels.has(channel)) continue;
      if (this.mirror.ledger.replayId(channel) !== replayId) this.mirror.ledger.saveReplayId(channel, replayId);
      if (this.applied.get(channel) === replayId) this.applied.delete(channel);
    }
    this.metrics.flushes++;
  }

  /**
   * Classifies accounts from the mirror and writes the ones whose classification changed.
   * `orgWritten` (initial load) holds what the org already shows, so equal values are not written.
   */
  private async recompute(
    accountIds: readonly string[],
    orgWritten: ReadonlyMap<string, OrgWritten> | null,
    dirtySince: ReadonlyMap<string, number> | null = null,
  ): Promise<number> {
    const compiled = this.compiled();
    const now = this.clock.now();
    const computedAt = new Date(now).toISOString();
    const marketSignals = this.mirror.marketSignals();
    const planned: Array<{ plan: PlannedWrite; classification: Classification }> = [];
    const settled: string[] = [];
    for (const accountId of accountIds) {
      const snapshot = this.mirror.snapshot(accountId, marketSignals);
      if (!snapshot) {
        settled.push(accountId);
        this.schedule.delete(accountId);
        continue;
      }
      const classification = classify(snapshot, compiled, now);
      this.metrics.accountsClassified++;
      this.schedule.set(accountId, classification.nextEvaluationMs);
      const last = this.mirror.ledger.lastWritten(accountId);
      if (last?.hash === classification.hash) {
        // What the org shows is right again (a refused write's cause went away).
        this.mirror.ledger.clearFailure(accountId);
        this.metrics.writesSkippedUnchanged++;
        settled.push(accountId);
        continue;
      }
      const inOrg = orgWritten?.get(accountId);
      if (inOrg && sameAsOrg(classification, inOrg)) {
        this.mirror.ledger.recordWritten(
          accountId,
          classification.hash,
          classification.stance,
          classification.atRisk,
          computedAt,
        );
        this.metrics.writesSkippedUnchanged++;
        settled.push(accountId);
        continue;
      }
      const previous: PreviousState | null =
        last ??
        (typeof inOrg?.Stance__c === 'string' ? { stance: inOrg.Stance__c, atRisk: inOrg.At_Risk__c === true } : null);
      planned.push({ plan: planWrite(classification, snapshot.account, previous, computedAt), classification });
    }
    this.mirror.ledger.removeFromOutbox(settled);
    if (planned.length === 0) return 0;

    const outcomes = new Map<RecordWrite, WriteOutcome>();
    const accountWrites = planned.map(({ plan }) => plan.account);
    for (const outcome of await writeRecords(this.conn, accountWrites, {
      apiVersion: this.options.apiVersion,
      announce: announceStanceUpdate,
    })) {
      if (outcome.write.type === STANCE_UPDATE_EVENT) this.noteAnnouncement(outcome);
      else outcomes.set(outcome.write, outcome);
    }
    // History only for accounts that took the change: a refused update must not leave a record of it.
    const history = planned.flatMap(({ plan }) => (plan.change && outcomes.get(plan.account)?.ok ? [plan.change] : []));
    if (history.length > 0) {
      for (const outcome of await writeRecords(this.conn, history, { apiVersion: this.options.apiVersion }))
        outcomes.set(outcome.write, outcome);
    }

    const notices: OwnerNotice[] = [];
    const done: string[] = [];
    let written = 0;
    for (const { plan, classification } of planned) {
      const outcome = outcomes.get(plan.account);
      if (outcome?.ok) {
        written++;
        done.push(plan.accountId);
        this.mirror.ledger.recordWritten(
          plan.accountId,
          classification.hash,
          classification.stance,
          classification.atRisk,
          computedAt,
        );
        this.mirror.ledger.clearFailure(plan.accountId);
        this.retryAttempts.delete(plan.accountId);
        this.metrics.writes++;
        const since = dirtySince?.get(plan.accountId);
        if (since !== undefined) this.metrics.recordLatency(Date.now() - since);
        if (plan.change) this.metrics.stanceChanges++;
        if (plan.notice) notices.push(plan.notice);
        const history = plan.change ? outcomes.get(plan.change) : undefined;
        if (history && !history.ok) {
          this.metrics.errors++;
          this.log.warn({ accountId: plan.accountId, error: history.message }, 'the stance history record was refused');
        }
      } else if (outcome?.retryable) {
        this.metrics.retryableWriteFailures++;
        this.retryLater(plan.accountId, outcome);
      } else {
        this.metrics.writeFailures++;
        done.push(plan.accountId);
        const code = outcome?.errorCode ?? 'UNKNOWN_EXCEPTION';
        const message = outcome?.message ?? 'no answer for this record';
        this.mirror.ledger.recordFailure(plan.accountId, code, message, computedAt);
        this.log.warn(
          { accountId: plan.accountId, errorCode: code, error: message },
          'the org refused the classification',
        );
      }
    }
    this.mirror.ledger.removeFromOutbox(done);
    if (notices.length > 0) await this.notifyOwners(notices);
    return written;
  }

  /** A locked row or a busy org: the account stays in the outbox and is tried again with backoff. */
  /** Open record pages miss this batch if the event was refused (e.g. not deployed): said once, counted always. */
  private noteAnnouncement(outcome: WriteOutcome): void {
    if (outcome.ok) {
      this.metrics.updatesAnnounced++;
      return;
    }
    this.metrics.announcementsRefused++;
    if (this.metrics.announcementsRefused === 1) {
      this.log.warn(
        { errorCode: outcome.errorCode, error: outcome.message },
        `the org refused the ${STANCE_UPDATE_EVENT} event: open record pages will not refresh on their own (is it deployed, and may the integration user create it?)`,
      );
    }
  }

  private retryLater(accountId: string, outcome: WriteOutcome): void {
    const attempt = (this.retryAttempts.get(accountId) ?? 0) + 1;
    this.retryAttempts.set(accountId, attempt);
    const wait = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
    this.log.warn({ accountId, errorCode: outcome.errorCode, attempt, retryInMs: wait }, 'write failed; will retry');
    this.later(wait, () => this.markDirty([accountId], null));
  }

  /** A retry timer, dropped when the sidecar stops. */
  private later(ms: number, fn: () => void): void {
    if (this.state === 'stopping' || this.state === 'stopped') return;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (this.state !== 'stopping' && this.state !== 'stopped') fn();
    }, ms);
    timer.unref();
    this.retryTimers.add(timer);
  }

  /** One notification per owner per flush, however many of their accounts moved. */
  private async notifyOwners(notices: readonly OwnerNotice[]): Promise<void> {
    const byOwner = new Map<string, OwnerNotice[]>();
    for (const notice of notices) byOwner.set(notice.ownerId, [...(byOwner.get(notice.ownerId) ?? []), notice]);
    const notifications: Notification[] = [...byOwner.entries()].map(([ownerId, list]) => {
      const line = (notice: OwnerNotice) =>
        notice.from === notice.to
          ? `${notice.accountName}: now at risk (${notice.to})`
          : `${notice.accountName}: ${notice.from} → ${notice.to}${notice.becameAtRisk ? ', at risk' : ''}`;
      return {
        recipientIds: [ownerId],
        targetId: list[0]!.accountId,
        title: list.length === 1 ? `Stance: ${line(list[0]!)}` : `Stance: ${list.length} of your accounts changed`,
        body: list.slice(0, 10).map(line).join('\n') + (list.length > 10 ? `\n… and ${list.length - 10} more` : ''),
      };
    });
    try {
      const refused = await this.notifier.send(notifications);
      this.metrics.notificationsSent += notifications.length - refused.length;
      for (const { error } of refused) this.log.warn({ error }, 'the org refused a notification');
    } catch (error) {
      this.fail('sending notifications failed', error);
    }
  }

  /** Key people who left or changed title, persisted as Detected signals so the org holds them. */
  private async persistDetections(): Promise<string[]> {
    const pending = this.mirror.ledger.pendingDetections();
    if (pending.length === 0) return [];
    const keyTitle = this.compiled().keyTitle;
    const writes: Array<{ write: RecordWrite; detection: (typeof pending)[number] }> = [];
    for (const detection of pending) {
      const fields = detectedSignalOf(detection, keyTitle);
      if (!fields) {
        this.mirror.ledger.markDetectionPersisted(detection);
        continue;
      }
      writes.push({
        detection,
        write: { type: 'Stance_Signal__c', externalIdField: 'Detection_Key__c', fields },
      });
    }
    if (writes.length === 0) return [];
    const outcomes = await writeRecords(
      this.conn,
      writes.map((item) => item.write),
      { apiVersion: this.options.apiVersion },
    );
    const ids: string[] = [];
    outcomes.forEach((outcome, index) => {
      const { detection } = writes.find((item) => item.write === outcome.write) ?? writes[index]!;
      if (outcome.ok && outcome.id) {
        ids.push(outcome.id);
        this.mirror.ledger.markDetectionPersisted(detection);
      } else if (outcome.retryable) {
        this.log.warn(
          { accountId: detection.accountId, error: outcome.message },
          'a detected signal failed; will retry',
        );
      } else {
        // Refused for good (its account is gone, say): sending it again would fail on every flush.
        this.mirror.ledger.markDetectionPersisted(detection);
        this.metrics.errors++;
        this.log.warn({ accountId: detection.accountId, error: outcome.message }, 'the org refused a detected signal');
      }
    });
    if (ids.length === 0) return [];
    // Read them back so the mirror holds exactly what the org does (CreatedDate included).
    const { records } = await readAll(this.conn, byIdsQuery('Stance_Signal__c', ids), {
      apiVersion: this.options.apiVersion,
      bulkThreshold: Infinity,
      kinds: fieldKinds('Stance_Signal__c'),
    });
    this.mirror.upsert('Stance_Signal__c', records);
    this.rememberReporters('Stance_Signal__c', records);
    return records.map((record) => String(record.Account__c));
  }

  // ---- reading state for the API -------------------------------------------------------------

  /** The full explanation of one account, from the mirror, with every fact. */
  classificationOf(
    accountId: string,
  ): { classification: Classification; lastWritten: unknown; failure: unknown } | null {
    const snapshot = this.mirror.snapshot(accountId);
    if (!snapshot) return null;
    return {
      classification: classify(snapshot, this.compiled(), this.clock.now(), { withFacts: true }),
      lastWritten: this.mirror.ledger.lastWritten(accountId),
      failure: this.mirror.ledger.failures().find((failure) => failure.accountId === accountId) ?? null,
    };
  }

  get pendingAccounts(): number {
    return this.dirty.size;
  }

  get nextReevaluation(): string | null {
    const next = this.schedule.next;
    return next === null ? null : new Date(next).toISOString();
  }

  /** API calls used and allowed today, as the org reported them on the latest answer. */
  get apiUsage(): { used: number; limit: number } | null {
    const usage = (this.conn as unknown as { limitInfo?: { apiUsage?: { used: number; limit: number } } }).limitInfo
      ?.apiUsage;
    return usage ?? null;
  }

  /** One cheap call that also renews an expired session and refreshes the API usage figures. */
  async refreshUsage(): Promise<void> {
    await this.conn.request(`/services/data/v${this.options.apiVersion}/limits`);
  }

  get streaming(): boolean {
    return this.stream !== null && this.streamProblem === null;
  }

  get mirrorStore(): MirrorStore {
    return this.mirror;
  }

  private fail(what: string, error: unknown): void {
    this.metrics.errors++;
    this.log.error({ error: (error as Error)?.message ?? String(error) }, what);
  }
}

/** True when the org already shows exactly this classification. */
function sameAsOrg(classification: Classification, inOrg: OrgWritten): boolean {
  const values = stanceFieldValues(classification) as unknown as Record<string, unknown>;
  return Object.entries(values).every(([field, value]) => {
    const held = inOrg[field] ?? null;
    return typeof value === 'number' ? Number(held) === value : held === (value ?? null);
  });
}
