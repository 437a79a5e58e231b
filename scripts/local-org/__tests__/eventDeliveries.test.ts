/**
 * The event delivery allowance (DailyDeliveredPlatformEvents), through unmodified jsforce: counted
 * per delivered event, reported in /limits, and once spent /meta/connect answers Salesforce's error
 * and nothing more is delivered until it returns.
 */
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { disconnectStreaming } from '../../testing/streaming';
import { DELIVERY_LIMIT_ERROR } from '../cdc/hub';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { subscribed, until } from './support/streaming';

jest.setTimeout(60_000);

describe("the local org's event delivery allowance", () => {
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none', dailyEventDeliveries: 2 });
  });

  afterAll(() => running.close());

  it('delivers up to the allowance, then answers /meta/connect with the limit error, and delivers what it held once it returns', async () => {
    const conn = new Connection({
      oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      version: '62.0',
    });
    await conn.login(DEFAULTS.username, DEFAULTS.password);
    const channel = '/data/AccountChangeEvent';
    const connectErrors: string[] = [];
    const watch = {
      incoming(message: { channel: string; error?: string }, callback: (message: unknown) => void) {
        if (message.channel === '/meta/connect' && message.error) connectErrors.push(message.error);
        callback(message);
      },
    };
    const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, -1), watch as never]);
    const names: string[] = [];
    // New events only (replay -1): the ones created after the org acknowledged the subscription.
    await subscribed(
      client.subscribe(channel, (message: { payload: { Name?: string } }) => names.push(message.payload.Name ?? '')),
    );
    const create = (Name: string) => conn.sobject('Account').create({ Name });
    try {
      await create('One');
      await create('Two');
      await until('One and Two delivered', () => names.length === 2);
      // The allowance is spent: every /meta/connect from now on is refused, so Three waits.
      await create('Three');
      await until('a /meta/connect error', () => connectErrors.length > 0);
      expect(connectErrors[0]).toBe(DELIVERY_LIMIT_ERROR);
      expect(names).toEqual(['One', 'Two']);
      const limits = (await conn.limits()) as unknown as Record<string, { Max: number; Remaining: number }>;
      expect(limits.DailyDeliveredPlatformEvents).toEqual({ Max: 2, Remaining: 0 });
      // Stored all the same: Three is there to replay.
      const stored = running.org.hub
        .stored(channel)
        .map(({ data }) => (data as { payload: { Name?: string } }).payload);
      expect(stored.map((payload) => payload.Name)).toEqual(['One', 'Two', 'Three']);

      running.org.eventDeliveries.limit = 100;
      await create('Four');
      // Delivered in order: once Four is here, anything held before it has come, each once.
      await until('the event named Four', () => names.includes('Four'));
      expect(names).toEqual(['One', 'Two', 'Three', 'Four']);
      // Each delivery counted once; Three's only once the allowance was back (none is taken while it is spent).
      expect(running.org.eventDeliveries.used).toBe(4);
    } finally {
      await disconnectStreaming(client);
    }
  });
});
