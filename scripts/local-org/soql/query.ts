/**
 * SOQL for the local org: parsed with @jetstreamapp/soql-parser-js, translated to SQL over the
 * store's tables, results shaped as the REST API shapes them. The subset Stance needs is
 * supported; anything else answers MALFORMED_QUERY naming the construct, never a silently
 * wrong answer.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { WhereShapeError, buildWhereTree } from '../../../sidecar/src/domain';
import type { WhereLeaf, WhereNode, WhereTree } from '../../../sidecar/src/domain';
import { ApiError, invalidField, invalidType, malformedQuery, unsupportedType } from '../errors';
import { normaliseId } from '../ids';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { quote, tableOf } from '../store/store';
import type { Store } from '../store/store';
import { fromSql } from '../store/values';
import { dayIso, dayStart, literalDays } from './dates';

export interface QueryOptions {
  readonly apiVersion: string;
  readonly userId: string;
  readonly now: number;
  /** queryAll: include deleted records. */
  readonly includeDeleted?: boolean;
}

export interface QueryResult {
  readonly totalSize: number;
  readonly records: Array<Record<string, unknown>>;
  readonly entity: string;
  readonly columns: readonly ColumnInfo[];
}

export interface ColumnInfo {
  readonly columnName: string;
  readonly displayName: string;
  readonly aggregate: boolean;
  readonly apexType: string | null;
  readonly joinColumns: ColumnInfo[];
}

type AnyField = {
  type: string;
  field?: string;
  relationships?: string[];
  rawValue?: string;
  alias?: string;
  functionName?: string;
  parameters?: unknown[];
  subquery?: Subquery;
};
type Subquery = {
  relationshipName: string;
  fields: AnyField[];
  where?: WhereNode;
  orderBy?: OrderBy | OrderBy[];
  limit?: number;
  offset?: number;
};
type OrderBy = { field?: string; order?: 'ASC' | 'DESC'; nulls?: 'FIRST' | 'LAST'; fn?: unknown };
type Parsed = {
  fields: AnyField[];
  sObject: string;
  where?: WhereNode;
  orderBy?: OrderBy | OrderBy[];
  limit?: number;
  offset?: number;
  groupBy?: { field?: string; fn?: unknown } | Array<{ field?: string; fn?: unknown }>;
  having?: unknown;
  withSecurityEnforced?: boolean;
  withAccessLevel?: unknown;
  withDataCategory?: unknown;
  for?: unknown;
  update?: unknown;
  usingScope?: unknown;
};

const MAX_OFFSET = 2000;

export function parseSoql(soql: string): Parsed {
  try {
    return parseQuery(soql) as unknown as Parsed;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    throw malformedQuery(
      `${message.replace(/^Expecting: one of these possible Token sequences:/, 'unexpected token')} in: ${soql.slice(0, 200)}`,
    );
  }
}

/** Joins to parent objects by relationship path, each with its own alias. */
class Joins {
  private readonly aliases = new Map<string, { alias: string; object: OrgObject }>();
  readonly clauses: string[] = [];

  constructor(
    readonly store: Store,
    readonly root: OrgObject,
  ) {}

  /** SQL for a possibly dotted field path (Owner.Name, Account.Owner.Alias), with its field. */
  resolve(
    path: string,
    allowCalculated = true,
  ): { sql: string; field: OrgField; object: OrgObject; relationships: string[] } {
    const parts = path.split('.');
    // A leading object name is allowed: SELECT Account.Name FROM Account.
    if (
      parts.length > 1 &&
      parts[0]!.toLowerCase() === this.root.name.toLowerCase() &&
      !this.relationshipField(this.root, parts[0]!)
    )
      parts.shift();
    let object = this.root;
    let alias = 't0';
    const relationships: string[] = [];
    for (const name of parts.slice(0, -1)) {
      const reference = this.relationshipField(object, name);
      if (!reference) {
        throw invalidField(
          `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`,
        );
      }
      const target = this.store.object(reference.referenceTo[0]!);
      const key = [...relationships, reference.relationshipName!].join('.');
      let join = this.aliases.get(key);
      if (!join) {
        join = { alias: `t${this.aliases.size + 1}`, object: target };
        this.aliases.set(key, join);
        this.clauses.push(
          `LEFT JOIN ${quote(tableOf(target))} ${join.alias} ON ${join.alias}."Id" = ${alias}.${quote(reference.name)}`,
        );
      }
      relationships.push(reference.relationshipName!);
      object = target;
      alias = join.alias;
    }
    const name = parts[parts.length - 1]!;
    const field = fieldOf(object, name);
    if (!field) {
      throw invalidField(
        `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
      );
    }
    if (field.calculated) {
      if (!allowCalculated) throw invalidField(`field '${field.name}' can not be used here`);
      return { sql: this.formula(object, alias, field), field, object, relationships };
    }
    return { sql: `${alias}.${quote(field.name)}`, field, object, relationships };
  }

  private relationshipField(object: OrgObject, name: string): OrgField | undefined {
    return [...object.fields.values()].find(
      (field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === name.toLowerCase(),
    );
  }

  /** Formula fields: the comparison of a field (or a parent's) with $User.Id or a literal. */
  private formula(object: OrgObject, alias: string, field: OrgField): string {
    const formula = field.calculatedFormula ?? '';
    const match = /^\s*([\w.$]+)\s*(=|<>|!=)\s*([\w.$]+|'[^']*')\s*$/.exec(formula);
    if (!match) return 'NULL';
    const side = (text: string): string => {
      if (text === '$User.Id') return '@userId';
      if (text.startsWith("'")) return `'${text.slice(1, -1).replace(/'/g, "''")}'`;
      if (/^-?\d+(\.\d+)?$/.test(text)) return text;
      // Paths resolve from the queried object; a formula on a parent (reached by a join) is not supported.
      if (object !== this.root) return 'NULL';
      return this.resolve(text, false).sql;
    };
    const left = side(match[1]!);
    const right = side(match[3]!);
    const operator = match[2] === '=' ? 'IS' : 'IS NOT';
    return `(CASE WHEN ${left} ${operator} ${right} THEN 1 ELSE 0 END)`;
  }
}

interface Selector {
  readonly path: string;
  readonly column: string;
  /** The SQL expression that reads the field (through its joins). */
  readonly sql: string;
  readonly field: OrgField;
  readonly relationships: readonly string[];
  readonly objects: readonly OrgObject[];
}

export function runQuery(store: Store, soql: string, options: QueryOptions): QueryResult {
  const query = parseSoql(soql);
  rejectUnsupported(query);
  const object = store.schema.object(query.sObject);
  if (!object) throw invalidType(query.sObject);
  // Platform events are published, never stored: Salesforce does not query them.
  if (object.platformEvent) throw unsupportedType(object.name);
  const joins = new Joins(store, object);
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
  if (query.where) {
    let tree: WhereTree;
    try {
      tree = buildWhereTree(query.where);
    } catch (error) {
      if (error instanceof WhereShapeError)
        throw malformedQuery(`${error.message}${error.hint ? `: ${error.hint}` : ''}`);
      throw error;
    }
    if (object.customMetadata) checkCustomMetadataWhere(tree, joins);
    conditions.push(whereSql(tree, joins, param, options));
  }

  if (countOnly) {
    const sql = `SELECT COUNT(*) AS n FROM ${quote(tableOf(object))} t0 ${joins.clauses.join(' ')} WHERE ${conditions.join(' AND ')}`;
    const row = store.db.prepare(sql).get(params) as { n: number };
    return { totalSize: row.n, records: [], entity: object.name, columns: [] };
  }

  if (groupBy.length > 0 || query.fields.some((f) => f.type === 'FieldFunctionExpression')) {
    return aggregate(store, query, object, joins, conditions, params, groupBy);
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
  const rows = store.db.prepare(sql).all(params) as Array<Record<string, unknown>>;

  const records = rows.map((row) => shapeRecord(object, row, selectors, parentIdColumns, options.apiVersion));
  for (const subquery of subqueries) attachChildren(store, object, subquery, records, rows, options);
  return { totalSize: records.length, records, entity: object.name, columns: columnInfo(selectors, subqueries) };
}

function rejectUnsupported(query: Parsed): void {
  const unsupported: Array<[unknown, string]> = [
    [query.having, 'HAVING'],
    [query.withDataCategory, 'WITH DATA CATEGORY'],
    [query.for, 'FOR VIEW/REFERENCE/UPDATE'],
    [query.update, 'UPDATE TRACKING/VIEWSTAT'],
    [query.usingScope, 'USING SCOPE'],
  ];
  for (const [present, name] of unsupported)
    if (present) throw malformedQuery(`the local org does not support ${name}`);
}

function relationshipObjects(store: Store, root: OrgObject, relationships: readonly string[]): OrgObject[] {
  const objects: OrgObject[] = [];
  let object = root;
  for (const name of relationships) {
    const reference = [...object.fields.values()].find((field) => field.relationshipName === name)!;
    object = store.object(reference.referenceTo[0]!);
    objects.push(object);
  }
  return objects;
}

function shapeRecord(
  object: OrgObject,
  row: Record<string, unknown>,
  selectors: readonly Selector[],
  parentIds: ReadonlyMap<string, string>,
  apiVersion: string,
): Record<string, unknown> {
  const url = (type: string, id: unknown) => `/services/data/v${apiVersion}/sobjects/${type}/${String(id)}`;
  const record: Record<string, unknown> = { attributes: { type: object.name, url: url(object.name, row._id) } };
  for (const selector of selectors) {
    let target: Record<string, unknown> | null = record;
    for (let depth = 0; depth < selector.relationships.length && target; depth++) {
      const name = selector.relationships[depth]!;
      const parentId = row[parentIds.get(selector.relationships.slice(0, depth + 1).join('.'))!];
      if (parentId === null || parentId === undefined) {
        target[name] = null;
        target = null;
        break;
      }
      if (!target[name]) {
        const type = selector.objects[depth]!.name;
        target[name] = { attributes: { type, url: url(type, parentId) } };
      }
      target = target[name] as Record<string, unknown>;
    }
    if (target) target[selector.field.name] = fromSql(selector.field, row[selector.column]);
  }
  return record;
}

function attachChildren(
  store: Store,
  parent: OrgObject,
  subquery: Subquery,
  records: Array<Record<string, unknown>>,
  rows: ReadonlyArray<Record<string, unknown>>,
  options: QueryOptions,
): void {
  const relationship = parent.childRelationships.find(
    (child) => child.relationshipName.toLowerCase() === subquery.relationshipName.toLowerCase(),
  );
  if (!relationship) {
    throw invalidField(
      `Didn't understand relationship '${subquery.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`,
    );
  }
  const childObject = store.object(relationship.childSObject);
  const ids = rows.map((row) => String(row._id));
  const byParent = new Map<string, Array<Record<string, unknown>>>(ids.map((id) => [id, []]));
  const fields = subquery.fields.map((field) => field.rawValue ?? field.field!);
  const link = relationship.field;
  const order = subquery.orderBy ? (Array.isArray(subquery.orderBy) ? subquery.orderBy : [subquery.orderBy]) : [];
  const orderText = order
    .map((entry) => `${entry.field} ${entry.order ?? 'ASC'}${entry.nulls ? ` NULLS ${entry.nulls}` : ''}`)
    .join(', ');
  // Children of a slice of parents come from one query through the same translator, then are grouped.
  for (let start = 0; start < ids.length; start += 500) {
    const inList = ids
      .slice(start, start + 500)
      .map((id) => `'${id}'`)
      .join(', ');
    const soql =
      `SELECT ${[...new Set([...fields, link])].join(', ')} FROM ${childObject.name} WHERE ${link} IN (${inList})` +
      (subquery.where ? ` AND (${whereText(subquery.where)})` : '') +
      (orderText ? ` ORDER BY ${orderText}` : '');
    for (const child of runQuery(store, soql, options).records) {
      byParent.get(String(child[link]))?.push(child);
      if (!fields.some((field) => field.toLowerCase() === link.toLowerCase())) delete child[link];
    }
  }
  records.forEach((record, index) => {
    let children = byParent.get(String(rows[index]!._id)) ?? [];
    if (subquery.offset) children = children.slice(subquery.offset);
    if (subquery.limit !== undefined) children = children.slice(0, subquery.limit);
    record[relationship.relationshipName] =
      children.length === 0 ? null : { totalSize: children.length, done: true, records: children };
  });
}

/** Re-renders a parsed WHERE as SOQL text, to run a child subquery's filter through the same translator. */
function whereText(where: WhereNode): string {
  const parts: string[] = [];
  const walk = (node: WhereNode | undefined): void => {
    if (!node) return;
    const left = node.left;
    parts.push('('.repeat(left?.openParen ?? 0));
    if (node.operator === 'NOT' && !(left && (left.field || left.fn))) {
      parts.push('NOT ');
      walk(node.right);
      return;
    }
    if (left) {
      const value = Array.isArray(left.value) ? `(${left.value.join(', ')})` : left.value;
      parts.push(`${left.field ?? left.fn?.rawValue} ${left.operator} ${value}`);
      parts.push(')'.repeat(left.closeParen ?? 0));
    }
    if (node.operator === 'AND' || node.operator === 'OR') {
      parts.push(` ${node.operator} `);
      walk(node.right);
    }
  };
  walk(where);
  return parts.join('');
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

function checkCustomMetadataWhere(tree: WhereTree, joins: Joins): void {
  const fieldsOf = (node: WhereTree): string[] =>
    node.kind === 'leaf'
      ? [node.leaf.field ?? '']
      : node.kind === 'not'
        ? fieldsOf(node.child)
        : node.children.flatMap(fieldsOf);
  const visit = (node: WhereTree): void => {
    if (node.kind === 'or' && new Set(fieldsOf(node).map((name) => name.toLowerCase())).size > 1) {
      throw malformedQuery('custom metadata queries allow OR only between conditions on the same field');
    }
    if (node.kind === 'leaf') {
      const { field } = joins.resolve(node.leaf.field ?? '');
      if (field.type === 'textarea' && field.length > 255)
        throw invalidField(`field '${field.name}' can not be filtered in a query call`);
    } else if (node.kind === 'not') {
      visit(node.child);
    } else {
      node.children.forEach(visit);
    }
  };
  visit(tree);
}

type Param = (value: unknown) => string;

function whereSql(tree: WhereTree, joins: Joins, param: Param, options: QueryOptions): string {
  if (tree.kind === 'leaf') return leafSql(tree.leaf, joins, param, options);
  if (tree.kind === 'not') return `NOT (${whereSql(tree.child, joins, param, options)})`;
  return `(${tree.children.map((child) => whereSql(child, joins, param, options)).join(tree.kind === 'and' ? ' AND ' : ' OR ')})`;
}

function leafSql(leaf: WhereLeaf, joins: Joins, param: Param, options: QueryOptions): string {
  if (leaf.fn)
    throw malformedQuery(
      `the local org does not support functions in WHERE (${leaf.fn.rawValue ?? leaf.fn.functionName})`,
    );
  const { sql: column, field } = joins.resolve(leaf.field ?? '');
  if (!field.filterable) throw invalidField(`field '${field.name}' can not be filtered in a query call`);
  const operator = leaf.operator.toUpperCase();
  if (leaf.valueQuery) {
    if (operator !== 'IN' && operator !== 'NOT IN') throw malformedQuery('a semi-join subquery needs IN or NOT IN');
    return `${column} ${operator} (${semiJoinSql(leaf.valueQuery as Parsed, joins)})`;
  }
  if (operator === 'INCLUDES' || operator === 'EXCLUDES')
    throw malformedQuery(`the local org does not support ${operator}`);
  const types = Array.isArray(leaf.literalType) ? leaf.literalType : [leaf.literalType ?? ''];
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value ?? ''];

  if (types.length === 1 && types[0] === 'NULL') {
    if (operator === '=') return `${column} IS NULL`;
    if (operator === '!=' || operator === '<>') return `${column} IS NOT NULL`;
    throw malformedQuery(`null can only be compared with = or !=`);
  }

  if (field.type === 'date' || field.type === 'datetime') {
    return dateSql(column, field, operator, types, values, param, options.now);
  }
  if (operator === 'LIKE') {
    if (types[0] !== 'STRING') throw malformedQuery(`LIKE needs a text value for ${field.name}`);
    return `${column} LIKE ${param(likePattern(values[0]!))} ESCAPE '\\'`;
  }
  const converted = values.map((value, index) => literal(field, types[index] ?? types[0]!, value));
  switch (operator) {
    case '=':
      return `${column} = ${param(converted[0])}`;
    case '!=':
    case '<>':
      return `(${column} != ${param(converted[0])} OR ${column} IS NULL)`;
    case '<':
    case '>':
    case '<=':
    case '>=':
      return `${column} ${operator} ${param(converted[0])}`;
    case 'IN':
      return `${column} IN (${converted.map((value) => param(value)).join(', ')})`;
    case 'NOT IN':
      return `(${column} NOT IN (${converted.map((value) => param(value)).join(', ')}) OR ${column} IS NULL)`;
    default:
      throw malformedQuery(`the local org does not support the operator ${operator}`);
  }
}

function literal(field: OrgField, literalType: string, value: string): unknown {
  const isText = literalType === 'STRING';
  switch (field.type) {
    case 'boolean':
      if (literalType !== 'BOOLEAN')
        throw malformedQuery(
          `value of filter criterion for field '${field.name}' must be of type boolean and should not be enclosed in quotes`,
        );
      return value.toUpperCase() === 'TRUE' ? 1 : 0;
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
      if (isText || (literalType !== 'INTEGER' && literalType !== 'DECIMAL')) {
        throw malformedQuery(
          `value of filter criterion for field '${field.name}' must be of type ${field.type} and should not be enclosed in quotes`,
        );
      }
      return Number(value);
    case 'id':
    case 'reference': {
      if (!isText)
        throw malformedQuery(
          `value of filter criterion for field '${field.name}' must be of type id and should be enclosed in quotes`,
        );
      const text = unquote(value);
      const id = normaliseId(text);
      if (!id) throw new ApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${text}`);
      return id;
    }
    default:
      if (!isText)
        throw malformedQuery(
          `value of filter criterion for field '${field.name}' must be of type string and should be enclosed in quotes`,
        );
      return unquote(value);
  }
}

/** A LIKE pattern from a quoted SOQL string, where `\%` and `\_` match a percent sign and an underscore. */
function likePattern(value: string): string {
  return value
    .slice(1, -1)
    .replace(/\\(.)/g, (_, ch: string) =>
      ch === '%' || ch === '_' || ch === '\\' ? `\\${ch}` : ch === 'n' ? '\n' : ch === 't' ? '\t' : ch,
    );
}

function unquote(value: string): string {
  return value.slice(1, -1).replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}

function dateSql(
  column: string,
  field: OrgField,
  operator: string,
  types: string[],
  values: string[],
  param: Param,
  now: number,
): string {
  const ranges = values.map((value, index) => {
    const type = types[index] ?? types[0]!;
    if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') return literalDays(value, now);
    if (type === 'DATE' || type === 'DATETIME') {
      if (type === 'DATETIME' && field.type === 'date')
        throw malformedQuery(`value of filter criterion for field '${field.name}' must be of type date`);
      if (type === 'DATETIME') {
        const iso = new Date(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))).toISOString();
        return [iso, iso] as const;
      }
      const day = Math.floor(Date.parse(`${value}T00:00:00Z`) / 86_400_000);
      if (Number.isNaN(day)) throw malformedQuery(`${value} is not a valid date`);
      if (field.type === 'datetime')
        throw malformedQuery(
          `value of filter criterion for field '${field.name}' must be of type dateTime and should not be enclosed in quotes`,
        );
      return [day, day] as [number, number];
    }
    throw malformedQuery(`value of filter criterion for field '${field.name}' must be a date or a date literal`);
  });
  // Bounds as stored: dates as YYYY-MM-DD (inclusive), datetimes as ISO instants ([from, to) for day ranges).
  const bounds = ranges.map(([from, to]) => {
    if (typeof from === 'string') return { from, toExclusive: null as string | null, to: to as string };
    if (field.type === 'date') return { from: dayIso(from), to: dayIso(to as number), toExclusive: null };
    return { from: dayStart(from), toExclusive: dayStart((to as number) + 1), to: null };
  });
  const within = (bound: (typeof bounds)[number]) =>
    bound.toExclusive
      ? `(${column} >= ${param(bound.from)} AND ${column} < ${param(bound.toExclusive)})`
      : `(${column} >= ${param(bound.from)} AND ${column} <= ${param(bound.to)})`;
  const bound = bounds[0]!;
  switch (operator) {
    case '=':
      return within(bound);
    case '!=':
    case '<>':
      return `(NOT ${within(bound)} OR ${column} IS NULL)`;
    case '<':
      return `${column} < ${param(bound.from)}`;
    case '>=':
      return `${column} >= ${param(bound.from)}`;
    case '>':
      return bound.toExclusive ? `${column} >= ${param(bound.toExclusive)}` : `${column} > ${param(bound.to)}`;
    case '<=':
      return bound.toExclusive ? `${column} < ${param(bound.toExclusive)}` : `${column} <= ${param(bound.to)}`;
    case 'IN':
      return `(${bounds.map(within).join(' OR ')})`;
    case 'NOT IN':
      return `(NOT (${bounds.map(within).join(' OR ')}) OR ${column} IS NULL)`;
    default:
      throw malformedQuery(`the local org does not support ${operator} on dates`);
  }
}

function semiJoinSql(inner: Parsed, joins: Joins): string {
  if (inner.fields.length !== 1 || inner.fields[0]!.type !== 'Field' || inner.where || inner.limit !== undefined) {
    throw malformedQuery('the local org supports semi-join subqueries of the form (SELECT Field FROM Object) only');
  }
  const object = joins.store.schema.object(inner.sObject);
  if (!object) throw invalidType(inner.sObject);
  if (object.platformEvent) throw unsupportedType(object.name);
  const field = fieldOf(object, inner.fields[0]!.field!);
  if (!field) throw invalidField(`No such column '${inner.fields[0]!.field}' on entity '${object.name}'`);
  return `SELECT ${quote(field.name)} FROM ${quote(tableOf(object))} WHERE "IsDeleted" = 0`;
}

function aggregate(
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

function columnInfo(selectors: readonly Selector[], subqueries: readonly Subquery[]): ColumnInfo[] {
  const columns: ColumnInfo[] = selectors.map((selector) => ({
    columnName: selector.path,
    displayName: selector.path,
    aggregate: false,
    apexType: selector.field.type,
    joinColumns: [],
  }));
  for (const subquery of subqueries) {
    columns.push({
      columnName: subquery.relationshipName,
      displayName: subquery.relationshipName,
      aggregate: true,
      apexType: null,
      joinColumns: [],
    });
  }
  return columns;
}
