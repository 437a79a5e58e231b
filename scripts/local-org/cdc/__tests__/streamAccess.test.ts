/**
 * Streaming follows the rights of the user whose token opened the CometD session, through
 * jsforce's own streaming client: a change event channel needs View All on its object, a
 * delivered change event leaves out the fields the subscriber cannot read, /data/ChangeEvents
 * delivers only the entities the subscriber may follow, a platform event channel needs Read on
 * the event, and publishing an event needs Create on it.
 */
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { signIn } from '../../../testing/signIn';
import { disconnectStreaming } from '../../../testing/streaming';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

jest.setTimeout(60_000);

type Message = { payload: Record<string, unknown> & { ChangeEventHeader?: { entityName: string } } };

/** Subscribes through jsforce (OAuth header, replay extension); answers the refusal's text when refused. */
async function follow(conn: Connection, channel: string, replayFrom = -1) {
  const messages: Message[] = [];
  const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, replayFrom)]);
  const subscription = client.subscribe(channel, (message: Message) => messages.push(message));
  const refused = await new Promise<string | null>((resolve) => {
    subscription.then(
      () => resolve(null),
      (error: Error) => resolve(String(error.message ?? error)),
    );
  });
  return {
    refused,
    messages,
    async waitFor(count: number): Promise<Message[]> {
      for (let i = 0; i < 200 && messages.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      return messages;
    },
    async close(): Promise<void> {
      subscription.cancel();
      await disconnectStreaming(client);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('streaming as real users', () => {
  let running: RunningOrg;
  let admin: Connection;
  let integration: Connection;
  let dana: Connection;
  let accountId: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    integration = await signIn(running);
    dana = await signIn(running, 'dana@stance.local');
    const owned = await admin.query<{ Id: string }>(
      "SELECT Id FROM Account WHERE Owner.Username = 'dana@stance.local' ORDER BY Name LIMIT 1",
    );
    accountId = owned.records[0]!.Id;
  });

  afterAll(() => running.close());

  it('refuses AccountChangeEvent to a user without View All on Account, even on her own accounts', async () => {
    const refusal = await follow(dana, '/data/AccountChangeEvent');
    expect(refusal.refused).toMatch(/Insufficient permissions to subscribe to channel \/data\/AccountChangeEvent/);
    await refusal.close();
    const custom = await follow(dana, '/data/Stance_Signal__ChangeEvent');
    expect(custom.refused).toMatch(/Insufficient permissions/);
    await custom.close();

    // The integration user holds View All on Account (Stance_Integration): it follows every account.
    const sidecar = await follow(integration, '/data/AccountChangeEvent');
    expect(sidecar.refused).toBeNull();
    await admin.sobject('Account').update({ Id: accountId, Rating: 'Warm' });
    const [event] = await sidecar.waitFor(1);
    expect(event?.payload).toMatchObject({ Rating: 'Warm', ChangeEventHeader: { recordIds: [accountId] } });
    await sidecar.close();
  });

  it('lets the integration user (Stance_Integration only) follow every change event channel the package enables', async () => {
    const channels = [...running.org.changeEventEntities].map((entity) =>
      entity.endsWith('__c') ? `/data/${entity.replace(/__c$/, '__ChangeEvent')}` : `/data/${entity}ChangeEvent`,
    );
    expect(channels).toEqual(expect.arrayContaining(['/data/AccountChangeEvent', '/data/Stance_Signal__ChangeEvent']));
    for (const channel of channels) {
      const subscription = await follow(integration, channel);
      expect({ channel, refused: subscription.refused }).toEqual({ channel, refused: null });
      await subscription.close();
    }
  });

  it('leaves out of a delivered change event the fields the subscriber cannot read', async () => {
    const sidecar = await follow(integration, '/data/AccountChangeEvent');
    const everything = await follow(admin, '/data/AccountChangeEvent');
    // Stance_Integration grants Rating but not Website.
    await admin.sobject('Account').update({ Id: accountId, Rating: 'Hot', Website: 'https://hidden.example' });
    const [seen] = await sidecar.waitFor(1);
    const [full] = await everything.waitFor(1);
    expect(full?.payload).toMatchObject({ Rating: 'Hot', Website: 'https://hidden.example' });
    expect(seen?.payload).toMatchObject({ Rating: 'Hot' });
    expect(seen?.payload).not.toHaveProperty('Website');
    // The compound address keeps the components the subscriber may read (BillingAddress is granted).
    await admin.sobject('Account').update({ Id: accountId, BillingCity: 'Lyon' });
    const messages = await sidecar.waitFor(2);
    expect(messages[1]?.payload).toMatchObject({ BillingAddress: { City: 'Lyon' } });
    await Promise.all([sidecar.close(), everything.close()]);
  });

  it('delivers on /data/ChangeEvents only the entities the subscriber may follow', async () => {
    const rep = await follow(dana, '/data/ChangeEvents');
    const sidecar = await follow(integration, '/data/ChangeEvents');
    expect(rep.refused).toBeNull();
    expect(sidecar.refused).toBeNull();
    await admin.sobject('Account').update({ Id: accountId, Rating: 'Cold' });
    const [event] = await sidecar.waitFor(1);
    expect(event?.payload.ChangeEventHeader).toMatchObject({ entityName: 'Account', recordIds: [accountId] });
    await settle();
    expect(rep.messages).toEqual([]);
    await Promise.all([rep.close(), sidecar.close()]);

    // Replay from -2 gives every retained change event of every entity, filtered the same way.
    const replayed = await follow(integration, '/data/ChangeEvents', -2);
    const nothing = await follow(dana, '/data/ChangeEvents', -2);
    const events = await replayed.waitFor(3);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.every((event) => event.payload.ChangeEventHeader !== undefined)).toBe(true);
    expect(events.some((event) => 'Website' in event.payload)).toBe(false);
    await settle();
    expect(nothing.messages).toEqual([]);
    await Promise.all([replayed.close(), nothing.close()]);
  });

  it('needs Create on a platform event to publish it, and Read to subscribe to it', async () => {
    // Stance_User grants Read on Stance_Update__e, not Create.
    const subscriber = await follow(dana, '/event/Stance_Update__e');
    expect(subscriber.refused).toBeNull();
    await expect(dana.sobject('Stance_Update__e').create({ Account_Ids__c: accountId })).rejects.toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
    });
    const collection = (await dana.sobject('Stance_Update__e').create([{ Account_Ids__c: accountId }])) as Array<{
      success: boolean;
      errors: Array<{ statusCode: string }>;
    }>;
    const composite = await dana.requestPost<{ compositeResponse: Array<{ httpStatusCode: number; body: unknown }> }>(
      '/services/data/v62.0/composite',
      {
        allOrNone: false,
        compositeRequest: [
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Stance_Update__e',
            referenceId: 'event',
            body: { Account_Ids__c: accountId },
          },
        ],
      },
    );
    expect(composite.compositeResponse[0]).toMatchObject({
      httpStatusCode: 400,
      body: [expect.objectContaining({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' })],
    });
    expect(collection[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }],
    });
    await integration.sobject('Stance_Update__e').create({ Account_Ids__c: accountId });
    const [event] = await subscriber.waitFor(1);
    expect(event?.payload).toMatchObject({ Account_Ids__c: accountId });
    expect(subscriber.messages).toHaveLength(1);
    await subscriber.close();

    // Without Stance_User, Sam (Standard User) has no Read on the event.
    running.org.store.db
      .prepare(
        `DELETE FROM "o_PermissionSetAssignment" WHERE "AssigneeId" = (SELECT "Id" FROM "o_User" WHERE "Username" = 'sam@stance.local')`,
      )
      .run();
    const sam = await signIn(running, 'sam@stance.local');
    const refusal = await follow(sam, '/event/Stance_Update__e');
    expect(refusal.refused).toMatch(/Insufficient permissions to subscribe to channel \/event\/Stance_Update__e/);
    await refusal.close();
  });

  it('refuses a client publishing on CometD: events go through the API', async () => {
    const before = running.org.hub.stored('/event/Stance_Update__e').length;
    const client = admin.streaming.createClient([]);
    const published = (client as unknown as { publish(channel: string, data: unknown): PromiseLike<unknown> }).publish(
      '/event/Stance_Update__e',
      { payload: { Account_Ids__c: accountId } },
    );
    const outcome = await Promise.resolve(published).then(
      () => 'published',
      (error: Error) => String(error.message ?? error),
    );
    expect(outcome).toMatch(/Publish denied/);
    // Nothing reached the org's event bus.
    expect(running.org.hub.stored('/event/Stance_Update__e')).toHaveLength(before);
    await disconnectStreaming(client);
  });
});
