/**
 * Waits until a sidecar has committed, on every channel it follows, the newest event the org
 * holds there: only then is "quiet" the end of its work and not a pause before late deliveries.
 * A sidecar that lost events still commits later ones, so this never waits on a lost event.
 */
import Database from 'better-sqlite3';
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { FollowedChannels, STREAMED_OBJECTS } from '../../changeEvents';

/** The channels a sidecar with the default settings follows (Account on the package's filtered channel). */
const followed = new FollowedChannels();
export const STREAMED_CHANNELS: readonly string[] = STREAMED_OBJECTS.map((object) => followed.of(object));

function newest(running: RunningOrg, channel: string): number | null {
  const row = running.org.store.db
    .prepare('SELECT MAX(replayId) AS id FROM _events WHERE channel = ?')
    .get(channel) as {
    id: number | null;
  };
  return row.id;
}

/** Answers the channels still behind when timeoutMs ran out (empty when caught up). */
export async function caughtUp(
  running: RunningOrg,
  committed: (channel: string) => number | null,
  timeoutMs = 30_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const behind = STREAMED_CHANNELS.filter((channel) => {
      const want = newest(running, channel);
      return want !== null && (committed(channel) ?? -1) < want;
    });
    if (behind.length === 0 || Date.now() > deadline) return behind;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until a sidecar has committed a replay id on any channel it follows (its first commit),
 * so that stopping it leaves a stored position behind; throws, naming the wait, when none came
 * within timeoutMs.
 */
export async function firstCommit(committed: (channel: string) => number | null, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!STREAMED_CHANNELS.some((channel) => committed(channel) !== null)) {
    if (Date.now() > deadline)
      throw new Error(`no replay id committed on ${STREAMED_CHANNELS.join(', ')} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The replay ids committed in a STANCE_DB file, read-only, as a second process would. */
export function committedInFile(file: string): (channel: string) => number | null {
  return (channel) => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT replay_id FROM replay_ids WHERE channel = ?').get(channel) as
        { replay_id: number } | undefined;
      return row?.replay_id ?? null;
    } finally {
      db.close();
    }
  };
}
