/**
 * The SOQL the sidecar sends, built from the fields the engine reads (SNAPSHOT_FIELDS), so a new
 * fact in the engine is read without touching the queries. Flat queries only: Bulk API 2.0
 * takes no subqueries, and one query per object pages well at any size.
 */
import { SNAPSHOT_FIELDS, WRITTEN_FIELDS } from '../domain';
import type { FieldKind } from '../domain';
import type { MirroredObject } from '../store/mirror';

/** Read beside the engine's fields: full names split as change events carry them, the reporter's name. */
const EXTRA_FIELDS: Partial<Record<MirroredObject, readonly string[]>> = {
  Contact: ['FirstName', 'LastName'],
  Stance_Signal__c: ['CreatedById', 'CreatedBy.Name'],
};

/** What the sidecar last wrote on an account, read once at the initial load to skip equal writes. */
export const WRITTEN_ACCOUNT_FIELDS: readonly string[] = WRITTEN_FIELDS.filter((use) => use.object === 'Account').map(
  (use) => use.field,
);

const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

export function selectedFields(object: MirroredObject, options: { withWritten?: boolean } = {}): string[] {
  const fields = SNAPSHOT_FIELDS.filter((use) => use.object === object).map((use) => use.field);
  const written = options.withWritten && object === 'Account' ? WRITTEN_ACCOUNT_FIELDS : [];
  return [...new Set([...fields, ...(EXTRA_FIELDS[object] ?? []), ...written, 'SystemModstamp'])];
}

/** The kind of every selected field, so Bulk API CSV values come back typed. */
export function fieldKinds(object: MirroredObject): Record<string, FieldKind> {
  const kinds: Record<string, FieldKind> = { SystemModstamp: 'datetime', IsDeleted: 'boolean' };
  for (const use of [...SNAPSHOT_FIELDS, ...WRITTEN_FIELDS]) if (use.object === object) kinds[use.field] = use.kind;
  return kinds;
}

export function readAllQuery(object: MirroredObject, options: { withWritten?: boolean } = {}): string {
  return `SELECT ${selectedFields(object, options).join(', ')} FROM ${object}`;
}

/** Everything changed (or deleted, with queryAll) at or after a SystemModstamp. */
export function changedSinceQuery(object: MirroredObject, stamp: string): string {
  return `SELECT ${selectedFields(object).join(', ')}, IsDeleted FROM ${object} WHERE SystemModstamp >= ${soqlDateTime(stamp)} ORDER BY SystemModstamp`;
}

export function byIdsQuery(object: MirroredObject, ids: readonly string[]): string {
  const bad = ids.find((id) => !ID.test(id));
  if (bad !== undefined) throw new Error(`not a Salesforce id: ${JSON.stringify(bad)}`);
  return `SELECT ${selectedFields(object).join(', ')} FROM ${object} WHERE Id IN (${ids.map((id) => `'${id}'`).join(', ')})`;
}

/** A SOQL datetime literal, to the second (rounded down, so a boundary record is read again, not missed). */
export function soqlDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new Error(`not a date-time: ${JSON.stringify(iso)}`);
  return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
