/**
 * What one change costs the local org must not grow with what it holds: every statement the org
 * runs for a person's update and create, the integration user's collection write-back, and the
 * change events they publish (stored, delivered, and the retention purge that runs with each
 * publish) is planned on an index. Plans, not times: a statement that reads every stored event
 * or every record to find a few fails here, at any size.
 */
import { signIn } from '../../testing/signIn';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { planOf } from './support/queryPlans';

jest.setTimeout(60_000);

describe('the statements of one change', () => {
  let running: RunningOrg;
  const statements = new Set<string>();

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'population', accounts: 300, sharing: 'private' });
    const dana = await signIn(running, 'dana@stance.local');
    const integration = await signIn(running);
    const ids = (
      await dana.query<{ Id: string }>(`SELECT Id FROM Account WHERE OwnerId = '${dana.userInfo!.id}' LIMIT 5`)
    ).records.map((record) => record.Id);
    const db = running.org.store.db;
    const prepare = db.prepare.bind(db);
    jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
      statements.add(sql);
      return prepare(sql);
    });
    for (const [i, id] of ids.entries()) {
      expect(await dana.sobject('Account').update({ Id: id, NumberOfEmployees: 10 + i })).toMatchObject({
        success: true,
      });
      expect(await dana.sobject('Contact').create({ LastName: `Plan ${i}`, AccountId: id })).toMatchObject({
        success: true,
      });
    }
    const saved = (await integration
      .sobject('Account')
      .update(ids.map((Id) => ({ Id, Stance_Reason__c: 'Planned' })))) as Array<{ success: boolean }>;
    expect(saved.every((result) => result.success)).toBe(true);
    jest.restoreAllMocks();
  });

  afterAll(() => running.close());

  it('runs the writes, the change-event store and its retention purge', () => {
    const all = [...statements];
    expect(all.some((sql) => sql.startsWith('UPDATE "o_Account"'))).toBe(true);
    expect(all.some((sql) => sql.startsWith('INSERT INTO "o_Contact"'))).toBe(true);
    expect(running.org.hub.newestReplayId()).toBeGreaterThanOrEqual(11);
    expect(all.some((sql) => sql.startsWith('DELETE FROM _events'))).toBe(true);
  });

  it('plans every statement that reads or writes by a condition on an index', () => {
    const db = running.org.store.db;
    const scans: Array<{ sql: string; plan: string[] }> = [];
    for (const sql of statements) {
      if (!/^(SELECT|UPDATE|DELETE|WITH)/i.test(sql.trim())) continue;
      const plan = planOf(db, sql);
      // A recursive CTE's own rows (SCAN below: the roles under a role) are not a table.
      if (plan.some((line) => /^SCAN /.test(line) && !/^SCAN (CONSTANT ROW|below)$/.test(line)))
        scans.push({ sql, plan });
    }
    expect(scans).toEqual([]);
  });
});
