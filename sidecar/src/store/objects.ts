/**
 * The objects the mirror holds and the one shape their records are kept in, whether they came
 * from a query (relationship values nested) or a change event (compound fields, no header).
 */
import { SNAPSHOT_FIELDS } from '../domain';

export const MIRRORED_OBJECTS = [
  'Account',
  'Contact',
  'Opportunity',
  'Case',
  'Stance_Signal__c',
  'Market_Signal__c',
] as const;
export type MirroredObject = (typeof MIRRORED_OBJECTS)[number];

export type SfRecord = Readonly<Record<string, unknown>>;

/** The field of each object that names its account. */
export const ACCOUNT_LINK: Readonly<Record<MirroredObject, string | null>> = {
  Account: 'Id',
  Contact: 'AccountId',
  Opportunity: 'AccountId',
  Case: 'AccountId',
  Stance_Signal__c: 'Account__c',
  Market_Signal__c: null,
};

/** Datetime fields, kept in one form (2026-06-15T12:00:00.000Z): REST and change events write them differently. */
const DATETIME_FIELDS = new Set(SNAPSHOT_FIELDS.filter((use) => use.kind === 'datetime').map((use) => use.field));

const FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  MIRRORED_OBJECTS.map((object) => [
    object,
    SNAPSHOT_FIELDS.filter((use) => use.object === object).map((use) => use.field),
  ]),
);

/** Compound fields of change events, flattened to the fields a query returns. */
const ADDRESS_PARTS: Record<string, string> = {
  Street: 'Street',
  City: 'City',
  State: 'State',
  PostalCode: 'PostalCode',
  Country: 'Country',
};

export function accountIdOf(object: MirroredObject, record: SfRecord): string | null {
  const link = ACCOUNT_LINK[object];
  const value = link ? record[link] : null;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** BillingAddress: {Country} -> BillingCountry; Name: {FirstName, LastName} -> FirstName, LastName. */
export function flatten(fields: SfRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'ChangeEventHeader') continue;
    if (name.endsWith('Address') && value && typeof value === 'object') {
      const prefix = name.replace(/Address$/, '');
      for (const [part, partValue] of Object.entries(value as Record<string, unknown>)) {
        if (ADDRESS_PARTS[part]) out[`${prefix}${ADDRESS_PARTS[part]}`] = partValue;
      }
    } else if (name === 'Name' && value && typeof value === 'object') {
      Object.assign(out, value);
    } else {
      out[name] = value;
    }
  }
  return out;
}

function canonicalDateTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** Keeps the fields the engine reads (and CreatedBy.Name as CreatedByName). */
export function pick(object: MirroredObject, record: SfRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS[object] ?? []) {
    const value = record[field];
    if (value === undefined) continue;
    out[field] = DATETIME_FIELDS.has(field) && typeof value === 'string' ? canonicalDateTime(value) : value;
  }
  if (object === 'Contact') {
    for (const field of ['FirstName', 'LastName']) if (record[field] !== undefined) out[field] = record[field];
  }
  const createdBy = record.CreatedBy as { Name?: string } | null | undefined;
  if (createdBy?.Name !== undefined) out.CreatedByName = createdBy.Name;
  else if (record.CreatedByName !== undefined) out.CreatedByName = record.CreatedByName;
  return out;
}

/** A change event's fields over the record they change; a contact's full name rebuilt from its parts. */
export function merge(previous: SfRecord, changed: SfRecord, nulledFields: readonly string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...previous, ...flatten(changed) };
  for (const field of nulledFields) merged[field] = null;
  if (merged.FirstName !== undefined || merged.LastName !== undefined) {
    merged.Name = [merged.FirstName, merged.LastName]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(' ');
  }
  return merged;
}
