/**
 * Keeps every account's stance current: loads the org into the mirror once, then follows change
 * events (and polls what has no channel), coalesces the accounts they touch, classifies them from
 * the mirror and writes only the classifications that changed. Replay ids are committed once the
 * writes they caused are done; accounts waiting for a write sit in the mirror's outbox, so a
 * crash at any point loses nothing.
 *
 * One change event: receive -> EventIngest.apply (mirror) -> Pending.mark + eventApplied ->
 * (coalesced) Pending.flush -> Recompute.run (classify, write, notify) -> replay id committed.
 */
import { classify } from '../domain';
import type { MetadataRecords } from '../domain';
import type { ChangeEventMessage } from '../salesforce/changeStream';
import { isDailyLimit, SpendingPaused, type ApiUsage, type SalesforceOrg } from '../salesforce/org';
import { MIRRORED_OBJECTS } from '../store/mirror';
import type { MirrorStore, MirroredObject, WriteFailure } from '../store/mirror';
import { ApiReserve } from './allowance';
import { CatchUp } from './catchUp';
import { CatchUpRetry } from './catchUpRetry';
import { STREAMED_OBJECTS } from './changeEvents';
import { systemClock } from './clock';
import { ReevaluationSchedule } from './reevaluation';
import type { Clock, Timer } from './clock';
import { DEFAULT_RECOMPUTE_PAGE } from './context';
import type { SyncContext, SyncLog, SyncOptions } from './context';
import { Detections } from './detections';
import { EventIngest } from './ingest';
import { SyncMetrics } from './metrics';
import type { SyncCounters } from './metrics';
import { Notices } from './notices';
import { Pending } from './pending';
import { PortfolioDaily, type PortfolioSettings } from './portfolio';
import { Recompute } from './recompute';
import { Health, type NotReadyReason } from './health';
import { DEFAULT_OUTBOX_STALL_MS, OrgReadiness } from './readiness';
import { DiskWatch } from './diskFull';
import { Heartbeat } from './heartbeat';
import { RuleWatch } from './ruleWatch';
import type { RuleSet } from './rules';
import type { SimulationResult } from './simulate';
import { StreamKeeper } from './stream';
import type { AccountExplanation, RefusedRules, RulesInForce, SyncState, SyncView } from './view';

export type { SyncOptions } from './context';
export type { SyncState } from './view';

export class StanceSync implements SyncView {
  readonly metrics = new SyncMetrics();
  readonly health: Health;
  private current: SyncState = 'starting';
  private readonly ctx: SyncContext;
  private readonly schedule: ReevaluationSchedule;
  private readonly catchUp: CatchUp;
  private readonly ingest: EventIngest;
  private readonly ruleWatch: RuleWatch;
  private readonly recompute: Recompute;
  private readonly pending: Pending;
  private readonly stream: StreamKeeper;
  private readonly reserve: ApiReserve;
  /** Objects whose catch-up read the API reserve put off: read when the allowance returns. */
  private readonly owedCatchUps = new Set<MirroredObject>();
  private readonly catchUpRetry: CatchUpRetry;
  private readonly readiness: OrgReadiness;
  private readonly disk: DiskWatch;
  private readonly heartbeat: Heartbeat;
  /** The owners' daily portfolio snapshots and the managers' digest (also /status's view of them). */
  readonly portfolio: PortfolioDaily;
  private readonly timers = new Set<Timer>();
  private readonly periodic = new Set<Promise<void>>();
  private eventChain: Promise<void>;
  private openGate!: () => void;

  constructor(
    org: SalesforceOrg,
    private readonly mirror: MirrorStore,
    private readonly options: SyncOptions & { readonly portfolio?: PortfolioSettings },
    log: SyncLog,
    private readonly clock: Clock = systemClock,
  ) {
    this.health = new Health(clock);
    this.ctx = {
      health: this.health,
      org,
      mirror,
      options,
      log,
      clock,
      metrics: this.metrics,
      fail: (what, error) => {
        this.metrics.errors++;
        log.error({ error: (error as Error)?.message ?? String(error) }, what);
      },
      later: (ms, fn) => this.later(ms, fn),
      nowIso: () => new Date(clock.now()).toISOString(),
    };
    const notices = new Notices(this.ctx);
    this.schedule = new ReevaluationSchedule(
      clock,
      mirror.reevaluations,
      (ids) => this.pending.enqueue(ids),
      options.recomputePageSize ?? DEFAULT_RECOMPUTE_PAGE,
      (error) => {
        if (!this.disk.noteFailure(error))
          this.ctx.fail('handing on the accounts due for a re-evaluation failed', error);
      },
    );
    this.catchUp = new CatchUp(this.ctx);
    this.ingest = new EventIngest(this.ctx, this.catchUp, (object) => this.reconcileObject(object));
    this.ruleWatch = new RuleWatch(this.ctx, notices, () => void this.pending.recomputeAll());
    this.reserve = new ApiReserve(this.ctx, notices, () => this.resumeSpending());
    // In event order: a catch-up read taken before an event and applied after it would put older
    // values back over the event's (a retry runs while the channel's later events are applied).
    this.catchUpRetry = new CatchUpRetry(
      this.ctx,
      (object) => this.inEventOrder(() => this.reconcileObject(object)),
      () => this.running,
    );
    this.recompute = new Recompute(
      this.ctx,
      this.schedule,
      notices,
      () => void this.pending.drainOutbox(),
      this.reserve,
    );
    this.disk = new DiskWatch(
      this.ctx,
      () => this.mirror.probeSpace(),
      (missed) => this.recoverDisk(missed),
    );
    this.pending = new Pending(
      this.ctx,
      this.recompute,
      new Detections(this.ctx, this.catchUp),
      () => this.ruleWatch.rules?.compiled ?? null,
      this.disk,
    );
    this.readiness = new OrgReadiness(this.ctx, () => this.mirror.ledger.outboxSize());
    this.heartbeat = new Heartbeat(this.ctx, () => this.reserve.reached);
    this.stream = new StreamKeeper(this.ctx, {
      onEvent: (channel, message) => this.receive(channel, message),
      onTransport: (up) => this.readiness.streamTransport(up),
      // Live, in event order: a catch-up read taken before an event and applied after it would put
      // the older values back over the event's (the org then keeps a stance computed from them).
      // Before live the gate holds the events, and the load or resume reads everything anyway.
      reconcile: (object) =>
        this.current === 'live' ? this.inEventOrder(() => this.reconcileObject(object)) : this.reconcileObject(object),
      running: () => this.running,
    });
    this.portfolio = new PortfolioDaily(this.ctx, options.portfolio, () => this.ruleWatch.rules);
    // Events wait behind this gate until the mirror is loaded (or resumed).
    this.eventChain = new Promise<void>((resolve) => (this.openGate = resolve));
  }

  // ---- start and stop ------------------------------------------------------------------------

  async start(): Promise<void> {
    try {
      await this.startUp();
    } catch (error) {
      // A full disk before the sidecar is live stops it with what to do, not SQLite's bare words.
      throw this.disk.failedStart(error) ?? error;
    }
  }

  private async startUp(): Promise<void> {
    const { ledger } = this.mirror;
    await this.pollRules({ initial: true });
    const resume = ledger.loaded;
    const positions = new Map<string, number>();
    const channels = this.stream.channels;
    for (const object of STREAMED_OBJECTS)
      positions.set(channels.of(object), (resume ? ledger.replayId(channels.of(object)) : null) ?? -1);
    await this.stream.start(positions);
    // After start: the channel Account is followed on may have changed (the org has no custom channel).
    const missing = STREAMED_OBJECTS.filter((object) => resume && ledger.replayId(channels.of(object)) === null);

    if (resume) {
      this.ctx.log.info({ outbox: ledger.outboxSize() }, 'resuming from the stored replay ids');
      for (const object of missing) await this.reconcileObject(object);
    } else {
      this.current = 'loading';
      this.pending.holdWhileLoading(true);
      await this.initialLoad();
      this.pending.holdWhileLoading(false);
    }
    for (const object of this.stream.polledObjects) if (resume) await this.reconcileObject(object);
    // On a resume every account again (a page at a time through the outbox), then what waits in it.
    if (resume) void this.pending.recomputeAll();
    this.openGate();
    // Due times kept from before a restart: the earliest is armed now, not after the next full pass.
    this.schedule.start();
    await this.pending.drainOutbox();
    this.current = 'live';
    this.every(this.options.marketPollMs, () => this.pollObjects());
    this.every(this.options.rulesPollMs, () => this.pollRules({ initial: false }));
    this.every(this.options.reconcileIntervalMs, () => this.inEventOrder(() => this.reconcileAll()));
    const stallMs = this.options.outboxStallMs ?? DEFAULT_OUTBOX_STALL_MS;
    this.every(Math.min(5_000, Math.max(250, stallMs / 4)), async () => this.readiness.checkOutbox());
    this.heartbeat.start();
    this.every(this.portfolio.tickMs, () => this.portfolio.tick());
    this.ctx.log.info({ accounts: this.mirror.accountCount() }, 'live: following change events');
  }

  /** Finishes what was received, writes it, commits replay ids; then lets go of the org. */
  async stop(): Promise<void> {
    if (this.current === 'stopped') return;
    this.current = 'stopping';
    this.pending.close();
    for (const timer of this.timers) timer.cancel();
    this.heartbeat.stop();
    await this.stream.stop();
    this.schedule.stop();
    await this.schedule.idle;
    this.openGate();
    await Promise.all(this.periodic);
    await this.disk.recovery;
    await this.eventChain;
    await this.pending.flushNow();
    this.current = 'stopped';
  }

  private get running(): boolean {
    return this.current !== 'stopping' && this.current !== 'stopped';
  }

  /** A periodic task, skipped while the previous run is still going or the sync is not live. */
  private every(ms: number, task: () => Promise<unknown>): void {
    let run: Promise<void> | null = null;
    const timer = this.clock.repeat(() => {
      if (run || this.current !== 'live' || this.reserve.reached) return;
      run = task()
        .then(() => undefined)
        .catch((error: unknown) => this.ctx.fail('periodic task failed', error))
        .finally(() => {
          this.periodic.delete(run!);
          run = null;
        });
      this.periodic.add(run);
    }, ms);
    this.timers.add(timer);
  }

  /** A one-off timer (a retry), dropped when the sync stops. */
  private later(ms: number, fn: () => void): void {
    if (!this.running) return;
    const timer = this.clock.delay(() => {
      this.timers.delete(timer);
      if (this.running) fn();
    }, ms);
    this.timers.add(timer);
  }

  // ---- the event chain -----------------------------------------------------------------------

  /**
   * Events apply one at a time, in order; a failed one holds its channel until a catch-up. While
   * the disk is full, events are not applied: their object is caught up once space returns.
   */
  private receive(channel: string, message: ChangeEventMessage): void {
    const object = this.stream.channels.objectOf(channel);
    this.eventChain = this.eventChain
      .then(async () => {
        if (this.disk.full) {
          this.metrics.eventsDeferred++;
          this.pending.hold(channel);
          this.disk.missed(object);
          return;
        }
        const touched = await this.ingest.apply(message);
        this.pending.mark(touched.accounts, touched.committedAt);
        this.pending.eventApplied(channel, message.event.replayId);
      })
      .catch(async (error: unknown) => {
        // Never commit past an event that was not applied: hold the channel and catch its object up.
        this.pending.hold(channel);
        if (this.disk.noteFailure(error, object)) return;
        // The API reserve is reached: caught up when it resumes (owed), not an error.
        if (!(error instanceof SpendingPaused))
          this.ctx.fail(`event on ${channel} failed; catching up by SystemModstamp`, error);
        await this.reconcileObject(object).catch((again: unknown) => this.catchUpRetry.failed(object, again));
      });
  }

  /** Runs `work` after the events received so far, and before the ones received after. */
  private inEventOrder(work: () => Promise<void>): Promise<void> {
    const done = this.eventChain.then(work);
    this.eventChain = done.catch(() => undefined);
    return done;
  }

  // ---- reading the org -----------------------------------------------------------------------

  /** Every account into the outbox, then classified: a page of ids in memory at a time, not the org. */
  private async initialLoad(): Promise<void> {
    // Not while the API reserve is reached: the load waits for it, and starts again if it is reached meanwhile.
    // What the accounts show of their stance today is in the ledger (org_stance), not in memory.
    let loaded = false;
    while (!loaded) {
      await this.reserve.whenMaySpend();
      loaded = await this.catchUp.loadAll().then(
        () => true,
        (error: unknown) => {
          if (error instanceof SpendingPaused || isDailyLimit(error)) return false;
          throw error;
        },
      );
    }
    const total = this.mirror.accountCount();
    const pageSize = this.options.recomputePageSize ?? DEFAULT_RECOMPUTE_PAGE;
    for (const ids of this.mirror.accountIdPages(pageSize)) this.mirror.ledger.addToOutbox(ids, this.ctx.nowIso());
    let classified = 0;
    for (const ids of this.mirror.accountIdPages(pageSize)) {
      const wrote = await this.recompute.run(ids, this.ruleWatch.compiled());
      classified += ids.length;
      this.ctx.log.info({ classified, of: total, wrote }, 'initial classification');
    }
  }

  /** Catches an object up by SystemModstamp (deleted records included) from what was last read. */
  private async reconcileObject(object: MirroredObject): Promise<void> {
    if (!this.reserve.maySpend()) return void this.owedCatchUps.add(object);
    // A full disk could not store what the read brings: read once space returns instead.
    if (this.disk.full) return this.disk.missed(object);
    try {
      // The accounts touched go to the outbox on disk a page at a time, with the records read.
      await this.catchUp.reconcile(object, (ids) => this.pending.enqueue(ids));
    } catch (error) {
      if (this.disk.noteFailure(error, object)) return;
      throw error;
    }
    this.catchUpRetry.succeeded(object);
    if ((STREAMED_OBJECTS as readonly string[]).includes(object)) this.pending.release(this.stream.channels.of(object));
    this.pending.scheduleFlush();
  }

  /** The API allowance is back: the catch-ups put off, then everything in the outbox. */
  private async resumeSpending(): Promise<void> {
    for (const object of [...this.owedCatchUps]) {
      this.owedCatchUps.delete(object);
      await this.reconcileObject(object);
    }
    // Detected signals put off wait in the ledger, not the outbox: a flush writes them.
    void this.pending.drainOutbox();
  }

  /** Space again after a full disk: what waited in memory to disk, missed objects caught up, flushed. */
  private async recoverDisk(missed: readonly MirroredObject[]): Promise<void> {
    this.pending.persistDirty();
    for (const object of missed) await this.reconcileObject(object);
    await this.pending.drainOutbox();
  }

  private async reconcileAll(): Promise<void> {
    for (const object of MIRRORED_OBJECTS) await this.reconcileObject(object);
  }

  private async pollObjects(): Promise<void> {
    for (const object of this.stream.polledObjects) await this.reconcileObject(object);
  }

  /** Reads the rules; a valid change takes over and recomputes everything, an invalid one is refused. */
  pollRules(options: { initial: boolean }): Promise<void> {
    return this.ruleWatch.poll(options);
  }

  // ---- commands ------------------------------------------------------------------------------

  async recomputeNow(accountIds: readonly string[] | 'all'): Promise<{ accounts: number; written: number }> {
    const { log } = this.ctx;
    // Everything: compared with what the org holds now, so a Stance field changed by hand is put back.
    if (accountIds === 'all' && !this.reserve.reached) {
      const started = this.clock.realNow();
      const records = await this.recompute.readOrg();
      log.info({ records, ms: this.clock.realNow() - started }, 'read the Stance fields the org holds');
    }
    const before = this.metrics.writes;
    if (accountIds === 'all') {
      const accounts = this.mirror.accountCount();
      const started = this.clock.realNow();
      await this.pending.recomputeAll();
      const written = this.metrics.writes - before;
      log.info({ accounts, written, ms: this.clock.realNow() - started }, 'recomputed every account from the mirror');
      return { accounts, written };
    }
    this.pending.mark(accountIds, null);
    await this.pending.flushNow();
    return { accounts: accountIds.length, written: this.metrics.writes - before };
  }

  simulate = (records: MetadataRecords): Promise<{ problems: string[] } | SimulationResult> =>
    this.ruleWatch.simulate(records);
  /** The console activated rules: read them now (as the integration user), adopt and recompute. */
  adoptRulesNow = (): Promise<void> => this.ruleWatch.pollNow();
  ruleDecides = (): Promise<Record<string, number>> => this.ruleWatch.decides();

  // ---- the read model (SyncView) -------------------------------------------------------------

  get state(): SyncState {
    return this.current;
  }

  get streaming(): boolean {
    return this.stream.streaming;
  }

  get streamProblem(): string | null {
    return this.stream.problem;
  }

  get notReady(): readonly NotReadyReason[] {
    return this.health.notReady;
  }

  get polledObjects(): readonly string[] {
    return [...this.stream.polledObjects];
  }

  get followedChannels(): Readonly<Record<string, string>> {
    const polled = this.stream.polledObjects;
    return Object.fromEntries(
      STREAMED_OBJECTS.filter((object) => !polled.has(object)).map((object) => [
        object,
        this.stream.channels.of(object),
      ]),
    );
  }

  get counters(): SyncCounters {
    return this.metrics;
  }

  get pendingAccounts(): number {
    return this.pending.size;
  }

  get catchUpsWaiting(): number {
    return this.catchUpRetry.waiting;
  }

  get outboxSize(): number {
    return this.mirror.ledger.outboxSize();
  }

  get accountCount(): number {
    return this.mirror.accountCount();
  }

  get failures(): WriteFailure[] {
    return this.mirror.ledger.failures();
  }

  get failedAccounts(): number {
    return this.mirror.ledger.failureCount();
  }

  /** The rule set in force, as read from the org. */
  get rules(): RuleSet | null {
    return this.ruleWatch.rules;
  }

  get rulesInForce(): RulesInForce | null {
    const rules = this.ruleWatch.rules;
    if (!rules?.compiled) return null;
    return {
      fingerprint: rules.fingerprint,
      names: rules.compiled.rules.map((rule) => rule.definition.name),
      records: rules.records,
    };
  }

  get refusedRules(): RefusedRules | null {
    return this.ruleWatch.refused;
  }

  get apiUsage(): ApiUsage | null {
    return this.ctx.org.apiUsage;
  }

  get nextReevaluation(): string | null {
    const next = this.schedule.next;
    return next === null ? null : new Date(next).toISOString();
  }

  classificationOf(accountId: string): AccountExplanation | null {
    const snapshot = this.mirror.snapshot(accountId);
    if (!snapshot) return null;
    return {
      classification: classify(snapshot, this.ruleWatch.compiled(), this.clock.now(), { withFacts: true }),
      lastWritten: this.mirror.ledger.lastWritten(accountId),
      failure: this.mirror.ledger.failure(accountId),
    };
  }
}
