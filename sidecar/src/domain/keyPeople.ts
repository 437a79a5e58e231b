/**
 * Key-person changes noticed in the mirrored contacts: a contact of an account changing title or
 * leaving it. Noticed for every contact; whether the title is a key one is decided when the
 * change is persisted as a Detected signal, under the rules then in force.
 */
import type { TextPattern } from './rules/pattern';
import type { KeyPersonChange } from './snapshot';

/** A change noticed on a contact, with what a Detected signal needs to say about it. */
export interface NoticedKeyPersonChange {
  readonly change: KeyPersonChange;
  readonly accountId: string;
  readonly name: string | null;
}

type ContactFields = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const accountOf = (contact: ContactFields): string | null => text(contact.AccountId) || null;

/**
 * A known contact whose change carried a title different from the one it had. `before` is the
 * mirrored contact (null when unknown: a new contact is no change), `after` the contact merged.
 */
export function retitleOf(
  contactId: string,
  before: ContactFields | null,
  after: ContactFields,
  changedFields: ContactFields,
  at: string,
): NoticedKeyPersonChange | null {
  const accountId = accountOf(after);
  if (!before || !accountId || !('Title' in changedFields) || before.Title === after.Title) return null;
  return {
    change: { contactId, change: 'retitled', at, title: text(after.Title), previousTitle: text(before.Title) },
    accountId,
    name: text(after.Name),
  };
}

/** A mirrored contact removed from its account. */
export function departureOf(contactId: string, contact: ContactFields, at: string): NoticedKeyPersonChange | null {
  const accountId = accountOf(contact);
  if (!accountId) return null;
  return { change: { contactId, change: 'left', at, title: text(contact.Title) }, accountId, name: text(contact.Name) };
}

/** A noticed change waiting to be persisted in the org. */
export interface PendingDetection extends KeyPersonChange {
  readonly accountId: string;
  readonly name: string | null;
}

/** The Detected signal a key-person change is persisted as, or null when the titles are not key ones. */
export function detectedSignalOf(detection: PendingDetection, keyTitle: TextPattern): Record<string, unknown> | null {
  const titles = `${detection.title ?? ''} ${detection.previousTitle ?? ''}`;
  if (!keyTitle.test(titles)) return null;
  const who = detection.name ?? 'A key contact';
  const detail =
    detection.change === 'left'
      ? `${who} (${detection.title ?? 'no title'}) left the account.`
      : `${who} changed title from ${detection.previousTitle ?? 'none'} to ${detection.title ?? 'none'}.`;
  return {
    Detection_Key__c: `kpc:${detection.contactId}:${detection.change}:${Date.parse(detection.at)}`,
    Account__c: detection.accountId,
    Trigger__c: 'KEY_PERSON_CHANGE',
    Status__c: 'New',
    Source__c: 'Detected',
    Detail__c: detail,
  };
}
