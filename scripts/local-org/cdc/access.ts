/**
 * Who may follow which stream, as Salesforce decides it for CometD subscribers ("Required
 * Permissions for Change Event Subscribers", "Field-Level Security" in the Change Data Capture
 * Developer Guide): a single-entity change event channel needs View All on the object (or View
 * All Data; View All Users for User), checked when subscribing; /data/ChangeEvents and custom
 * channels accept anyone and deliver only the entities the user may follow; a delivered change
 * event leaves out the fields the user cannot read. Change events ignore record sharing. A
 * platform event channel needs Read on the event. The user is the one whose token opened the
 * CometD session.
 */
import type { Access, UserRights } from '../access/access';
import type { OrgObject, OrgSchema } from '../schema/orgSchema';
import { COMPOUNDS } from './events';

/** What the hub asks before it lets a user subscribe and before it delivers a message. */
export interface StreamGate {
  /** The Bayeux error that refuses the subscription, or null when the user may subscribe. */
  refuseSubscription(userId: string, channel: string): string | null;
  /** The payload as this user receives it (fields they cannot read left out), or null to deliver nothing. */
  deliverable(userId: string, channel: string, payload: unknown): unknown;
}

/** The object of a single-entity change event channel: /data/AccountChangeEvent → Account. */
export function changeEventEntity(channel: string): string | null {
  const match = /^\/data\/(\w+?)(__)?ChangeEvent$/.exec(channel);
  if (!match) return null;
  return match[2] ? `${match[1]}__c` : match[1]!;
}

/** Ours: Salesforce documents that the subscription "is denied and an error is returned", not the error's text. */
export function subscriptionDenied(channel: string): string {
  return `403::Insufficient permissions to subscribe to channel ${channel}`;
}

export class StreamAccess implements StreamGate {
  constructor(
    private readonly schema: OrgSchema,
    private readonly access: Access,
  ) {}

  refuseSubscription(userId: string, channel: string): string | null {
    const rights = this.access.rightsOf(userId);
    if (channel.startsWith('/event/')) {
      const event = this.schema.object(channel.slice('/event/'.length));
      return event && !rights.canRead(event) ? subscriptionDenied(channel) : null;
    }
    const entity = changeEventEntity(channel);
    const object = entity ? this.schema.object(entity) : undefined;
    return object && !followsChanges(rights, object) ? subscriptionDenied(channel) : null;
  }

  deliverable(userId: string, channel: string, payload: unknown): unknown {
    const rights = this.access.rightsOf(userId);
    if (channel.startsWith('/event/')) {
      const event = this.schema.object(channel.slice('/event/'.length));
      return !event || rights.canRead(event) ? payload : null;
    }
    const body = payload as { ChangeEventHeader?: { entityName?: string } } | null;
    const entity = body?.ChangeEventHeader?.entityName;
    const object = entity ? this.schema.object(entity) : undefined;
    if (!channel.startsWith('/data/') || !object) return payload;
    if (!followsChanges(rights, object)) return null;
    return readableFields(rights, object, payload as Record<string, unknown>);
  }
}

/** View All on the object, or View All Data (which UserRights folds into viewAll); User needs View All Users. */
function followsChanges(rights: UserRights, object: OrgObject): boolean {
  if (object.name === 'User') return rights.has('ViewAllUsers') || rights.has('ModifyAllData');
  return rights.object(object).viewAll;
}

/** The change event without the fields the user cannot read; a compound keeps the components they can. */
function readableFields(rights: UserRights, object: OrgObject, payload: Record<string, unknown>) {
  const components = new Map<string, string>();
  for (const [field, [compound, component]] of Object.entries(COMPOUNDS[object.name] ?? {}))
    components.set(`${compound}.${component}`, field);
  const readable = (name: string) => {
    const field = object.fields.get(name);
    return !field || rights.canReadField(object, field);
  };
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (name === 'ChangeEventHeader') {
      out[name] = value;
      continue;
    }
    const isCompound =
      value !== null && typeof value === 'object' && components.has(`${name}.${Object.keys(value)[0]}`);
    if (!isCompound) {
      if (readable(name)) out[name] = value;
      continue;
    }
    const kept = Object.entries(value as Record<string, unknown>).filter(([component]) =>
      readable(components.get(`${name}.${component}`) ?? name),
    );
    if (kept.length > 0) out[name] = Object.fromEntries(kept);
  }
  return out;
}
