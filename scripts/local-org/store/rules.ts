/**
 * Salesforce's rules for a record being saved: fields exist and may be written, types convert,
 * references name live records, required fields are set (or defaulted), unique values stay
 * unique, validation rules hold, and fields Salesforce maintains itself are derived.
 */
import type Database from 'better-sqlite3';
import { ApiError, invalidField } from '../errors';
import type { OrgField, OrgObject, OrgSchema } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { quote, tableOf } from './tables';
import { toSql } from './values';
import type { SqlValue } from './values';
import type { ValidationRule } from './writes';

/** Fills fields left out with their defaults, and refuses a create that leaves a required field empty. */
export function defaultAndRequire(object: OrgObject, row: Record<string, SqlValue>): void {
  for (const field of object.fields.values()) {
    if (row[field.name] === undefined && field.defaultValue !== null && !field.calculated)
      row[field.name] = toSql(object, field, field.defaultValue);
  }
  const missing = [...object.fields.values()].filter(
    (field) =>
      !field.nillable &&
      field.createable &&
      !field.defaultedOnCreate &&
      (row[field.name] === undefined || row[field.name] === null),
  );
  if (missing.length > 0) {
    throw new ApiError(
      400,
      'REQUIRED_FIELD_MISSING',
      `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`,
      missing.map((f) => f.name),
    );
  }
}

/** Refuses a save that one of the object's validation rules fails, as Salesforce does. */
export function checkValidationRules(
  rules: readonly ValidationRule[],
  objectName: string,
  record: Readonly<Record<string, unknown>>,
): void {
  for (const rule of rules) {
    if (rule.object.toLowerCase() === objectName.toLowerCase() && rule.failsWhen(record))
      throw new ApiError(400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field ? [rule.field] : []);
  }
}

/** Values checked for the fields' existence, writability and types; references must name a live record. */
export function validated(
  schema: OrgSchema,
  live: (object: OrgObject, id: string) => boolean,
  object: OrgObject,
  values: Readonly<Record<string, unknown>>,
  mode: 'create' | 'update',
): Record<string, SqlValue> {
  const row: Record<string, SqlValue> = {};
  const notWritable: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (name === 'attributes') continue;
    const field = fieldOf(object, name);
    if (!field) throw invalidField(`No such column '${name}' on sobject of type ${object.name}`, [name]);
    if (mode === 'create' ? !field.createable : !field.updateable) {
      notWritable.push(field.name);
      continue;
    }
    row[field.name] = toSql(object, field, value);
    if (field.type === 'reference' && row[field.name] !== null)
      checkReference(schema, live, field, row[field.name] as string);
  }
  if (notWritable.length > 0) {
    throw new ApiError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      notWritable,
    );
  }
  return row;
}

function checkReference(
  schema: OrgSchema,
  live: (object: OrgObject, id: string) => boolean,
  field: OrgField,
  id: string,
): void {
  const target = schema.objectOfId(id);
  if (!target || !field.referenceTo.includes(target.name) || !live(target, id)) {
    throw new ApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
  }
}

/** Refuses a value of a unique field that another live record has. */
export function checkUnique(db: Database.Database, object: OrgObject, row: Record<string, SqlValue>, id: string): void {
  for (const field of object.fields.values()) {
    if (!field.unique || row[field.name] === null || row[field.name] === undefined) continue;
    const clash = db
      .prepare(
        `SELECT "Id" FROM ${quote(tableOf(object))} WHERE ${quote(field.name)} = ? AND "Id" != ? AND "IsDeleted" = 0`,
      )
      .get(row[field.name], id) as { Id: string } | undefined;
    if (clash) {
      throw new ApiError(
        400,
        'DUPLICATE_VALUE',
        `duplicate value found: ${field.name} duplicates value on record with id: ${clash.Id}`,
        [field.name],
      );
    }
  }
}

/**
 * Fields Salesforce maintains itself: a person's Name from FirstName and LastName, and an
 * opportunity's IsClosed and IsWon from its stage, a case's IsClosed and ClosedDate from its status.
 */
export function derive(
  object: OrgObject,
  row: Record<string, SqlValue>,
  existing: Readonly<Record<string, SqlValue>>,
  now: string = new Date().toISOString(),
): Record<string, SqlValue> {
  const nameField = object.fields.get('Name');
  if (
    nameField &&
    !nameField.createable &&
    object.fields.has('LastName') &&
    ('FirstName' in row || 'LastName' in row)
  ) {
    const first = 'FirstName' in row ? row.FirstName : existing.FirstName;
    const last = 'LastName' in row ? row.LastName : existing.LastName;
    row.Name = [first, last].filter((part) => part !== null && part !== undefined && part !== '').join(' ');
  }
  if (object.name === 'Opportunity' && 'StageName' in row) {
    const stage = String(row.StageName ?? '');
    row.IsClosed = stage.startsWith('Closed') ? 1 : 0;
    row.IsWon = stage === 'Closed Won' ? 1 : 0;
  }
  if (object.name === 'Case' && 'Status' in row) {
    const closed = row.Status === 'Closed' ? 1 : 0;
    const wasClosed = existing.IsClosed === 1;
    row.IsClosed = closed;
    if (closed && !wasClosed) row.ClosedDate = now;
    if (!closed) row.ClosedDate = null;
  }
  return row;
}

export function autoNumber(format: string, n: number): string {
  return format.replace(/\{(0+)\}/, (_, zeros: string) => String(n).padStart(zeros.length, '0'));
}
