/**
 * Change Data Capture payloads: which channel carries which object, and which events are only
 * the echo of the sidecar's own writes.
 */
import { WRITTEN_FIELDS } from '../domain';
import type { MirroredObject } from '../store/mirror';

import type { ChangeEventHeader, ChangeEventMessage } from '../salesforce/changeStream';

/** The objects that have a change event channel in the package (Market_Signal__c is polled). */
export const STREAMED_OBJECTS = ['Account', 'Contact', 'Opportunity', 'Stance_Signal__c'] as const;
export type StreamedObject = (typeof STREAMED_OBJECTS)[number];

/** /data/AccountChangeEvent, /data/Stance_Signal__ChangeEvent */
export function channelOf(object: MirroredObject): string {
  return `/data/${object.endsWith('__c') ? object.replace(/__c$/, '__ChangeEvent') : `${object}ChangeEvent`}`;
}

/** Fields the sidecar writes on Account, plus what the platform stamps on every write. */
const OWN_FIELDS = new Set([
  ...WRITTEN_FIELDS.filter((use) => use.object === 'Account').map((use) => use.field),
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);

/**
 * Our own echo: sent with our client name AND touching nothing but Stance fields. An update in
 * the same transaction that touched anything else (a customer's flow) is not ours to skip.
 */
export function isOwnChange(header: ChangeEventHeader, clientName: string): boolean {
  const ours = header.changeOrigin.split(';').some((part) => part.trim() === `client=${clientName}`);
  return ours && header.changeType === 'UPDATE' && header.changedFields.every((field) => OWN_FIELDS.has(field));
}

/** The record fields of a payload (header left out). */
export function changedValues(payload: ChangeEventMessage['payload']): Record<string, unknown> {
  const { ChangeEventHeader: _header, ...fields } = payload;
  return fields;
}
