/**
 * REST query cursors (nextRecordsUrl) through unmodified jsforce: the rows past the first page
 * wait in the org's database, not in the process, and a cursor is closed as Salesforce closes one
 * (the stricter of its rules before and since API 56.0, see rest/query.ts): after 15 minutes
 * unread, 2 days after its query ran, or when its user opens an 11th. The org's clock moves, not
 * the test's.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { CURSOR_IDLE_MS, CURSOR_LIFETIME_MS, CURSORS_PER_USER } from '../query';

jest.setTimeout(60_000);

const ACCOUNTS = 600;
const PAGE = 200;
const SOQL = 'SELECT Id, Name FROM Account ORDER BY Name, Id';

interface Page {
  totalSize: number;
  done: boolean;
  records: Array<{ Id: string; Name: string }>;
  nextRecordsUrl?: string;
}

describe('REST query cursors', () => {
  let running: RunningOrg;
  let now = Date.parse('2026-11-30T09:00:00Z');
  let admin: Connection;
  let dana: Connection;

  /** A query's first page, in pages of 200 (Sforce-Query-Options), as the given user. */
  const open = (conn: Connection): Promise<Page> =>
    conn.request<Page>({
      method: 'GET',
      url: `/services/data/v62.0/query?q=${encodeURIComponent(SOQL)}`,
      headers: { 'Sforce-Query-Options': `batchSize=${PAGE}` },
    });
  const more = (conn: Connection, url: string) => conn.queryMore(url) as unknown as Promise<Page>;
  const kept = (url: string): number => {
    const locator = /\/query\/([^-/]+)-\d+$/.exec(url)![1];
    return (
      running.org.store.db.prepare(`SELECT COUNT(*) AS n FROM _query_cursor_rows WHERE locator = ?`).get(locator) as {
        n: number;
      }
    ).n;
  };

  beforeAll(async () => {
    running = await startLocalOrg({
      seed: 'population',
      accounts: ACCOUNTS,
      clock: () => now,
      // The sessions outlive the org's clock jumps: these tests are about cursors, not sessions.
      tokenLifetimeSeconds: 30 * 86_400,
    });
    admin = await signIn(running, DEFAULTS.username);
    dana = await signIn(running, 'dana@stance.local');
  });

  afterAll(() => running.close());

  it('answers every record once, in order, keeping the rest in the database until read to the end', async () => {
    const first = await open(admin);
    expect(first).toMatchObject({ totalSize: ACCOUNTS, done: false });
    expect(first.records).toHaveLength(PAGE);
    expect(kept(first.nextRecordsUrl!)).toBe(ACCOUNTS - PAGE);
    const records = [...first.records];
    let page = first;
    while (!page.done) {
      const url = page.nextRecordsUrl!;
      page = await more(admin, url);
      records.push(...page.records);
      if (page.done) expect(kept(url)).toBe(0);
    }
    const all = await admin.query<{ Id: string; Name: string }>(SOQL, { autoFetch: true, maxFetch: ACCOUNTS });
    expect(records.map((record) => record.Id)).toEqual(all.records.map((record) => record.Id));
    expect(new Set(records.map((record) => record.Id)).size).toBe(ACCOUNTS);
    const names = records.map((record) => record.Name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('closes a cursor left unread for 15 minutes, and each read keeps it open 15 minutes more', async () => {
    const first = await open(admin);
    now += CURSOR_IDLE_MS - 60_000;
    const second = await more(admin, first.nextRecordsUrl!);
    expect(second.records).toHaveLength(PAGE);
    now += CURSOR_IDLE_MS + 1_000;
    await expect(more(admin, second.nextRecordsUrl!)).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
    expect(kept(second.nextRecordsUrl!)).toBe(0);
  });

  it('closes a cursor 2 days after its query ran, however often it is read', async () => {
    const first = await open(admin);
    const opened = now;
    let reads = 0;
    while (now + CURSOR_IDLE_MS - 60_000 - opened <= CURSOR_LIFETIME_MS) {
      now += CURSOR_IDLE_MS - 60_000;
      expect((await more(admin, first.nextRecordsUrl!)).records).toHaveLength(PAGE);
      reads++;
    }
    expect(reads).toBeGreaterThan(200);
    now += CURSOR_IDLE_MS - 60_000;
    await expect(more(admin, first.nextRecordsUrl!)).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
  });

  it("closes a user's oldest cursor when they open an 11th, and no other user's", async () => {
    const danas = await open(dana);
    const mine: Page[] = [];
    for (let i = 0; i < CURSORS_PER_USER + 1; i++) mine.push(await open(admin));
    await expect(more(admin, mine[0]!.nextRecordsUrl!)).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
    expect(kept(mine[0]!.nextRecordsUrl!)).toBe(0);
    for (const page of mine.slice(1)) expect((await more(admin, page.nextRecordsUrl!)).records).toHaveLength(PAGE);
    expect((await more(dana, danas.nextRecordsUrl!)).records).toHaveLength(PAGE);
  });

  it('answers a cursor only to the user whose query opened it', async () => {
    const first = await open(dana);
    await expect(more(admin, first.nextRecordsUrl!)).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
    expect((await more(dana, first.nextRecordsUrl!)).records).toHaveLength(PAGE);
  });
});
