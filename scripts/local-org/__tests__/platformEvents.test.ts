/**
 * Platform events (force-app's Stance_Update__e, PublishAfterCommit): creating one through the
 * REST API publishes it on /event/Stance_Update__e after its transaction commits, with replay ids
 * from the same sequence as change events; an event is never stored, queried or updated.
 */
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { signIn } from '../../testing/signIn';
import { disconnectStreaming } from '../../testing/streaming';

import { CHANNEL, EVENT, VERSION, errorOf, subscribe } from './support/platformEvents';
import type { CompositeAnswer, EventMessage, PublishResult } from './support/platformEvents';

jest.setTimeout(60_000);

describe('platform events in the local org', () => {
  let running: RunningOrg;
  let conn: Connection;
  let accountId: string;
  const stored = () => running.org.hub.stored(CHANNEL).length;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none', testHooks: true });
    conn = await signIn(running, DEFAULTS.username);
    accountId = ((await conn.sobject('Account').create({ Name: 'Evented', Rating: 'Cold' })) as { id: string }).id;
  });

  afterAll(() => running.close());

  it('publishes an event created through POST /sobjects, to subscribers of /event/Stance_Update__e', async () => {
    const subscriber = await subscribe(conn);
    const before = running.org.hub.newestReplayId();
    const result = (await conn
      .sobject(EVENT)
      .create({ Account_Ids__c: `${accountId},001000000000009AAA` })) as PublishResult;
    expect(result).toEqual({ id: expect.stringMatching(/^e00[A-Za-z0-9]{15}$/), success: true, errors: [] });

    const [message] = await subscriber.waitFor(1);
    expect(message).toEqual({
      schema: expect.any(String),
      payload: {
        Account_Ids__c: `${accountId},001000000000009AAA`,
        CreatedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        CreatedById: running.org.adminUserId,
        EventUuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      },
      event: { replayId: before + 1 },
    });

    // CreatedById is whoever published it.
    const admin = await signIn(running, DEFAULTS.username);
    await admin.sobject(EVENT).create({ Account_Ids__c: accountId });
    const messages = await subscriber.waitFor(2);
    expect(messages[1]!.payload.CreatedById).toBe(running.org.adminUserId);
    expect(messages[1]!.event.replayId).toBeGreaterThan(message!.event.replayId);
    await subscriber.close();
  });

  it('publishes through sObject Collections, record by record unless allOrNone', async () => {
    const before = stored();
    const results = await conn
      .sobject(EVENT)
      .create([{ Account_Ids__c: 'a' }, { Nope__c: 'x' }, { Account_Ids__c: 'b' }]);
    expect(results.map((result) => result.success)).toEqual([true, false, true]);
    expect(results[0]!.id).toMatch(/^e00/);
    expect(results[1]!.errors).toEqual([expect.objectContaining({ statusCode: 'INVALID_FIELD' })]);
    expect(stored()).toBe(before + 2);

    const rolledBack = await conn
      .sobject(EVENT)
      .create([{ Account_Ids__c: 'c' }, { Nope__c: 'x' }], { allOrNone: true });
    expect(rolledBack.map((result) => result.success)).toEqual([false, false]);
    expect(rolledBack[0]!.errors).toEqual([
      expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }),
    ]);
    expect(stored()).toBe(before + 2);
  });

  it('delivers an event published in a /composite call only after the call committed its other writes', async () => {
    const subscriber = await subscribe(conn);
    // What the org had committed when it sent the event out.
    const atPublish: Array<{ inTransaction: boolean; rating: string | null }> = [];
    const hub = running.org.hub;
    const publish = hub.publish.bind(hub);
    const spy = jest.spyOn(hub, 'publish').mockImplementation((events) => {
      if (events.some((event) => event.channel === CHANNEL)) {
        const row = running.org.store.db.prepare(`SELECT "Rating" FROM "o_Account" WHERE "Id" = ?`).get(accountId) as {
          Rating: string | null;
        };
        atPublish.push({ inTransaction: running.org.store.db.inTransaction, rating: row.Rating });
      }
      publish(events);
    });
    try {
      // The event comes first in the call, the update after it: the event still waits for the commit.
      const answer = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
        allOrNone: true,
        collateSubrequests: false,
        compositeRequest: [
          {
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/${EVENT}`,
            referenceId: 'announce',
            body: { Account_Ids__c: accountId },
          },
          {
            method: 'PATCH',
            url: `/services/data/v${VERSION}/sobjects/Account/${accountId}`,
            referenceId: 'update',
            body: { Rating: 'Hot' },
          },
        ],
      });
      expect(answer.compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([201, 204]);
      expect(answer.compositeResponse[0]!.body).toEqual({
        id: expect.stringMatching(/^e00/),
        success: true,
        errors: [],
      });
      const [message] = await subscriber.waitFor(1);
      expect(message!.payload.Account_Ids__c).toBe(accountId);
      const seen = await conn.sobject('Account').retrieve(accountId);
      expect(seen).toMatchObject({ Rating: 'Hot' });
      expect(atPublish).toEqual([{ inTransaction: false, rating: 'Hot' }]);

      // As the sidecar sends it: a collection update, then the event, with allOrNone off (each its own transaction).
      const sidecarStyle = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
        allOrNone: false,
        collateSubrequests: false,
        compositeRequest: [
          {
            method: 'PATCH',
            url: `/services/data/v${VERSION}/composite/sobjects`,
            referenceId: 'c0',
            body: { allOrNone: false, records: [{ attributes: { type: 'Account' }, Id: accountId, Rating: 'Warm' }] },
          },
          {
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/${EVENT}`,
            referenceId: 'announce',
            body: { Account_Ids__c: accountId },
          },
        ],
      });
      expect(sidecarStyle.compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([200, 201]);
      await subscriber.waitFor(2);
      expect(atPublish[1]).toEqual({ inTransaction: false, rating: 'Warm' });
    } finally {
      spy.mockRestore();
      await subscriber.close();
    }
  });

  it('publishes nothing from a /composite call that allOrNone rolls back', async () => {
    const subscriber = await subscribe(conn);
    const before = stored();
    const answer = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
      allOrNone: true,
      collateSubrequests: false,
      compositeRequest: [
        {
          method: 'PATCH',
          url: `/services/data/v${VERSION}/sobjects/Account/${accountId}`,
          referenceId: 'update',
          body: { Rating: 'Cold' },
        },
        {
          method: 'POST',
          url: `/services/data/v${VERSION}/sobjects/${EVENT}`,
          referenceId: 'announce',
          body: { Account_Ids__c: accountId },
        },
        {
          method: 'PATCH',
          url: `/services/data/v${VERSION}/sobjects/Account/${accountId}`,
          referenceId: 'bad',
          body: { Stance__c: 'Atack' },
        },
        {
          method: 'POST',
          url: `/services/data/v${VERSION}/sobjects/${EVENT}`,
          referenceId: 'after',
          body: { Account_Ids__c: accountId },
        },
      ],
    });
    expect(answer.compositeResponse.map((sub) => [sub.referenceId, sub.httpStatusCode])).toEqual([
      ['update', 400],
      ['announce', 400],
      ['bad', 400],
      ['after', 400],
    ]);
    expect(answer.compositeResponse[1]!.body).toEqual([expect.objectContaining({ errorCode: 'PROCESSING_HALTED' })]);
    expect(answer.compositeResponse[2]!.body).toEqual([
      expect.objectContaining({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }),
    ]);
    // Nothing stored, so nothing to deliver; the event published next proves none came meanwhile.
    expect(stored()).toBe(before);
    expect(await conn.sobject('Account').retrieve(accountId)).toMatchObject({ Rating: 'Warm' });

    // allOrNone off: the failed subrequest alone is undone, the event before it goes out.
    const partial = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
      allOrNone: false,
      collateSubrequests: false,
      compositeRequest: [
        {
          method: 'POST',
          url: `/services/data/v${VERSION}/sobjects/${EVENT}`,
          referenceId: 'announce',
          body: { Account_Ids__c: 'partial' },
        },
        {
          method: 'PATCH',
          url: `/services/data/v${VERSION}/sobjects/Account/${accountId}`,
          referenceId: 'bad',
          body: { Stance__c: 'Atack' },
        },
      ],
    });
    expect(partial.compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([201, 400]);
    // Delivered in order: anything from the rolled-back call would have come before this one.
    const messages = await subscriber.waitFor(1);
    expect(messages.map((message) => message.payload.Account_Ids__c)).toEqual(['partial']);
    await subscriber.close();
  });

  it('replays retained events from a stored replay id, and all of them from -2', async () => {
    const published: number[] = [];
    const live = await subscribe(conn);
    for (const ids of ['r1', 'r2', 'r3']) await conn.sobject(EVENT).create({ Account_Ids__c: ids });
    for (const message of await live.waitFor(3)) published.push(message.event.replayId);
    await live.close();

    const resumed = await subscribe(conn, published[0]);
    const replayed = await resumed.waitFor(2);
    expect(replayed.map((message) => [message.event.replayId, message.payload.Account_Ids__c])).toEqual([
      [published[1], 'r2'],
      [published[2], 'r3'],
    ]);
    expect(running.org.hub.replayRequests).toContainEqual([CHANNEL, published[0]]);
    await resumed.close();

    const everything = await subscribe(conn, -2);
    const all = await everything.waitFor(stored());
    expect(all.map((message) => message.event.replayId)).toEqual(
      running.org.hub.stored(CHANNEL).map((entry) => (entry.data as EventMessage).event.replayId),
    );
    expect(all.slice(-3).map((message) => message.payload.Account_Ids__c)).toEqual(['r1', 'r2', 'r3']);
    // The local-only hook shows the same retained events, for someone looking at what was published.
    const hook = await fetch(`${running.url}/__local/events?channel=${encodeURIComponent(CHANNEL)}`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(((await hook.json()) as Array<{ data: EventMessage }>).map((entry) => entry.data.event.replayId)).toEqual(
      all.map((message) => message.event.replayId),
    );
    await everything.close();
  });

  it('refuses an unknown field or a value of the wrong type, and publishes nothing', async () => {
    const before = running.org.hub.newestReplayId();
    const unknown = await errorOf(conn.sobject(EVENT).create({ Account_Ids__c: 'x', Nope__c: 'x' }));
    expect(unknown).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(unknown.message).toMatch(/No such column 'Nope__c' on sobject of type Stance_Update__e/);
    expect(await errorOf(conn.sobject(EVENT).create({ Account_Ids__c: { ids: [1] } }))).toMatchObject({
      errorCode: 'JSON_PARSER_ERROR',
    });
    expect(await errorOf(conn.sobject(EVENT).create({ Account_Ids__c: 'x'.repeat(131_073) }))).toMatchObject({
      errorCode: 'STRING_TOO_LONG',
    });
    // The system fields are the org's to set.
    expect(await errorOf(conn.sobject(EVENT).create({ EventUuid: 'mine' }))).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
    expect(running.org.hub.newestReplayId()).toBe(before);
  });

  it('is not queryable and has no records, but is describable', async () => {
    const query = await errorOf(conn.query(`SELECT Id, Account_Ids__c FROM ${EVENT}`));
    expect(query).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect(query.message).toBe(`sObject type '${EVENT}' is not supported.`);
    expect(
      await errorOf(conn.query(`SELECT Id FROM Account WHERE Id IN (SELECT Account_Ids__c FROM ${EVENT})`)),
    ).toMatchObject({ errorCode: 'INVALID_TYPE' });

    const { id } = (await conn.sobject(EVENT).create({ Account_Ids__c: accountId })) as PublishResult;
    const base = `/services/data/v${VERSION}/sobjects/${EVENT}/${id}`;
    expect(await errorOf(conn.request(base))).toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(
      await errorOf(
        conn.request({
          method: 'PATCH',
          url: base,
          body: JSON.stringify({ Account_Ids__c: 'y' }),
          headers: { 'content-type': 'application/json' },
        }),
      ),
    ).toMatchObject({ errorCode: 'INVALID_TYPE_FOR_OPERATION' });
    expect(await errorOf(conn.request({ method: 'DELETE', url: base }))).toMatchObject({
      errorCode: 'INVALID_TYPE_FOR_OPERATION',
    });
    const [deleted] = await conn.sobject(EVENT).destroy([id]);
    expect(deleted).toMatchObject({ success: false });
    const upsert = conn.request({
      method: 'PATCH',
      url: `/services/data/v${VERSION}/sobjects/${EVENT}/Account_Ids__c/z`,
      body: JSON.stringify({}),
      headers: { 'content-type': 'application/json' },
    });
    expect(await errorOf(upsert)).toMatchObject({
      errorCode: 'INVALID_TYPE_FOR_OPERATION',
    });

    const describe = await conn.sobject(EVENT).describe();
    expect(describe).toMatchObject({
      name: EVENT,
      keyPrefix: 'e00',
      custom: true,
      queryable: false,
      createable: true,
      updateable: false,
      deletable: false,
    });
    expect(describe.fields.map((field) => field.name)).toEqual(
      expect.arrayContaining(['ReplayId', 'CreatedDate', 'CreatedById', 'EventUuid', 'Account_Ids__c']),
    );
    expect(describe.fields.find((field) => field.name === 'Account_Ids__c')).toMatchObject({
      type: 'textarea',
      length: 131072,
      createable: true,
      updateable: false,
    });
    const global = await conn.describeGlobal();
    expect(global.sobjects.find((object) => object.name === EVENT)).toMatchObject({
      queryable: false,
      createable: true,
    });
  });

  it('refuses Bulk API 2.0 ingest and the UI API, and subscriptions to events force-app does not define', async () => {
    const ingest = await errorOf(
      conn.requestPost(`/services/data/v${VERSION}/jobs/ingest`, { object: EVENT, operation: 'insert' }),
    );
    expect(ingest).toMatchObject({ errorCode: 'INVALIDJOB' });
    expect(ingest.message).toMatch(/platform event/);

    const ui = await errorOf(
      conn.requestPost(`/services/data/v${VERSION}/ui-api/records`, {
        apiName: EVENT,
        fields: { Account_Ids__c: accountId },
      }),
    );
    expect(ui).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect(ui.message).toMatch(/platform event/);

    const client = conn.streaming.createClient([new StreamingExtension.Replay('/event/Not_Deployed__e', -1)]);
    const failure = await new Promise<string>((resolve) => {
      client
        .subscribe('/event/Not_Deployed__e', () => undefined)
        .then(
          () => resolve('subscribed'),
          (error: Error) => resolve(error.message),
        );
    });
    expect(failure).toMatch(/does not exist/);
    await disconnectStreaming(client);
  });
});
