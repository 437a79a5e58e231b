/**
 * Replay on subscribe, probed with raw HTTP: what a subscription asks to replay waits for the
 * client's next /meta/connect, as Salesforce keeps it, even when no long poll is open at the time
 * of the subscribe (the usual order right after a re-handshake); and it comes in replay id order.
 */
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { signIn } from '../../../testing/signIn';
import { bayeuxClient } from '../../__tests__/support/bayeux';

type Reply = { channel: string; successful?: boolean; clientId?: string; data?: { event?: { replayId?: number } } };

const CHANNEL = '/data/AccountChangeEvent';

describe('CometD replay on subscribe', () => {
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
  });

  afterAll(() => running.close());

  it('keeps the replay for the next connect when none is open, in replay id order', async () => {
    const admin = await signIn(running, DEFAULTS.username);
    const bayeux = bayeuxClient<Reply>(running, admin.accessToken!);
    const from = running.org.hub.newestReplayId();
    for (const reason of ['first', 'second', 'third'])
      await admin.sobject('Account').update({ Id: '001000000000001AAA', Stance_Reason__c: reason });
    const [handshake] = await bayeux([
      { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
    ]);
    const clientId = handshake!.clientId!;
    // Subscribed with no /meta/connect open: the replay must wait for one.
    const [subscribed] = await bayeux([
      { channel: '/meta/subscribe', clientId, subscription: CHANNEL, ext: { replay: { [CHANNEL]: from } } },
    ]);
    expect(subscribed).toMatchObject({ successful: true });
    const replies = await bayeux([
      { channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 } },
    ]);
    const replayed = replies.filter((reply) => reply.channel === CHANNEL).map((reply) => reply.data!.event!.replayId!);
    const stored = running.org.hub
      .stored(CHANNEL)
      .map((event) => (event.data as { event: { replayId: number } }).event.replayId)
      .filter((id) => id > from);
    expect(stored).toHaveLength(3);
    expect(replayed).toEqual(stored);
  });
});
