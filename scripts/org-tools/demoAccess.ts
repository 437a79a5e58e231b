/**
 * What the running user may create, asked before org:demo writes anything: the UI API's object
 * info answers, for the user, whether an object is createable and which fields are (a field
 * without field-level security is left out, or not createable). An object the user may not create stops
 * the load before its first write; a field the user may not set is left out of the records, and
 * said so, since a System Administrator does not get field-level security on a deployed package's
 * fields unless a permission set grants it.
 */
import type { Connection } from 'jsforce';
import { SNAPSHOT_COUNTS } from './demoSnapshots';

/** Every field org:demo sets, per object, in the order it creates them. */
export const DEMO_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Account: [
    'Name',
    'Type',
    'Industry',
    'BillingCountry',
    'AnnualRevenue',
    'OwnerId',
    'Strategic_Account__c',
    'Stance_Override__c',
    'Stance_Override_Reason__c',
    'Stance_Override_Until__c',
  ],
  Contact: ['AccountId', 'FirstName', 'LastName', 'Title', 'OwnerId'],
  Opportunity: [
    'AccountId',
    'Name',
    'Amount',
    'StageName',
    'CloseDate',
    'Lost_To_Competitor__c',
    'Value_Levers__c',
    'OwnerId',
  ],
  Stance_Signal__c: [
    'Account__c',
    'Trigger__c',
    'Status__c',
    'Source__c',
    'Detail__c',
    'Acknowledged_At__c',
    'Dismissed_At__c',
    'Dismiss_Reason__c',
    'Detection_Key__c',
    'Competitor__c',
    'Value_Levers__c',
    'Transition_Until__c',
  ],
  // Status only: a real org derives IsClosed and ClosedDate from it.
  Case: ['AccountId', 'Subject', 'Status', 'OwnerId'],
  Market_Signal__c: ['Name', 'Kind__c', 'Effect__c', 'Industry__c', 'Country__c', 'Active_From__c', 'Description__c'],
  Stance_Portfolio_Snapshot__c: [
    'OwnerId',
    'Snapshot_Date__c',
    'Snapshot_Key__c',
    ...SNAPSHOT_COUNTS.map(([field]) => field),
  ],
};

/**
 * Objects the demo loads only when the user may write all of it, else skips with a warning: the
 * portfolio history, whose fields Stance_Admin only reads (the sidecar writes snapshots as the
 * integration user), so in a real org an admin needs edit on them from a permission set of the org's.
 */
export const OPTIONAL_OBJECTS: ReadonlySet<string> = new Set(['Stance_Portfolio_Snapshot__c']);

export interface DemoAccess {
  /** Fields per object the user may not set, left out of the records. */
  readonly leftOut: ReadonlyMap<string, readonly string[]>;
  /** Objects the user may not create: the load stops before writing. */
  readonly refused: readonly string[];
  /** Optional objects (OPTIONAL_OBJECTS) the user may not write in full, with the fields or rights missing. */
  readonly skipped: ReadonlyMap<string, readonly string[]>;
}

export async function demoAccess(conn: Connection): Promise<DemoAccess> {
  const leftOut = new Map<string, string[]>();
  const refused: string[] = [];
  const skipped = new Map<string, string[]>();
  for (const [type, fields] of Object.entries(DEMO_FIELDS)) {
    const optional = OPTIONAL_OBJECTS.has(type);
    let described: {
      createable: boolean;
      updateable: boolean;
      fields: Record<string, { createable: boolean; updateable: boolean }>;
    };
    try {
      described = await conn.request(`/services/data/v${conn.version}/ui-api/object-info/${type}`);
    } catch (error) {
      // An object the user may not read does not exist for them (NOT_FOUND, 403), as one not deployed.
      if (
        ['NOT_FOUND', 'INSUFFICIENT_ACCESS', 'INVALID_TYPE'].includes((error as { errorCode?: string }).errorCode ?? '')
      ) {
        if (optional) skipped.set(type, ['read']);
        else refused.push(type);
        continue;
      }
      throw error;
    }
    if (optional) {
      // Upserted: a re-run updates what the first run created.
      const missing = [
        ...(described.createable ? [] : ['create']),
        ...(described.updateable ? [] : ['edit']),
        ...fields.filter((field) => !described.fields[field]?.createable || !described.fields[field]?.updateable),
      ];
      if (missing.length > 0) skipped.set(type, missing);
      continue;
    }
    if (!described.createable) {
      refused.push(type);
      continue;
    }
    const createable = new Set(
      Object.entries(described.fields)
        .filter(([, field]) => field.createable)
        .map(([name]) => name),
    );
    const missing = fields.filter((field) => !createable.has(field));
    if (missing.length > 0) leftOut.set(type, missing);
  }
  return { leftOut, refused, skipped };
}

/** The records without the fields the user may not set. */
export function withoutLeftOut(
  type: string,
  records: ReadonlyArray<Record<string, unknown>>,
  access: DemoAccess,
): Array<Record<string, unknown>> {
  const missing = access.leftOut.get(type) ?? [];
  return records.map((record) => Object.fromEntries(Object.entries(record).filter(([key]) => !missing.includes(key))));
}
