/**
 * kill -9 at the worst point of a write, made deterministic: the org has taken a flush's
 * Stance_Change__c rows (and the accounts' Stance fields before them) and the sidecar is killed
 * before it reads the answer, so its store never records the write. The restarted sidecar must
 * not take the stance it last recorded as the previous one (fault-matrix finding 7: "history
 * goes Defend then from Fire"): the history stays one chain ending at each account's stance, and
 * the org converges to a fresh recompute.
 */
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { burst, burstTargets, send } from './faults/burst';
import { caughtUp, committedInFile } from './support/caughtUp';
import { killOnAnswer } from './support/killOnAnswer';
import { signInUsers } from './support/users';
import { convergenceOracle } from './support/oracle';
import { killHard, replayIdsCommitted, sidecarEnv, startSidecarProcess, statusQuiet } from './support/sidecarProcess';
import type { SidecarProcess } from './support/sidecarProcess';

jest.setTimeout(240_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kill -9 after the org took a write, before the sidecar recorded it', () => {
  let running: RunningOrg;
  let sidecar: SidecarProcess | null = null;

  beforeEach(async () => {
    running = await startLocalOrg({ seed: 'demo' });
  });

  afterEach(async () => {
    if (sidecar) await killHard(sidecar);
    await running.close();
  });

  // Killed once the org took the history rows (the finding), or the accounts' Stance fields only
  // (their history rows are then sent by the restart, under the keys planned before the kill).
  it.each([
    ['the history rows', 'Stance_Change__c'],
    ['the Stance fields', 'Account'],
  ])('keeps the stance history one chain when killed after the org took %s', async (_what, object) => {
    const users = await signInUsers(running);
    const { admin } = users;
    const targets = await burstTargets(users);
    const env = await sidecarEnv(running, 'kill-mid-write');
    sidecar = startSidecarProcess(env);
    await sidecar.ready;
    // Both channels hold a committed position, so the restart resumes from them (not a reload).
    await send(users, burst(targets, 0, 6));
    await replayIdsCommitted(env.STANCE_DB, ['/data/Stance_Accounts__chn', '/data/Stance_Signal__ChangeEvent']);
    expect(await statusQuiet(sidecar.url)).toBe(true);
    const { keyPrefix } = await admin.sobject(object).describe();
    const dying = sidecar;
    const killed = killOnAnswer(running, String(keyPrefix), () => killHard(dying));
    const sent = send(users, burst(targets, 2, 30));
    await Promise.race([
      killed,
      sent
        .then(() => sleep(30_000))
        .then(() => {
          throw new Error('the burst changed no stance: no history write to kill the sidecar at');
        }),
    ]);
    await sent;

    sidecar = startSidecarProcess(env);
    await sidecar.ready;
    // Not asserted: a channel left behind is the stream's finding (docs/faults.md), not this one's.
    await caughtUp(running, committedInFile(env.STANCE_DB), 30_000);
    expect(await statusQuiet(sidecar.url)).toBe(true);
    // The restart asked the org about the writes the killed process sent, and found them taken.
    expect(sidecar.output()).toMatch(/"landed":[1-9]\d*.*asked the org which ones it took/);

    const report = await convergenceOracle(running, admin);
    expect(report.historyProblems).toEqual([]);
    expect(report.differences).toEqual([]);
    expect(report.orderProblems).toEqual([]);
    expect(report.freshWrites).toBe(0);
  });
});
