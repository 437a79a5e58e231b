/**
 * `uiapi { aggregate { Object(where, groupBy, orderBy, first, after) { edges { node { aggregate {
 * Field { value displayValue }  Id { count { value } }  Amount { sum { value } } } } } } } }`: one
 * SOQL aggregate query as the signed-in user (sharing and field-level security apply). A field's
 * `value` needs it in groupBy; `count`, `countDistinct`, `sum`, `avg`, `min`, `max` aggregate it.
 */
import type { FieldNode } from 'graphql';
import type { OrgField } from '../../schema/orgSchema';
import { runQuery } from '../../soql/query';
import { GraphQlError, keyOf, undefinedField } from './context';
import type { GqlContext } from './context';
import { whereSoql } from './filters';
import { firstOf, offsetOf, pageInfo } from './records';
import { displayValueOf, valueOf } from './values';

const FUNCTIONS: Record<string, string> = {
  count: 'COUNT',
  countDistinct: 'COUNT_DISTINCT',
  sum: 'SUM',
  avg: 'AVG',
  min: 'MIN',
  max: 'MAX',
};

type Shape = (row: Record<string, unknown>) => unknown;

export function aggregateConnection(ctx: GqlContext, node: FieldNode, path: string): Record<string, unknown> {
  const object = ctx.object(node.name.value, node, 'RecordAggregate', path);
  const args = ctx.args(node, ['where', 'groupBy', 'orderBy', 'first', 'after'], path);
  const first = firstOf(args.first, node, path);
  const offset = offsetOf(args.after, node, path);
  const where = whereSoql(ctx, object, args.where, node, path);

  const groups: OrgField[] = [];
  if (args.groupBy !== null && args.groupBy !== undefined) {
    if (typeof args.groupBy !== 'object') throw new GraphQlError(`groupBy must be an object @ '${path}'`, node);
    for (const [name, spec] of Object.entries(args.groupBy as Record<string, unknown>)) {
      const field = ctx.field(object, name, node, `${path}/groupBy/${name}`);
      if ((spec as { group?: unknown } | null)?.group !== true)
        throw new GraphQlError(`groupBy: ${name} needs { group: true } @ '${path}'`, node);
      if (!field.groupable)
        throw new GraphQlError(`groupBy: field '${field.name}' can not be grouped @ '${path}/groupBy/${name}'`, node);
      groups.push(field);
    }
  }

  // The columns: grouped fields first (g0..), then each aggregate asked for (a0..).
  const columns: string[] = groups.map((field, index) => `${field.name} g${index}`);
  const aggregateShapes = new Map<FieldNode, Shape>();
  const parts = ctx.fields(node.selectionSet);
  const aggregateNodes = parts
    .filter((part) => part.name.value === 'edges')
    .flatMap((edges) => ctx.fields(edges.selectionSet).filter((part) => part.name.value === 'node'))
    .flatMap((nodePart) => ctx.fields(nodePart.selectionSet).filter((part) => part.name.value === 'aggregate'));
  for (const aggregate of aggregateNodes) {
    const steps: Array<[string, Shape]> = [];
    for (const part of ctx.fields(aggregate.selectionSet)) {
      const at = `${path}/edges/node/aggregate/${part.name.value}`;
      if (part.name.value === '__typename') {
        steps.push([keyOf(part), () => `${object.name}_AggregateResult`]);
        continue;
      }
      const field = ctx.field(object, part.name.value, part, at);
      steps.push([keyOf(part), fieldShape(ctx, part, field, groups, columns, at)]);
    }
    aggregateShapes.set(aggregate, (row) => Object.fromEntries(steps.map(([key, shape]) => [key, shape(row)])));
  }
  if (columns.length === 0)
    throw new GraphQlError(`${object.name}: select a grouped field or an aggregate @ '${path}'`, node);

  const soql = `SELECT ${columns.join(', ')} FROM ${object.name}${where ? ` WHERE ${where}` : ''}${
    groups.length ? ` GROUP BY ${groups.map((field) => field.name).join(', ')}` : ''
  }${orderOf(args.orderBy, groups, node, path)}`;
  const options = { apiVersion: ctx.call.apiVersion, userId: ctx.call.session.userId, now: ctx.org.clock() };
  const all = runQuery(ctx.org.store, soql, options).records;
  const rows = all.slice(offset, offset + first);
  const cursors = rows.map((_row, index) => Buffer.from(`v1:${offset + index}`).toString('base64'));

  const out: Record<string, unknown> = {};
  for (const part of parts) {
    const key = keyOf(part);
    if (part.name.value === 'totalCount') out[key] = all.length;
    else if (part.name.value === '__typename') out[key] = `${object.name}_AggregateConnection`;
    else if (part.name.value === 'pageInfo')
      out[key] = pageInfo(ctx, part, cursors, offset + first < all.length, offset > 0, path);
    else if (part.name.value === 'edges')
      out[key] = rows.map((row, index) => edgeOf(ctx, part, row, cursors[index]!, aggregateShapes));
    else
      throw undefinedField(part.name.value, `${object.name}_AggregateConnection`, `${path}/${part.name.value}`, part);
  }
  return out;
}

/** How one field of the aggregate node answers: its grouped value, and the aggregates asked of it. */
function fieldShape(
  ctx: GqlContext,
  node: FieldNode,
  field: OrgField,
  groups: readonly OrgField[],
  columns: string[],
  path: string,
): Shape {
  const steps: Array<[string, Shape]> = [];
  for (const part of ctx.fields(node.selectionSet)) {
    const name = part.name.value;
    const key = keyOf(part);
    if (name === 'value' || name === 'displayValue') {
      const group = groups.indexOf(field);
      if (group < 0)
        throw new GraphQlError(
          `${field.name} { ${name} } needs ${field.name} in groupBy (or an aggregate such as count) @ '${path}'`,
          part,
        );
      steps.push([
        key,
        (row) =>
          name === 'value' ? valueOf(field, row[`g${group}`]) : displayValueOf(field, row[`g${group}`], ctx.display),
      ]);
    } else if (name in FUNCTIONS) {
      const column = `a${columns.length}`;
      columns.push(`${FUNCTIONS[name]}(${field.name}) ${column}`);
      const inner = ctx.fields(part.selectionSet);
      steps.push([
        key,
        (row) =>
          Object.fromEntries(
            inner.map((leaf) => {
              const value = row[column] ?? null;
              if (leaf.name.value === 'value')
                return [keyOf(leaf), name === 'min' || name === 'max' ? valueOf(field, value) : value];
              if (leaf.name.value === 'displayValue')
                return [keyOf(leaf), name.startsWith('count') ? null : displayValueOf(field, value, ctx.display)];
              if (leaf.name.value === '__typename') return [keyOf(leaf), 'AggregateValue'];
              throw undefinedField(leaf.name.value, 'AggregateValue', `${path}/${name}/${leaf.name.value}`, leaf);
            }),
          ),
      ]);
    } else if (name === '__typename') {
      steps.push([key, () => 'AggregateField']);
    } else {
      throw undefinedField(name, 'AggregateField', `${path}/${name}`, part);
    }
  }
  return (row) => Object.fromEntries(steps.map(([key, shape]) => [key, shape(row)]));
}

/** ORDER BY of an aggregate: grouped fields only here (ordering by an aggregate is refused, not ignored). */
function orderOf(orderBy: unknown, groups: readonly OrgField[], node: FieldNode, path: string): string {
  if (!orderBy || typeof orderBy !== 'object') return '';
  const parts = Object.entries(orderBy as Record<string, { order?: string }>).map(([name, spec]) => {
    const field = groups.find((group) => group.name === name);
    if (!field)
      throw new GraphQlError(
        `orderBy: ${name} is not in groupBy (the local org orders aggregates by grouped fields) @ '${path}'`,
        node,
      );
    return `${field.name} ${spec?.order === 'DESC' ? 'DESC' : 'ASC'}`;
  });
  return parts.length ? ` ORDER BY ${parts.join(', ')}` : '';
}

function edgeOf(
  ctx: GqlContext,
  edges: FieldNode,
  row: Record<string, unknown>,
  cursor: string,
  shapes: ReadonlyMap<FieldNode, Shape>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of ctx.fields(edges.selectionSet)) {
    const key = keyOf(part);
    if (part.name.value === 'cursor') out[key] = cursor;
    else if (part.name.value === '__typename') out[key] = 'AggregateEdge';
    else if (part.name.value === 'node') {
      const node: Record<string, unknown> = {};
      for (const inner of ctx.fields(part.selectionSet)) {
        if (inner.name.value === 'aggregate') node[keyOf(inner)] = shapes.get(inner)!(row);
        else if (inner.name.value === '__typename') node[keyOf(inner)] = 'RecordResult';
        else throw undefinedField(inner.name.value, 'RecordResult', `edges/node/${inner.name.value}`, inner);
      }
      out[key] = node;
    } else throw undefinedField(part.name.value, 'AggregateEdge', `edges/${part.name.value}`, part);
  }
  return out;
}
