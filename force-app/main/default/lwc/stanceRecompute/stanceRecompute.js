import { publish, subscribe, unsubscribe } from 'lightning/messageService';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
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

/**
 * Waits, for the stance panel, for the sidecar's new classification after this user's own change
 * (announceRecompute): the sidecar writes it from outside Lightning Data Service, so meanwhile LDS
 * is asked to re-read the record every POLL_EVERY_MS, until a classification computed since the
 * change arrives or GIVE_UP_AFTER_MS passes. `onChange({ since, timedOut })` tells what to show.
 */
export class RecomputeWait {
  /** @param {{ recordId: () => string, onChange: (state: { since: string|null, timedOut: boolean }) => void }} options */
  constructor({ recordId, onChange }) {
    this.recordId = recordId;
    this.onChange = onChange;
    this.since = null;
    this.poll = null;
    this.subscription = null;
  }

  start(messageContext) {
    this.subscription = subscribe(messageContext, STANCE_RECOMPUTE, (message) => this.announced(message));
  }

  stop() {
    unsubscribe(this.subscription);
    this.subscription = null;
    this.stopPolling();
  }

  announced(message) {
    if (!message || message.recordId !== this.recordId()) {
      return;
    }
    this.since = message.since;
    this.onChange({ since: this.since, timedOut: false });
    this.stopPolling();
    const startedAt = Date.now();
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.poll = setInterval(() => {
      if (Date.now() - startedAt > GIVE_UP_AFTER_MS) {
        this.stopPolling();
        this.since = null;
        this.onChange({ since: null, timedOut: true });
        return;
      }
      notifyRecordUpdateAvailable([{ recordId: this.recordId() }]);
    }, POLL_EVERY_MS);
  }

  /** Ends the wait when the record read shows a classification computed since the change. */
  recordRead(computedAt) {
    if (this.since && Date.parse(computedAt) >= Date.parse(this.since)) {
      this.since = null;
      this.stopPolling();
      this.onChange({ since: null, timedOut: false });
    }
  }

  stopPolling() {
    if (this.poll) {
      clearInterval(this.poll);
      this.poll = null;
    }
  }
}
