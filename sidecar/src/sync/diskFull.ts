/**
 * A full disk under STANCE_DB. The first SQLITE_FULL sets `disk-full` (not ready) and starts a
 * probe: every `diskProbeMs` a tiny write that needs new pages. Meanwhile nothing reads the org
 * to fill the mirror (no catch-up per event: it could not be stored either) and nothing is
 * flushed; the objects whose changes could not be applied are remembered (their channels held,
 * so no replay id is committed past them) and the touched accounts stay in memory. When the probe
 * succeeds, the reason is cleared and `recover` redoes the missed work at once: one catch-up by
 * SystemModstamp per missed object, from the last committed watermark, then a flush.
 */
import { dirname } from 'node:path';
import { isDiskFull } from '../store/mirror';
import type { MirroredObject, Storing } from '../store/mirror';
import type { SyncContext } from './context';

export const DEFAULT_DISK_PROBE_MS = 5_000;

export { isDiskFull };

export class DiskWatch {
  private readonly missedObjects = new Set<MirroredObject>();
  private fullNow = false;
  private recovering: Promise<void> | null = null;

  constructor(
    private readonly ctx: SyncContext,
    private readonly probe: () => boolean,
    /** Redoes what was missed; called once space returns, with the objects to catch up. */
    private readonly recover: (missed: MirroredObject[]) => Promise<void>,
  ) {}

  get full(): boolean {
    return this.fullNow;
  }

  /** Whether a recovery is under way (tests and stop wait for it). */
  get recovery(): Promise<void> | null {
    return this.recovering;
  }

  /** An object whose changes could not be applied: caught up once space returns. */
  missed(object: MirroredObject): void {
    this.missedObjects.add(object);
  }

  /** A write failed: if for lack of space, go into full-disk mode and answer true. */
  noteFailure(error: unknown, object?: MirroredObject): boolean {
    if (!isDiskFull(error)) return false;
    if (object) this.missedObjects.add(object);
    if (this.fullNow) return true;
    this.fullNow = true;
    this.ctx.metrics.diskFullEpisodes++;
    const seconds = (this.ctx.options.diskProbeMs ?? DEFAULT_DISK_PROBE_MS) / 1000;
    this.ctx.health.fail(
      'disk-full',
      `STANCE_DB cannot be written: the disk is full; changes are caught up once space returns (checked every ${seconds} s)`,
    );
    this.ctx.log.error(
      { error: (error as Error).message },
      'the disk under STANCE_DB is full: following changes paused until space returns',
    );
    this.scheduleProbe();
    return true;
  }

  /**
   * A full disk before the sidecar is live (the initial load, or reading the rules at start):
   * answers the error to stop start-up with, saying what is wrong and what to do, or null for any
   * other failure. Start-up stops rather than waiting for space: the HTTP API (and /readyz)
   * listens only once the sidecar is live, so a process waiting here would sit silent, not ready,
   * until someone looked at its log; exiting non-zero hands it to the supervisor's restarts and
   * alerts, and loses nothing: the org is the system of record and the load is marked done only
   * at its end, so the next start loads again from the beginning.
   */
  failedStart(error: unknown): Error | null {
    if (!isDiskFull(error)) return null;
    const { mirror, metrics, log } = this.ctx;
    metrics.diskFullEpisodes++;
    const storing = (error as { storing?: Storing }).storing;
    const loaded = mirror.ledger.loaded;
    const during = loaded ? 'while starting' : 'during the initial load from the org';
    const stored = `the file holds ${size(mirror.bytesOnDisk())} so far`;
    const needed = storing
      ? `at least ${size(storing.bytes)} for the ${storing.records} ${storing.object} records it was storing, ` +
        'more for the objects loaded after them'
      : 'room for the mirror to grow';
    const message =
      `STANCE_DB (${mirror.file}) is full: the disk under it ran out of space ${during} (${stored}). ` +
      `Free space on the disk under ${dirname(mirror.file)} (${needed}), or point STANCE_DB at a disk with room, ` +
      `and start the sidecar again: nothing is lost, the org is unchanged and ${loaded ? 'it resumes where it stopped' : 'the load starts over'}. ` +
      `(SQLite: ${(error as Error).message})`;
    log.error({ file: mirror.file, storing, bytesOnDisk: mirror.bytesOnDisk() }, message);
    return Object.assign(new Error(message), { code: 'SQLITE_FULL', cause: error });
  }

  private scheduleProbe(): void {
    this.ctx.later(this.ctx.options.diskProbeMs ?? DEFAULT_DISK_PROBE_MS, () => this.check());
  }

  private check(): void {
    let room: boolean;
    try {
      room = this.probe();
    } catch (error) {
      this.ctx.fail('probing the disk under STANCE_DB failed', error);
      room = false;
    }
    if (!room) {
      this.scheduleProbe();
      return;
    }
    const missed = [...this.missedObjects];
    this.missedObjects.clear();
    this.fullNow = false;
    this.ctx.health.clear('disk-full');
    this.ctx.log.info({ catchingUp: missed }, 'space under STANCE_DB again: catching up what was missed');
    this.recovering = this.recover(missed)
      .catch((error: unknown) => {
        for (const object of missed) this.missedObjects.add(object);
        if (!this.noteFailure(error)) {
          // The org did not answer, say: try again at the next probe.
          this.ctx.fail('catching up after a full disk failed; trying again', error);
          this.scheduleProbe();
        }
      })
      .finally(() => (this.recovering = null));
  }
}

/** A size as an operator reads it: KB below a megabyte (rounded up), else MB. */
function size(bytes: number): string {
  return bytes < 1_048_576 ? `${Math.ceil(bytes / 1_024)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
}
