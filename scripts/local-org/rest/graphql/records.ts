/**
 * `uiapi { query { Object(where, orderBy, first, after) { edges { cursor node {...} } totalCount
 * pageInfo {...} } } }`: one SOQL query as the signed-in user (sharing and field-level security
 * apply), its records shaped as record nodes: `Id` plain, fields as `{ value displayValue }`,
 * parents through their relationship (`Owner { Name { value } }`, null when there is none or the
 * user may not read it).
 */
import type { FieldNode } from 'graphql';
import type { OrgObject } from '../../schema/orgSchema';
import { runQuery, streamQuery } from '../../soql/query';
import { GraphQlError, keyOf, undefinedField } from './context';
import type { GqlContext } from './context';
import { orderSoql, whereSoql } from './filters';
import { fieldValue } from './values';

export const MAX_FIRST = 2000;
const DEFAULT_FIRST = 10;

/** A node's selection: SOQL paths to select and how to shape a SOQL record into the node. */
interface NodePlan {
  readonly paths: Set<string>;
  shape(record: Record<string, unknown> | null): Record<string, unknown> | null;
}

function planNode(ctx: GqlContext, object: OrgObject, node: FieldNode, path: string, prefix = ''): NodePlan {
  const paths = new Set<string>([`${prefix}Id`]);
  const steps: Array<(record: Record<string, unknown>, out: Record<string, unknown>) => void> = [];
  for (const part of ctx.fields(node.selectionSet)) {
    const name = part.name.value;
    const key = keyOf(part);
    const at = `${path}/${name}`;
    if (name === '__typename') steps.push((_record, out) => (out[key] = object.name));
    else if (name === 'Id' && !part.selectionSet) steps.push((record, out) => (out[key] = record.Id ?? null));
    else if (object.fields.has(name) && !ctx.relationship(object, name)) {
      const field = ctx.field(object, name, part, at);
      paths.add(`${prefix}${field.name}`);
      steps.push((record, out) => (out[key] = fieldValue(ctx, part, field, record[field.name], at)));
    } else {
      const relationship = ctx.relationship(object, name);
      if (!relationship) throw undefinedField(name, object.name, at, part);
      if (!part.selectionSet) throw new GraphQlError(`Sub selection required for ${name} @ '${at}'`, part);
      const parent = planNode(ctx, relationship.target, part, at, `${prefix}${name}.`);
      for (const parentPath of parent.paths) paths.add(parentPath);
      steps.push((record, out) => (out[key] = parent.shape((record[name] as Record<string, unknown> | null) ?? null)));
    }
  }
  return {
    paths,
    shape(record) {
      if (!record) return null;
      const out: Record<string, unknown> = {};
      for (const step of steps) step(record, out);
      return out;
    },
  };
}

const cursorOf = (index: number): string => Buffer.from(`v1:${index}`).toString('base64');

export function offsetOf(after: unknown, node: FieldNode, path: string): number {
  if (after === null || after === undefined) return 0;
  const match = /^v1:(\d+)$/.exec(Buffer.from(String(after), 'base64').toString('utf8'));
  if (!match) throw new GraphQlError(`after: ${String(after)} is not a cursor of this query @ '${path}'`, node);
  return Number(match[1]) + 1;
}

export function firstOf(first: unknown, node: FieldNode, path: string): number {
  if (first === null || first === undefined) return DEFAULT_FIRST;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > MAX_FIRST)
    throw new GraphQlError(`first must be an integer from 0 to ${MAX_FIRST} @ '${path}'`, node);
  return first;
}

/** One `Object(...)` field of `uiapi.query`: its connection. */
export function recordConnection(ctx: GqlContext, node: FieldNode, path: string): Record<string, unknown> {
  const object = ctx.object(node.name.value, node, 'RecordQuery', path);
  const args = ctx.args(node, ['where', 'orderBy', 'first', 'after'], path);
  const first = firstOf(args.first, node, path);
  const offset = offsetOf(args.after, node, path);
  const where = whereSoql(ctx, object, args.where, node, path);
  const order = orderSoql(ctx, object, args.orderBy, node, path);
  const whereClause = where ? ` WHERE ${where}` : '';
  const options = { apiVersion: ctx.call.apiVersion, userId: ctx.call.session.userId, now: ctx.org.clock() };

  const parts = ctx.fields(node.selectionSet);
  const edgesNodes = parts.filter((part) => part.name.value === 'edges');
  const nodeParts = edgesNodes.flatMap((edges) =>
    ctx.fields(edges.selectionSet).filter((e) => e.name.value === 'node'),
  );
  const plans = nodeParts.map((part) => ({ part, plan: planNode(ctx, object, part, `${path}/edges/node`) }));
  const paths = new Set(['Id', ...plans.flatMap(({ plan }) => [...plan.paths])]);
  const soql = `SELECT ${[...paths].join(', ')} FROM ${object.name}${whereClause}${order.length ? ` ORDER BY ${order.join(', ')}` : ''}`;

  const records: Array<Record<string, unknown>> = [];
  let hasNextPage = false;
  let index = 0;
  for (const record of streamQuery(ctx.org.store, soql, options).records) {
    if (index++ < offset) continue;
    if (records.length === first) {
      hasNextPage = true;
      break;
    }
    records.push(record);
  }
  const cursors = records.map((_record, position) => cursorOf(offset + position));
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    const key = keyOf(part);
    switch (part.name.value) {
      case '__typename':
        out[key] = `${object.name}Connection`;
        break;
      case 'totalCount':
        out[key] = runQuery(ctx.org.store, `SELECT COUNT() FROM ${object.name}${whereClause}`, options).totalSize;
        break;
      case 'pageInfo':
        out[key] = pageInfo(ctx, part, cursors, hasNextPage, offset > 0, path);
        break;
      case 'edges':
        out[key] = records.map((record, position) => edge(ctx, part, object, record, cursors[position]!, plans));
        break;
      default:
        throw undefinedField(part.name.value, `${object.name}Connection`, `${path}/${part.name.value}`, part);
    }
  }
  return out;
}

function edge(
  ctx: GqlContext,
  edges: FieldNode,
  object: OrgObject,
  record: Record<string, unknown>,
  cursor: string,
  plans: ReadonlyArray<{ part: FieldNode; plan: NodePlan }>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of ctx.fields(edges.selectionSet)) {
    const key = keyOf(part);
    if (part.name.value === 'node') out[key] = plans.find((entry) => entry.part === part)!.plan.shape(record);
    else if (part.name.value === 'cursor') out[key] = cursor;
    else if (part.name.value === '__typename') out[key] = `${object.name}Edge`;
    else throw undefinedField(part.name.value, `${object.name}Edge`, `edges/${part.name.value}`, part);
  }
  return out;
}

export function pageInfo(
  ctx: GqlContext,
  node: FieldNode,
  cursors: readonly string[],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  path: string,
): Record<string, unknown> {
  const values: Record<string, unknown> = {
    hasNextPage,
    hasPreviousPage,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
    __typename: 'PageInfo',
  };
  const out: Record<string, unknown> = {};
  for (const part of ctx.fields(node.selectionSet)) {
    if (!(part.name.value in values))
      throw undefinedField(part.name.value, 'PageInfo', `${path}/pageInfo/${part.name.value}`, part);
    out[keyOf(part)] = values[part.name.value];
  }
  return out;
}
