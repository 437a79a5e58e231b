/**
 * GraphQL `where` and `orderBy` arguments as SOQL, so a GraphQL query runs through the same SOQL
 * engine (sharing and field-level security included) as every other read:
 * `{ OwnerId: { in: [...] } }`, `{ and: [...] }`, `{ or: [...] }`, `{ not: {...} }`, relationship
 * paths (`{ Owner: { Name: { eq: "Max" } } }`), dates as `{ value: "YYYY-MM-DD" }` or
 * `{ literal: TODAY }`; `{ Field: { order: ASC, nulls: LAST } }`.
 */
import type { FieldNode } from 'graphql';
import type { OrgField, OrgObject } from '../../schema/orgSchema';
import { GraphQlError } from './context';
import type { GqlContext } from './context';

const OPERATORS: Record<string, string> = {
  eq: '=',
  ne: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  like: 'LIKE',
  in: 'IN',
  nin: 'NOT IN',
  includes: 'INCLUDES',
  excludes: 'EXCLUDES',
};

type Filter = Record<string, unknown>;

const isObject = (value: unknown): value is Filter =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The SOQL condition of a `where` argument, or null when it sets none. */
export function whereSoql(
  ctx: GqlContext,
  object: OrgObject,
  filter: unknown,
  node: FieldNode,
  path: string,
  prefix = '',
): string | null {
  if (filter === null || filter === undefined) return null;
  if (!isObject(filter)) throw new GraphQlError(`where must be an object @ '${path}'`, node);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' || key === 'or') {
      const operands = (Array.isArray(value) ? value : [value])
        .map((operand) => whereSoql(ctx, object, operand, node, path, prefix))
        .filter((operand): operand is string => operand !== null);
      if (operands.length > 0) parts.push(`(${operands.join(key === 'and' ? ' AND ' : ' OR ')})`);
    } else if (key === 'not') {
      const operand = whereSoql(ctx, object, value, node, path, prefix);
      if (operand !== null) parts.push(`(NOT ${operand})`);
    } else {
      const relationship = ctx.relationship(object, key);
      if (relationship && isObject(value) && !Object.keys(value).some((op) => op in OPERATORS)) {
        const inner = whereSoql(ctx, relationship.target, value, node, path, `${prefix}${key}.`);
        if (inner !== null) parts.push(inner);
        continue;
      }
      const field = ctx.field(object, key, node, `${path}/where/${key}`);
      if (!isObject(value)) throw new GraphQlError(`where: ${key} needs an operator such as eq @ '${path}'`, node);
      for (const [op, operand] of Object.entries(value)) {
        const condition = comparison(field, `${prefix}${field.name}`, op, operand, node, path);
        if (condition !== null) parts.push(condition);
      }
    }
  }
  return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

function comparison(
  field: OrgField,
  column: string,
  op: string,
  operand: unknown,
  node: FieldNode,
  path: string,
): string | null {
  const operator = OPERATORS[op];
  if (!operator) throw new GraphQlError(`where: unknown operator ${op} on ${field.name} @ '${path}'`, node);
  if (operator === 'IN' || operator === 'NOT IN' || operator === 'INCLUDES' || operator === 'EXCLUDES') {
    // An unset list sets no condition; an empty `in` matches nothing, an empty `nin` everything.
    if (operand === null || operand === undefined) return null;
    const values = (Array.isArray(operand) ? operand : [operand]).map((value) => literal(field, value, op, node, path));
    if (values.length === 0) return operator === 'IN' || operator === 'INCLUDES' ? 'Id = null' : null;
    return `${column} ${operator} (${values.join(', ')})`;
  }
  const value = literal(field, operand, op, node, path);
  if (value === 'null' && operator !== '=' && operator !== '!=')
    throw new GraphQlError(`where: ${op} on ${field.name} needs a value, not null @ '${path}'`, node);
  return `${column} ${operator} ${value}`;
}

/** A GraphQL value as a SOQL literal of the field's type. */
function literal(field: OrgField, raw: unknown, op: string, node: FieldNode, path: string): string {
  let value = raw;
  if (isObject(value)) {
    if (typeof value.literal === 'string') {
      if (!/^[A-Z_]+$/.test(value.literal))
        throw new GraphQlError(`where: ${field.name} ${op} literal ${value.literal} is not a date literal`, node);
      return value.literal;
    }
    value = value.value;
  }
  if (value === null || value === undefined) return 'null';
  const bad = (expected: string) =>
    new GraphQlError(
      `where: ${field.name} ${op} needs ${expected}, not ${JSON.stringify(value)} @ '${path}'`,
      node,
      'ValidationError',
    );
  switch (field.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('a Boolean');
      return value ? 'TRUE' : 'FALSE';
    case 'double':
    case 'currency':
    case 'percent':
    case 'int': {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) throw bad('a number');
      return String(number);
    }
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw bad('a Date (YYYY-MM-DD)');
      return value;
    case 'datetime': {
      const ms = typeof value === 'string' ? Date.parse(value) : NaN;
      if (Number.isNaN(ms)) throw bad('a DateTime');
      return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    default:
      if (typeof value !== 'string' && typeof value !== 'number') throw bad('a String');
      return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  }
}

/** The SOQL ORDER BY of an `orderBy` argument (without the keywords), or null. */
export function orderSoql(
  ctx: GqlContext,
  object: OrgObject,
  orderBy: unknown,
  node: FieldNode,
  path: string,
  prefix = '',
): string[] {
  if (orderBy === null || orderBy === undefined) return [];
  const entries = Array.isArray(orderBy) ? orderBy : [orderBy];
  const parts: string[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) throw new GraphQlError(`orderBy must be an object @ '${path}'`, node);
    for (const [key, value] of Object.entries(entry)) {
      const relationship = ctx.relationship(object, key);
      if (relationship && isObject(value) && !('order' in value) && !('nulls' in value)) {
        parts.push(...orderSoql(ctx, relationship.target, value, node, path, `${prefix}${key}.`));
        continue;
      }
      const field = ctx.field(object, key, node, `${path}/orderBy/${key}`);
      const spec = isObject(value) ? value : {};
      const order = spec.order === 'DESC' ? 'DESC' : 'ASC';
      const nulls = spec.nulls === 'FIRST' || spec.nulls === 'LAST' ? ` NULLS ${spec.nulls}` : '';
      parts.push(`${prefix}${field.name} ${order}${nulls}`);
    }
  }
  return parts;
}
