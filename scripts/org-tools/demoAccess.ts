/**
 * What the running user may create, asked before org:demo writes anything: the UI API's object
 * info answers, for the user, whether an object is createable and which fields are (a field
 * without field-level security is left out, or not createable). An object the user may not create stops
 * the load before its first write; a field the user may not set is left out of the records, and
 * said so, since a System Administrator does not get field-level security on a deployed package's
 * fields unless a permission set grants it.
 */
import type { Connection } from 'jsforce';

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
  Opportunity: ['AccountId', 'Name', 'Amount', 'StageName', 'CloseDate', 'Lost_To_Competitor__c', 'OwnerId'],
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
  ],
  Market_Signal__c: ['Name', 'Kind__c', 'Effect__c', 'Industry__c', 'Country__c', 'Active_From__c', 'Description__c'],
};

export interface DemoAccess {
  /** Fields per object the user may not set, left out of the records. */
  readonly leftOut: ReadonlyMap<string, readonly string[]>;
  /** Objects the user may not create: the load stops before writing. */
  readonly refused: readonly string[];
}

export async function demoAccess(conn: Connection): Promise<DemoAccess> {
  const leftOut = new Map<string, string[]>();
  const refused: string[] = [];
  for (const [type, fields] of Object.entries(DEMO_FIELDS)) {
    let described: { createable: boolean; fields: Record<string, { createable: boolean }> };
    try {
      described = await conn.request(`/services/data/v${conn.version}/ui-api/object-info/${type}`);
    } catch (error) {
      // An object the user may not read does not exist for them (NOT_FOUND, 403), as one not deployed.
      if (
        ['NOT_FOUND', 'INSUFFICIENT_ACCESS', 'INVALID_TYPE'].includes((error as { errorCode?: string }).errorCode ?? '')
      ) {
        refused.push(type);
        continue;
      }
      throw error;
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
  return { leftOut, refused };
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
