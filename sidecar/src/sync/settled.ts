/**
 * Resolves once the sidecar has nothing pending and has written nothing for quietMs: the moment
 * a test or a benchmark can read the org and expect the stances to be final.
 */
import { realTime } from './clock';
import type { SyncView } from './view';

export async function settled(sync: SyncView, quietMs = 600): Promise<void> {
  let writes = -1;
  let quietSince = realTime.realNow();
  for (;;) {
    const now = sync.counters.writes;
    if (now !== writes || sync.pendingAccounts > 0 || sync.catchUpsWaiting > 0) {
      writes = now;
      quietSince = realTime.realNow();
    } else if (realTime.realNow() - quietSince >= quietMs) {
      return;
    }
    await new Promise<void>((resolve) => realTime.delay(resolve, 50));
  }
}
