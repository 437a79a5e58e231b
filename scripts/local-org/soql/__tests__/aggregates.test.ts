/**
 * The SOQL aggregates the sidecar's daily snapshot uses, through unmodified jsforce as the demo
 * people (Private sharing, so each reads only what the role hierarchy gives them): SUM, MAX, MIN
 * and COUNT by a parent's field, Salesforce's expr0.. names and errors, and INCLUDES/EXCLUDES on
 * a multi-select picklist. Each aggregate is checked against the rows the same user reads.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

jest.setTimeout(60_000);

type Row = Record<string, unknown>;

describe('SOQL aggregates as the querying user', () => {
  let running: RunningOrg;
  let admin: Connection;
  let max: Connection;
  let dana: Connection;
  let integration: Connection;
  let danaId: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo', sharing: 'private' });
    admin = await signIn(running, DEFAULTS.username);
    max = await signIn(running, 'max@stance.local');
    dana = await signIn(running, 'dana@stance.local');
    integration = await signIn(running);
    danaId = (await admin.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'dana@stance.local'")).records[0]!
      .Id;
  });

  afterAll(() => running.close());

  const rows = async (conn: Connection, soql: string) => (await conn.query<Row>(soql)).records;

  /** What the aggregate should answer, from the plain rows the same user reads. */
  async function expected(conn: Connection) {
    const plain = await rows(conn, 'SELECT Account.OwnerId, Amount, CloseDate FROM Opportunity WHERE IsClosed = false');
    const groups = new Map<string | null, { count: number; sum: number | null; max: number | null; min: string }>();
    for (const row of plain) {
      const owner = ((row.Account as Row | null)?.OwnerId as string | undefined) ?? null;
      const group = groups.get(owner) ?? { count: 0, sum: null, max: null, min: '9999-12-31' };
      const amount = row.Amount as number | null;
      group.count++;
      if (amount !== null) {
        group.sum = (group.sum ?? 0) + amount;
        group.max = Math.max(group.max ?? -Infinity, amount);
      }
      if (String(row.CloseDate) < group.min) group.min = String(row.CloseDate);
      groups.set(owner, group);
    }
    return groups;
  }

  async function aggregated(conn: Connection) {
    const answer = await rows(
      conn,
      'SELECT Account.OwnerId, COUNT(Id), SUM(Amount), MAX(Amount), MIN(CloseDate) FROM Opportunity WHERE IsClosed = false GROUP BY Account.OwnerId ORDER BY Account.OwnerId',
    );
    return new Map(
      answer.map((row) => [
        row.OwnerId as string | null,
        { count: row.expr0, sum: row.expr1, max: row.expr2, min: row.expr3 },
      ]),
    );
  }

  it('groups by a parent field with expr0.. names and counts only what each user may read', async () => {
    const forMax = await aggregated(max);
    expect(forMax).toEqual(await expected(max));
    const forDana = await aggregated(dana);
    expect(forDana).toEqual(await expected(dana));
    expect([...forDana.keys()]).toEqual([danaId]);
    // Max is above Dana: he reads her opportunities and more.
    expect(forMax.get(danaId)).toEqual(forDana.get(danaId));
    expect(forMax.size).toBeGreaterThan(1);
    // View All on Opportunity (the integration user) reads every one, as the admin does.
    expect(await aggregated(integration)).toEqual(await aggregated(admin));

    const [sample] = await rows(
      max,
      'SELECT OwnerId, COUNT(Id) n FROM Account GROUP BY OwnerId ORDER BY COUNT(Id) DESC',
    );
    expect(sample).toMatchObject({ attributes: { type: 'AggregateResult' }, OwnerId: expect.any(String) });
    expect(sample!.n).toEqual(expect.any(Number));
  });

  it('groups signals by Account__r.OwnerId and sums nothing to null', async () => {
    const byOwner = await rows(
      max,
      'SELECT Account__r.OwnerId, COUNT(Id) FROM Stance_Signal__c WHERE CreatedDate = LAST_N_DAYS:3650 GROUP BY Account__r.OwnerId',
    );
    const plain = await rows(max, 'SELECT Id FROM Stance_Signal__c');
    expect(byOwner.reduce((total, row) => total + Number(row.expr0), 0)).toBe(plain.length);
    const [none] = await rows(
      admin,
      'SELECT SUM(Amount), MAX(CloseDate), COUNT(Id) FROM Opportunity WHERE Amount = null',
    );
    expect(none).toMatchObject({ expr0: null, expr1: null, expr2: 0 });
  });

  it('refuses what Salesforce refuses, naming the field', async () => {
    await expect(rows(admin, 'SELECT Name, COUNT(Id) FROM Account GROUP BY OwnerId')).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringContaining('Field must be grouped or aggregated: Name'),
    });
    await expect(rows(admin, 'SELECT SUM(Name) FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining('field Name does not support aggregate operator SUM'),
    });
    await expect(rows(admin, 'SELECT Amount, COUNT(Id) FROM Opportunity GROUP BY Amount')).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringContaining("field 'Amount' can not be grouped"),
    });
    await expect(rows(admin, "SELECT Id FROM Account WHERE Name INCLUDES ('A')")).rejects.toMatchObject({
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
    });
  });

  it('filters a multi-select picklist with INCLUDES, EXCLUDES and = as Salesforce does', async () => {
    const account = await admin.sobject('Account').create({ Name: 'Levers test', OwnerId: danaId });
    const make = async (levers: string | null) =>
      (
        await admin.sobject('Stance_Signal__c').create({
          Account__c: account.id!,
          Trigger__c: 'VALUE_PROPOSITION',
          Status__c: 'Done',
          Value_Levers__c: levers,
        })
      ).id!;
    const both = await make('Technical;Service');
    const price = await make('Price');
    const none = await make(null);
    const ids = async (where: string) =>
      (await rows(dana, `SELECT Id FROM Stance_Signal__c WHERE Account__c = '${account.id}' AND ${where}`))
        .map((row) => row.Id as string)
        .sort();
    expect(await ids("Value_Levers__c INCLUDES ('service')")).toEqual([both]);
    expect(await ids("Value_Levers__c INCLUDES ('Service;Price', 'Price')")).toEqual([price]);
    expect(await ids("Value_Levers__c INCLUDES ('Technical;Service')")).toEqual([both]);
    expect(await ids("Value_Levers__c EXCLUDES ('Technical')")).toEqual([price, none].sort());
    expect(await ids("Value_Levers__c = 'Service;Technical'")).toEqual([both]);
    expect(await ids("Value_Levers__c = 'Service'")).toEqual([]);
    expect(await ids('Value_Levers__c = null')).toEqual([none]);
    const [wins] = await rows(
      dana,
      `SELECT COUNT(Id) FROM Stance_Signal__c WHERE Account__c = '${account.id}' AND Value_Levers__c INCLUDES ('Technical', 'Price')`,
    );
    expect(wins!.expr0).toBe(2);
  });
});
