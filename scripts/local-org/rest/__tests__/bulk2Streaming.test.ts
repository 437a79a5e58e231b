/**
 * A Bulk API 2.0 query job over an object larger than its pages: the job answers every row once,
 * in the query's order, across pages chained by Sforce-Locator; and the org writes the result
 * into the job's table as it reads it from SQLite, holding a bounded number of rows at a time
 * rather than the whole result as one array (counted, not timed).
 */
import type { Connection } from 'jsforce';
import { parse } from 'csv-parse/sync';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { STREAM_SLICE } from '../../soql/query';
import { countRowsRead } from '../../soql/__tests__/support/rowsRead';
import type { RowsRead } from '../../soql/__tests__/support/rowsRead';

jest.setTimeout(60_000);

const ACCOUNTS = 1_000;
const CONTACTS = 3 * ACCOUNTS;
const PAGE = 700;

describe('Bulk API 2.0 query jobs over many rows', () => {
  let running: RunningOrg;
  let admin: Connection;
  /** Contact rows better-sqlite3 hands the org (by all, get or an iterator), result rows stored, and the most read but not yet stored. */
  let reads: RowsRead;
  const counts = { stored: 0, peakHeld: 0 };

  beforeAll(async () => {
    reads = countRowsRead('o_Contact', 'INSERT INTO _bulk_query_rows', () => {
      counts.peakHeld = Math.max(counts.peakHeld, reads.read - counts.stored);
      counts.stored++;
    });
    running = await startLocalOrg({ seed: 'population', accounts: ACCOUNTS, bulkPageSize: PAGE });
    admin = await signIn(running, DEFAULTS.username);
  });

  afterAll(async () => {
    reads.restore();
    await running.close();
  });

  /** A query job run to completion and its result read page by page, as jsforce's bulk2 reads it. */
  async function job(query: string): Promise<{ header: string[]; rows: string[][]; pages: number }> {
    const created = await admin.request<{ id: string }>({
      method: 'POST',
      url: '/services/data/v62.0/jobs/query',
      body: JSON.stringify({ operation: 'query', query }),
      headers: { 'Content-Type': 'application/json' },
    });
    let header: string[] = [];
    const rows: string[][] = [];
    let pages = 0;
    let locator = '';
    do {
      const response = await fetch(
        `${running.url}/services/data/v62.0/jobs/query/${created.id}/results${locator ? `?locator=${locator}` : ''}`,
        { headers: { Authorization: `Bearer ${admin.accessToken}`, Accept: 'text/csv' } },
      );
      const [first = [], ...page] = parse(await response.text()) as string[][];
      header = first;
      rows.push(...page);
      pages++;
      locator = response.headers.get('sforce-locator')!;
    } while (locator !== 'null');
    return { header, rows, pages };
  }

  it('answers every row once, in the order the query asks, across pages', async () => {
    const query = 'SELECT Id, LastName, Account.Name FROM Contact ORDER BY LastName DESC, Id';
    const { header, rows, pages } = await job(query);
    expect(header).toEqual(['Id', 'LastName', 'Account.Name']);
    expect(pages).toBe(Math.ceil(CONTACTS / PAGE));
    expect(rows).toHaveLength(CONTACTS);
    expect(new Set(rows.map((row) => row[0])).size).toBe(CONTACTS);
    const rest = await admin.query<{ Id: string; LastName: string; Account: { Name: string } }>(query, {
      autoFetch: true,
      maxFetch: CONTACTS,
    });
    expect(rows).toEqual(rest.records.map((record) => [record.Id, record.LastName, record.Account.Name]));
  });

  it('stores the rows as it reads them, never holding the whole result', async () => {
    reads.read = 0;
    Object.assign(counts, { stored: 0, peakHeld: 0 });
    const { rows } = await job('SELECT Id, Email FROM Contact');
    expect(rows).toHaveLength(CONTACTS);
    expect(counts.stored).toBe(CONTACTS);
    expect(reads.read).toBe(CONTACTS);
    expect(counts.peakHeld).toBeGreaterThan(0);
    expect(counts.peakHeld).toBeLessThanOrEqual(STREAM_SLICE);
  });
});
