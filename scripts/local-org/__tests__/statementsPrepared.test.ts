/**
 * What a change costs the local org must not grow with how many changes came before: after a few
 * calls of each kind, further updates, creates, reads, queries and composite writes (by a person
 * and by the integration user, through unmodified jsforce, with sharing enforced and change events
 * published) prepare no new statement. Counts, not times: a statement prepared on every call
 * (parsed and planned again) fails here.
 */
import Database from 'better-sqlite3';
import type { Connection } from 'jsforce';
import { signIn } from '../../testing/signIn';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

jest.setTimeout(60_000);

describe('statements the local org prepares', () => {
  let running: RunningOrg;
  let dana: Connection;
  let integration: Connection;
  let accountIds: string[];
  /** better-sqlite3's own prepare: each call parses and plans a statement, whatever caches sit above it. */
  let prepared: jest.SpyInstance;

  beforeAll(async () => {
    prepared = jest.spyOn(Database.prototype, 'prepare');
    running = await startLocalOrg({ seed: 'population', accounts: 200, sharing: 'private' });
    dana = await signIn(running, 'dana@stance.local');
    integration = await signIn(running);
    accountIds = (
      await dana.query<{ Id: string }>(`SELECT Id FROM Account WHERE OwnerId = '${dana.userInfo!.id}' LIMIT 50`)
    ).records.map((record) => record.Id);
    expect(accountIds.length).toBeGreaterThanOrEqual(30);
  });

  afterAll(async () => {
    prepared.mockRestore();
    await running.close();
  });

  /** One round of what a stream of changes costs: a person's update and create, the sidecar's reads and write-back. */
  async function round(i: number): Promise<void> {
    const id = accountIds[i % accountIds.length]!;
    expect(await dana.sobject('Account').update({ Id: id, NumberOfEmployees: 100 + i })).toMatchObject({
      success: true,
    });
    const created = (await dana.sobject('Contact').create({ LastName: `Round ${i}`, AccountId: id })) as {
      success: boolean;
      id: string;
    };
    expect(created.success).toBe(true);
    expect(await dana.sobject('Contact').retrieve(created.id)).toMatchObject({ Id: created.id });
    const read = await integration.query(`SELECT Id, Name FROM Contact WHERE AccountId = '${id}'`);
    expect(read.totalSize).toBeGreaterThan(0);
    const saved = (await integration.sobject('Account').update([{ Id: id, Stance_Reason__c: `Round ${i}` }])) as Array<{
      success: boolean;
    }>;
    expect(saved.every((result) => result.success)).toBe(true);
  }

  it('prepares nothing new for further calls of kinds already made', async () => {
    for (let i = 0; i < 3; i++) await round(i);
    const before = prepared.mock.calls.length;
    const cached = running.org.store.statements.prepared;
    const accounted = running.org.accounting.used;
    for (let i = 3; i < 30; i++) await round(i);
    // The rounds did run (each counted against the API allowance) ...
    expect(running.org.accounting.used - accounted).toBeGreaterThanOrEqual(27 * 5);
    // ... and none of them prepared a statement: every one was the same text as before.
    expect(prepared.mock.calls.slice(before).map(([sql]) => String(sql).slice(0, 200))).toEqual([]);
    expect(running.org.store.statements.prepared).toBe(cached);
  });
});
