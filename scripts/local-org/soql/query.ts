/**
 * SOQL for the local org: parsed with @jetstreamapp/soql-parser-js, translated to SQL over the
 * store's tables, results shaped as the REST API shapes them. The subset Stance needs is
 * supported; anything else answers MALFORMED_QUERY naming the construct, never a silently
 * wrong answer.
 */
import { ApiError, invalidField, invalidType, malformedQuery, unsupportedType } from '../errors';
import { quote, tableOf } from '../store/tables';
import type { Store } from '../store/store';
import { aggregate } from './aggregate';
import { attachChildren } from './children';
import { checkCustomMetadataWhere, whereSql } from './filters';
import { Joins } from './joins';
import { parseSoql, rejectUnsupported } from './parse';
import type { OrderBy, Subquery } from './parse';
import { columnInfo, relationshipObjects, shapeRecord } from './shape';
import type { Selector } from './shape';
import type { QueryOptions, QueryResult, QueryStream } from './types';
import { conditionOf } from './where';

export type { ColumnInfo, QueryOptions, QueryResult, QueryStream } from './types';
export { parseSoql } from './parse';

const MAX_OFFSET = 2000;

/**
 * Rows read from SQLite and shaped together: child subqueries run once per slice of this many
 * parents (as attachChildren slices them), and no more rows than this are held at once.
 */
export const STREAM_SLICE = 500;

/** Every record of a query's result, in order, as one array: for results known to be small. */
export function runQuery(store: Store, soql: string, options: QueryOptions): QueryResult {
  const stream = streamQuery(store, soql, options);
  const records = [...stream.records];
  return { totalSize: stream.countOnly ?? records.length, records, entity: stream.entity, columns: stream.columns };
}

/**
 * A query's result read as it is consumed: rows come from SQLite through a statement's iterator
 * and are shaped a slice at a time, so a result of millions of records is never one array. The
 * statement stays open (its connection busy for writes) until the records are read to the end or
 * the iteration is closed; a caller that writes while reading uses writeWhileReading.
 */
export function streamQuery(store: Store, soql: string, options: QueryOptions): QueryStream {
  const query = parseSoql(soql);
  rejectUnsupported(query);
  const object = store.schema.object(query.sObject);
  if (!object) throw invalidType(query.sObject);
  // Platform events are published, never stored: Salesforce does not query them.
  if (object.platformEvent) throw unsupportedType(object.name);
  // An object the user may not read is, to them, one that does not exist.
  const rights = store.access?.(options.userId) ?? null;
  if (rights && !rights.canRead(object)) throw invalidType(query.sObject);
  const joins = new Joins(store, object, rights);
  const params: Record<string, unknown> = { userId: options.userId };
  let paramCount = 0;
  const param = (value: unknown): string => {
    const name = `p${paramCount++}`;
    params[name] = value;
    return `@${name}`;
  };

  const countOnly =
    query.fields.length === 1 &&
    query.fields[0]!.type === 'FieldFunctionExpression' &&
    query.fields[0]!.functionName === 'COUNT' &&
    (query.fields[0]!.parameters ?? []).length === 0;
  const groupBy = query.groupBy ? (Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy]) : [];
  if (
    object.customMetadata &&
    (countOnly || groupBy.length > 0 || query.fields.some((f) => f.type === 'FieldFunctionExpression'))
  ) {
    throw malformedQuery(`${object.name}: custom metadata queries do not support aggregate functions or GROUP BY`);
  }

  const conditions = [options.includeDeleted ? '1 = 1' : 't0."IsDeleted" = 0'];
  // Record-level sharing: only the rows the user may read (no condition when they may read all).
  const visible = rights && store.sharing ? store.sharing.predicate(object, 't0', rights, 'read') : null;
  if (visible) conditions.push(visible);
  if (query.where) {
    const condition = conditionOf(query.where);
    if (object.customMetadata) checkCustomMetadataWhere(condition, joins);
    conditions.push(whereSql(condition, joins, param, options));
  }

  if (countOnly) {
    const sql = `SELECT COUNT(*) AS n FROM ${quote(tableOf(object))} t0 ${joins.clauses.join(' ')} WHERE ${conditions.join(' AND ')}`;
    const row = store.db.prepare(sql).get(params) as { n: number };
    return { countOnly: row.n, records: [], entity: object.name, columns: [] };
  }

  if (groupBy.length > 0 || query.fields.some((f) => f.type === 'FieldFunctionExpression')) {
    const { records, entity, columns } = aggregate(store, query, object, joins, conditions, params, groupBy);
    return { records, entity, columns };
  }

  const selectors: Selector[] = [];
  const subqueries: Subquery[] = [];
  for (const item of query.fields) {
    if (item.type === 'Field' || item.type === 'FieldRelationship') {
      const path =
        item.type === 'Field' ? item.field! : (item.rawValue ?? [...(item.relationships ?? []), item.field].join('.'));
      const resolved = joins.resolve(path);
      const objects = relationshipObjects(store, object, resolved.relationships);
      selectors.push({
        path,
        column: `c${selectors.length}`,
        field: resolved.field,
        relationships: resolved.relationships,
        objects,
        sql: resolved.sql,
      });
    } else if (item.type === 'FieldSubquery') {
      subqueries.push(item.subquery!);
    } else {
      throw malformedQuery(
        `the local org does not support ${item.type === 'FieldTypeof' ? 'TYPEOF' : item.type} in SELECT`,
      );
    }
  }
  const select = selectors.map((selector) => `${selector.sql} AS ${selector.column}`);
  const parentIdColumns = new Map<string, string>();
  for (const selector of selectors) {
    for (let depth = 1; depth <= selector.relationships.length; depth++) {
      const key = selector.relationships.slice(0, depth).join('.');
      if (!parentIdColumns.has(key)) {
        const column = `r${parentIdColumns.size}`;
        parentIdColumns.set(key, column);
        select.push(`${joins.resolve(`${key}.Id`).sql} AS ${column}`);
      }
    }
  }
  select.push('t0."Id" AS _id');
  const order = orderSql(query.orderBy, joins);
  const limit = query.limit !== undefined ? ` LIMIT ${Number(query.limit)}` : ' LIMIT -1';
  if (query.offset !== undefined && query.offset > MAX_OFFSET) {
    throw new ApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
  const offset = query.offset !== undefined ? ` OFFSET ${Number(query.offset)}` : '';
  const sql = `SELECT ${select.join(', ')} FROM ${quote(tableOf(object))} t0 ${joins.clauses.join(' ')} WHERE ${conditions.join(' AND ')}${order}${limit}${offset}`;
  const statement = store.db.prepare(sql);
  const shape = (rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> => {
    const records = rows.map((row) => shapeRecord(object, row, selectors, parentIdColumns, options.apiVersion));
    for (const subquery of subqueries) attachChildren(runQuery, store, object, subquery, records, rows, options);
    return records;
  };
  // A subquery naming no readable relationship is refused when the query is made, rows or not.
  shape([]);
  function* records(): Generator<Record<string, unknown>> {
    let slice: Array<Record<string, unknown>> = [];
    for (const row of statement.iterate(params) as IterableIterator<Record<string, unknown>>) {
      slice.push(row);
      if (slice.length < STREAM_SLICE) continue;
      const shaped = shape(slice);
      slice = [];
      yield* shaped;
    }
    if (slice.length > 0) yield* shape(slice);
  }
  return { records: records(), entity: object.name, columns: columnInfo(selectors, subqueries) };
}

/**
 * Runs work that writes while a streamed query is still reading, in one transaction. better-sqlite3
 * refuses any write on a connection with an open iterator unless it is in unsafe mode; SQLite
 * itself allows it as long as the rows written are not in the table being read (here: result rows
 * kept in tables of their own, `_bulk_query_rows` and `_query_cursor_rows`).
 */
export function writeWhileReading<T>(store: Store, work: () => T): T {
  store.db.unsafeMode(true);
  try {
    return store.db.transaction(work)();
  } finally {
    store.db.unsafeMode(false);
  }
}

function orderSql(orderBy: OrderBy | OrderBy[] | undefined, joins: Joins): string {
  const entries = orderBy ? (Array.isArray(orderBy) ? orderBy : [orderBy]) : [];
  const parts = entries.map((entry) => {
    if (!entry.field) throw malformedQuery('the local org supports ORDER BY on fields only');
    const { sql, field } = joins.resolve(entry.field);
    if (!field.sortable) throw invalidField(`field '${field.name}' can not be sorted in a query call`);
    return `${sql} ${entry.order === 'DESC' ? 'DESC' : 'ASC'}${entry.nulls ? ` NULLS ${entry.nulls}` : ''}`;
  });
  parts.push('t0."Id" ASC');
  return ` ORDER BY ${parts.join(', ')}`;
}
