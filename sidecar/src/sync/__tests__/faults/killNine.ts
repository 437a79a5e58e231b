/**
 * kill -9 at seeded random points of a burst: the sidecar runs as its own process (as
 * `npm run sidecar`) against one local org; each seed sends a burst, kills the process with
 * SIGKILL after a seeded number of edits plus a seeded delay (while the rest are in flight),
 * starts it again on the same STANCE_DB, waits for quiet and readiness, and asks the oracle.
 */
import { startLocalOrg } from '../../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { caughtUp, committedInFile } from '../support/caughtUp';
import { signInUsers } from '../support/users';
import type { Users } from '../support/users';
import { convergenceOracle } from '../support/oracle';
import type { OracleReport } from '../support/oracle';
import {
  killHard,
  readiness,
  replayIdsCommitted,
  sidecarEnv,
  startSidecarProcess,
  statusQuiet,
} from '../support/sidecarProcess';
import type { SidecarProcess } from '../support/sidecarProcess';
import { burst, burstTargets, send } from './burst';
import type { BurstTargets } from './burst';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CHANNELS = ['/data/Stance_Accounts__chn', '/data/Stance_Signal__ChangeEvent'];
export const BURST = 30;

export interface KillResult {
  readonly seed: number;
  readonly killAfter: number;
  readonly delayMs: number;
  readonly readyS: number | null;
  readonly apiCalls: number;
  readonly report: OracleReport;
  readonly resumed: boolean;
  /** Channels on which the restarted sidecar had not committed the org's newest event after 30 s. */
  readonly behind: string[];
}

/** One org and one STANCE_DB for every seed: a sidecar that crashes again and again. */
export class KillNine {
  running!: RunningOrg;
  private users!: Users;
  private targets!: BurstTargets;
  private env!: Record<string, string>;
  sidecar: SidecarProcess | null = null;

  async start(): Promise<void> {
    this.running = await startLocalOrg({ seed: 'demo' });
    this.users = await signInUsers(this.running);
    this.targets = await burstTargets(this.users);
    this.env = await sidecarEnv(this.running, 'faults-kill');
    this.sidecar = startSidecarProcess(this.env);
    await this.sidecar.ready;
    // Both channels hold a committed position before the first kill (else it rightly reloads).
    await send(this.users, burst(this.targets, 0, 6));
    await replayIdsCommitted(this.env.STANCE_DB!, CHANNELS);
  }

  async close(): Promise<void> {
    if (this.sidecar) await killHard(this.sidecar);
    await this.running?.close();
  }

  async seed(seed: number): Promise<KillResult> {
    // xorshift32 from the seed: kill points spread over the burst, the same for a seed on every run.
    let state = (seed * 2_654_435_761) >>> 0 || 1;
    const next = () => {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>>= 0);
    };
    const killAfter = next() % BURST;
    const delayMs = next() % 300;
    const edits = burst(this.targets, 1_000 + seed, BURST);
    const replayFrom = this.running.org.hub.newestReplayId();
    const since = new Date().toISOString();
    const apiBefore = this.running.org.accounting.used;

    await send(this.users, edits.slice(0, killAfter));
    const inFlight = send(this.users, edits.slice(killAfter));
    await sleep(delayMs);
    await killHard(this.sidecar!);
    await inFlight;

    const restartedAt = Date.now();
    this.sidecar = startSidecarProcess(this.env);
    await this.sidecar.ready;
    let readyS: number | null = null;
    while (Date.now() - restartedAt < 90_000) {
      if ((await readiness(this.sidecar.url))?.ready) {
        readyS = (Date.now() - restartedAt) / 1000;
        break;
      }
      await sleep(200);
    }
    const behind = await caughtUp(this.running, committedInFile(this.env.STANCE_DB!), 30_000);
    await statusQuiet(this.sidecar.url);
    const apiCalls = this.running.org.accounting.used - apiBefore;
    return {
      seed,
      killAfter,
      delayMs,
      readyS,
      apiCalls,
      resumed: this.sidecar.output().includes('resuming from the stored replay ids'),
      behind,
      // The restarted sidecar stays up (idle) for the next seed; a fresh one that writes nothing proves it idle.
      report: await convergenceOracle(this.running, this.users.admin, replayFrom, since),
    };
  }
}
