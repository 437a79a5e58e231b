/**
 * kill -9 between an account's write and its owner's notice: Dana moves Pacific Paper Co. into
 * the strategy's market (None → Attack), the org takes the Stance fields and the history row, and
 * the sidecar is killed before it reads the answer, so before it could send Dana's notice. The
 * restarted sidecar finds the write in doubt, asks the org, sees it landed, and must still tell
 * Dana, once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { freePort } from '../../../../scripts/testing/ports';
import { signIn } from '../../../../scripts/testing/signIn';
import { accountNamed, ADMIN_TOKEN, eventually } from './support/harness';
import { killHard, startSidecarProcess } from './support/sidecarProcess';
import type { SidecarProcess } from './support/sidecarProcess';

jest.setTimeout(180_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Arms the org's server: the first /composite answer that names a record with this key prefix
 * (one the org just committed) is held, `kill` runs, and only then is the answer sent, to a
 * process that is gone. Resolves once that happened.
 */
function killOnAnswer(running: RunningOrg, keyPrefix: string, kill: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let armed = true;
    const listener = (request: IncomingMessage, response: ServerResponse) => {
      if (!armed || request.method !== 'POST' || !/\/composite$/.test((request.url ?? '').split('?')[0]!)) return;
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      response.end = ((...args: unknown[]) => {
        const body = args[0];
        const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString() : '';
        if (!armed || !text.includes(`"id":"${keyPrefix}`)) return end(...args);
        armed = false;
        running.server.off('request', listener);
        void kill().then(() => {
          end(...args);
          resolve();
        });
        return response;
      }) as ServerResponse['end'];
    };
    running.server.prependListener('request', listener);
  });
}

/** Nothing pending, nothing in the outbox, no write for 1.5 s (read from /status, as an operator would). */
async function quiet(sidecar: SidecarProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let still = 0;
  let lastWrites = -1;
  while (still < 6) {
    if (Date.now() > deadline) throw new Error(`${sidecar.url}: the sidecar did not go quiet in ${timeoutMs} ms`);
    await sleep(250);
    const status = (await (await fetch(`${sidecar.url}/status`)).json()) as {
      pending: number;
      outbox: number;
      counters: { writes: number };
    };
    const idle = status.pending === 0 && status.outbox === 0 && status.counters.writes === lastWrites;
    still = idle ? still + 1 : 0;
    lastWrites = status.counters.writes;
  }
}

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
    const env = {
      SF_LOGIN_URL: running.url,
      STANCE_DB: join(mkdtempSync(join(tmpdir(), 'stance-notice-kill-')), 'stance.db'),
      STANCE_PORT: String(await freePort()),
      STANCE_COALESCE_MS: '100',
      STANCE_ADMIN_TOKEN: ADMIN_TOKEN,
      LOG_LEVEL: 'info',
    };
    sidecar = startSidecarProcess(env);
    await sidecar.ready;
    await quiet(sidecar);
    const paper = await accountNamed(admin, 'Pacific Paper Co.');
    expect(paper.Stance__c).toBe('None');
    const toDana = () =>
      running.org.notifications.filter(
        (sent) => sent.recipientIds.includes(danaId) && sent.title === 'Stance: Pacific Paper Co.: None → Attack',
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
    await quiet(sidecar);
    expect(sidecar.output()).toMatch(/"landed":1.*asked the org which ones it took/);
    expect(toDana()).toHaveLength(1);
    expect(toDana()[0]!.targetId).toBe(paper.Id);
  });
});
