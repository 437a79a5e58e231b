/**
 * The preview's lightning/graphql against the local org's GraphQL endpoint, run in a Node process
 * of its own (it is a browser ES module; see graphqlHarness.mjs), signed in as Dana the rep: what
 * it emits is what the org answers her, errors included, and it posts only when its variables are
 * all there.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULTS } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import type { RunningOrg } from '../../local-org/server';
import { signIn } from '../../testing/signIn';
import { LineHarness } from './support/lineHarness';

type Line = Record<string, unknown> & {
  emitted?: string;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }> | null;
  posts?: number;
};

class Harness extends LineHarness<Line> {}

const STANCES_BY_OWNER = `
  query Mix($owners: [ID]) {
    uiapi {
      aggregate {
        Account(where: { OwnerId: { in: $owners } }, groupBy: { Stance__c: { group: true } }, first: 2000) {
          edges { node { aggregate { Stance__c { value } Id { count { value } } } } }
        }
      }
    }
  }`;

// A Node process and a local org per test, on a machine that may be busy.
jest.setTimeout(30_000);

describe("the preview's lightning/graphql", () => {
  let running: RunningOrg;
  let harness: Harness;
  let adminToken: string;

  async function asAdmin<T>(path: string, init: RequestInit = {}): Promise<T> {
    const answer = await fetch(`${running.url}/services/data/v62.0${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${path}: ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  const soql = async <T>(query: string) =>
    (await asAdmin<{ records: T[] }>(`/query?q=${encodeURIComponent(query)}`)).records;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    adminToken = (await signIn(running, DEFAULTS.username)).accessToken!;
  });

  afterAll(async () => {
    await running.close();
  });

  beforeEach(async () => {
    const child = spawn(process.execPath, [join(__dirname, 'graphqlHarness.mjs')], {
      env: {
        ...process.env,
        ORG_URL: running.url,
        CLIENT_ID: DEFAULTS.clientId,
        CLIENT_SECRET: DEFAULTS.clientSecret,
        USERNAME: 'dana@stance.local',
        PASSWORD: DEFAULTS.password,
      },
    });
    harness = new Harness(child);
    await harness.next((line) => line.ready === true);
  });

  afterEach(() => {
    harness.stop();
  });

  it("waits for its variables, then emits the org's aggregate as the signed-in person sees it", async () => {
    const [dana] = await soql<{ Id: string }>("SELECT Id FROM User WHERE Name = 'Dana Reyes'");
    harness.send({ do: 'wire', tag: 'mix', query: STANCES_BY_OWNER, variables: { owners: undefined } });
    expect((await harness.ask({ do: 'posts' }, (line) => line.posts !== undefined && !line.emitted)).posts).toBe(0);

    harness.send({ do: 'update', tag: 'mix', variables: { owners: [dana!.Id] } });
    const emitted = await harness.next((line) => line.emitted === 'mix');
    expect(emitted.errors).toBeNull();
    expect(emitted.posts).toBe(1);
    const edges = (
      emitted.data as {
        uiapi: {
          aggregate: {
            Account: {
              edges: Array<{
                node: { aggregate: { Stance__c: { value: string | null }; Id: { count: { value: number } } } };
              }>;
            };
          };
        };
      }
    ).uiapi.aggregate.Account.edges;
    const shown = Object.fromEntries(
      edges.map((edge) => [edge.node.aggregate.Stance__c.value ?? 'null', edge.node.aggregate.Id.count.value]),
    );
    const accounts = await soql<{ Stance__c: string | null }>(
      `SELECT Stance__c FROM Account WHERE OwnerId = '${dana!.Id}'`,
    );
    const expected: Record<string, number> = {};
    for (const account of accounts)
      expected[account.Stance__c ?? 'null'] = (expected[account.Stance__c ?? 'null'] ?? 0) + 1;
    expect(shown).toEqual(expected);
    expect(accounts.length).toBeGreaterThan(0);
  });

  it("reads as the signed-in person: of the Private snapshots, Dana gets hers and not Nina's", async () => {
    const people = await soql<{ Id: string; Name: string }>(
      "SELECT Id, Name FROM User WHERE Name = 'Dana Reyes' OR Name LIKE 'Nina%'",
    );
    for (const person of people) {
      await asAdmin('/sobjects/Stance_Portfolio_Snapshot__c', {
        method: 'POST',
        body: JSON.stringify({
          OwnerId: person.Id,
          // A day far from the demo firm's seeded weeks, and only that day is read back.
          Snapshot_Date__c: '2031-01-06',
          Snapshot_Key__c: `${person.Id}:2031-01-06`,
          Attack__c: 1,
        }),
      });
    }
    const query = `query Snapshots { uiapi { query {
      Stance_Portfolio_Snapshot__c(first: 2000, where: { Snapshot_Date__c: { eq: { value: "2031-01-06" } } }) {
      edges { node { OwnerId { value } } } } } } }`;
    harness.send({ do: 'wire', tag: 'snapshots', query, variables: {} });
    const emitted = await harness.next((line) => line.emitted === 'snapshots');
    const owners = (
      emitted.data as {
        uiapi: { query: { Stance_Portfolio_Snapshot__c: { edges: Array<{ node: { OwnerId: { value: string } } }> } } };
      }
    ).uiapi.query.Stance_Portfolio_Snapshot__c.edges.map((edge) => edge.node.OwnerId.value);
    expect(people).toHaveLength(2);
    expect(owners).toEqual([people.find((person) => person.Name === 'Dana Reyes')!.Id]);
  });

  it('emits what changed in the org when refreshed, with refresh() and with refreshGraphQL(result)', async () => {
    const [dana] = await soql<{ Id: string }>("SELECT Id FROM User WHERE Name = 'Dana Reyes'");
    const [account] = await soql<{ Id: string; Name: string }>(
      `SELECT Id, Name FROM Account WHERE OwnerId = '${dana!.Id}' ORDER BY Name LIMIT 1`,
    );
    const query = `query One($name: String) { uiapi { query { Account(where: { Name: { eq: $name } }) {
      edges { node { Id Stance_Plan_Steps_Done__c { value } } } } } } }`;
    harness.send({ do: 'wire', tag: 'one', query, variables: { name: account!.Name } });
    const description = (line: Line) =>
      (
        line.data as {
          uiapi: { query: { Account: { edges: Array<{ node: { Stance_Plan_Steps_Done__c: { value: unknown } } }> } } };
        }
      ).uiapi.query.Account.edges[0]!.node.Stance_Plan_Steps_Done__c.value;
    const first = await harness.next((line) => line.emitted === 'one');

    await asAdmin(`/sobjects/Account/${account!.Id}`, {
      method: 'PATCH',
      body: JSON.stringify({ Stance_Plan_Steps_Done__c: 3 }),
    });
    const from = harness.lines.length;
    await harness.ask({ do: 'refresh', tag: 'one' }, (line) => line.refreshed === 'one');
    const refreshed = await harness.next((line) => line.emitted === 'one', from);
    expect(description(first)).not.toBe(3);
    expect(description(refreshed)).toBe(3);

    await asAdmin(`/sobjects/Account/${account!.Id}`, {
      method: 'PATCH',
      body: JSON.stringify({ Stance_Plan_Steps_Done__c: 4 }),
    });
    const again = harness.lines.length;
    await harness.ask({ do: 'refreshGraphQL', tag: 'one' }, (line) => line.refreshed === 'one');
    expect(description(await harness.next((line) => line.emitted === 'one', again))).toBe(4);
  });

  it("emits the org's GraphQL errors in errors, without data", async () => {
    const query = 'query Bad { uiapi { query { Account { edges { node { Id No_Such_Field__c { value } } } } } } }';
    harness.send({ do: 'wire', tag: 'bad', query, variables: {} });
    const emitted = await harness.next((line) => line.emitted === 'bad');
    expect(emitted.data).toBeNull();
    expect(emitted.errors!.map((error) => error.message).join(' ')).toMatch(/No_Such_Field__c/);
  });

  it('emits one error naming the failure when the org does not answer', async () => {
    harness.send({ do: 'wire', tag: 'mix', query: STANCES_BY_OWNER, variables: { owners: [] } });
    await harness.next((line) => line.emitted === 'mix');
    await harness.ask({ do: 'orgGone' }, (line) => line.orgGone === true);
    const from = harness.lines.length;
    harness.send({ do: 'refresh', tag: 'mix' });
    const emitted = await harness.next((line) => line.emitted === 'mix', from);
    expect(emitted.data).toBeNull();
    expect(emitted.errors).toEqual([{ message: expect.stringMatching(/did not answer/) }]);
  });
});
