/** Rows from SQL back into records as the REST API writes them: attributes, nested parents, typed values. */
import type { OrgField, OrgObject } from '../schema/orgSchema';
import type { Store } from '../store/store';
import { fromSql } from '../store/values';
import type { Subquery } from './parse';
import type { ColumnInfo } from './types';

/** One selected field path and the SQL column that carries it. */
export interface Selector {
  readonly path: string;
  readonly column: string;
  /** The SQL expression that reads the field (through its joins). */
  readonly sql: string;
  readonly field: OrgField;
  readonly relationships: readonly string[];
  readonly objects: readonly OrgObject[];
}

export function relationshipObjects(store: Store, root: OrgObject, relationships: readonly string[]): OrgObject[] {
  const objects: OrgObject[] = [];
  let object = root;
  for (const name of relationships) {
    const reference = [...object.fields.values()].find((field) => field.relationshipName === name)!;
    object = store.object(reference.referenceTo[0]!);
    objects.push(object);
  }
  return objects;
}

export function shapeRecord(
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

export function columnInfo(selectors: readonly Selector[], subqueries: readonly Subquery[]): ColumnInfo[] {
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
