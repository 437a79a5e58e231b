/**
 * Conformance: the local org driven only through unmodified jsforce, the way Stance's sidecar
 * and Salesforce's own tools drive a real org. Results and error codes are asserted.
 */
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { disconnectStreaming } from '../../testing/streaming';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { DEFAULTS } from '../org';
import { subscribed, until } from './support/streaming';

jest.setTimeout(60_000);

const VERSION = '62.0';

/** The admin (System Administrator) through the password grant, or the integration user through client credentials. */
async function connect(
  running: RunningOrg,
  client?: string,
  as: 'admin' | 'integration' = 'admin',
): Promise<Connection> {
  const conn = new Connection({
    oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
    version: VERSION,
    ...(client ? { callOptions: { client } } : {}),
  });
  if (as === 'admin') await conn.login(DEFAULTS.username, DEFAULTS.password);
  else await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}

function errorCodeOf(promise: PromiseLike<unknown>): Promise<string> {
  return Promise.resolve(promise).then(
    () => 'no error',
    (error: { errorCode?: string; name?: string }) => error.errorCode ?? error.name ?? 'unknown',
  );
}

describe('the local org, through jsforce', () => {
  let running: RunningOrg;
  let conn: Connection;
  let accountId: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none' });
    conn = await connect(running);
    const created = (await conn.sobject('Account').create({ Name: 'Conformance Account', Industry: 'Bakery' })) as {
      id: string;
    };
    accountId = created.id;
  });

  afterAll(async () => {
    await running.close();
  });

  it('logs in with client credentials and answers identity', async () => {
    const identity = await (await connect(running, undefined, 'integration')).identity();
    expect(identity).toMatchObject({ organization_id: running.org.orgId, username: 'integration@stance.local' });
  });

  it('pages a query by nextRecordsUrl and autoFetches every page', async () => {
    const loaded = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact',
      operation: 'insert',
      input: Array.from({ length: 4_500 }, (_, i) => ({ LastName: `Paged ${i}`, AccountId: accountId })),
      pollInterval: 20,
      pollTimeout: 10_000,
    });
    expect(loaded.successfulResults).toHaveLength(4_500);
    const first = await conn.query<{ LastName: string }>(
      `SELECT Id, LastName FROM Contact WHERE AccountId = '${accountId}'`,
    );
    expect(first).toMatchObject({ totalSize: 4_500, done: false });
    expect(first.records).toHaveLength(2_000);
    expect(first.nextRecordsUrl).toMatch(/\/query\/[^/]+$/);
    const all = await conn.query<{ LastName: string }>(
      `SELECT Id, LastName FROM Contact WHERE AccountId = '${accountId}'`,
      {
        autoFetch: true,
        maxFetch: 10_000,
      },
    );
    expect(all.records).toHaveLength(4_500);
    expect(new Set(all.records.map((record) => record.LastName)).size).toBe(4_500);
  });

  it('creates and updates 200 records in one collection call, and refuses 201', async () => {
    const records = Array.from({ length: 200 }, (_, i) => ({ Name: `Collection ${i}`, Industry: 'Confectionery' }));
    const created = await conn.sobject('Account').create(records);
    expect(created.every((result) => result.success)).toBe(true);
    const updated = await conn.sobject('Account').update(created.map((result) => ({ Id: result.id!, Rating: 'Hot' })));
    expect(updated.filter((result) => result.success)).toHaveLength(200);
    const hot = await conn.query(`SELECT COUNT() FROM Account WHERE Rating = 'Hot'`);
    expect(hot.totalSize).toBe(200);
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ Name: `Too many ${i}` }));
    expect(await errorCodeOf(conn.sobject('Account').create(tooMany))).toBe('EXCEEDED_ID_LIMIT');
  });

  it('reports per-record failures, and rolls all back with allOrNone', async () => {
    const mixed = await conn.sobject('Account').create([{ Name: 'Fine' }, { Name: 'Bad', Stance__c: 'Atack' }]);
    expect(mixed[0]).toMatchObject({ success: true });
    expect(mixed[1]).toMatchObject({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' })],
    });
    const rolledBack = await conn
      .sobject('Account')
      .create([{ Name: 'Rolled back' }, { Name: 'Bad', Stance__c: 'Atack' }], { allOrNone: true });
    expect(rolledBack[0]).toMatchObject({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' })],
    });
    expect((await conn.query(`SELECT COUNT() FROM Account WHERE Name = 'Rolled back'`)).totalSize).toBe(0);
  });

  it('upserts by external id: creates once, then updates the same record', async () => {
    const signal = {
      Account__c: accountId,
      Trigger__c: 'KEY_PERSON_CHANGE',
      Source__c: 'Detected',
      Detection_Key__c: 'left:003x',
      Detail__c: 'first',
    };
    const [first] = await conn.sobject('Stance_Signal__c').upsert([signal], 'Detection_Key__c');
    const [second] = await conn
      .sobject('Stance_Signal__c')
      .upsert([{ ...signal, Detail__c: 'second' }], 'Detection_Key__c');
    expect(first).toMatchObject({ success: true, created: true });
    expect(second).toMatchObject({ success: true, created: false, id: first!.id });
    const rows = await conn.query<{ Detail__c: string }>(
      `SELECT Detail__c FROM Stance_Signal__c WHERE Detection_Key__c = 'left:003x'`,
    );
    expect(rows.records).toEqual([expect.objectContaining({ Detail__c: 'second' })]);
  });

  it('describes objects from force-app with their picklists and relationships', async () => {
    const account = await conn.sobject('Account').describe();
    const stance = account.fields.find((field) => field.name === 'Stance__c');
    expect(stance).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(stance!.picklistValues!.map((entry) => entry.value)).toEqual(['Attack', 'Defend', 'Fire', 'None']);
    expect(account.childRelationships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ relationshipName: 'Stance_Signals__r', childSObject: 'Stance_Signal__c' }),
      ]),
    );
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((object) => object.name)).toEqual(
      expect.arrayContaining(['Account', 'Stance_Signal__c', 'Stance_Rule__mdt']),
    );
  });

  it('filters with AND, OR, NOT and parentheses as SOQL groups them', async () => {
    const made = await conn.sobject('Account').create([
      { Name: 'Where A', Industry: 'Banking', Type: 'Prospect' },
      { Name: 'Where B', Industry: 'Banking', Type: 'Customer' },
      { Name: 'Where C', Industry: 'Retail', Type: 'Prospect' },
      { Name: 'Where D', Industry: 'Retail' },
    ]);
    expect(made.every((result) => result.success)).toBe(true);
    const names = async (where: string) =>
      (
        await conn.query<{ Name: string }>(
          `SELECT Name FROM Account WHERE Name LIKE 'Where %' AND ${where} ORDER BY Name`,
        )
      ).records.map((record) => record.Name);
    expect(await names("(Industry = 'Banking' OR Type = 'Prospect')")).toEqual(['Where A', 'Where B', 'Where C']);
    expect(await names("NOT (Industry = 'Banking' AND Type = 'Prospect')")).toEqual(['Where B', 'Where C', 'Where D']);
    expect(await names("NOT Industry = 'Banking' AND Type != 'Prospect'")).toEqual(['Where D']);
    expect(await names("Type NOT IN ('Prospect')")).toEqual(['Where B', 'Where D']);
  });

  it("answers Salesforce's error codes for bad queries", async () => {
    expect(await errorCodeOf(conn.query('SELECT Nmae FROM Account'))).toBe('INVALID_FIELD');
    expect(await errorCodeOf(conn.query('SELECT Id FROM Acount'))).toBe('INVALID_TYPE');
    expect(
      await errorCodeOf(conn.query("SELECT Id FROM Account WHERE Name = 'a' OR Industry = 'b' AND Type = 'c'")),
    ).toBe('MALFORMED_QUERY');
    expect(
      await errorCodeOf(conn.query('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1')),
    ).toBe('MALFORMED_QUERY');
    expect(
      await errorCodeOf(
        conn.sobject('Stance_Signal__c').create({ Account__c: accountId, Status__c: 'New' }) as Promise<unknown>,
      ),
    ).toBe('REQUIRED_FIELD_MISSING');
  });

  it('keeps custom metadata read-only and restricted as Salesforce does', async () => {
    const rules = await conn.query<{ DeveloperName: string }>(
      'SELECT DeveloperName, Condition__c FROM Stance_Rule__mdt ORDER BY DeveloperName',
    );
    expect(rules.records.map((rule) => rule.DeveloperName)).toContain('Threatened_Customer');
    expect(await errorCodeOf(conn.query('SELECT COUNT() FROM Stance_Rule__mdt'))).toBe('MALFORMED_QUERY');
    expect(await errorCodeOf(conn.query("SELECT Id FROM Stance_Rule__mdt WHERE Condition__c = 'x'"))).toBe(
      'INVALID_FIELD',
    );
  });

  it('counts a /composite call as one API call', async () => {
    const before = running.org.accounting.used;
    const response = await conn.requestPost<{ compositeResponse: Array<{ httpStatusCode: number; body: unknown }> }>(
      `/services/data/v${VERSION}/composite`,
      {
        allOrNone: false,
        compositeRequest: [
          {
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/Account`,
            referenceId: 'account',
            body: { Name: 'Composite Parent' },
          },
          {
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/Contact`,
            referenceId: 'contact',
            body: { LastName: 'Child', AccountId: '@{account.id}' },
          },
          {
            method: 'GET',
            url: `/services/data/v${VERSION}/query?q=SELECT+Id+FROM+Contact+WHERE+AccountId='@{account.id}'`,
            referenceId: 'check',
          },
        ],
      },
    );
    expect(response.compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([201, 201, 200]);
    expect(response.compositeResponse[2]!.body).toMatchObject({ totalSize: 1 });
    expect(running.org.accounting.used - before).toBe(1);
    expect(conn.limitInfo.apiUsage).toEqual({ used: running.org.accounting.used, limit: DEFAULTS.dailyApiLimit });
  });

  it('deletes master-detail children with their parent', async () => {
    const parent = (await conn.sobject('Account').create({ Name: 'Parent to delete' })) as { id: string };
    await conn.sobject('Stance_Signal__c').create({ Account__c: parent.id, Trigger__c: 'CUSTOMER_PROBLEM' });
    await conn.sobject('Account').destroy(parent.id);
    expect((await conn.query(`SELECT COUNT() FROM Stance_Signal__c WHERE Account__c = '${parent.id}'`)).totalSize).toBe(
      0,
    );
    const all = await conn.query(`SELECT Id, IsDeleted FROM Stance_Signal__c WHERE Account__c = '${parent.id}'`, {
      scanAll: true,
    });
    expect(all.records).toEqual([expect.objectContaining({ IsDeleted: true })]);
  });

  it('streams change events, resuming by replay id after the server drops the client', async () => {
    const events: Array<{
      payload: {
        ChangeEventHeader: { changeType: string; recordIds: string[]; changeOrigin: string; changedFields: string[] };
        Name?: string;
      };
      event: { replayId: number };
    }> = [];
    const channel = '/data/AccountChangeEvent';
    const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, -1)]);
    const waitFor = (count: number) => until(`${count} change event(s)`, () => events.length >= count);
    const subscription = client.subscribe(channel, (message: (typeof events)[number]) => events.push(message));
    await subscribed(subscription);

    const writer = await connect(running, 'stance-test');
    const created = (await writer.sobject('Account').create({ Name: 'Streamed One' })) as { id: string };
    await waitFor(1);
    expect(events[0]!.payload).toMatchObject({
      Name: 'Streamed One',
      ChangeEventHeader: { changeType: 'CREATE', recordIds: [created.id] },
    });
    expect(events[0]!.payload.ChangeEventHeader.changeOrigin).toBe(
      `com/salesforce/api/rest/${VERSION};client=stance-test`,
    );

    running.org.hub.dropClients();
    await writer.sobject('Account').update({ Id: created.id, Industry: 'Bakery' });
    await waitFor(2);
    // The client came back and asked for what followed the last event it had seen.
    expect(running.org.hub.replayRequests).toContainEqual([channel, events[0]!.event.replayId]);
    expect(events[1]!.payload.ChangeEventHeader).toMatchObject({
      changeType: 'UPDATE',
      changedFields: expect.arrayContaining(['Industry', 'LastModifiedDate']),
    });
    expect(events[1]!.event.replayId).toBeGreaterThan(events[0]!.event.replayId);
    subscription.cancel();
    await disconnectStreaming(client);
  });

  it('answers 401 INVALID_SESSION_ID for an expired token, and jsforce refreshes and retries', async () => {
    const user = new Connection({
      oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      version: VERSION,
    });
    await user.login(DEFAULTS.username, DEFAULTS.password);
    const refreshed = jest.fn();
    user.on('refresh', refreshed);
    running.org.auth.expireAll();
    const result = await user.query('SELECT COUNT() FROM Account');
    expect(result.totalSize).toBeGreaterThan(0);
    expect(refreshed).toHaveBeenCalledTimes(1);

    const bare = new Connection({ instanceUrl: running.url, accessToken: 'not-a-token', version: VERSION });
    expect(await errorCodeOf(bare.query('SELECT Id FROM Account'))).toBe('INVALID_SESSION_ID');
    conn = await connect(running);
  });
});

describe("the local org's daily API allowance", () => {
  it('answers REQUEST_LIMIT_EXCEEDED once the allowance is spent, and reports it in /limits', async () => {
    const running = await startLocalOrg({ seed: 'none', dailyApiLimit: 3 });
    try {
      const conn = await connect(running);
      await conn.query('SELECT Id FROM Account');
      const limits = (await conn.limits()) as { DailyApiRequests: { Max: number; Remaining: number } };
      expect(limits.DailyApiRequests).toEqual({ Max: 3, Remaining: 1 });
      await conn.query('SELECT Id FROM Account');
      expect(conn.limitInfo.apiUsage).toEqual({ used: 3, limit: 3 });
      expect(await errorCodeOf(conn.query('SELECT Id FROM Account'))).toBe('REQUEST_LIMIT_EXCEEDED');
      expect(running.org.accounting.used).toBe(3);
    } finally {
      await running.close();
    }
  });
});
