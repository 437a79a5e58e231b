/**
 * The REST query resource: /query and /queryAll run SOQL, and results past a page are kept
 * behind a query locator that /query/<locator>-<position> reads on.
 */
import { randomBytes } from 'node:crypto';
import { ApiError } from '../errors';
import type { LocalOrg } from '../org';
import { runQuery } from '../soql/query';
import type { QueryResult } from '../soql/query';
import { route } from './call';
import type { Answer, CallContext, Route } from './call';

const PAGE_SIZE = 2000;

interface Cursor {
  readonly records: Array<Record<string, unknown>>;
  readonly pageSize: number;
  readonly createdAt: number;
}

export function queryRoutes(org: LocalOrg): Route[] {
  const queries = new QueryResource(org);
  return [
    route('GET', /^\/(query|queryAll)\/?$/, (m, q, _b, c) => queries.query(q, c, m[1] === 'queryAll')),
    route('GET', /^\/(?:query|queryAll)\/([^/]+)$/, (m, _q, _b, c) => queries.nextPage(m[1]!, c)),
  ];
}

class QueryResource {
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly org: LocalOrg) {}

  query(params: URLSearchParams, context: CallContext, all: boolean): Answer {
    const soql = params.get('q');
    if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const result = runQuery(this.org.store, soql, {
      apiVersion: context.apiVersion,
      userId: context.session.userId,
      now: this.org.clock(),
      includeDeleted: all,
    });
    if (params.get('columns') === 'true') return { status: 200, body: columns(result) };
    return { status: 200, body: this.firstPage(result.records, result.totalSize, context) };
  }

  private firstPage(records: Array<Record<string, unknown>>, totalSize: number, context: CallContext) {
    const pageSize = Math.min(PAGE_SIZE, Math.max(200, context.queryBatchSize ?? PAGE_SIZE));
    const done = pageSize >= records.length;
    const body: Record<string, unknown> = { totalSize, done, records: records.slice(0, pageSize) };
    if (!done) {
      const locator = `01g${randomBytes(8).toString('hex')}`;
      this.cursors.set(locator, { records, pageSize, createdAt: this.org.clock() });
      body.nextRecordsUrl = `/services/data/v${context.apiVersion}/query/${locator}-${pageSize}`;
    }
    return body;
  }

  nextPage(locator: string, context: CallContext): Answer {
    const [id, positionText] = locator.split('-');
    const cursor = this.cursors.get(id ?? '');
    const position = Number(positionText);
    if (!cursor || !Number.isInteger(position)) {
      throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    const end = position + cursor.pageSize;
    const done = end >= cursor.records.length;
    const body: Record<string, unknown> = {
      totalSize: cursor.records.length,
      done,
      records: cursor.records.slice(position, end),
    };
    if (done) this.cursors.delete(id!);
    else body.nextRecordsUrl = `/services/data/v${context.apiVersion}/query/${id}-${end}`;
    return { status: 200, body };
  }
}

/** What `sf data query` asks for with &columns=true. */
function columns(result: QueryResult) {
  return {
    columnMetadata: result.columns,
    entityName: result.entity,
    groupBy: false,
    idSelected: true,
    keyPrefix: null,
  };
}
