import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { loadConfig } from '../../config';
import { ChangeStream } from '../changeStream';
import type { ChangeEventMessage } from '../changeStream';
import { connect } from '../connection';

const ACCOUNT = '001000000000001AAA';
const ACCOUNTS = '/data/AccountChangeEvent';
const CONTACTS = '/data/ContactChangeEvent';

async function until(what: string, done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 50) {
    if (waited > 20_000) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the change stream after the org drops its session', () => {
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
  });

  afterAll(() => running.close());

  it('resumes a channel from its replay id, and reports a channel with none to resume from', async () => {
    const conn = await connect(loadConfig({ SF_LOGIN_URL: running.url }));
    await conn.sobject('Account').update({ Id: ACCOUNT, Stance_Reason__c: 'Before the drop' });
    const events: ChangeEventMessage[] = [];
    const resubscribed: string[] = [];
    // Accounts from a stored replay id; contacts have delivered nothing yet (-1: new events only).
    const stream = new ChangeStream(
      conn,
      new Map([
        [ACCOUNTS, running.org.hub.newestReplayId()],
        [CONTACTS, -1],
      ]),
      {
        onEvent: (_channel, message) => events.push(message),
        onDropped: (_channel, problem) => {
          throw new Error(`a change event of the org's own was dropped: ${problem}`);
        },
        onSubscribeError: () => undefined,
        onSessionDenied: () => undefined,
        onResubscribedWithoutId: (channel) => resubscribed.push(channel),
      },
    );
    try {
      expect(await stream.start()).toEqual([]);
      expect(resubscribed).toEqual([]);
      const requestsBefore = running.org.hub.replayRequests.length;
      running.org.hub.dropClients();
      // Changed while the session is gone: the stream must get it back by replay after it handshakes again.
      await conn.sobject('Account').update({ Id: ACCOUNT, Stance_Reason__c: 'During the drop' });
      const reason = (event: ChangeEventMessage) => (event.payload as { Stance_Reason__c?: unknown }).Stance_Reason__c;
      await until('the change made during the drop', () => events.some((event) => reason(event) === 'During the drop'));
      await until('the contacts channel subscribed again', () => resubscribed.length > 0);
      // Subscribed again from where accounts were, and with nothing to resume from for contacts: reported.
      expect(running.org.hub.replayRequests.slice(requestsBefore).map(([channel]) => channel)).toEqual([ACCOUNTS]);
      expect(resubscribed).toEqual([CONTACTS]);
    } finally {
      stream.stop();
    }
  }, 30_000);
});
