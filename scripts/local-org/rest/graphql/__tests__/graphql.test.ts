/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read as the JSON they are */
/**
 * The UI API GraphQL endpoint over HTTP as the demo people, with Private sharing on accounts:
 * Max (manager) aggregates his team's accounts, a rep only her own; portfolio snapshots
 * (Private) are read by their owner and the managers above, never by a peer; paging, filters,
 * display values, and errors as Salesforce gives them (HTTP 200, `errors` with locations).
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../../../testing/signIn';
import { DEFAULTS } from '../../../org';
import { startLocalOrg } from '../../../server';
import type { RunningOrg } from '../../../server';

jest.setTimeout(60_000);

type Answer = {
  data: Record<string, any> | null;
  errors?: Array<{ message: string; locations: Array<{ line: number; column: number }>; extensions: object }>;
};

const PORTFOLIO = `
query Portfolio($owners: [ID], $since: Date) {
  uiapi {
    aggregate {
      Account(where: { OwnerId: { in: $owners } },
              groupBy: { OwnerId: { group: true }, Stance__c: { group: true }, At_Risk__c: { group: true } }) {
        edges { node { aggregate {
          OwnerId { value }  Stance__c { value displayValue }  At_Risk__c { value }
          Id { count { value } }
          Stance_Open_Pipeline__c { sum { value } }
        } } }
        totalCount
      }
    }
    query {
      Stance_Portfolio_Snapshot__c(where: { Snapshot_Date__c: { gte: { value: $since } } },
                                   orderBy: { Snapshot_Date__c: { order: ASC } }, first: 2000) {
        edges { node { Id OwnerId { value } Snapshot_Date__c { value displayValue } Fire__c { value } } }
        totalCount
        pageInfo { hasNextPage endCursor }
      }
      User(where: { Id: { in: $owners } }) { edges { node { Id Name { value } } } }
    }
  }
}`;

describe('POST /services/data/v62.0/graphql', () => {
  let running: RunningOrg;
  let admin: Connection;
  let max: Connection;
  let dana: Connection;
  let nina: Connection;
  const ids: Record<string, string> = {};
  let fireAccount: string;

  const post = (conn: Connection, query: string, variables: object = {}) =>
    conn.request<Answer>({
      method: 'POST',
      url: '/services/data/v62.0/graphql',
      body: JSON.stringify({ query, variables }),
      headers: { 'Content-Type': 'application/json' },
    });

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo', sharing: 'private' });
    admin = await signIn(running, DEFAULTS.username);
    max = await signIn(running, 'max@stance.local');
    dana = await signIn(running, 'dana@stance.local');
    nina = await signIn(running, 'nina@stance.local');
    // The demo seed brings eight weeks of each rep's portfolio history; this test counts its own.
    const seeded = await admin.query<{ Id: string }>('SELECT Id FROM Stance_Portfolio_Snapshot__c');
    for (const { Id } of seeded.records) await admin.sobject('Stance_Portfolio_Snapshot__c').destroy(Id);
    for (const name of ['max', 'dana', 'nina']) {
      ids[name] = (
        await admin.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = '${name}@stance.local'`)
      ).records[0]!.Id;
      for (const [day, fire] of [
        // Far from the demo firm's seeded weeks, so these are the only snapshots the queries see.
        ['2031-11-01', 1],
        ['2031-11-08', 2],
      ] as const) {
        await admin.sobject('Stance_Portfolio_Snapshot__c').create({
          OwnerId: ids[name],
          Snapshot_Date__c: day,
          Snapshot_Key__c: `${ids[name]}:${day}`,
          Fire__c: fire,
        });
      }
    }
  });

  afterAll(() => running.close());

  beforeAll(async () => {
    const [account] = (
      await admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE OwnerId = '${ids.dana}' LIMIT 1`)
    ).records;
    await admin.sobject('Account').update({ Id: account!.Id, Stance__c: 'Fire', Stance_Open_Pipeline__c: 180000 });
    fireAccount = account!.Id;
  });

  /** The per-owner account counts the same user reads through SOQL. */
  async function countsBySoql(conn: Connection): Promise<Record<string, number>> {
    const rows = await conn.query<{ OwnerId: string; expr0: number }>(
      'SELECT OwnerId, COUNT(Id) FROM Account GROUP BY OwnerId',
    );
    return Object.fromEntries(rows.records.map((row) => [row.OwnerId, row.expr0]));
  }

  function countsOf(answer: Answer): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const edge of answer.data!.uiapi.aggregate.Account.edges) {
      const node = edge.node.aggregate;
      counts[node.OwnerId.value] = (counts[node.OwnerId.value] ?? 0) + node.Id.count.value;
    }
    return counts;
  }

  it("answers Max his team's accounts aggregated and the snapshots of the people under him", async () => {
    const owners = [ids.max, ids.dana, ids.nina];
    const answer = await post(max, PORTFOLIO, { owners, since: '2031-11-01' });
    expect(answer.errors).toBeUndefined();
    expect(countsOf(answer)).toEqual(await countsBySoql(max));
    expect(Object.keys(countsOf(answer))).toEqual(expect.arrayContaining([ids.dana, ids.nina]));
    expect(owners).toEqual(expect.arrayContaining(Object.keys(countsOf(answer))));
    const nodes = answer.data!.uiapi.aggregate.Account.edges.map((edge: any) => edge.node.aggregate);
    expect(nodes).toContainEqual(
      expect.objectContaining({ OwnerId: { value: ids.dana }, Stance__c: { value: 'Fire', displayValue: 'Fire' } }),
    );
    expect(typeof nodes[0].At_Risk__c.value).toBe('boolean');

    const snapshots = answer.data!.uiapi.query.Stance_Portfolio_Snapshot__c;
    expect(snapshots.totalCount).toBe(6);
    expect(snapshots.pageInfo.hasNextPage).toBe(false);
    const dates = snapshots.edges.map((edge: any) => edge.node.Snapshot_Date__c.value);
    expect(dates).toEqual([...dates].sort());
    expect(snapshots.edges[0].node.Snapshot_Date__c.displayValue).toBe('11/1/2031');
    expect(answer.data!.uiapi.query.User.edges.map((edge: any) => edge.node.Name.value).sort()).toHaveLength(3);
  });

  it("answers the contract's Portfolio query as written, with parents and formatted values", async () => {
    const contract = `
      query Portfolio($owners: [ID], $since: Date) {
        uiapi {
          aggregate {
            Account(where: { OwnerId: { in: $owners } },
                    groupBy: { OwnerId: { group: true }, Stance__c: { group: true }, At_Risk__c: { group: true } }) {
              edges { node { aggregate {
                OwnerId { value }  Stance__c { value }  At_Risk__c { value }
                Id { count { value } }
                Stance_Plan_Steps__c { sum { value } }  Stance_Plan_Steps_Done__c { sum { value } }
                Stance_Open_Deals__c { sum { value } }  Stance_Recent_Cases__c { sum { value } }
                Stance_Open_Pipeline__c { sum { value } }
              } } }
            }
          }
          query {
            Stance_Portfolio_Snapshot__c(where: { Snapshot_Date__c: { gte: { value: $since } } },
                                         orderBy: { Snapshot_Date__c: { order: ASC } }, first: 2000) {
              edges { node { Id OwnerId { value } Snapshot_Date__c { value } Attack__c { value } Defend__c { value }
                             At_Risk__c { value } Fire__c { value } None__c { value } Exit_Steps_Done__c { value }
                             Owner { Name { value } } } }
              totalCount
              pageInfo { hasNextPage endCursor }
            }
            User(where: { Id: { in: $owners } }) { edges { node { Id Name { value } } } }
          }
        }
      }`;
    const answer = await post(max, contract, { owners: [ids.dana, ids.nina], since: '2031-11-08' });
    expect(answer.errors).toBeUndefined();
    const fire = answer
      .data!.uiapi.aggregate.Account.edges.map((edge: any) => edge.node.aggregate)
      .find((node: any) => node.Stance__c.value === 'Fire');
    expect(fire).toMatchObject({ OwnerId: { value: ids.dana }, Stance_Open_Pipeline__c: { sum: { value: 180000 } } });
    const snapshots = answer.data!.uiapi.query.Stance_Portfolio_Snapshot__c;
    // The owners filter the accounts and users; Max reads his own snapshot and those of the people under him.
    expect(snapshots.totalCount).toBe(3);
    expect(snapshots.edges.map((edge: any) => edge.node.Owner.Name.value)).toEqual(
      expect.arrayContaining(answer.data!.uiapi.query.User.edges.map((edge: any) => edge.node.Name.value)),
    );
    const record = await post(
      dana,
      `{ uiapi { query { Account(where: { Id: { eq: "${fireAccount}" } }) { edges { node {
         Stance__c { value displayValue } Stance_Open_Pipeline__c { value displayValue } } } } } } }`,
    );
    expect(record.data!.uiapi.query.Account.edges[0].node).toEqual({
      Stance__c: { value: 'Fire', displayValue: 'Fire' },
      Stance_Open_Pipeline__c: { value: 180000, displayValue: '$180,000.00' },
    });
  });

  it('answers a rep only what sharing gives her, and a peer none of her snapshots', async () => {
    const owners = [ids.max, ids.dana, ids.nina];
    const forDana = await post(dana, PORTFOLIO, { owners, since: '2031-01-01' });
    expect(forDana.errors).toBeUndefined();
    expect(Object.keys(countsOf(forDana))).toEqual([ids.dana]);
    expect(countsOf(forDana)).toEqual(await countsBySoql(dana));
    const danaSnapshots = forDana.data!.uiapi.query.Stance_Portfolio_Snapshot__c.edges;
    expect(danaSnapshots.map((edge: any) => edge.node.OwnerId.value)).toEqual([ids.dana, ids.dana]);

    const forNina = await post(nina, PORTFOLIO, { owners, since: '2031-01-01' });
    const ninaOwners = forNina.data!.uiapi.query.Stance_Portfolio_Snapshot__c.edges.map(
      (edge: any) => edge.node.OwnerId.value,
    );
    expect(ninaOwners).toEqual([ids.nina, ids.nina]);
  });

  it('aggregates snapshots by day and names their owners, as the portfolio reads a team of any size', async () => {
    // The portfolio's shape: two aliased aggregates of one object, one grouped by a Date field,
    // one by OwnerId in order with pageInfo, so the answer does not grow with the team.
    const query = `query Days($since: Date, $owners: Int) { uiapi { aggregate {
      days: Stance_Portfolio_Snapshot__c(where: { Snapshot_Date__c: { gte: { value: $since } } },
                                         groupBy: { Snapshot_Date__c: { group: true } }) {
        edges { node { aggregate { Snapshot_Date__c { value } Id { count { value } } Fire__c { sum { value } } } } }
      }
      owners: Stance_Portfolio_Snapshot__c(where: { Snapshot_Date__c: { gte: { value: $since } } },
                                           groupBy: { OwnerId: { group: true } },
                                           orderBy: { OwnerId: { order: ASC } }, first: $owners) {
        edges { node { aggregate { OwnerId { value } } } }
        pageInfo { hasNextPage }
      }
    } } }`;
    const daysOf = (answer: Answer) =>
      answer
        .data!.uiapi.aggregate.days.edges.map((edge: any) => edge.node.aggregate)
        .map((group: any) => [group.Snapshot_Date__c.value, group.Id.count.value, group.Fire__c.sum.value])
        .sort();
    const ownersOf = (answer: Answer) =>
      answer.data!.uiapi.aggregate.owners.edges.map((edge: any) => edge.node.aggregate.OwnerId.value);

    const forMax = await post(max, query, { since: '2031-11-01', owners: 2000 });
    expect(forMax.errors).toBeUndefined();
    // Max reads his own snapshots and those of Dana and Nina: three owners a day.
    expect(daysOf(forMax)).toEqual([
      ['2031-11-01', 3, 3],
      ['2031-11-08', 3, 6],
    ]);
    expect(ownersOf(forMax)).toEqual([ids.max, ids.dana, ids.nina].sort());
    expect(forMax.data!.uiapi.aggregate.owners.pageInfo.hasNextPage).toBe(false);

    const cut = await post(max, query, { since: '2031-11-01', owners: 2 });
    expect(ownersOf(cut)).toEqual([ids.max, ids.dana, ids.nina].sort().slice(0, 2));
    expect(cut.data!.uiapi.aggregate.owners.pageInfo.hasNextPage).toBe(true);

    const forDana = await post(dana, query, { since: '2031-11-01', owners: 2000 });
    expect(daysOf(forDana)).toEqual([
      ['2031-11-01', 1, 1],
      ['2031-11-08', 1, 2],
    ]);
    expect(ownersOf(forDana)).toEqual([ids.dana]);
  });

  it('pages with first and after, and filters with and/or/not and like', async () => {
    const page = (after: string | null) =>
      post(
        admin,
        `query Page($after: String) { uiapi { query { Stance_Portfolio_Snapshot__c(first: 4, after: $after,
           orderBy: { Snapshot_Key__c: { order: DESC } },
           where: { and: [ { Snapshot_Date__c: { gte: { value: "2031-01-01" } } },
             { or: [ { Fire__c: { eq: 2 } }, { not: { Snapshot_Date__c: { lt: { value: "2031-11-02" } } } }, { Snapshot_Key__c: { like: "zzz%" } } ] } ] }) {
           edges { cursor node { Snapshot_Key__c { value } } } totalCount pageInfo { hasNextPage endCursor } } } } }`,
        { after },
      );
    const one = (await page(null)).data!.uiapi.query.Stance_Portfolio_Snapshot__c;
    expect(one.totalCount).toBe(3);
    expect(one.edges).toHaveLength(3);
    expect(one.pageInfo.hasNextPage).toBe(false);
    const all = await post(
      admin,
      `{ uiapi { query { Stance_Portfolio_Snapshot__c(first: 4, orderBy: { Snapshot_Key__c: { order: DESC } },
         where: { Snapshot_Date__c: { gte: { value: "2031-01-01" } } }) {
         edges { node { Snapshot_Key__c { value } } } pageInfo { hasNextPage endCursor } } } } }`,
    );
    const first = all.data!.uiapi.query.Stance_Portfolio_Snapshot__c;
    expect(first.edges).toHaveLength(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await post(
      admin,
      `query Rest($after: String) { uiapi { query { Stance_Portfolio_Snapshot__c(first: 4, after: $after, orderBy: { Snapshot_Key__c: { order: DESC } },
         where: { Snapshot_Date__c: { gte: { value: "2031-01-01" } } }) {
         edges { node { Snapshot_Key__c { value } } } pageInfo { hasNextPage } } } } }`,
      { after: first.pageInfo.endCursor },
    );
    const keys = (connection: any) => connection.edges.map((edge: any) => edge.node.Snapshot_Key__c.value);
    const second = rest.data!.uiapi.query.Stance_Portfolio_Snapshot__c;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...keys(first), ...keys(second)]).toEqual(
      [...keys(first), ...keys(second)].sort((a: string, b: string) => b.localeCompare(a)),
    );
    expect(new Set([...keys(first), ...keys(second)]).size).toBe(6);

    // Without `first`, 10 records or groups, as Salesforce's GraphQL API answers: ask for more.
    const unbounded = await post(
      admin,
      `{ uiapi { query { Account { edges { node { Id } } totalCount pageInfo { hasNextPage } } }
                 aggregate { Account(groupBy: { Name: { group: true } }) { edges { node { aggregate { Name { value } } } } totalCount } } } }`,
    );
    const accounts = unbounded.data!.uiapi.query.Account;
    expect(accounts.edges).toHaveLength(10);
    expect(accounts.totalCount).toBeGreaterThan(10);
    expect(accounts.pageInfo.hasNextPage).toBe(true);
    expect(unbounded.data!.uiapi.aggregate.Account.edges).toHaveLength(10);
    expect(unbounded.data!.uiapi.aggregate.Account.totalCount).toBe(accounts.totalCount);
  });

  it('answers errors as GraphQL errors with HTTP 200, naming the field or object', async () => {
    // The integration user's Stance_Integration grants no Account.Website.
    const integration = await signIn(running);
    const unreadable = await post(
      integration,
      '{ uiapi { query { Account { edges { node { Website { value } } } } } } }',
    );
    expect(unreadable.data).toBeNull();
    expect(unreadable.errors![0]!.message).toMatch(/Field 'Website' in type 'Account' is undefined/);
    expect(unreadable.errors![0]!.locations).toEqual([{ line: 1, column: 44 }]);
    // The admin reads Website: the same query answers.
    expect(
      (await post(admin, '{ uiapi { query { Account { edges { node { Website { value } } } } } } }')).errors,
    ).toBeUndefined();

    const noObject = await post(dana, '{ uiapi { query { Nope__c { edges { node { Id } } } } } }');
    expect(noObject.errors![0]!.message).toMatch(/Field 'Nope__c' in type 'RecordQuery' is undefined/);
    const unknownArgument = await post(
      dana,
      '{ uiapi { query { Account(upperBound: 5) { edges { node { Id } } } } } }',
    );
    expect(unknownArgument.errors![0]!.message).toMatch(/UnknownArgument: Unknown field argument upperBound/);
    const syntax = await post(dana, '{ uiapi { query { Account( { edges } } }');
    expect(syntax.errors![0]).toMatchObject({ extensions: { classification: 'InvalidSyntax' } });
    expect(syntax.errors![0]!.locations[0]).toMatchObject({ line: 1 });
    const notGrouped = await post(
      max,
      '{ uiapi { aggregate { Account { edges { node { aggregate { Name { value } } } } } } } }',
    );
    expect(notGrouped.errors![0]!.message).toMatch(/Name \{ value \} needs Name in groupBy/);
    const badOrder = await post(
      max,
      `{ uiapi { aggregate { Account(groupBy: { OwnerId: { group: true } }, orderBy: { Name: { order: ASC } }) {
         edges { node { aggregate { OwnerId { value } } } } } } } }`,
    );
    expect(badOrder.errors![0]!.message).toMatch(/orderBy: Name is not in groupBy/);
    const ordered = await post(
      max,
      `{ uiapi { aggregate { Account(groupBy: { OwnerId: { group: true } }, orderBy: { OwnerId: { order: DESC } }) {
         edges { node { aggregate { OwnerId { value } } } } } } } }`,
    );
    const owners = ordered.data!.uiapi.aggregate.Account.edges.map((edge: any) => edge.node.aggregate.OwnerId.value);
    expect(owners).toEqual([...owners].sort().reverse());
  });
});
