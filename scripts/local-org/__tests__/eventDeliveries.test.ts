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

jest.setTimeout(60_000);

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(check()).toBe(true);
}

describe("the local org's event delivery allowance", () => {
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none', dailyEventDeliveries: 2 });
  });

  afterAll(() => running.close());

  it('delivers up to the allowance, then answers /meta/connect with the limit error, and resumes when it returns', async () => {
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
    client.subscribe(channel, (message: { payload: { Name?: string } }) => names.push(message.payload.Name ?? ''));
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      for (const name of ['One', 'Two', 'Three']) await conn.sobject('Account').create({ Name: name });
      await until(() => connectErrors.length > 0);
      expect(connectErrors[0]).toBe(DELIVERY_LIMIT_ERROR);
      expect(names).toEqual(['One', 'Two']);
      const limits = (await conn.limits()) as unknown as Record<string, { Max: number; Remaining: number }>;
      expect(limits.DailyDeliveredPlatformEvents).toEqual({ Max: 2, Remaining: 0 });
      // Stored all the same: the third event is there to replay.
      expect(running.org.hub.oldestReplayId(channel)).not.toBeNull();

      running.org.eventDeliveries.limit = 100;
      await conn.sobject('Account').create({ Name: 'Four' });
      await until(() => names.includes('Four'));
      expect(names).not.toContain('Three');
    } finally {
      await disconnectStreaming(client);
    }
  });
});
