/**
 * The package's custom change event channel (/data/Stance_Accounts__chn, force-app's
 * PlatformEventChannel and its filtered AccountChangeEvent member), through jsforce's own
 * streaming client: the sidecar's writes (Sforce-Call-Options client=stance-sidecar) never reach
 * it and cost no delivery, a person's edit does; the channel has its own replay ids; subscribing
 * is open to anyone and deliveries follow the rights of the subscriber, as on /data/ChangeEvents.
 */
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { signIn } from '../../../testing/signIn';
import { disconnectStreaming } from '../../../testing/streaming';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

jest.setTimeout(60_000);

const CHANNEL = '/data/Stance_Accounts__chn';
type Message = {
  payload: Record<string, unknown> & { ChangeEventHeader: { recordIds: string[] } };
  event: { replayId: number };
};

async function follow(conn: Connection, channel: string, replayFrom = -1) {
  const messages: Message[] = [];
  const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, replayFrom)]);
  const subscription = client.subscribe(channel, (message: Message) => messages.push(message));
  const refused = await new Promise<string | null>((resolve) =>
    subscription.then(
      () => resolve(null),
      (error: Error) => resolve(String(error.message ?? error)),
    ),
  );
  return {
    refused,
    messages,
    async waitFor(count: number): Promise<Message[]> {
      for (let i = 0; i < 400 && messages.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      return messages;
    },
    async close(): Promise<void> {
      subscription.cancel();
      await disconnectStreaming(client);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe("the custom channel that leaves out the sidecar's own writes", () => {
  let running: RunningOrg;
  let admin: Connection;
  let sidecar: Connection;
  let dana: Connection;
  let ids: string[];

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    sidecar = await signIn(running);
    // As the sidecar sends every request (sidecar/src/salesforce/connection.ts).
    (sidecar as unknown as { _callOptions: Record<string, string> })._callOptions = { client: 'stance-sidecar' };
    dana = await signIn(running, 'dana@stance.local');
    ids = (await admin.query<{ Id: string }>('SELECT Id FROM Account ORDER BY Name LIMIT 5')).records.map((r) => r.Id);
  });

  afterAll(() => running.close());

  it("delivers a person's edit but none of the sidecar's writes, and counts only what it delivered", async () => {
    const followed = await follow(sidecar, CHANNEL);
    const everyone = await follow(dana, CHANNEL);
    expect(followed.refused).toBeNull();
    // Anyone may subscribe to a custom channel; what they receive follows their rights.
    expect(everyone.refused).toBeNull();
    await settle();
    const before = running.org.eventDeliveries.used;
    const standardBefore = running.org.hub.stored('/data/AccountChangeEvent').length;

    const written = await sidecar.sobject('Account').update(
      ids.map((Id, i) => ({ Id, Stance__c: i % 2 ? 'Attack' : 'Defend' })),
      { allOrNone: true },
    );
    expect(written.every((result) => result.success)).toBe(true);
    await settle();
    // The org made the change events (the single-entity channel has them) but the filter kept them off the channel.
    expect(running.org.hub.stored('/data/AccountChangeEvent').length).toBeGreaterThan(standardBefore);
    expect(running.org.hub.stored(CHANNEL)).toEqual([]);
    expect(followed.messages).toEqual([]);
    expect(running.org.eventDeliveries.used).toBe(before);

    await admin.sobject('Account').update({ Id: ids[0]!, Rating: 'Hot' });
    const [event] = await followed.waitFor(1);
    expect(event?.payload).toMatchObject({ Rating: 'Hot', ChangeEventHeader: { recordIds: [ids[0]] } });
    await settle();
    // One delivery: to the sidecar. Dana has no View All on Account, so she receives nothing and costs nothing.
    expect(everyone.messages).toEqual([]);
    expect(running.org.eventDeliveries.used).toBe(before + 1);
    expect(followed.messages).toHaveLength(1);
    await followed.close();
    await everyone.close();
  });

  it('replays from its own replay ids, and /data/ChangeEvents replays no copy of them', async () => {
    await admin.sobject('Account').update({ Id: ids[1]!, Rating: 'Warm' });
    await sidecar.sobject('Account').update({ Id: ids[2]!, Stance__c: 'Fire' });
    await admin.sobject('Account').update({ Id: ids[3]!, Rating: 'Cold' });
    await settle();
    const stored = running.org.hub.stored(CHANNEL) as Array<{ data: Message }>;
    const ratings = stored.map((entry) => entry.data.payload.Rating);
    expect(ratings).toEqual(['Hot', 'Warm', 'Cold']);

    const replayed = await follow(sidecar, CHANNEL, stored[0]!.data.event.replayId);
    expect(replayed.refused).toBeNull();
    const messages = await replayed.waitFor(2);
    expect(messages.map((message) => message.payload.Rating)).toEqual(['Warm', 'Cold']);
    expect(messages.map((message) => message.event.replayId)).toEqual(
      stored.slice(1).map((entry) => entry.data.event.replayId),
    );
    await replayed.close();

    const all = await follow(admin, '/data/ChangeEvents', stored[0]!.data.event.replayId - 1);
    await settle();
    await all.waitFor(3);
    await settle();
    const cold = all.messages.filter((message) => message.payload.Rating === 'Cold');
    expect(cold).toHaveLength(1);
    await all.close();
  });

  it('refuses a channel the package does not ship, as Salesforce does', async () => {
    const unknown = await follow(sidecar, '/data/Other__chn');
    expect(unknown.refused).toMatch(/does not exist \{\/data\/Other__chn\}/);
    await unknown.close();
  });
});
