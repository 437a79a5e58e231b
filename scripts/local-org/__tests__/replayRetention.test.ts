/**
 * Replay past retention, when no event has been published since the old ones aged out: the hub
 * prunes aged events only when it publishes, so they may still sit in its table. A replay id is
 * judged by what is retained by age (72 hours, as on Salesforce), the same rule the replay reads
 * with: an id whose following events aged out is refused with Salesforce's 400, never accepted
 * and answered with nothing (the client would think it missed nothing).
 */
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { disconnectStreaming } from '../../testing/streaming';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

const CHANNEL = '/data/AccountChangeEvent';
const HOUR = 3_600_000;

describe('replaying from an id whose events aged out, with nothing published since', () => {
  let now = Date.now();
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo', clock: () => now });
  });

  afterAll(() => running.close());

  async function signedIn(): Promise<Connection> {
    const conn = new Connection({
      oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      version: '62.0',
    });
    await conn.login(DEFAULTS.username, DEFAULTS.password);
    return conn;
  }

  /** What the org answers a subscription that replays from `replayId`: 'subscribed' or its error. */
  async function subscribeFrom(conn: Connection, replayId: number): Promise<string> {
    const client = conn.streaming.createClient([new StreamingExtension.Replay(CHANNEL, replayId)]);
    try {
      return await new Promise<string>((resolve) => {
        client
          .subscribe(CHANNEL, () => undefined)
          .then(
            () => resolve('subscribed'),
            (error: Error) => resolve(error.message),
          );
      });
    } finally {
      await disconnectStreaming(client);
    }
  }

  it('refuses an id whose following events are older than 72 hours, and takes the newest id', async () => {
    const before = await signedIn();
    const from = running.org.hub.newestReplayId();
    for (let i = 0; i < 3; i++)
      await before.sobject('Account').update({ Id: '001000000000001AAA', NumberOfEmployees: 100 + i });
    const newest = running.org.hub.newestReplayId();
    expect(newest).toBeGreaterThan(from + 2);
    expect(running.org.hub.oldestReplayId(CHANNEL)).not.toBeNull();

    // 73 hours later, nothing published meanwhile: the three events are past retention.
    now += 73 * HOUR;
    const after = await signedIn();
    expect(running.org.hub.oldestReplayId(CHANNEL)).toBeNull();
    expect(await subscribeFrom(after, from)).toMatch(new RegExp(`The replayId \\{${from}\\} you provided was invalid`));
    expect(await subscribeFrom(after, newest - 1)).toMatch(/you provided was invalid/);
    // Nothing after the newest id was lost: replaying from it is valid.
    expect(await subscribeFrom(after, newest)).toBe('subscribed');
  });
});
