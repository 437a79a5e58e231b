/**
 * Accounts touched and not yet written, and the replay ids waiting on those writes. Touched
 * accounts go to the outbox on disk at once, then are coalesced for coalesceMs and flushed
 * together; a replay id is committed only after the flush that wrote what its event caused,
 * and never for a channel held because one of its events failed to apply.
 */
import type { CompiledConfig } from '../domain';
import type { Timer } from './clock';
import { DEFAULT_RECOMPUTE_PAGE, RETRY_BASE_MS } from './context';
import type { SyncContext } from './context';
import type { Detections } from './detections';
import type { DiskWatch } from './diskFull';
import type { Recompute } from './recompute';

export class Pending {
  /** Account id -> when the change that touched it was committed. */
  private readonly dirty = new Map<string, number>();
  /** Replay ids applied to the mirror and not yet committed. */
  private readonly applied = new Map<string, number>();
  /** Channels with an event that failed to apply: their replay ids wait for a catch-up read. */
  private readonly held = new Set<string>();
  /** Every account is to be classified again (new rules, a resume, recompute-all): not yet in the outbox. */
  private everyAccountOwed = false;
  /** The outbox on disk is to be walked a page at a time (it holds more than `dirty`). */
  private outboxOwed = false;
  /** Accounts in the page a pass is classifying and writing now. */
  private passPage = 0;
  /** Accounts a flush took out of `dirty` and is classifying and writing now. */
  private flushingAccounts = 0;
  private loading = false;
  private flushTimer: Timer | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly ctx: SyncContext,
    private readonly recompute: Recompute,
    private readonly detections: Detections,
    /** The rules in force, or null before any. */
    private readonly compiled: () => CompiledConfig | null,
    private readonly disk: DiskWatch,
  ) {}

  /**
   * Accounts waiting in memory or being written now, plus the page a pass is on (1 while a pass is
   * owed and not begun). Never 0 while a flush is under way: /status and `settled` read 0 as done.
   */
  get size(): number {
    const owed = this.everyAccountOwed || this.outboxOwed ? 1 : 0;
    return this.dirty.size + this.flushingAccounts + Math.max(owed, this.passPage);
  }

  /** Accounts to classify again; `since` is when the change that touched them was committed. */
  mark(accountIds: Iterable<string>, since: number | null): void {
    const ids = [...accountIds];
    if (ids.length === 0) return;
    const at = since ?? this.ctx.clock.now();
    for (const id of ids) if (!this.dirty.has(id)) this.dirty.set(id, at);
    try {
      this.ctx.mirror.ledger.addToOutbox(ids, new Date(at).toISOString());
    } catch (error) {
      // A full disk: the accounts stay in memory and go to the outbox once space returns.
      if (!this.disk.noteFailure(error)) throw error;
      return;
    }
    this.scheduleFlush();
  }

  /**
   * Accounts to classify again, many at once (a page of due re-evaluations, or of a catch-up
   * read): into the outbox on disk only, walked a page at a time by the next flush, so none of them
   * is held in memory. Throws on a full disk: the caller's transaction leaves them where they were.
   */
  enqueue(accountIds: readonly string[]): void {
    if (accountIds.length === 0) return;
    this.ctx.mirror.ledger.addToOutbox(accountIds, this.ctx.nowIso());
    this.outboxOwed = true;
    this.scheduleFlush();
  }

  /**
   * Every account classified again, a page at a time: each page of the mirror's ids goes to the
   * outbox (durable: a kill mid-pass resumes from it), then the outbox is walked page by page
   * through classify and write. What is held is one page, never every id; resolves when done.
   */
  recomputeAll(): Promise<void> {
    this.everyAccountOwed = true;
    return this.flushNow();
  }

  /** Everything in the outbox on disk classified and written, a page at a time; resolves when done. */
  drainOutbox(): Promise<void> {
    this.outboxOwed = true;
    return this.flushNow();
  }

  private get pageSize(): number {
    return this.ctx.options.recomputePageSize ?? DEFAULT_RECOMPUTE_PAGE;
  }

  /** After a full disk: what waited in memory goes to the outbox on disk, then is flushed. */
  persistDirty(): void {
    const byTime = new Map<number, string[]>();
    for (const [id, at] of this.dirty) byTime.set(at, [...(byTime.get(at) ?? []), id]);
    for (const [at, ids] of byTime) this.ctx.mirror.ledger.addToOutbox(ids, new Date(at).toISOString());
  }

  /** An event applied to the mirror: its replay id is committed by the next flush. */
  eventApplied(channel: string, replayId: number): void {
    this.applied.set(channel, replayId);
    this.scheduleFlush();
  }

  hold(channel: string): void {
    this.held.add(channel);
  }

  /** The channel's object was caught up: its replay ids may be committed again. */
  release(channel: string): void {
    this.held.delete(channel);
  }

  scheduleFlush(): void {
    if (this.flushTimer || this.closed) return;
    this.flushTimer = this.ctx.clock.delay(() => {
      this.flushTimer = null;
      void this.flushNow();
    }, this.ctx.options.coalesceMs);
  }

  /** No more coalescing timers (the last flush is the caller's). */
  close(): void {
    this.closed = true;
  }

  /** Classifies and writes everything dirty now; resolves when it is durable. */
  flushNow(): Promise<void> {
    this.flushTimer?.cancel();
    this.flushTimer = null;
    this.flushing = this.flushing
      .then(() => this.flush())
      .catch((error: unknown) => {
        // A full disk: nothing is lost (the accounts are back in memory); space returning flushes.
        if (this.disk.noteFailure(error)) return;
        // The accounts are still in the outbox on disk: try them again shortly.
        this.ctx.fail('writing classifications failed; retrying the outbox', error);
        this.ctx.later(RETRY_BASE_MS, () => void this.drainOutbox());
      });
    return this.flushing;
  }

  /**
   * The first start's load and classification run: flushes wait (what they owe stays in memory and
   * in the outbox), since the mirror is partial and the load's own pass classifies every account.
   * A catch-up during the load (the stream dropped and came back without a replay id) hands
   * accounts to the outbox; its pass beside the load's wrote them twice, each pass finding the
   * other's writes in doubt.
   */
  holdWhileLoading(loading: boolean): void {
    this.loading = loading;
  }

  private async flush(): Promise<void> {
    // While the disk is full nothing is classified: the mirror is behind; space returning flushes.
    if (this.disk.full || this.loading) return;
    await this.passes();
    const ids = new Map(this.dirty);
    this.dirty.clear();
    this.flushingAccounts = ids.size;
    try {
      await this.flushAccounts(ids);
    } catch (error) {
      // Keep them in memory too: with a full disk they may not have reached the outbox.
      for (const [id, at] of ids) if (!this.dirty.has(id)) this.dirty.set(id, at);
      throw error;
    } finally {
      this.flushingAccounts = 0;
    }
  }

  /** The owed passes over every account and over the outbox; owed again if one fails (disk, org). */
  private async passes(): Promise<void> {
    const { mirror } = this.ctx;
    if (this.everyAccountOwed) {
      const since = this.ctx.nowIso();
      for (const page of mirror.accountIdPages(this.pageSize)) mirror.ledger.addToOutbox(page, since);
      this.everyAccountOwed = false;
      this.outboxOwed = true;
    }
    const compiled = this.compiled();
    if (!this.outboxOwed) return;
    // Before any rules nothing is classified; the outbox keeps the accounts for the first pass.
    this.outboxOwed = false;
    if (!compiled) return;
    try {
      for (const page of mirror.ledger.outboxPages(this.pageSize)) {
        this.passPage = page.length;
        await this.recompute.run(page, compiled);
      }
    } catch (error) {
      this.outboxOwed = true;
      throw error;
    } finally {
      this.passPage = 0;
    }
  }

  private async flushAccounts(ids: Map<string, number>): Promise<void> {
    const { ledger } = this.ctx.mirror;
    const replay = new Map(this.applied);
    const compiled = this.compiled();
    if (compiled) {
      for (const accountId of await this.detections.persist(compiled.keyTitle))
        if (!ids.has(accountId)) ids.set(accountId, this.ctx.clock.now());
      // A page at a time: what a burst (or a catch-up after a write-back) marked is planned a page at a time.
      const accountIds = [...ids.keys()];
      for (let start = 0; start < accountIds.length; start += this.pageSize)
        await this.recompute.run(accountIds.slice(start, start + this.pageSize), compiled, ids);
    }
    for (const [channel, replayId] of replay) {
      if (this.held.has(channel)) continue;
      if (ledger.replayId(channel) !== replayId) ledger.saveReplayId(channel, replayId);
      if (this.applied.get(channel) === replayId) this.applied.delete(channel);
    }
    this.ctx.metrics.flushes++;
  }
}
