/**
 * Runs one fault case end to end: a local org with the demo firm, the sidecar on a new STANCE_DB,
 * a burst by Dana, Sam and the admin around the fault (a third before, a third during, a third
 * after recovery), then waits for quiet and readiness, and asks the convergence oracle.
 */
import type { Connection } from 'jsforce';
import { DEFAULTS } from '../../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../../scripts/local-org/server';
import { signIn } from '../../../../../scripts/testing/signIn';
import { sidecarConfig } from '../support/harness';
import { convergenceOracle } from '../support/oracle';
import type { OracleReport } from '../support/oracle';
import { caughtUp } from '../support/caughtUp';
import { ReadinessWatch, readiness, scrapeMetrics } from '../support/sidecarProcess';
import { burst, burstTargets, send } from './burst';
import { CaseRun } from './cases';
import type { FaultCase } from './cases';

export interface CaseResult {
  readonly report: OracleReport;
  /** Seconds from the fault to the first not-ready answer with the expected reason (any reason when none), or null. */
  readonly notReadyS: number | null;
  /** Seconds from recovery to the first ready answer, or null. */
  readonly readyS: number | null;
  readonly reasonsSeen: string[];
  readonly counterRises: ReadonlyMap<string, number>;
  /** API calls the org counted from the fault to the end of recovery (the users' calls included). */
  readonly apiCalls: number;
  readonly refusedEdits: number;
  readonly startError: string | null;
  /** Channels on which the sidecar had not committed the org's newest event when the wait ran out. */
  readonly behind: string[];
  readonly log: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function total(metrics: ReadonlyMap<string, number>, name: string): number {
  let sum = 0;
  for (const [key, value] of metrics) if (key === name || key.startsWith(`${name}{`)) sum += value;
  return sum;
}

/** Quiet: nothing pending, nothing in the outbox, no write for 2 s; at most timeoutMs. */
async function quiet(run: CaseRun, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let writes = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const sync = run.sidecar?.sync;
    if (!sync) return;
    const busy =
      sync.pendingAccounts > 0 || sync.outboxSize > 0 || sync.catchUpsWaiting > 0 || sync.counters.writes !== writes;
    if (busy) {
      writes = sync.counters.writes;
      since = Date.now();
    } else if (Date.now() - since >= 2_000) return;
    await sleep(200);
  }
}

export async function runCase(fault: FaultCase, seed: number): Promise<CaseResult> {
  const running = await startLocalOrg({ seed: 'demo', ...fault.org });
  try {
    const admin = await signIn(running, DEFAULTS.username);
    const people = new Map<string, Promise<Connection>>();
    const users = {
      admin,
      as: (person: string) => {
        if (!people.has(person)) people.set(person, signIn(running, `${person}@stance.local`));
        return people.get(person)!;
      },
    };
    // Signed in before the fault, as users already are.
    await users.as('dana');
    await users.as('sam');
    const targets = await burstTargets(users);
    const run = new CaseRun(
      running,
      sidecarConfig(running, { coalesceMs: 100, marketPollMs: 1_000, ...fault.sidecar }),
      targets,
    );
    await run.start();
    if (!run.sidecar) throw new Error(`the sidecar did not start before the fault: ${run.startError}`);
    await quiet(run, 30_000);
    const replayFrom = running.org.hub.newestReplayId();
    const metricsBefore = await scrapeMetrics(run.url);
    const apiBefore = running.org.accounting.used;
    const first = run.sidecar;
    const watch = new ReadinessWatch(() => run.url);
    watch.start();

    const edits = burst(targets, seed, 36);
    const before = send(users, edits.slice(0, 12));
    await sleep(30);
    const faultAt = Date.now();
    await fault.inject(run);
    let refused = await before;
    refused += await send(users, edits.slice(12, 24));
    await sleep(fault.holdMs ?? 3_000);
    const metricsDuring = run.sidecar ? await scrapeMetrics(run.url).catch(() => new Map<string, number>()) : new Map();
    const recoverAt = Date.now();
    await fault.recover(run);
    refused += await send(users, edits.slice(24));
    const behind = run.sidecar ? await caughtUp(running, (channel) => run.ledger()!.replayId(channel), 30_000) : [];
    await quiet(run, 120_000);
    const readyDeadline = Date.now() + (fault.expect.readyWithinS + 15) * 1000;
    while (Date.now() < readyDeadline && !(await readiness(run.url))?.ready) await sleep(200);
    await sleep(400);
    await watch.stop();
    const metricsAfter = run.sidecar ? await scrapeMetrics(run.url) : metricsDuring;
    const apiCalls = running.org.accounting.used - apiBefore;
    const restarted = run.sidecar !== first;
    await run.stop();

    // A case that restarts the sidecar reads the new one's counters from zero.
    const counterRises = new Map<string, number>();
    for (const { name } of fault.expect.counters ?? [])
      counterRises.set(
        name,
        Math.max(total(metricsDuring, name), total(metricsAfter, name)) - (restarted ? 0 : total(metricsBefore, name)),
      );
    const reason = fault.expect.notReady?.reason ?? undefined;
    return {
      report: await convergenceOracle(running, admin, replayFrom),
      notReadyS: watch.notReadyAfter(faultAt, reason ?? undefined),
      readyS: watch.readyAfter(recoverAt),
      reasonsSeen: watch.reasonsSince(faultAt),
      counterRises,
      apiCalls,
      refusedEdits: refused,
      startError: run.startError,
      behind,
      log: run.log.join(''),
    };
  } finally {
    await running.close();
  }
}
