/**
 * Accounts touched and not yet written, and the replay ids waiting on those writes. Touched
 * accounts go to the outbox on disk at once, then are coalesced for coalesceMs and flushed
 * together; a replay id is committed only after the flush that wrote what its event caused,
 * and never for a channel held because one of its events failed to apply.
 */
import type { CompiledConfig } from '../domain';
import type { Timer } from './clock';
import { RETRY_BASE_MS } from './context';
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

  get size(): number {
    return this.dirty.size;
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
        this.ctx.later(RETRY_BASE_MS, () => this.mark(this.ctx.mirror.ledger.outbox(), null));
      });
    return this.flushing;
  }

  private async flush(): Promise<void> {
    // While the disk is full nothing is classified: the mirror is behind; space returning flushes.
    if (this.disk.full) return;
    const ids = new Map(this.dirty);
    this.dirty.clear();
    try {
      await this.flushAccounts(ids);
    } catch (error) {
      // Keep them in memory too: with a full disk they may not have reached the outbox.
      for (const [id, at] of ids) if (!this.dirty.has(id)) this.dirty.set(id, at);
      throw error;
    }
  }

  private async flushAccounts(ids: Map<string, number>): Promise<void> {
    const { ledger } = this.ctx.mirror;
    const replay = new Map(this.applied);
    const compiled = this.compiled();
    if (compiled) {
      for (const accountId of await this.detections.persist(compiled.keyTitle))
        if (!ids.has(accountId)) ids.set(accountId, this.ctx.clock.now());
      if (ids.size > 0) await this.recompute.run([...ids.keys()], compiled, null, ids);
    }
    for (const [channel, replayId] of replay) {
      if (this.held.has(channel)) continue;
      if (ledger.replayId(channel) !== replayId) ledger.saveReplayId(channel, replayId);
      if (this.applied.get(channel) === replayId) this.applied.delete(channel);
    }
    this.ctx.metrics.flushes++;
  }
}
