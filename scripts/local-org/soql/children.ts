/**
 * Child relationship subqueries (SELECT Id, (SELECT Name FROM Contacts) FROM Account): the
 * children of a slice of parents come from one query through the same runner, then are grouped.
 */
import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import { invalidField } from '../errors';
import type { OrgObject } from '../schema/orgSchema';
import type { Store } from '../store/store';
import type { Subquery } from './parse';
import type { QueryOptions, QueryResult } from './types';

/** The query runner, passed in so this module does not import the one that imports it. */
export type RunQuery = (store: Store, soql: string, options: QueryOptions) => QueryResult;

/** A link of the parser's WHERE chain, read loosely to print it back. */
type ChainLink = {
  left?: {
    field?: string;
    fn?: { rawValue?: string };
    operator?: string;
    value?: string | string[];
    openParen?: number;
    closeParen?: number;
  } | null;
  operator?: string;
  right?: WhereClause;
};

export function attachChildren(
  run: RunQuery,
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
  const readable =
    relationship && (store.access?.(options.userId).canRead(store.object(relationship.childSObject)) ?? true);
  if (!relationship || !readable) {
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
    for (const child of run(store, soql, options).records) {
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
function whereText(where: WhereClause): string {
  const parts: string[] = [];
  const walk = (clause: WhereClause | undefined): void => {
    if (!clause) return;
    const node = clause as ChainLink;
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
