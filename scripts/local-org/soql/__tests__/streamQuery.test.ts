/**
 * The query runner read as a stream: records come a slice of rows at a time from SQLite's
 * iterator, child subqueries keep their meaning across slices, an iteration closed early leaves
 * the connection free, and a query is refused when it is made, not when its first row is read.
 * Rows are counted as better-sqlite3 hands them over, not timed.
 */
import { LocalOrg } from '../../org';
import { seedPopulation } from '../../seedPopulation';
import { runQuery, STREAM_SLICE, streamQuery } from '../query';
import { countRowsRead } from './support/rowsRead';
import type { RowsRead } from './support/rowsRead';

jest.setTimeout(60_000);

const ACCOUNTS = 1_200;

describe('streamQuery', () => {
  let org: LocalOrg;
  /** Account rows better-sqlite3 hands over, by all, get or an iterator. */
  let rows: RowsRead;

  beforeAll(() => {
    rows = countRowsRead('o_Account');
    org = new LocalOrg({ clock: () => Date.parse('2026-11-30T09:00:00Z') });
    seedPopulation(org, { accounts: ACCOUNTS, seed: 3 });
  });

  afterAll(() => {
    rows.restore();
    org.store.close();
  });

  const options = () => ({ apiVersion: '62.0', userId: org.adminUserId, now: org.clock() });

  it('reads rows from SQLite a slice at a time as records are consumed', () => {
    rows.read = 0;
    const stream = streamQuery(org.store, 'SELECT Id, Name FROM Account ORDER BY Name', options());
    let consumed = 0;
    let peakAhead = 0;
    for (const record of stream.records) {
      expect(record).toHaveProperty('Name');
      consumed++;
      peakAhead = Math.max(peakAhead, rows.read - consumed);
    }
    expect(consumed).toBe(ACCOUNTS);
    expect(rows.read).toBe(ACCOUNTS);
    expect(peakAhead).toBeLessThan(STREAM_SLICE);
  });

  it('keeps child subqueries, their ORDER BY and LIMIT, per parent across slices', () => {
    const soql =
      'SELECT Id, Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC LIMIT 2) FROM Account ORDER BY Name, Id LIMIT 1100';
    const records = [...streamQuery(org.store, soql, options()).records] as Array<{
      Id: string;
      Name: string;
      Contacts: { totalSize: number; records: Array<{ LastName: string }> } | null;
    }>;
    expect(records).toHaveLength(1100);
    const names = records.map((record) => record.Name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Parents on either side of each slice's edge get their own children, as a query of their own answers them.
    for (const index of [0, STREAM_SLICE - 1, STREAM_SLICE, STREAM_SLICE + 1, 2 * STREAM_SLICE, 1099]) {
      const record = records[index]!;
      const own = runQuery(
        org.store,
        `SELECT LastName FROM Contact WHERE AccountId = '${record.Id}' ORDER BY LastName DESC LIMIT 2`,
        options(),
      ).records.map((child) => child.LastName);
      expect(record.Contacts?.records.map((child) => child.LastName)).toEqual(own);
      expect(own).toHaveLength(2);
    }
  });

  it('frees the connection when an iteration is closed early', () => {
    rows.read = 0;
    const stream = streamQuery(org.store, 'SELECT Id FROM Account', options());
    for (const record of stream.records) {
      expect(record).toHaveProperty('Id');
      break;
    }
    expect(rows.read).toBeLessThanOrEqual(STREAM_SLICE);
    // A write outside unsafe mode is refused while any iterator is open on the connection.
    expect(() => org.store.db.exec('CREATE TABLE IF NOT EXISTS _stream_probe (x)')).not.toThrow();
  });

  it('refuses a subquery on no readable relationship when the query is made, rows or not', () => {
    expect(() =>
      streamQuery(org.store, "SELECT Id, (SELECT Id FROM Nonsense) FROM Account WHERE Name = 'none'", options()),
    ).toThrow(expect.objectContaining({ errorCode: 'INVALID_FIELD' }));
  });
});
