/**
 * Resolves once the sidecar has nothing pending and has written nothing for quietMs: the moment
 * a test or a benchmark can read the org and expect the stances to be final.
 */
import type { StanceSync } from './sync';

export async function settled(sync: StanceSync, quietMs = 600): Promise<void> {
  let writes = -1;
  let quietSince = Date.now();
  for (;;) {
    const now = sync.metrics.writes;
    if (now !== writes || sync.pendingAccounts > 0) {
      writes = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
