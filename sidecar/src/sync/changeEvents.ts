/**
 * Change Data Capture payloads: which channel carries which object, and which events are only
 * the echo of the sidecar's own writes.
 */
import { WRITTEN_FIELDS } from '../domain';
import type { MirroredObject } from '../store/mirror';

import type { ChangeEventHeader, ChangeEventMessage } from '../salesforce/changeStream';

/** The objects that have a change event channel in the package (Market_Signal__c is polled). */
export const STREAMED_OBJECTS = ['Account', 'Contact', 'Opportunity', 'Case', 'Stance_Signal__c'] as const;
export type StreamedObject = (typeof STREAMED_OBJECTS)[number];

/** /data/AccountChangeEvent, /data/Stance_Signal__ChangeEvent */
export function channelOf(object: MirroredObject): string {
  return `/data/${object.endsWith('__c') ? object.replace(/__c$/, '__ChangeEvent') : `${object}ChangeEvent`}`;
}

/** The single-entity channel of Account: every change, the sidecar's own write-back included. */
export const STANDARD_ACCOUNT_CHANNEL = '/data/AccountChangeEvent';
/**
 * The package's custom channel (force-app/main/default/platformEventChannels): Account changes
 * less the sidecar's own writes, left out by the org before delivery, so a write-back of every
 * account costs no event deliveries (the allowance counts what is delivered after the filter).
 */
export const DEFAULT_ACCOUNT_CHANNEL = '/data/Stance_Accounts__chn';

/** The changeOrigin of the sidecar's REST writes, as the channel member's filter names it. */
export function ownChangeOrigin(apiVersion: string, clientName: string): string {
  return `com/salesforce/api/rest/${apiVersion};client=${clientName}`;
}

/**
 * The channel each streamed object is followed on, which also keys its replay id in the ledger:
 * Account on the custom channel while the org has it, on /data/AccountChangeEvent once the org
 * refused the custom one.
 */
export class FollowedChannels {
  private account: string;

  constructor(private readonly preferred: string = DEFAULT_ACCOUNT_CHANNEL) {
    this.account = preferred;
  }

  of(object: MirroredObject): string {
    return object === 'Account' ? this.account : channelOf(object);
  }

  /** The object a followed channel carries. */
  objectOf(channel: string): MirroredObject {
    if (channel === this.account || channel === this.preferred) return 'Account';
    const object = STREAMED_OBJECTS.find((candidate) => channelOf(candidate) === channel);
    if (!object) throw new Error(`no streamed object is followed on ${channel}`);
    return object;
  }

  /** Whether Account is followed on a filtered custom channel. */
  get filtered(): boolean {
    return this.account !== STANDARD_ACCOUNT_CHANNEL;
  }

  /** The org refused the custom channel: Account on its single-entity channel from now on. */
  fallBack(): void {
    this.account = STANDARD_ACCOUNT_CHANNEL;
  }
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
