import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { loadConfig } from '../../config';
import { connect } from '../connection';
import { RequestTimeoutError } from '../deadlines';
import { retryReason, writeRecords } from '../writer';
import { createAccounts } from './support/seed';

jest.setTimeout(60_000);

describe('writing records with few API calls', () => {
  let running: RunningOrg;
  let ids: string[];

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none' });
    ids = await createAccounts(
      running,
      Array.from({ length: 1_200 }, (_, i) => ({ Name: `Write ${i}` })),
    );
  });

  afterAll(() => running.close());
  afterEach(() => running.org.faults.clear());

  const config = () => loadConfig({ SF_LOGIN_URL: running.url });

  it('packs five collections of 200 into one /composite call', async () => {
    const conn = await connect(config());
    const before = running.org.accounting.used;
    const outcomes = await writeRecords(
      conn,
      ids.map((id) => ({ type: 'Account', id, fields: { Stance__c: 'Defend', Stance_Priority__c: 40 } })),
      { apiVersion: '62.0' },
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1_200);
    expect(running.org.accounting.used - before).toBe(2);
    expect((await conn.query(`SELECT COUNT() FROM Account WHERE Stance__c = 'Defend'`)).totalSize).toBe(1_200);
  });

  it("publishes an announcement of each call's writes in that same call, after them", async () => {
    const conn = await connect(config());
    const before = running.org.accounting.used;
    const announced: string[][] = [];
    const outcomes = await writeRecords(
      conn,
      ids.map((id) => ({ type: 'Account', id, fields: { Stance__c: 'Attack' } })),
      {
        apiVersion: '62.0',
        announce: (writes) => {
          announced.push(writes.map((write) => write.id!));
          return { type: 'Stance_Update__e', fields: { Account_Ids__c: writes.map((write) => write.id).join(',') } };
        },
      },
    );
    // Two calls (1,000 then 200 accounts), each with its own announcement, and no extra call.
    expect(running.org.accounting.used - before).toBe(2);
    expect(announced.map((batch) => batch.length)).toEqual([1_000, 200]);
    const announcements = outcomes.filter((outcome) => outcome.write.type === 'Stance_Update__e');
    expect(announcements.map((outcome) => outcome.ok)).toEqual([true, true]);
    expect(outcomes.filter((outcome) => outcome.write.type === 'Account' && outcome.ok)).toHaveLength(1_200);
  });

  it('announces only after the writes committed and reads each answer by its referenceId, whatever the org collates', async () => {
    const conn = await connect(config());
    // Two collections of different sizes (an update by Id, an upsert by external id) and the event.
    const accounts = ids.slice(600, 850);
    const writes = [
      ...accounts.map((id) => ({ type: 'Account', id, fields: { Stance_Reason__c: 'Ordered' } })),
      {
        type: 'Stance_Change__c',
        createKey: 'Change_Key__c',
        fields: { Account__c: accounts[0]!, From__c: 'None', To__c: 'Fire', Change_Key__c: `${accounts[0]}:order` },
      },
    ];
    const hot = running.org.store.db.prepare(
      `SELECT COUNT(*) AS n FROM "o_Account" WHERE "Stance_Reason__c" = 'Ordered' AND "Id" IN (${accounts.map(() => '?').join(',')})`,
    );
    const committedAtPublish: number[] = [];
    const hub = running.org.hub;
    const publish = hub.publish.bind(hub);
    const spy = jest.spyOn(hub, 'publish').mockImplementation((events) => {
      if (events.some((event) => event.channel === '/event/Stance_Update__e'))
        committedAtPublish.push((hot.get(...accounts) as { n: number }).n);
      publish(events);
    });
    try {
      const outcomes = await writeRecords(conn, writes, {
        apiVersion: '62.0',
        announce: () => ({ type: 'Stance_Update__e', fields: { Account_Ids__c: accounts[0]! } }),
      });
      expect(committedAtPublish).toEqual([accounts.length]);
      expect(outcomes).toHaveLength(writes.length + 1);
      for (const outcome of outcomes.slice(0, accounts.length)) expect(outcome.id).toBe(outcome.write.id);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(outcomes.at(-2)).toMatchObject({ write: { type: 'Stance_Change__c' }, id: expect.stringMatching(/^a/) });
      expect(outcomes.at(-1)).toMatchObject({ write: { type: 'Stance_Update__e' }, id: expect.stringMatching(/^e/) });
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps the writes when the org refuses the announcement (the event is not deployed)', async () => {
    const conn = await connect(config());
    const outcomes = await writeRecords(
      conn,
      [{ type: 'Account', id: ids[3]!, fields: { Stance_Reason__c: 'Announced' } }],
      {
        apiVersion: '62.0',
        announce: () => ({ type: 'Not_Deployed__e', fields: { Account_Ids__c: ids[3]! } }),
      },
    );
    expect(outcomes.map((outcome) => [outcome.write.type, outcome.ok, outcome.retryable ?? null])).toEqual([
      ['Account', true, null],
      ['Not_Deployed__e', false, false],
    ]);
    expect(outcomes[1]!.errorCode).toBeTruthy();
  });

  it('reports each record the org refuses with its error, and writes the rest', async () => {
    const conn = await connect(config());
    const outcomes = await writeRecords(
      conn,
      [
        { type: 'Account', id: ids[0]!, fields: { Stance__c: 'Attack' } },
        { type: 'Account', id: ids[1]!, fields: { Stance__c: 'Sideways' } },
      ],
      { apiVersion: '62.0' },
    );
    expect(outcomes.map((outcome) => [outcome.ok, outcome.errorCode ?? null, outcome.retryable ?? null])).toEqual([
      [true, null, null],
      [false, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', false],
    ]);
  });

  it('retries a call that failed as a whole, with backoff, since updates are safe to repeat', async () => {
    const conn = await connect(config());
    running.org.faults.add({ path: '/composite$', status: 503, times: 2 });
    const waits: number[] = [];
    const outcomes = await writeRecords(
      conn,
      [{ type: 'Account', id: ids[2]!, fields: { Stance_Reason__c: 'Retried' } }],
      {
        apiVersion: '62.0',
        backoffMs: 100,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(waits).toEqual([100, 200]);
  });

  it('says a write the org refuses as malformed will not succeed later, and sends it once', async () => {
    const conn = await connect(config());
    const before = running.org.accounting.used;
    const waits: number[] = [];
    const outcomes = await writeRecords(conn, [{ type: 'Account', id: ids[3]!, fields: { No_Such_Field__c: 'x' } }], {
      apiVersion: '62.0',
      sleep: async (ms) => void waits.push(ms),
    });
    expect(outcomes[0]).toMatchObject({ ok: false, errorCode: 'INVALID_FIELD', retryable: false });
    expect(waits).toEqual([]);
    expect(running.org.accounting.used - before).toBe(1);
  });

  it('tells each call it sends again with why, from a bounded set of reasons', async () => {
    const conn = await connect(config());
    running.org.faults.add({ path: '/composite$', status: 400, errorCode: 'UNABLE_TO_LOCK_ROW', times: 1 });
    running.org.faults.add({ path: '/composite$', status: 503, times: 1 });
    const reasons: string[] = [];
    const outcomes = await writeRecords(
      conn,
      [{ type: 'Account', id: ids[4]!, fields: { Stance_Reason__c: 'Again' } }],
      {
        apiVersion: '62.0',
        sleep: async () => undefined,
        onRetry: (reason) => reasons.push(reason),
      },
    );
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(reasons).toEqual(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE']);
    // What else can be sent again maps to few labels: a metric's label set stays bounded.
    expect(
      [
        { errorCode: 'ERROR_HTTP_502' },
        { errorCode: 'SOME_NEW_CODE' },
        new RequestTimeoutError('POST /composite', 30_000),
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      ].map(retryReason),
    ).toEqual(['5xx', 'other', 'timeout', 'network']);
  });

  it("does not send again a call refused for the day's API limit: the records come back retryable at once", async () => {
    const conn = await connect(config());
    const { accounting } = running.org;
    const limit = accounting.limit;
    accounting.limit = accounting.used;
    const waits: number[] = [];
    const reasons: string[] = [];
    try {
      const outcomes = await writeRecords(conn, [{ type: 'Account', id: ids[5]!, fields: { Stance_Reason__c: 'x' } }], {
        apiVersion: '62.0',
        sleep: async (ms) => void waits.push(ms),
        onRetry: (reason) => reasons.push(reason),
      });
      expect(outcomes[0]).toMatchObject({ ok: false, errorCode: 'REQUEST_LIMIT_EXCEEDED', retryable: true });
      expect(waits).toEqual([]);
      expect(reasons).toEqual([]);
    } finally {
      accounting.limit = limit;
    }
  });

  it('gives up after its attempts and marks every record retryable', async () => {
    const conn = await connect(config());
    running.org.faults.add({ path: '/composite$', status: 503, times: 10 });
    const outcomes = await writeRecords(
      conn,
      [{ type: 'Account', id: ids[3]!, fields: { Stance_Reason__c: 'Retried' } }],
      {
        apiVersion: '62.0',
        attempts: 2,
        sleep: async () => undefined,
      },
    );
    expect(outcomes[0]).toMatchObject({ ok: false, retryable: true });
  });

  it('upserts by an external id, so writing a detection twice keeps one signal', async () => {
    const conn = await connect(config());
    const signal = {
      type: 'Stance_Signal__c',
      fields: {
        Account__c: ids[4]!,
        Trigger__c: 'KEY_PERSON_CHANGE',
        Source__c: 'Detected',
        Detection_Key__c: 'left:003Q',
      },
    };
    await writeRecords(conn, [signal], { apiVersion: '62.0', externalIdField: 'Detection_Key__c' });
    const [again] = await writeRecords(conn, [{ ...signal, fields: { ...signal.fields, Detail__c: 'seen twice' } }], {
      apiVersion: '62.0',
      externalIdField: 'Detection_Key__c',
    });
    expect(again).toMatchObject({ ok: true });
    expect(
      (await conn.query(`SELECT COUNT() FROM Stance_Signal__c WHERE Detection_Key__c = 'left:003Q'`)).totalSize,
    ).toBe(1);
  });

  it('creates a history row once: a retry after the first try committed counts as written, and updates nothing', async () => {
    const conn = await connect(config());
    const change = (to: string) => ({
      type: 'Stance_Change__c',
      createKey: 'Change_Key__c',
      fields: { Account__c: ids[6]!, From__c: 'None', To__c: to, Change_Key__c: `${ids[6]}:retried` },
    });
    const [first] = await writeRecords(conn, [change('Fire')], { apiVersion: '62.0' });
    expect(first).toMatchObject({ ok: true, id: expect.any(String) });
    const stored = () =>
      conn.query<{ Id: string; To__c: string; SystemModstamp: string }>(
        `SELECT Id, To__c, SystemModstamp FROM Stance_Change__c WHERE Change_Key__c = '${ids[6]}:retried'`,
      );
    const before = (await stored()).records;
    // The org refuses the second create as DUPLICATE_VALUE; an upsert would have updated the row,
    // which needs Edit on Stance_Change__c, a right the integration user does not hold.
    const [again] = await writeRecords(conn, [change('Defend'), change('Defend')], { apiVersion: '62.0' });
    expect(again).toMatchObject({ ok: true, id: first!.id });
    expect((await stored()).records).toEqual(before);
    expect(before).toHaveLength(1);
    // Another unique field's duplicate is still a failure.
    const [other] = await writeRecords(
      conn,
      [{ ...change('Fire'), createKey: 'Other_Key__c', fields: { ...change('Fire').fields } }],
      { apiVersion: '62.0' },
    );
    expect(other).toMatchObject({ ok: false, errorCode: 'DUPLICATE_VALUE' });
  });

  it('sends updates and upserts of several types in one call, each upsert keyed by its own field', async () => {
    const conn = await connect(config());
    const before = running.org.accounting.used;
    const outcomes = await writeRecords(
      conn,
      [
        { type: 'Account', id: ids[5]!, fields: { Stance__c: 'Fire' } },
        {
          type: 'Stance_Change__c',
          createKey: 'Change_Key__c',
          fields: { Account__c: ids[5]!, From__c: 'None', To__c: 'Fire', Change_Key__c: `${ids[5]}:1` },
        },
        {
          type: 'Stance_Signal__c',
          externalIdField: 'Detection_Key__c',
          fields: {
            Account__c: ids[5]!,
            Trigger__c: 'KEY_PERSON_CHANGE',
            Source__c: 'Detected',
            Detection_Key__c: 'left:003R',
          },
        },
      ],
      { apiVersion: '62.0' },
    );
    expect(outcomes.map((outcome) => [outcome.write.type, outcome.ok])).toEqual([
      ['Account', true],
      ['Stance_Change__c', true],
      ['Stance_Signal__c', true],
    ]);
    expect(running.org.accounting.used - before).toBe(1);
    expect((await conn.query(`SELECT COUNT() FROM Stance_Change__c WHERE Account__c = '${ids[5]}'`)).totalSize).toBe(1);
  });
});
