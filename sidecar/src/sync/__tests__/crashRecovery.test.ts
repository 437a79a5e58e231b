/**
 * kill -9 in the middle of a burst: the sidecar runs as its own process (as `npm run sidecar`),
 * is killed while edits are in flight, and is started again on the same STANCE_DB. The restart
 * must not reload the org; it catches up by replaying from its committed replay ids or, where it
 * cannot, by SystemModstamp ("reconciled") — both are right — and then the convergence oracle must
 * find the org where a fresh full recompute puts it.
 */
import { ACCOUNTS } from '../../../../scripts/demo-data/firm';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { burst, burstTargets, send } from './faults/burst';
import { caughtUp, committedInFile } from './support/caughtUp';
import { signInUsers } from './support/users';
import { convergenceOracle, converged } from './support/oracle';
import {
  killHard,
  readiness,
  replayIdsCommitted,
  scrapeMetrics,
  sidecarEnv,
  startSidecarProcess,
  statusQuiet,
} from './support/sidecarProcess';
import type { SidecarProcess } from './support/sidecarProcess';

jest.setTimeout(180_000);

const CHANNELS = ['/data/Stance_Accounts__chn', '/data/Stance_Signal__ChangeEvent'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a sidecar killed in the middle of a burst', () => {
  let running: RunningOrg;
  const sidecars: SidecarProcess[] = [];

  afterAll(async () => {
    for (const sidecar of sidecars) await killHard(sidecar);
    await running?.close();
  });

  it('restarts on its store without reloading, catches up by replay or by SystemModstamp, and converges', async () => {
    running = await startLocalOrg({ seed: 'demo' });
    const users = await signInUsers(running);
    const { admin } = users;
    // More accounts than the demo firm, as a data import would add: the admin's.
    const created = await admin.sobject('Account').create(
      Array.from({ length: 40 }, (_, i) => ({
        Name: `Burst ${i}`,
        Type: 'Prospect',
        Industry: 'Paper',
        BillingCountry: i % 2 ? 'Belgium' : 'France',
      })),
    );
    expect(created.filter((result) => result.success)).toHaveLength(40);
    const env = await sidecarEnv(running, 'crash');
    const first = startSidecarProcess(env);
    sidecars.push(first);
    await first.ready;

    // Dana edits her accounts and adds deals, Sam reports signals, the admin edits the rest.
    const edits = burst(await burstTargets(users), 7, 240);
    expect(await send(users, edits.slice(0, 100))).toBe(0);
    // Kill only once both channels have a committed position (before it, a restart rightly
    // reloads), while the next edits are in flight.
    await replayIdsCommitted(env.STANCE_DB, CHANNELS);
    const inFlight = send(users, edits.slice(100, 140));
    await sleep(50);
    await killHard(first);
    expect(await inFlight).toBe(0);
    expect(await send(users, edits.slice(140))).toBe(0);

    const replayRequestsBefore = running.org.hub.replayRequests.length;
    const second = startSidecarProcess(env);
    sidecars.push(second);
    await second.ready;
    expect(second.output()).toContain('resuming from the stored replay ids');
    expect(second.output()).not.toContain('loaded Account');

    // Caught up: every channel committed the org's newest event, then nothing pending or written.
    expect(await caughtUp(running, committedInFile(env.STANCE_DB), 60_000)).toEqual([]);
    expect(await statusQuiet(second.url)).toBe(true);
    expect(await readiness(second.url)).toEqual({ ready: true, reasons: [] });

    // How it caught up: replayed each channel from its stored id, or read it by SystemModstamp.
    const replayed = running.org.hub.replayRequests.slice(replayRequestsBefore).map(([channel]) => channel);
    const reconciliations = (await scrapeMetrics(second.url)).get('stance_reconciliations_total') ?? 0;
    if (!CHANNELS.every((channel) => replayed.includes(channel)) && reconciliations === 0)
      throw new Error(
        `the restart neither asked to replay ${CHANNELS.join(' and ')} (it asked for ${JSON.stringify(replayed)}) nor reconciled by SystemModstamp (stance_reconciliations_total 0)`,
      );

    const report = await convergenceOracle(running, admin);
    expect({ ...report, converged: converged(report) }).toMatchObject({
      accounts: ACCOUNTS.length + 40,
      differences: [],
      freshWrites: 0,
      historyProblems: [],
      signalProblems: [],
      orderProblems: [],
      converged: true,
    });

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
