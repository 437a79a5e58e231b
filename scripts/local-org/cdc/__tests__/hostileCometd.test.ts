/**
 * CometD against hostile and odd requests, probed with raw HTTP: no GET/JSONP or form posts, no
 * publish or subscribe outside an authenticated handshake of the same user, replay ids that are
 * not integers refused with a Bayeux error, channels that do not exist refused with Salesforce's
 * wording; and the org keeps serving after each.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { signIn } from '../../../testing/signIn';

type Reply = { channel: string; successful?: boolean; error?: string; clientId?: string; subscription?: string };

describe('CometD refuses what Salesforce refuses, and never falls over', () => {
  let running: RunningOrg;
  let adminToken: string;
  let repToken: string;
  const endpoint = () => `${running.url}/cometd/62.0`;

  async function bayeux(messages: object[], token: string | null = adminToken): Promise<Reply[]> {
    const response = await fetch(endpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(messages),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Reply[];
  }

  async function handshake(token: string | null = adminToken): Promise<Reply> {
    const [reply] = await bayeux(
      [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }],
      token,
    );
    return reply!;
  }

  async function subscribe(channel: unknown, replay?: unknown, token = adminToken): Promise<Reply> {
    const { clientId } = await handshake(token);
    const ext = replay === undefined ? {} : { ext: { replay: { [String(channel)]: replay } } };
    const [reply] = await bayeux([{ channel: '/meta/subscribe', clientId, subscription: channel, ...ext }], token);
    return reply!;
  }

  /** The org still answers: a handshake and a subscription that should work, work. */
  async function stillServes(): Promise<void> {
    expect(await subscribe('/data/AccountChangeEvent', -1)).toMatchObject({ successful: true });
  }

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    adminToken = (await signIn(running, DEFAULTS.username)).accessToken!;
    repToken = (await signIn(running, 'dana@stance.local')).accessToken!;
  });

  afterAll(() => running.close());

  it('takes no GET, JSONP or form post: a web page can send those', async () => {
    const forged = JSON.stringify([
      { channel: '/data/AccountChangeEvent', data: { event: { replayId: 1 } } },
      { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
    ]);
    const before = running.org.hub.newestReplayId();
    const get = await fetch(`${endpoint()}?message=${encodeURIComponent(forged)}&jsonp=cb`);
    expect(get.status).toBe(400);
    expect(await get.text()).not.toContain('cb(');
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain']) {
      const post = await fetch(endpoint(), {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${adminToken}` },
        body: `message=${encodeURIComponent(forged)}`,
      });
      expect(post.status).toBe(400);
      expect(await post.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_TRANSPORT' })]);
    }
    expect(running.org.hub.newestReplayId()).toBe(before);
    await stillServes();
  });

  it('publishes nothing, with or without a handshake', async () => {
    const before = running.org.hub.newestReplayId();
    const event = { channel: '/data/AccountChangeEvent', data: { schema: 'x', event: { replayId: 1 } } };
    expect(await bayeux([event], null)).toEqual([expect.objectContaining({ successful: false })]);
    const { clientId } = await handshake();
    const [published] = await bayeux([{ ...event, clientId }]);
    expect(published).toMatchObject({ successful: false, error: '403::Publish denied' });
    expect(running.org.hub.newestReplayId()).toBe(before);
  });

  it('refuses a handshake without a valid token, and takes a lower-case bearer', async () => {
    expect(await handshake(null)).toMatchObject({ successful: false });
    expect(await handshake('00Dforged!token')).toMatchObject({ successful: false });
    const answer = await fetch(endpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `bearer ${adminToken}` },
      body: JSON.stringify([
        { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
      ]),
    });
    const [lower] = (await answer.json()) as Reply[];
    expect(lower).toMatchObject({ successful: true });
  });

  it('binds a client to the session whose token opened it', async () => {
    const { clientId } = await handshake(adminToken);
    const subscription = { channel: '/meta/subscribe', clientId, subscription: '/data/AccountChangeEvent' };
    // Without a token, or with another session's token (even the same user's), the client id alone opens nothing.
    const otherSession = (await signIn(running, DEFAULTS.username)).accessToken!;
    expect((await bayeux([subscription], otherSession))[0]).toMatchObject({
      successful: false,
      error: '401::Authentication invalid',
    });
    expect((await bayeux([subscription], null))[0]).toMatchObject({
      successful: false,
      error: '401::Authentication invalid',
    });
    expect((await bayeux([subscription], repToken))[0]).toMatchObject({
      successful: false,
      error: '401::Authentication invalid',
    });
    const [connect] = await bayeux([{ channel: '/meta/connect', clientId, connectionType: 'long-polling' }], repToken);
    expect(connect).toMatchObject({ successful: false, error: '401::Authentication invalid' });
    // A client id nobody was given is refused too.
    expect((await bayeux([{ ...subscription, clientId: 'forged' }]))[0]).toMatchObject({ successful: false });
    expect((await bayeux([subscription]))[0]).toMatchObject({ successful: true });
  });

  it('refuses a replay id that is not an integer with a Bayeux error, and keeps serving', async () => {
    for (const replay of [{ $gt: 1 }, 'abc', '5', 1.5, null, [1], true]) {
      const reply = await subscribe('/data/AccountChangeEvent', replay);
      expect(reply.successful).toBe(false);
      expect(reply.error).toMatch(/^400::The replayId \{.*\} you provided was invalid/);
    }
    // NaN and Infinity cannot be written in JSON; a huge number is not a safe integer either.
    expect((await subscribe('/data/AccountChangeEvent', 1e300)).successful).toBe(false);
    const { clientId } = await handshake();
    const [notAMap] = await bayeux([
      { channel: '/meta/subscribe', clientId, subscription: '/data/AccountChangeEvent', ext: { replay: 'x' } },
    ]);
    expect(notAMap).toMatchObject({ successful: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stillServes();
  });

  it('answers odd messages without falling over', async () => {
    const { clientId } = await handshake();
    const odd: unknown[] = [
      null,
      {},
      'text',
      [null],
      [{ channel: { $ne: 1 } }],
      [{ channel: '/meta/subscribe', clientId: { $ne: 1 }, subscription: '/data/AccountChangeEvent' }],
      [{ channel: '/meta/subscribe', clientId, subscription: null }],
      [{ channel: '/meta/subscribe', clientId, subscription: '/data/AccountChangeEvent', ext: null }],
      [{ channel: '/meta/connect', clientId, connectionType: { x: 1 }, advice: { timeout: 'x' } }],
    ];
    for (const body of odd) {
      const response = await fetch(endpoint(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBeLessThan(500);
      const text = await response.text();
      expect(text).not.toMatch(/"successful":true[^\]]*\/data\/AccountChangeEvent.*\$ne/);
    }
    const broken = await fetch(endpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: '[{"channel": "/meta/handshake"',
    });
    expect(broken.status).toBe(400);
    await stillServes();
  });

  it('refuses a CometD body over 1 MB without buffering it, declared or streamed', async () => {
    const big = (declared: boolean) =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest(endpoint(), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${adminToken}`,
            ...(declared ? { 'content-length': String(60 * 1024 * 1024) } : {}),
          },
        });
        request.on('response', (response: IncomingMessage) => {
          response.resume();
          resolve(response.statusCode!);
        });
        request.on('error', reject);
        // Declared: only a first chunk is sent; streamed: chunks until the org answers.
        const chunk = '['.padEnd(256 * 1024, ' ');
        request.write(chunk);
        if (!declared) for (let i = 0; i < 8; i++) request.write(chunk);
      });
    expect(await big(true)).toBe(413);
    expect(await big(false)).toBe(413);
    await stillServes();
  });

  it("refuses channels that do not exist, in Salesforce's words", async () => {
    for (const channel of [
      '/data/NoSuchChangeEvent',
      '/event/Nope__e',
      '/topic/x',
      '/u/notifications',
      '/data/Account',
    ]) {
      expect(await subscribe(channel)).toMatchObject({
        successful: false,
        error: `400::The channel you requested to subscribe to does not exist {${channel}}`,
      });
    }
    // A list of channels in one subscribe would pass the checks unseen: refused.
    const { clientId } = await handshake();
    const [list] = await bayeux([
      { channel: '/meta/subscribe', clientId, subscription: ['/data/AccountChangeEvent', '/topic/x'] },
    ]);
    expect(list).toMatchObject({ successful: false });
    for (const channel of ['/data/ChangeEvents', '/data/Stance_Signal__ChangeEvent', '/event/Stance_Update__e'])
      expect(await subscribe(channel)).toMatchObject({ successful: true });
  });
});
