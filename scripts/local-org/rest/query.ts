/**
 * The REST query resource: /query and /queryAll run SOQL, and results past a page are kept
 * behind a query locator that /query/<locator>-<position> reads on.
 *
 * The rows past the first page are kept in the org's database (`_query_cursor_rows`), written as
 * the query's iterator reads them, never as one array in this process. A cursor is closed, its rows
 * deleted, when it is read to the end, when it expires and when its user opens one too many.
 * Salesforce's rules changed with API 56.0 (Winter '23); the local org keeps the stricter of the two,
 * so a client that pages correctly here does so on any org:
 * - before: "QueryLocator objects expire automatically after 15 minutes of inactivity" and "a user
 *   can have up to 10 query cursors open at a time [...] the oldest of the 10 cursors is released"
 *   (SOAP API Developer Guide, QueryLocator,
 *   https://developer.salesforce.com/docs/atlas.en-us.234.0.api.meta/api/sforce_api_calls_query_querylocator.htm);
 * - since: "Cursors and their related query results are available for 2 days" (Salesforce App
 *   Limits Cheatsheet, API Query Cursor Limits,
 *   https://developer.salesforce.com/docs/platform/salesforce-app-limits-cheatsheet/guide/salesforce-app-limits-platform-apicursors.html).
 * Using a closed, expired or unknown locator answers INVALID_QUERY_LOCATOR.
 */
import { randomBytes } from 'node:crypto';
import { ApiError } from '../errors';
import type { LocalOrg } from '../org';
import { streamQuery, writeWhileReading } from '../soql/query';
import type { QueryStream } from '../soql/query';
import { route } from './call';
import type { Answer, CallContext, Route } from './call';

const PAGE_SIZE = 2000;
/** A cursor not read for this long is closed. */
export const CURSOR_IDLE_MS = 15 * 60_000;
/** A cursor is closed this long after its query ran, however often it is read. */
export const CURSOR_LIFETIME_MS = 2 * 86_400_000;
/** Open cursors a user may hold; opening another closes their oldest. */
export const CURSORS_PER_USER = 10;

interface Cursor {
  readonly userId: string;
  readonly pageSize: number;
  readonly totalSize: number;
  readonly openedAt: number;
  usedAt: number;
}

export function queryRoutes(org: LocalOrg): Route[] {
  const queries = new QueryResource(org);
  return [
    route('GET', /^\/(query|queryAll)\/?$/, (m, q, _b, c) => queries.query(q, c, m[1] === 'queryAll')),
    route('GET', /^\/(?:query|queryAll)\/([^/]+)$/, (m, _q, _b, c) => queries.nextPage(m[1]!, c)),
  ];
}

class QueryResource {
  /** Open cursors, oldest first (a Map keeps the order they were opened in). */
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly org: LocalOrg) {
    org.store.db.exec(
      `CREATE TABLE IF NOT EXISTS _query_cursor_rows (locator TEXT NOT NULL, n INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (locator, n)) WITHOUT ROWID`,
    );
    // Cursors live in this process: a previous run's rows can no longer be asked for.
    org.store.db.exec(`DELETE FROM _query_cursor_rows`);
  }

  query(params: URLSearchParams, context: CallContext, all: boolean): Answer {
    const soql = params.get('q');
    if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const result = streamQuery(this.org.store, soql, {
      apiVersion: context.apiVersion,
      userId: context.session.userId,
      now: this.org.clock(),
      includeDeleted: all,
    });
    if (params.get('columns') === 'true') return { status: 200, body: columns(result) };
    if (result.countOnly !== undefined) {
      return { status: 200, body: { totalSize: result.countOnly, done: true, records: [] } };
    }
    this.closeExpired();
    return { status: 200, body: this.firstPage(result, context) };
  }

  /** The first page is answered; the rest of the result goes to the database behind a new cursor. */
  private firstPage(result: QueryStream, context: CallContext) {
    const pageSize = Math.min(PAGE_SIZE, Math.max(200, context.queryBatchSize ?? PAGE_SIZE));
    const insert = this.org.store.db.prepare(`INSERT INTO _query_cursor_rows (locator, n, record) VALUES (?, ?, ?)`);
    const records: Array<Record<string, unknown>> = [];
    let locator: string | null = null;
    const totalSize = writeWhileReading(this.org.store, () => {
      let n = 0;
      for (const record of result.records) {
        if (n < pageSize) records.push(record);
        else insert.run((locator ??= `0r8${randomBytes(8).toString('hex').slice(0, 15)}`), n, JSON.stringify(record));
        n++;
      }
      return n;
    });
    const body: Record<string, unknown> = { totalSize, done: locator === null, records };
    if (locator !== null) {
      this.open(locator, { userId: context.session.userId, pageSize, totalSize, openedAt: this.org.clock() });
      body.nextRecordsUrl = `/services/data/v${context.apiVersion}/query/${locator}-${pageSize}`;
    }
    return body;
  }

  private open(locator: string, cursor: Omit<Cursor, 'usedAt'>): void {
    const own = [...this.cursors].filter(([, open]) => open.userId === cursor.userId);
    for (const [oldest] of own.slice(0, Math.max(0, own.length - CURSORS_PER_USER + 1))) this.close(oldest);
    this.cursors.set(locator, { ...cursor, usedAt: cursor.openedAt });
  }

  private close(locator: string): void {
    this.cursors.delete(locator);
    this.org.store.db.prepare(`DELETE FROM _query_cursor_rows WHERE locator = ?`).run(locator);
  }

  private expired(cursor: Cursor): boolean {
    const now = this.org.clock();
    return now - cursor.usedAt > CURSOR_IDLE_MS || now - cursor.openedAt > CURSOR_LIFETIME_MS;
  }

  /** Cursors nobody reads any more give their rows back, not only the ones asked for again. */
  private closeExpired(): void {
    for (const [locator, cursor] of this.cursors) if (this.expired(cursor)) this.close(locator);
  }

  nextPage(locator: string, context: CallContext): Answer {
    const [id = '', positionText] = locator.split('-');
    const cursor = this.cursors.get(id);
    const position = Number(positionText);
    if (cursor && this.expired(cursor)) this.close(id);
    if (
      !cursor ||
      !this.cursors.has(id) ||
      cursor.userId !== context.session.userId ||
      !Number.isInteger(position) ||
      position < cursor.pageSize
    ) {
      throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    cursor.usedAt = this.org.clock();
    const end = position + cursor.pageSize;
    const records = (
      this.org.store.db
        .prepare(`SELECT record FROM _query_cursor_rows WHERE locator = ? AND n >= ? AND n < ? ORDER BY n`)
        .all(id, position, end) as Array<{ record: string }>
    ).map(({ record }) => JSON.parse(record) as Record<string, unknown>);
    const done = end >= cursor.totalSize;
    const body: Record<string, unknown> = { totalSize: cursor.totalSize, done, records };
    if (done) this.close(id);
    else body.nextRecordsUrl = `/services/data/v${context.apiVersion}/query/${id}-${end}`;
    return { status: 200, body };
  }
}

/** What `sf data query` asks for with &columns=true. */
function columns(result: QueryStream) {
  return {
    columnMetadata: result.columns,
    entityName: result.entity,
    groupBy: false,
    idSelected: true,
    keyPrefix: null,
  };
}
