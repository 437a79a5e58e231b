/**
 * The preview's streaming client (the cometd client with Salesforce's replay extension) against
 * the local org's CometD endpoint, run in a Node process of its own (it is a browser ES module;
 * see streamingHarness.mjs).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULTS } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import type { RunningOrg } from '../../local-org/server';
import { signIn } from '../../testing/signIn';
import { LineHarness } from './support/lineHarness';

type Line = Record<string, unknown> & {
  sent?: { channel: string; subscription?: string; ext?: { replay?: Record<string, number> } };
  received?: { channel: string; successful: boolean };
};

const UPDATES = '/event/Stance_Update__e';
const ACCOUNT_CHANGES = '/data/AccountChangeEvent';

class Harness extends LineHarness<Line> {
  sent(channel: string): NonNullable<Line['sent']>[] {
    return this.lines.flatMap((line) => (line.sent?.channel === channel ? [line.sent] : []));
  }
}

// A Node process and a local org per test, on a machine that may be busy.
jest.setTimeout(30_000);

describe("the preview's streaming client", () => {
  let running: RunningOrg;
  let harness: Harness;
  let token: string;

  async function publish(accountIds: string): Promise<void> {
    const answer = await fetch(`${running.url}/services/data/v62.0/sobjects/Stance_Update__e`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Account_Ids__c: accountIds }),
    });
    if (!answer.ok) throw new Error(`publish: ${answer.status} ${await answer.text()}`);
  }

  async function signInAsAdmin(): Promise<void> {
    token = (await signIn(running, DEFAULTS.username)).accessToken!;
  }

  beforeEach(async () => {
    running = await startLocalOrg({ seed: 'none' });
    await signInAsAdmin();
    const child = spawn(process.execPath, [join(__dirname, 'streamingHarness.mjs')], {
      env: {
        ...process.env,
        ORG_URL: running.url,
        CLIENT_ID: DEFAULTS.clientId,
        CLIENT_SECRET: DEFAULTS.clientSecret,
        USERNAME: DEFAULTS.username,
        PASSWORD: DEFAULTS.password,
      },
    });
    harness = new Harness(child);
    await harness.next((line) => line.ready === true);
  });

  afterEach(async () => {
    harness.stop();
    await running.close();
  });

  it('serves every subscriber from one session, each from the replay id it asked for', async () => {
    harness.send({ do: 'subscribe', tag: 'panel', channel: UPDATES, replayId: -1 });
    harness.send({ do: 'subscribe', tag: 'other panel', channel: UPDATES, replayId: -1 });
    harness.send({ do: 'subscribe', tag: 'changes', channel: ACCOUNT_CHANGES, replayId: -2 });
    for (const tag of ['panel', 'other panel', 'changes']) await harness.next((line) => line.subscribed === tag);
    expect(harness.sent('/meta/handshake')).toHaveLength(1);
    expect(harness.sent('/meta/subscribe').map((message) => message.ext?.replay)).toEqual([
      { [UPDATES]: -1 },
      { [ACCOUNT_CHANGES]: -2 },
    ]);

    await publish('001000000000001AAA');
    await harness.next((line) => line.event === 'panel');
    await harness.next((line) => line.event === 'other panel');
  });

  it('subscribes every channel again in a new session when the org ends one, from its last event', async () => {
    harness.send({ do: 'subscribe', tag: 'panel', channel: UPDATES, replayId: -1 });
    await harness.next((line) => line.subscribed === 'panel');
    await publish('001000000000001AAA');
    const first = await harness.next((line) => line.event === 'panel');

    const mark = harness.lines.length;
    running.org.hub.dropClients();
    await harness.next((line) => line.received?.channel === '/meta/handshake' && line.received.successful, mark);
    await harness.next((line) => line.received?.channel === '/meta/subscribe' && line.received.successful, mark);
    expect(harness.sent('/meta/subscribe').at(-1)!.ext?.replay).toEqual({ [UPDATES]: first.replayId });

    await publish('001000000000002AAA');
    const second = await harness.next((line) => line.event === 'panel' && line.replayId !== first.replayId, mark);
    expect(second.replayId).toBeGreaterThan(first.replayId as number);
  });

  it('refuses a subscriber when the org refuses the handshake, and stops when nobody is left', async () => {
    running.org.auth.expireAll();
    harness.send({ do: 'subscribe', tag: 'panel', channel: UPDATES, replayId: -1 });
    const refused = await harness.next((line) => line.refused === 'panel');
    expect(refused.error).toMatch(/Streaming handshake refused: 403::Handshake denied/);
    await harness.next((line) => typeof line.error === 'string' && /handshake refused/.test(line.error));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(harness.sent('/meta/handshake')).toHaveLength(1);
  });

  it('keeps trying, waiting longer each time, while the org refuses a session its subscribers still need', async () => {
    harness.send({ do: 'subscribe', tag: 'panel', channel: UPDATES, replayId: -1 });
    await harness.next((line) => line.subscribed === 'panel');
    running.org.auth.expireAll();
    const mark = harness.lines.length;
    running.org.hub.dropClients();
    // Refused twice with the spent token, then (as the preview's proxy does) signed in again.
    await harness.next((line) => line.received?.channel === '/meta/handshake' && !line.received.successful, mark);
    const started = Date.now();
    const secondRefusal = harness.lines.length;
    await harness.next(
      (line) => line.received?.channel === '/meta/handshake' && !line.received.successful,
      secondRefusal,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    harness.send({ do: 'signIn' });
    await harness.next(
      (line) => line.received?.channel === '/meta/handshake' && line.received.successful === true,
      mark,
      15_000,
    );
    await harness.next((line) => line.received?.channel === '/meta/subscribe' && line.received.successful, mark);
    await signInAsAdmin();
    await publish('001000000000001AAA');
    await harness.next((line) => line.event === 'panel', mark);
  });

  it('unsubscribes from the org when the last listener of a channel leaves', async () => {
    harness.send({ do: 'subscribe', tag: 'panel', channel: UPDATES, replayId: -1 });
    harness.send({ do: 'subscribe', tag: 'other panel', channel: UPDATES, replayId: -1 });
    await harness.next((line) => line.subscribed === 'other panel');
    harness.send({ do: 'unsubscribe', tag: 'panel' });
    await harness.next((line) => line.unsubscribed === 'panel');
    expect(harness.sent('/meta/unsubscribe')).toHaveLength(0);
    harness.send({ do: 'unsubscribe', tag: 'other panel' });
    expect(await harness.next((line) => line.unsubscribed === 'other panel')).toMatchObject({ result: true });
    expect(harness.sent('/meta/unsubscribe')).toEqual([expect.objectContaining({ subscription: UPDATES })]);
  });
});
