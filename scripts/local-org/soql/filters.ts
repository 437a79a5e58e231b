/**
 * WHERE conditions as SQL: each comparison checked against the field's type as Salesforce
 * checks it (quoted text, unquoted numbers and booleans, 15- or 18-character ids, date
 * literals), with != and NOT IN also matching nulls as in SOQL.
 */
import { ApiError, invalidField, invalidType, malformedQuery, unsupportedType } from '../errors';
import { normaliseId } from '../ids';
import type { OrgField } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { quote, tableOf } from '../store/tables';
import { dateSql } from './dateFilter';
import { Joins } from './joins';
import type { Parsed } from './parse';
import type { Param, QueryOptions } from './types';
import { comparisonsOf, conditionOf } from './where';
import type { Comparison, Condition } from './where';

/** Custom metadata queries filter less than other objects: OR only within one field, no long text. */
export function checkCustomMetadataWhere(condition: Condition, joins: Joins): void {
  const visit = (node: Condition): void => {
    if (node.kind === 'or') {
      const fields = new Set(comparisonsOf(node).map((comparison) => (comparison.field ?? '').toLowerCase()));
      if (fields.size > 1)
        throw malformedQuery('custom metadata queries allow OR only between conditions on the same field');
    }
    if (node.kind === 'comparison') {
      const { field } = joins.resolve(node.comparison.field ?? '');
      if (field.type === 'textarea' && field.length > 255)
        throw invalidField(`field '${field.name}' can not be filtered in a query call`);
    } else if (node.kind === 'not') {
      visit(node.operand);
    } else {
      node.operands.forEach(visit);
    }
  };
  visit(condition);
}

/** The condition as a SQL expression over the query's joins, its literals bound as parameters. */
export function whereSql(condition: Condition, joins: Joins, param: Param, options: QueryOptions): string {
  if (condition.kind === 'comparison') return comparisonSql(condition.comparison, joins, param, options);
  if (condition.kind === 'not') return `NOT (${whereSql(condition.operand, joins, param, options)})`;
  const joiner = condition.kind === 'and' ? ' AND ' : ' OR ';
  return `(${condition.operands.map((operand) => whereSql(operand, joins, param, options)).join(joiner)})`;
}

function comparisonSql(comparison: Comparison, joins: Joins, param: Param, options: QueryOptions): string {
  if (comparison.fn)
    throw malformedQuery(
      `the local org does not support functions in WHERE (${comparison.fn.rawValue ?? comparison.fn.functionName})`,
    );
  const { sql: column, field } = joins.resolve(comparison.field ?? '');
  if (!field.filterable) throw invalidField(`field '${field.name}' can not be filtered in a query call`);
  const operator = comparison.operator.toUpperCase();
  if (comparison.valueQuery) {
    if (operator !== 'IN' && operator !== 'NOT IN') throw malformedQuery('a semi-join subquery needs IN or NOT IN');
    return `${column} ${operator} (${semiJoinSql(comparison.valueQuery as Parsed, joins, param, options)})`;
  }
  const types = Array.isArray(comparison.literalType) ? comparison.literalType : [comparison.literalType ?? ''];
  const values = Array.isArray(comparison.value) ? comparison.value : [comparison.value ?? ''];

  if (types.length === 1 && types[0] === 'NULL') {
    if (operator === '=') return `${column} IS NULL`;
    if (operator === '!=' || operator === '<>') return `${column} IS NOT NULL`;
    throw malformedQuery(`null can only be compared with = or !=`);
  }

  if (operator === 'INCLUDES' || operator === 'EXCLUDES' || field.type === 'multipicklist')
    return multiSelectSql(column, field, operator, types, values, param);

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

/**
 * A multi-select picklist compared as Salesforce compares it: `INCLUDES ('A;B', 'C')` matches a
 * value holding both A and B, or C; EXCLUDES matches the others (and no value); `=` matches
 * exactly the given set, in any order; `!=` the others. Values compare without regard to case.
 */
function multiSelectSql(
  column: string,
  field: OrgField,
  operator: string,
  types: readonly string[],
  values: readonly string[],
  param: Param,
): string {
  if (field.type !== 'multipicklist')
    throw new ApiError(
      400,
      'INVALID_QUERY_FILTER_OPERATOR',
      `${field.name}: includes or excludes operator only valid on multipicklist field`,
    );
  if (types.some((type) => type !== 'STRING'))
    throw malformedQuery(
      `value of filter criterion for field '${field.name}' must be of type string and should be enclosed in quotes`,
    );
  const setOf = (value: string) => [
    ...new Set(
      unquote(value)
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  ];
  const holds = (part: string) => `instr(lower(';' || ${column} || ';'), ${param(`;${part.toLowerCase()};`)}) > 0`;
  const holdsAll = (parts: readonly string[]) => `(${parts.map(holds).join(' AND ')})`;
  const exactly = (parts: readonly string[]) =>
    `(${holdsAll(parts)} AND length(${column}) - length(replace(${column}, ';', '')) + 1 = ${parts.length})`;
  const sets = values.map(setOf).filter((parts) => parts.length > 0);
  if (sets.length === 0) return operator === 'EXCLUDES' || operator === '!=' ? `${column} IS NOT NULL` : '0 = 1';
  switch (operator) {
    case 'INCLUDES':
      return `(${sets.map(holdsAll).join(' OR ')})`;
    case 'EXCLUDES':
      return `(${column} IS NULL OR NOT (${sets.map(holdsAll).join(' OR ')}))`;
    case '=':
    case 'IN':
      return `(${sets.map(exactly).join(' OR ')})`;
    case '!=':
    case '<>':
    case 'NOT IN':
      return `(${column} IS NULL OR NOT (${sets.map(exactly).join(' OR ')}))`;
    default:
      throw malformedQuery(`the local org does not support ${operator} on the multi-select picklist ${field.name}`);
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

/**
 * A semi-join (`Id IN (SELECT ParentId FROM X WHERE ...)`): one field of an object the user may
 * read, with an optional WHERE of its own (no nested semi-join, as Salesforce); only the inner rows
 * the user may read count. Its joins shadow the outer query's aliases inside the subquery.
 */
function semiJoinSql(inner: Parsed, joins: Joins, param: Param, options: QueryOptions): string {
  if (inner.fields.length !== 1 || inner.fields[0]!.type !== 'Field' || inner.limit !== undefined) {
    throw malformedQuery(
      'the local org supports semi-join subqueries of the form (SELECT Field FROM Object [WHERE ...]) only',
    );
  }
  const object = joins.store.schema.object(inner.sObject);
  if (!object) throw invalidType(inner.sObject);
  if (object.platformEvent) throw unsupportedType(object.name);
  // An object the user may not read is, to them, one that does not exist (as in the outer query).
  if (joins.user && !joins.user.canRead(object)) throw invalidType(inner.sObject);
  const field = fieldOf(object, inner.fields[0]!.field!);
  if (!field) throw invalidField(`No such column '${inner.fields[0]!.field}' on entity '${object.name}'`);
  const innerJoins = new Joins(joins.store, object, joins.user);
  const conditions = ['t0."IsDeleted" = 0'];
  const visible = innerJoins.visibility(object, 't0');
  if (visible) conditions.push(visible);
  if (inner.where) {
    const condition = conditionOf(inner.where);
    if (comparisonsOf(condition).some((comparison) => comparison.valueQuery))
      throw malformedQuery('Nesting of semi join sub-selects is not supported');
    conditions.push(whereSql(condition, innerJoins, param, options));
  }
  const column = innerJoins.resolve(field.name).sql;
  return `SELECT ${column} FROM ${quote(tableOf(object))} t0 ${innerJoins.clauses.join(' ')} WHERE ${conditions.join(' AND ')}`;
}
