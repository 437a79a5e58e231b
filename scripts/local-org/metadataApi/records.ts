/**
 * Custom metadata records as the Metadata API sees them (type `CustomMetadata`, fullName
 * `Stance_Rule.Target_Prospect`): read from, and written to, the same tables SOQL reads
 * (`SELECT ... FROM Stance_Rule__mdt`). A record written or deleted through the API is remembered
 * in `_metadata_api_writes`, so the start-up load from force-app (loadCustomMetadata) leaves it as
 * the API left it when the org reopens its SQLite file.
 *
 * Errors are Salesforce's, as `sf project deploy` and the CRUD calls report them (wording collected
 * from real orgs in a public CMDT reference, "CMDT Records — Value Typing, Coercion, and Error
 * Reference": `<Label>: value not of required type: <value>`, `<Type>__mdt: could not find fields:
 * <Field>`, `Custom metadata type <Type>__mdt is not available in this organization.`,
 * `Required fields are missing: [<Field>]`, `<Label>: data value too large: <value> (max
 * length=<n>)`, `<Label>: bad value for restricted picklist field: <value>`).
 */
import type Database from 'better-sqlite3';
import type { ProjectMetadata } from '../../metadata/reader';
import type { OrgField, OrgObject, OrgSchema } from '../schema/orgSchema';
import type { Store } from '../store/store';
import { quote, tableOf } from '../store/tables';
import { toSql } from '../store/values';
import type { SqlValue } from '../store/values';
import type { WriteContext } from '../store/writes';
import { SoapFault } from './soap';
import type { Element } from './soap';

/** A `<values>` entry as sent: its `<value>` text, xsi:type (prefix kept, e.g. `xsd:string`) and xsi:nil. */
export interface ValueIn {
  readonly field: string;
  readonly text: string;
  readonly type: string | undefined;
  readonly nil: boolean;
}

export interface RecordIn {
  readonly fullName: string;
  readonly label: string | undefined;
  readonly description: string | undefined;
  readonly protected: boolean;
  readonly values: readonly ValueIn[];
}

export interface RecordError {
  readonly statusCode: string;
  readonly message: string;
  readonly fields?: readonly string[];
}

/** A record checked and ready to write: its table row (custom fields and labels). */
export interface CheckedRecord {
  readonly object: OrgObject;
  readonly developerName: string;
  readonly row: Readonly<Record<string, SqlValue>>;
}

const WRITES_TABLE = '_metadata_api_writes';

function ensureWritesTable(db: Database.Database): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${WRITES_TABLE} (type TEXT NOT NULL, developer_name TEXT NOT NULL COLLATE NOCASE, deleted INTEGER NOT NULL, PRIMARY KEY (type, developer_name))`,
  );
}

/**
 * The custom metadata records of force-app, loaded at every start, except those the Metadata API
 * wrote or deleted in this database: what the API wrote stays as it was written.
 */
export function loadCustomMetadata(
  store: Store,
  schema: OrgSchema,
  metadata: ProjectMetadata,
  context: WriteContext,
): void {
  const db = store.db;
  ensureWritesTable(db);
  const written = db.prepare(`SELECT 1 FROM ${WRITES_TABLE} WHERE type = ? AND developer_name = ?`);
  for (const object of schema.objects.filter((candidate) => candidate.customMetadata)) {
    db.prepare(
      `DELETE FROM ${quote(tableOf(object))} WHERE "DeveloperName" NOT IN (SELECT developer_name FROM ${WRITES_TABLE} WHERE type = ? AND deleted = 0)`,
    ).run(object.name);
    for (const record of metadata.customMetadata.filter((candidate) => candidate.type === object.name)) {
      if (written.get(object.name, record.developerName)) continue;
      store.insertRaw(
        object.name,
        {
          ...record.values,
          DeveloperName: record.developerName,
          MasterLabel: record.label,
          Label: record.label,
          QualifiedApiName: record.developerName,
          Language: 'en_US',
        },
        context,
      );
    }
  }
}

/** `Stance_Rule.Target_Prospect` → the type's object and the record's DeveloperName. */
export function splitFullName(fullName: string): { typeName: string; developerName: string } {
  const dot = fullName.indexOf('.');
  if (dot <= 0 || dot === fullName.length - 1) {
    // Salesforce's answer to a name without the delimiter (public CustomMetadataLoader issue #42).
    throw new SoapFault(
      'soapenv:Client',
      `Must specify the name in the CustomMetadataType.CustomMetadata format, Current Name: ${fullName}, Required Delimiter: .`,
    );
  }
  return { typeName: `${fullName.slice(0, dot)}__mdt`, developerName: fullName.slice(dot + 1) };
}

const DEVELOPER_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;

export class CustomMetadataStore {
  constructor(
    private readonly store: Store,
    private readonly schema: OrgSchema,
  ) {
    ensureWritesTable(store.db);
  }

  private objectOf(typeName: string): OrgObject | undefined {
    const object = this.schema.object(typeName);
    return object?.customMetadata ? object : undefined;
  }

  private customFields(object: OrgObject): OrgField[] {
    return [...object.fields.values()].filter((field) => field.custom).sort((a, b) => a.name.localeCompare(b.name));
  }

  private rowOf(object: OrgObject, developerName: string): Record<string, SqlValue> | undefined {
    return this.store.db
      .prepare(`SELECT * FROM ${quote(tableOf(object))} WHERE "DeveloperName" = ? COLLATE NOCASE`)
      .get(developerName) as Record<string, SqlValue> | undefined;
  }

  /** A record as readMetadata answers it; one that does not exist answers with no fullName, as Salesforce. */
  read(fullName: string): Element {
    const { typeName, developerName } = splitFullName(fullName);
    const object = this.objectOf(typeName);
    const row = object ? this.rowOf(object, developerName) : undefined;
    if (!object || !row) return { name: 'records', children: [], type: 'CustomMetadata' };
    const children: Element[] = [
      { name: 'fullName', text: `${typeName.replace(/__mdt$/, '')}.${String(row.DeveloperName)}` },
      { name: 'label', text: String(row.MasterLabel ?? '') },
      { name: 'protected', text: 'false' },
      ...this.customFields(object).map((field): Element => {
        const value = row[field.name];
        return {
          name: 'values',
          children: [
            { name: 'field', text: field.name },
            value === null || value === undefined
              ? { name: 'value', nil: true }
              : { name: 'value', ...typedText(field, value) },
          ],
        };
      }),
    ];
    return { name: 'records', children, type: 'CustomMetadata' };
  }

  exists(object: OrgObject, developerName: string): boolean {
    return this.rowOf(object, developerName) !== undefined;
  }

  /** Checks a record as Salesforce does before saving it: its errors, or its row. */
  check(input: RecordIn): { record: CheckedRecord } | { errors: RecordError[] } {
    const { typeName, developerName } = splitFullName(input.fullName);
    const object = this.objectOf(typeName);
    if (!object)
      return error('INVALID_TYPE', `Custom metadata type ${typeName} is not available in this organization.`);
    if (developerName.length > 40)
      return error('STRING_TOO_LONG', 'Value too long for field: fullName maximum length is:40', ['fullName']);
    if (!DEVELOPER_NAME.test(developerName) || developerName.endsWith('_')) {
      return error(
        'INVALID_FIELD',
        `Custom Metadata Record Name: The ${typeName} API Name can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.`,
        ['fullName'],
      );
    }
    const errors: RecordError[] = [];
    const fields = new Map(this.customFields(object).map((field) => [field.name.toLowerCase(), field]));
    const unknown = input.values.filter((value) => !fields.has(value.field.toLowerCase())).map((value) => value.field);
    if (unknown.length > 0)
      errors.push({
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: `${typeName}: could not find fields: ${unknown.join(', ')}`,
        fields: unknown,
      });
    // An upsert replaces the record: a field it does not name is empty afterwards.
    const row: Record<string, SqlValue> = {};
    for (const field of fields.values()) row[field.name] = toSql(object, field, null);
    const refused = new Set<string>();
    for (const value of input.values) {
      const field = fields.get(value.field.toLowerCase());
      if (!field) continue;
      const checked = checkValue(field, value);
      if ('error' in checked) {
        errors.push(checked.error);
        refused.add(field.name);
      } else row[field.name] = toSql(object, field, checked.value);
    }
    const missing: string[] = [];
    if (!input.label?.trim()) missing.push('MasterLabel');
    for (const field of fields.values())
      if (!field.nillable && field.type !== 'boolean' && row[field.name] === null && !refused.has(field.name))
        missing.push(field.name);
    if (missing.length > 0)
      errors.push({
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: `Required fields are missing: [${missing.join(', ')}]`,
        fields: missing,
      });
    if (errors.length > 0) return { errors };
    const existing = this.rowOf(object, developerName);
    const name = existing ? String(existing.DeveloperName) : developerName;
    const label = input.label!.trim();
    return {
      record: {
        object,
        developerName: name,
        row: { ...row, DeveloperName: name, MasterLabel: label, Label: label, QualifiedApiName: name },
      },
    };
  }

  /** Writes a checked record (an insert or a full replacement); true when it was created. */
  write(record: CheckedRecord, context: WriteContext): boolean {
    const { object, developerName, row } = record;
    const existing = this.rowOf(object, developerName);
    const now = new Date(context.now ?? Date.now()).toISOString();
    if (existing) {
      const columns = Object.keys(row);
      this.store.db
        .prepare(
          `UPDATE ${quote(tableOf(object))} SET ${[...columns, 'LastModifiedDate', 'SystemModstamp', 'LastModifiedById']
            .map((column) => `${quote(column)} = ?`)
            .join(', ')} WHERE "Id" = ?`,
        )
        .run(...columns.map((column) => row[column]), now, now, context.userId, existing.Id);
    } else {
      this.store.insertRaw(object.name, { ...fromSqlRow(object, row), Language: 'en_US' }, context);
    }
    this.remember(object, developerName, false);
    return !existing;
  }

  /** Deletes a record; false when there is none. */
  delete(fullName: string): boolean {
    const { typeName, developerName } = splitFullName(fullName);
    const object = this.objectOf(typeName);
    const row = object ? this.rowOf(object, developerName) : undefined;
    if (!object || !row) return false;
    this.store.db.prepare(`DELETE FROM ${quote(tableOf(object))} WHERE "Id" = ?`).run(row.Id);
    this.remember(object, String(row.DeveloperName), true);
    return true;
  }

  private remember(object: OrgObject, developerName: string, deleted: boolean): void {
    this.store.db
      .prepare(
        `INSERT INTO ${WRITES_TABLE} (type, developer_name, deleted) VALUES (?, ?, ?) ON CONFLICT(type, developer_name) DO UPDATE SET deleted = excluded.deleted`,
      )
      .run(object.name, developerName, deleted ? 1 : 0);
  }
}

function error(statusCode: string, message: string, fields?: string[]): { errors: RecordError[] } {
  return { errors: [{ statusCode, message, ...(fields ? { fields } : {}) }] };
}

/** SQL values back to what insertRaw takes (booleans as booleans). */
function fromSqlRow(object: OrgObject, row: Readonly<Record<string, SqlValue>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [
      name,
      object.fields.get(name)?.type === 'boolean' ? value === 1 : value,
    ]),
  );
}

const NUMBER_TYPES = new Set(['double', 'int', 'percent', 'currency']);

/** The xsi:type readMetadata gives a field's value, and its text. */
function typedText(field: OrgField, value: SqlValue): { type: string; text: string } {
  if (field.type === 'boolean') return { type: 'xsd:boolean', text: value === 1 ? 'true' : 'false' };
  if (NUMBER_TYPES.has(field.type)) {
    const number = Number(value);
    return { type: 'xsd:double', text: Number.isInteger(number) ? number.toFixed(1) : String(number) };
  }
  if (field.type === 'date') return { type: 'xsd:date', text: String(value) };
  if (field.type === 'datetime') return { type: 'xsd:dateTime', text: String(value) };
  return { type: 'xsd:string', text: String(value) };
}

/**
 * A value checked against its field as Salesforce checks it: Checkbox and text fields take only
 * their own xsi:type, Number takes xsd:double, xsd:int or a numeric xsd:string, Date and DateTime
 * take either date type. A value its xsi:type cannot parse is a fault of the whole call (the SOAP
 * deserializer's: `'abc' is not valid for the type xsd:double`, faultcode soapenv:Client).
 */
function checkValue(field: OrgField, value: ValueIn): { value: unknown } | { error: RecordError } {
  if (value.nil) return { value: null };
  // Salesforce's answer to a <value> without xsi:type, for every field type, the whole call refused
  // (public CustomMetadataLoader issue #89: "WebService returned a SOAP Fault: Only the following
  // configurations are supported : ..."; the same words `sf project deploy` reports for the file).
  if (!value.type)
    throw new SoapFault(
      'soapenv:Client',
      'Only the following configurations are supported : 1) if the type is mentioned i.g. type="xsi:boolean" 2) With metadata CRUD API with fullName required',
    );
  const type = value.type?.replace(/^[^:]*:/, '') ?? '';
  const text = value.text;
  if (type === 'double' || type === 'int') {
    if (text.trim() === '' || !Number.isFinite(Number(text)))
      throw new SoapFault('soapenv:Client', `'${text}' is not valid for the type xsd:${type}`);
  }
  if (type === 'boolean' && text !== 'true' && text !== 'false')
    throw new SoapFault('soapenv:Client', `'${text}' is not valid for the type xsd:boolean`);
  const notOfType = (): { error: RecordError } => ({
    error: {
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: `${field.label}: value not of required type: ${text}`,
      fields: [field.name],
    },
  });
  if (field.type === 'boolean') return type === 'boolean' ? { value: text === 'true' } : notOfType();
  if (NUMBER_TYPES.has(field.type)) {
    const numeric = type === 'double' || type === 'int' || (type === 'string' && Number.isFinite(Number(text)));
    return numeric && text.trim() !== '' ? { value: Number(text) } : notOfType();
  }
  if (field.type === 'date' || field.type === 'datetime')
    return type === 'date' || type === 'dateTime' ? { value: text } : notOfType();
  if (type !== 'string') return notOfType();
  if (field.length > 0 && text.length > field.length)
    return {
      error: {
        statusCode: 'STRING_TOO_LONG',
        message: `${field.label}: data value too large: ${text} (max length=${field.length})`,
        fields: [field.name],
      },
    };
  if (
    field.type === 'picklist' &&
    field.restrictedPicklist &&
    !field.picklistValues.some((entry) => entry.value === text)
  )
    return {
      error: {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `${field.label}: bad value for restricted picklist field: ${text}`,
        fields: [field.name],
      },
    };
  return { value: text };
}
