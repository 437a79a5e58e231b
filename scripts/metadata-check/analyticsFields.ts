/**
 * What a report type's tables and columns stand for: the object behind each table (the base
 * object, then each child relationship joined), and the field behind each column, which may be a
 * lookup named by its relationship (`Owner`) or a path through lookups (`Account.Stance__c`).
 */
import type { ReportTypeMeta } from '../metadata/analytics';
import type { ProjectMetadata } from '../metadata/reader';
import { STANDARD_OBJECTS, systemFields } from '../metadata/standardObjects';
import { list } from './report';
import type { FieldFacts, Schema } from './schema';

/** A resolved column: the object it ends on and the field's facts (a lookup resolves to its Id field). */
export interface ResolvedField {
  readonly object: string;
  readonly facts: FieldFacts;
}

/** The object a child relationship of `parent` leads to, or undefined when there is none by that name. */
export function childObject(metadata: ProjectMetadata, parent: string, relationship: string): string | undefined {
  const standard = STANDARD_OBJECTS[parent]?.childRelationships.find((c) => c.relationshipName === relationship);
  if (standard) return standard.childObject;
  for (const object of metadata.objects.values()) {
    for (const field of object.fields.values()) {
      if (field.referenceTo === parent && `${field.relationshipName}__r` === relationship) return object.apiName;
    }
  }
  return undefined;
}

/** Each table of a report type and its object; a join that leads nowhere is in `problems`. */
export function reportTypeTables(
  metadata: ProjectMetadata,
  type: ReportTypeMeta,
): { tables: Map<string, string>; problems: string[] } {
  const tables = new Map<string, string>([[type.baseObject, type.baseObject]]);
  const problems: string[] = [];
  for (const join of type.joins) {
    const parent = tables.get(join.from);
    if (!parent) continue;
    const child = childObject(metadata, parent, join.relationship);
    if (child) tables.set(`${join.from}.${join.relationship}`, child);
    else problems.push(`join: ${join.relationship} is not a child relationship of ${parent}`);
  }
  return { tables, problems };
}

/** A lookup on `object` by its relationship name (Owner, Account, CreatedBy) or its custom field name (Account__c). */
function lookup(schema: Schema, object: string, name: string): { target: string; idField: string } | undefined {
  const standard = [...(STANDARD_OBJECTS[object]?.fields ?? []), ...systemFields()].find(
    (field) => field.relationshipName === name && field.referenceTo,
  );
  if (standard && schema.field(object, standard.name)) return { target: standard.referenceTo!, idField: standard.name };
  const custom = [...(schema.metadata.objects.get(object)?.fields.values() ?? [])].find(
    (field) => field.referenceTo && (field.apiName === name || `${field.relationshipName}__r` === name),
  );
  return custom ? { target: custom.referenceTo!, idField: custom.apiName } : undefined;
}

/** Resolves a column's field path on `object`; a string says what does not exist, and where. */
export function resolveFieldPath(schema: Schema, object: string, path: string): ResolvedField | string {
  const segments = path.split('.');
  let current = object;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const step = lookup(schema, current, segment);
    if (last) {
      const facts = schema.field(current, segment) ?? (step ? schema.field(current, step.idField) : undefined);
      return facts ? { object: current, facts } : `${segment} is not a field of ${current}`;
    }
    if (!step) return `${segment} is not a lookup of ${current}`;
    current = step.target;
    if (!schema.hasObject(current)) return `${segment} leads to ${current}, an object the package does not know`;
  }
  return `an empty field`;
}

/** A picklist's values, including those of the global value set it uses. */
export function picklistValues(metadata: ProjectMetadata, facts: FieldFacts): readonly string[] | undefined {
  if (facts.picklistValues) return facts.picklistValues;
  const valueSet = facts.custom?.xml.valueSet as Record<string, unknown> | undefined;
  const name = valueSet?.valueSetName;
  if (!name) return undefined;
  const file = metadata.files.find(
    (candidate) =>
      candidate.kind === 'globalValueSet' && candidate.file.endsWith(`${String(name)}.globalValueSet-meta.xml`),
  );
  if (!file) return undefined;
  return list<Record<string, unknown>>(file.xml.customValue).map((value) => String(value.fullName));
}
