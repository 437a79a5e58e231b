/**
 * Aggregate queries as Salesforce runs them: COUNT(), COUNT(field), COUNT_DISTINCT, SUM, AVG,
 * MIN and MAX, optionally by GROUP BY fields (a parent's too: `Account.OwnerId`), ordered by
 * grouped fields or aggregates. Unaliased aggregates are named expr0, expr1, ... in order; a
 * grouped field answers under its own name (`OwnerId` for `Account.OwnerId`); a field selected
 * but neither grouped nor aggregated is MALFORMED_QUERY. Aggregates skip nulls (a SUM of none
 * is null), and count only the rows the querying user may read (the conditions carry sharing).
 */
import { invalidField, malformedQuery } from '../errors';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { quote, tableOf } from '../store/tables';
import type { Store } from '../store/store';
import { fromSql } from '../store/values';
import type { Joins } from './joins';
import type { OrderBy, Parsed } from './parse';
import type { QueryResult } from './types';

const NUMERIC = new Set(['double', 'currency', 'percent', 'int']);
const ORDERED = new Set([...NUMERIC, 'date', 'datetime', 'string', 'picklist', 'id', 'reference', 'email', 'phone']);

type Fn = { functionName?: string; parameters?: unknown[] };

/** The SQL of one aggregate function and the field its value is typed as (null for counts). */
function aggregateSql(fn: Fn, joins: Joins): { sql: string; field: OrgField | null } {
  const name = (fn.functionName ?? '').toUpperCase();
  const argument = (fn.parameters ?? [])[0];
  if (argument === undefined) {
    if (name === 'COUNT') return { sql: 'COUNT(*)', field: null };
    throw malformedQuery(`${name}() needs a field`);
  }
  const { sql, field } = joins.resolve(String(argument));
  const unsupported = () => invalidField(`field ${field.name} does not support aggregate operator ${name}`);
  switch (name) {
    case 'COUNT':
      return { sql: `COUNT(${sql})`, field: null };
    case 'COUNT_DISTINCT':
      return { sql: `COUNT(DISTINCT ${sql})`, field: null };
    case 'SUM':
    case 'AVG':
      if (!NUMERIC.has(field.type)) throw unsupported();
      return { sql: `${name}(${sql})`, field: field.type === 'int' && name === 'AVG' ? null : field };
    case 'MIN':
    case 'MAX':
      if (!ORDERED.has(field.type)) throw unsupported();
      return { sql: `${name}(${sql})`, field };
    default:
      throw malformedQuery(`the local org does not support the aggregate function ${name}`);
  }
}

export function aggregate(
  store: Store,
  query: Parsed,
  object: OrgObject,
  joins: Joins,
  conditions: readonly string[],
  params: Record<string, unknown>,
  groupBy: ReadonlyArray<{ field?: string; fn?: unknown }>,
): QueryResult {
  const groups = groupBy.map((entry) => {
    if (!entry.field) throw malformedQuery('the local org supports GROUP BY on fields only');
    const resolved = joins.resolve(entry.field);
    if (!resolved.field.groupable)
      throw malformedQuery(`field '${resolved.field.name}' can not be grouped in a query call`);
    // A checkbox is never null in Salesforce: rows loaded without one group with false.
    const sql = resolved.field.type === 'boolean' ? `COALESCE(${resolved.sql}, 0)` : resolved.sql;
    return { path: entry.field.toLowerCase(), sql };
  });
  const select: string[] = [];
  const names: Array<{ name: string; field: OrgField | null }> = [];
  let expression = 0;
  for (const item of query.fields) {
    if (item.type === 'FieldFunctionExpression') {
      const { sql, field } = aggregateSql(item, joins);
      const name = item.alias ?? `expr${expression++}`;
      select.push(`${sql} AS ${quote(name)}`);
      names.push({ name, field });
    } else if (item.type === 'Field' || item.type === 'FieldRelationship') {
      const path =
        item.type === 'Field' ? item.field! : (item.rawValue ?? [...(item.relationships ?? []), item.field].join('.'));
      const { field } = joins.resolve(path);
      const group = groups.find((candidate) => candidate.path === path.toLowerCase());
      if (!group) throw malformedQuery(`Field must be grouped or aggregated: ${path}`);
      const sql = group.sql;
      const name = item.alias ?? field.name;
      select.push(`${sql} AS ${quote(name)}`);
      names.push({ name, field });
    } else {
      throw malformedQuery(`the local org does not support ${item.type} in an aggregate query`);
    }
  }
  const order = orderSql(query.orderBy, joins, groups);
  const sql = `SELECT ${select.join(', ')} FROM ${quote(tableOf(object))} t0 ${joins.clauses.join(' ')} WHERE ${conditions.join(' AND ')}${groups.length ? ` GROUP BY ${groups.map((group) => group.sql).join(', ')}` : ''}${order}${query.limit !== undefined ? ` LIMIT ${Number(query.limit)}` : ''}`;
  const rows = store.db.prepare(sql).all(params) as Array<Record<string, unknown>>;
  const records = rows.map((row) => {
    const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const { name, field } of names) {
      const value = row[name];
      // fromSql answers false for a null checkbox; an aggregate over no value is null.
      record[name] = value === null || value === undefined ? null : field ? fromSql(field, value) : value;
    }
    return record;
  });
  return { totalSize: records.length, records, entity: object.name, columns: [] };
}

/** ORDER BY in an aggregate query: grouped fields and aggregate functions only, as Salesforce allows. */
function orderSql(
  orderBy: OrderBy | OrderBy[] | undefined,
  joins: Joins,
  groups: ReadonlyArray<{ path: string; sql: string }>,
): string {
  const entries = orderBy ? (Array.isArray(orderBy) ? orderBy : [orderBy]) : [];
  if (entries.length === 0) return '';
  const parts = entries.map((entry) => {
    let sql: string;
    if (entry.field) {
      const group = groups.find((candidate) => candidate.path === entry.field!.toLowerCase());
      if (!group) throw malformedQuery(`Ordered field must be grouped or aggregated: ${entry.field}`);
      sql = group.sql;
    } else if (entry.fn) {
      sql = aggregateSql(entry.fn as Fn, joins).sql;
    } else {
      throw malformedQuery('the local org supports ORDER BY on fields and aggregates only');
    }
    return `${sql} ${entry.order === 'DESC' ? 'DESC' : 'ASC'}${entry.nulls ? ` NULLS ${entry.nulls}` : ''}`;
  });
  return ` ORDER BY ${parts.join(', ')}`;
}
