/** Aggregate queries: COUNT() and COUNT(field), optionally by GROUP BY fields. */
import { malformedQuery } from '../errors';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { quote, tableOf } from '../store/tables';
import type { Store } from '../store/store';
import { fromSql } from '../store/values';
import type { Joins } from './joins';
import type { Parsed } from './parse';
import type { QueryResult } from './types';

export function aggregate(
  store: Store,
  query: Parsed,
  object: OrgObject,
  joins: Joins,
  conditions: readonly string[],
  params: Record<string, unknown>,
  groupBy: ReadonlyArray<{ field?: string; fn?: unknown }>,
): QueryResult {
  const select: string[] = [];
  const names: Array<{ name: string; field: OrgField | null }> = [];
  let expression = 0;
  for (const item of query.fields) {
    if (item.type === 'FieldFunctionExpression') {
      if (item.functionName !== 'COUNT')
        throw malformedQuery(`the local org supports COUNT() and COUNT(field) only, not ${item.functionName}`);
      const argument = (item.parameters ?? [])[0];
      const column = argument ? joins.resolve(String(argument)).sql : '*';
      const name = item.alias ?? `expr${expression++}`;
      select.push(`COUNT(${column}) AS ${quote(name)}`);
      names.push({ name, field: null });
    } else if (item.type === 'Field') {
      const { sql, field } = joins.resolve(item.field!);
      if (!groupBy.some((entry) => entry.field?.toLowerCase() === item.field!.toLowerCase())) {
        throw malformedQuery(`Field must be grouped or aggregated: ${item.field}`);
      }
      select.push(`${sql} AS ${quote(field.name)}`);
      names.push({ name: field.name, field });
    } else {
      throw malformedQuery(`the local org does not support ${item.type} in an aggregate query`);
    }
  }
  const groups = groupBy.map((entry) => {
    if (!entry.field) throw malformedQuery('the local org supports GROUP BY on fields only');
    return joins.resolve(entry.field).sql;
  });
  const sql = `SELECT ${select.join(', ')} FROM ${quote(tableOf(object))} t0 ${joins.clauses.join(' ')} WHERE ${conditions.join(' AND ')}${groups.length ? ` GROUP BY ${groups.join(', ')}` : ''}${query.limit !== undefined ? ` LIMIT ${Number(query.limit)}` : ''}`;
  const rows = store.db.prepare(sql).all(params) as Array<Record<string, unknown>>;
  const records = rows.map((row) => {
    const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const { name, field } of names) record[name] = field ? fromSql(field, row[name]) : row[name];
    return record;
  });
  return { totalSize: records.length, records, entity: object.name, columns: [] };
}
