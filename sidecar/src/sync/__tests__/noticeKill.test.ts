/**
 * kill -9 between an account's write and its owner's notice: Dana moves Pacific Paper Co. into
 * the strategy's market (None → Attack), the org takes the Stance fields and the history row, and
 * the sidecar is killed before it reads the answer, so before it could send Dana's notice. The
 * restarted sidecar finds the write in doubt, asks the org, sees it landed, and must still tell
 * Dana, once.
 */
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import { accountNamed, eventually } from './support/harness';
import { killOnAnswer } from './support/killOnAnswer';
import { killHard, sidecarEnv, startSidecarProcess, statusQuiet } from './support/sidecarProcess';
import type { SidecarProcess } from './support/sidecarProcess';

jest.setTimeout(180_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("kill -9 after the org took a stance move, before the owner's notice", () => {
  let running: RunningOrg;
  let sidecar: SidecarProcess | null = null;

  beforeEach(async () => {
    running = await startLocalOrg({ seed: 'demo' });
  });

  afterEach(async () => {
    if (sidecar) await killHard(sidecar);
    await running.close();
  });

  it('tells the owner after the restart, once', async () => {
    const admin = await signIn(running, DEFAULTS.username);
    const dana = await signIn(running, 'dana@stance.local');
    const danaId = (await dana.identity()).user_id;
    const env = await sidecarEnv(running, 'notice-kill');
    sidecar = startSidecarProcess(env);
    await sidecar.ready;
    expect(await statusQuiet(sidecar.url)).toBe(true);
    const paper = await accountNamed(admin, 'Pacific Paper Co.');
    expect(paper.Stance__c).toBe('None');
    const toDana = () =>
      running.org.notifications.filter(
        (sent) => sent.recipientIds.includes(danaId) && sent.title === 'Stance: Pacific Paper Co.: No stance → Attack',
      );
    expect(toDana()).toEqual([]);

    // Killed once the org took the history row: the Stance fields were taken in the call before.
    const { keyPrefix } = await admin.sobject('Stance_Change__c').describe();
    const dying = sidecar;
    const killed = killOnAnswer(running, String(keyPrefix), () => killHard(dying));
    await dana.sobject('Account').update({ Id: paper.Id, Industry: 'Chocolate', BillingCountry: 'Belgium' });
    await Promise.race([
      killed,
      sleep(60_000).then(() => {
        throw new Error('Pacific Paper Co. was not moved in 60 s: no history write to kill the sidecar at');
      }),
    ]);
    expect((await accountNamed(admin, 'Pacific Paper Co.')).Stance__c).toBe('Attack');
    // The killed process never got to send it.
    expect(toDana()).toEqual([]);

    sidecar = startSidecarProcess(env);
    await sidecar.ready;
    await eventually(async () => expect(toDana()).toHaveLength(1), 60_000);
    expect(await statusQuiet(sidecar.url)).toBe(true);
    expect(sidecar.output()).toMatch(/"landed":1.*asked the org which ones it took/);
    expect(toDana()).toHaveLength(1);
    expect(toDana()[0]!.targetId).toBe(paper.Id);
  });
});
