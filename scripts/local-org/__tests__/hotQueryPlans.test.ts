/**
 * The local org's hot queries over a generated population, as the sidecar sends them (its own
 * query builders, through unmodified jsforce, as the integration user): every statement SQLite
 * runs on the population's tables is planned on an index, and none sorts rows in a temporary
 * b-tree. Plans, not times: a plan that reads a million rows to find a few fails here at 3,000.
 */
import type { Connection } from 'jsforce';
import type { MirroredObject } from '../../../sidecar/src/store/mirror';
import { byIdsQuery, changedSinceQuery, readAllQuery } from '../../../sidecar/src/sync/queries';
import { signIn } from '../../testing/signIn';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { planOf } from './support/queryPlans';

jest.setTimeout(120_000);

const OBJECTS: readonly MirroredObject[] = ['Account', 'Contact', 'Opportunity', 'Stance_Signal__c'];
const TABLE = /"o_(Account|Contact|Opportunity|Stance_Signal__c)"/;
const POLLING = { pollInterval: 20, pollTimeout: 30_000 };

/** Reads every page of a REST query through its query locator, as the sidecar does below the bulk threshold. */
async function readAll(conn: Connection, soql: string, scanAll = false): Promise<number> {
  let result = await conn.query(soql, { scanAll });
  let total = result.records.length;
  while (!result.done && result.nextRecordsUrl) {
    result = await conn.queryMore(result.nextRecordsUrl);
    total += result.records.length;
  }
  return total;
}

async function bulkRows(conn: Connection, soql: string): Promise<number> {
  const stream = await conn.bulk2.query(soql, POLLING);
  let rows = 0;
  await new Promise((resolve, reject) => {
    stream.on('record', () => rows++);
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return rows;
}

describe('hot queries over a generated population', () => {
  let running: RunningOrg;
  let statements: Set<string>;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'population', accounts: 3_000, sharing: 'private' });
    const db = running.org.store.db;
    const sizes = new Map(
      OBJECTS.map((object) => [
        object,
        (db.prepare(`SELECT COUNT(*) AS n FROM "o_${object}"`).get() as { n: number }).n,
      ]),
    );
    statements = new Set();
    const prepare = db.prepare.bind(db);
    jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
      if (TABLE.test(sql)) statements.add(sql);
      return prepare(sql);
    });
    const conn = await signIn(running);
    const since = new Date(running.org.clock() - 30 * 86_400_000).toISOString();
    for (const object of OBJECTS) {
      const size = sizes.get(object)!;
      // The initial load, paged through a query locator and through Bulk API 2.0.
      expect(await readAll(conn, readAllQuery(object, object === 'Account' ? { withWritten: true } : {}))).toBe(size);
      expect(await bulkRows(conn, readAllQuery(object))).toBe(size);
      // The catch-up after a lost stream, with deletes (queryAll) and without.
      const changed = await readAll(conn, changedSinceQuery(object, since));
      expect(changed).toBeGreaterThan(0);
      expect(await readAll(conn, changedSinceQuery(object, since), true)).toBe(changed);
      const ids = (await conn.query<{ Id: string }>(`SELECT Id FROM ${object} LIMIT 200`)).records.map(
        (record) => record.Id,
      );
      expect((await conn.query(byIdsQuery(object, ids))).totalSize).toBe(200);
    }
    // The write-back: a collection update of the stance fields, as the integration user.
    const accounts = (await conn.query<{ Id: string }>('SELECT Id FROM Account LIMIT 200')).records;
    const saved = (await conn
      .sobject('Account')
      .update(accounts.map(({ Id }) => ({ Id, Stance_Reason__c: 'Recomputed' })))) as Array<{ success: boolean }>;
    expect(saved.every((result) => result.success)).toBe(true);
    jest.restoreAllMocks();
  });

  afterAll(() => running.close());

  it('sees each kind of hot statement on every object', () => {
    const all = [...statements];
    for (const object of OBJECTS) {
      const on = all.filter((sql) => sql.includes(`"o_${object}"`));
      expect([object, on.some((sql) => /"SystemModstamp" >= @p0 ORDER BY t0."SystemModstamp"/.test(sql))]).toEqual([
        object,
        true,
      ]);
      expect([object, on.some((sql) => /"Id" IN \(@p0/.test(sql))]).toEqual([object, true]);
      expect([object, on.some((sql) => /WHERE t0."IsDeleted" = 0 ORDER BY t0."Id" ASC LIMIT -1$/.test(sql))]).toEqual([
        object,
        true,
      ]);
    }
    expect(all.some((sql) => sql.startsWith('UPDATE "o_Account"'))).toBe(true);
  });

  it('plans every one on an index, with no sort', () => {
    const db = running.org.store.db;
    const unindexed: Array<{ sql: string; plan: string[] }> = [];
    for (const sql of statements) {
      const plan = planOf(db, sql);
      // A full read (no filter but IsDeleted) walks the primary key in Id order; anything else searches an index.
      const fullRead = /WHERE (t0."IsDeleted" = 0|1 = 1) ORDER BY t0."Id" ASC/.test(sql);
      const ok = plan.every(
        (line) =>
          /^SEARCH \S+ USING (COVERING )?INDEX /.test(line) ||
          /^SEARCH \S+ USING INTEGER PRIMARY KEY/.test(line) ||
          (fullRead && /^SCAN t0 USING INDEX sqlite_autoindex_o_\w+_1$/.test(line)) ||
          /^(LIST SUBQUERY|CORRELATED|SCALAR SUBQUERY|USING ROWID SEARCH)/.test(line),
      );
      if (!ok || plan.some((line) => line.includes('TEMP B-TREE'))) unindexed.push({ sql, plan });
    }
    expect(unindexed).toEqual([]);
    expect(statements.size).toBeGreaterThan(4 * 4);
  });
});
