/**
 * The daily API allowance is checked and counted on every call the org answers: each count reads
 * the usage once, and counts and refusals are what the allowance says.
 */
import Database from 'better-sqlite3';
import { ApiAccounting } from '../limits';

describe('ApiAccounting', () => {
  let db: Database.Database;
  /** Reads of the usage row through better-sqlite3's own statements, whatever calls them. */
  let usageReads: number;

  beforeEach(() => {
    db = new Database(':memory:');
    usageReads = 0;
    const prepare = db.prepare.bind(db);
    jest.spyOn(db, 'prepare').mockImplementation(((source: string) => {
      const statement = prepare(source);
      if (/^SELECT\b.*\bFROM _api_usage\b/i.test(source)) {
        const get = statement.get.bind(statement);
        statement.get = ((...args: unknown[]) => {
          usageReads++;
          return get(...args);
        }) as typeof statement.get;
      }
      return statement;
    }) as typeof db.prepare);
  });

  afterEach(() => db.close());

  it('reads the usage once per counted call and answers the count after it', () => {
    const accounting = new ApiAccounting(db, 5, () => Date.parse('2026-11-30T12:00:00Z'));
    expect([1, 2, 3].map(() => accounting.count())).toEqual([
      { used: 1, limit: 5 },
      { used: 2, limit: 5 },
      { used: 3, limit: 5 },
    ]);
    expect(usageReads).toBe(3);
    expect(accounting.used).toBe(3);
  });

  it('refuses a call past the allowance with REQUEST_LIMIT_EXCEEDED and counts it not, until the day turns', () => {
    let now = Date.parse('2026-11-30T23:59:00Z');
    const accounting = new ApiAccounting(db, 2, () => now);
    accounting.count();
    accounting.count();
    usageReads = 0;
    expect(() => accounting.count()).toThrow(expect.objectContaining({ errorCode: 'REQUEST_LIMIT_EXCEEDED' }));
    expect(usageReads).toBe(1);
    expect(accounting.used).toBe(2);
    now += 120_000;
    expect(accounting.count()).toEqual({ used: 1, limit: 2 });
  });
});
