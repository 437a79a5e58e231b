/**
 * Change events as Salesforce's Change Data Capture sends them: grouped per transaction (one
 * event with several recordIds when records changed the same way), with the ChangeEventHeader
 * and only the changed fields; compound address and name fields nested as in the real payloads.
 */
import type { OrgObject, OrgSchema } from '../schema/orgSchema';
import type { RecordChange, TransactionResult } from '../store/writes';

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: string;
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  changedFields: string[];
  nulledFields: string[];
  diffFields: string[];
}

export interface ChangeEventPayload {
  ChangeEventHeader: ChangeEventHeader;
  [field: string]: unknown;
}

export interface ChangeEvent {
  readonly channel: string;
  readonly payload: ChangeEventPayload;
}

/** /data/AccountChangeEvent, /data/Stance_Signal__ChangeEvent */
export function channelOf(entity: string): string {
  return `/data/${entity.endsWith('__c') ? entity.replace(/__c$/, '__ChangeEvent') : `${entity}ChangeEvent`}`;
}

/** Fields a change event nests in a compound: field → [compound, component]. */
export const COMPOUNDS: Readonly<Record<string, Readonly<Record<string, readonly [string, string]>>>> = {
  Account: {
    BillingStreet: ['BillingAddress', 'Street'],
    BillingCity: ['BillingAddress', 'City'],
    BillingState: ['BillingAddress', 'State'],
    BillingPostalCode: ['BillingAddress', 'PostalCode'],
    BillingCountry: ['BillingAddress', 'Country'],
  },
  Contact: { FirstName: ['Name', 'FirstName'], LastName: ['Name', 'LastName'] },
  User: { FirstName: ['Name', 'FirstName'], LastName: ['Name', 'LastName'] },
};

function payloadFields(object: OrgObject, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const compounds = COMPOUNDS[object.name] ?? {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'Name' && compounds.FirstName) continue;
    const compound = compounds[name];
    if (compound) {
      const [parent, child] = compound;
      out[parent] = { ...((out[parent] as Record<string, unknown>) ?? {}), [child]: value };
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** Builds the events of one committed transaction, for the entities that have change events enabled. */
export function eventsOf(
  result: TransactionResult<unknown>,
  schema: OrgSchema,
  enabled: ReadonlySet<string>,
  nextCommitNumber: () => number,
): ChangeEvent[] {
  const groups = new Map<string, { change: RecordChange; recordIds: string[] }>();
  for (const change of result.changes) {
    if (!enabled.has(change.entity)) continue;
    // CREATE and UNDELETE carry each record's own values; updates and deletes that are alike share one event.
    const key =
      change.changeType === 'UPDATE' || change.changeType === 'DELETE'
        ? `${change.entity}|${change.changeType}|${JSON.stringify(change.fields)}|${change.nulledFields.join(',')}`
        : `${change.entity}|${change.changeType}|${change.recordId}`;
    const group = groups.get(key);
    if (group) group.recordIds.push(change.recordId);
    else groups.set(key, { change, recordIds: [change.recordId] });
  }
  const client = result.context.client;
  const origin = `com/salesforce/api/rest/${result.context.apiVersion}${client ? `;client=${client}` : ''}`;
  const commitNumber = groups.size > 0 ? nextCommitNumber() : 0;
  let sequence = 0;
  return [...groups.values()].map(({ change, recordIds }) => {
    const object = schema.object(change.entity)!;
    const fields = payloadFields(object, change.fields);
    const header: ChangeEventHeader = {
      entityName: change.entity,
      recordIds,
      changeType: change.changeType,
      changeOrigin: origin,
      transactionKey: result.transactionKey,
      sequenceNumber: ++sequence,
      commitTimestamp: result.commitTimestamp,
      commitNumber,
      commitUser: result.context.userId,
      changedFields: change.changeType === 'UPDATE' ? Object.keys(fields) : [],
      nulledFields: [...change.nulledFields],
      diffFields: [],
    };
    return {
      channel: channelOf(change.entity),
      payload: { ChangeEventHeader: header, ...(change.changeType === 'DELETE' ? {} : fields) },
    };
  });
}

/** A GAP_* or GAP_OVERFLOW event: only the header (and for GAP_*, the record ids). */
export function gapEvent(
  entity: string,
  changeType: string,
  recordIds: string[],
  commitNumber: number,
  userId: string,
): ChangeEvent {
  return {
    channel: channelOf(entity),
    payload: {
      ChangeEventHeader: {
        entityName: entity,
        recordIds,
        changeType,
        changeOrigin: '',
        transactionKey: `gap-${commitNumber}`,
        sequenceNumber: 1,
        commitTimestamp: Date.now(),
        commitNumber,
        commitUser: userId,
        changedFields: [],
        nulledFields: [],
        diffFields: [],
      },
    },
  };
}
