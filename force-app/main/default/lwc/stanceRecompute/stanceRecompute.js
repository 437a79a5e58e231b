import { publish } from 'lightning/messageService';
import STANCE_RECOMPUTE from '@salesforce/messageChannel/Stance_Recompute__c';

/** How often the stance panel asks Lightning Data Service to re-check the account. */
export const POLL_EVERY_MS = 2000;
/** How long it waits for the sidecar before it stops saying "recomputing". */
export const GIVE_UP_AFTER_MS = 60000;

export { STANCE_RECOMPUTE };

/**
 * Tells the stance panel on this page that the user just changed something the stance depends
 * on, so it can show "recomputing" until the sidecar's new classification arrives.
 */
export function announceRecompute(messageContext, recordId, now = new Date()) {
  if (!recordId) {
    return;
  }
  publish(messageContext, STANCE_RECOMPUTE, { recordId, since: now.toISOString() });
}
