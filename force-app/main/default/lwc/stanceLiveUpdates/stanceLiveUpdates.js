import {
  isEmpEnabled,
  onError as onStreamingError,
  subscribe as subscribeToStream,
  unsubscribe as unsubscribeFromStream,
} from 'lightning/empApi';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { RefreshEvent } from 'lightning/refresh';

/**
 * The sidecar's platform event: after it writes classifications it publishes the ids of those
 * accounts (Account_Ids__c, 18-character ids separated by commas). A copy of the engine's
 * STANCE_UPDATE_EVENT, which metadata:check compares.
 */
export const STANCE_UPDATE_EVENT = 'Stance_Update__e';
export const STANCE_UPDATE_CHANNEL = `/event/${STANCE_UPDATE_EVENT}`;
/** -1: only events from now on; the page has just read the current state. */
const NEW_EVENTS_ONLY = -1;

/**
 * Whether a Stance update names the account with this id. Ids compare on their first 15
 * characters (the case-sensitive id; the last 3 of an 18-character id only repeat it), so a
 * 15-character id on the page matches the 18-character ids in the event. An event with no ids
 * names no account.
 */
export function updateNames(accountIds, recordId) {
  if (!accountIds || !recordId) {
    return false;
  }
  const id15 = String(recordId).slice(0, 15);
  return accountIds.split(',').some((id) => id.trim().slice(0, 15) === id15);
}

/**
 * Follows Stance_Update__e for one account while started: `onUpdate()` when an event names it,
 * `onLiveChange(false)` when streaming fails and `onLiveChange(true)` when an event arrives again.
 * Without streaming (not enabled, or it fails) nothing is called but onLiveChange(false): the
 * page keeps what it last read.
 */
export class StanceUpdates {
  /**
   * @param {{ recordId: () => string, onUpdate: () => void, onLiveChange: (live: boolean) => void }} options
   */
  constructor({ recordId, onUpdate, onLiveChange }) {
    this.recordId = recordId;
    this.onUpdate = onUpdate;
    this.onLiveChange = onLiveChange;
    this.token = null;
    this.subscription = null;
    this.errorListenerRegistered = false;
  }

  async start() {
    // A stop() while this waits on empApi replaces the token, and what was started is undone.
    const token = {};
    this.token = token;
    this.onLiveChange(true);
    try {
      if (!(await isEmpEnabled()) || this.token !== token) {
        return;
      }
      this.listenForErrors();
      const subscription = await subscribeToStream(STANCE_UPDATE_CHANNEL, NEW_EVENTS_ONLY, (message) =>
        this.receive(message),
      );
      if (this.token !== token) {
        this.leave(subscription);
        return;
      }
      this.subscription = subscription;
    } catch (error) {
      this.fail(error);
    }
  }

  stop() {
    this.token = null;
    if (this.subscription) {
      this.leave(this.subscription);
      this.subscription = null;
    }
  }

  leave(subscription) {
    Promise.resolve()
      .then(() => unsubscribeFromStream(subscription, () => {}))
      .catch((error) => logStopped(error));
  }

  listenForErrors() {
    // empApi keeps error listeners for the page's lifetime and cannot drop one: register once.
    if (this.errorListenerRegistered) {
      return;
    }
    this.errorListenerRegistered = true;
    Promise.resolve()
      .then(() => onStreamingError((error) => this.fail(error)))
      .catch((error) => this.fail(error));
  }

  fail(error) {
    // The listener hears every streaming error on the page; one naming another channel is not ours.
    if (!this.token || (error && error.subscription && error.subscription !== STANCE_UPDATE_CHANNEL)) {
      return;
    }
    logStopped(error);
    this.onLiveChange(false);
  }

  receive(message) {
    // Any event on the channel says streaming works again, whichever accounts it names.
    this.onLiveChange(true);
    const payload = message && message.data && message.data.payload;
    if (payload && updateNames(payload.Account_Ids__c, this.recordId())) {
      this.onUpdate();
    }
  }
}

/**
 * After a live update names the page's account: what Lightning offers to refresh the whole page,
 * not only the component that heard it. notifyRecordUpdateAvailable makes Lightning Data Service
 * read the record again (every getRecord wire on it: the panel, highlights, details), and the
 * RefreshEvent, dispatched from the component, asks the page's refresh container to refresh
 * what registered with it (related lists, the checklist). The sidecar's writes are by another
 * user, so LDS would not learn of them by itself.
 * @param {LightningElement} component the component that heard the update, on the record page
 * @param {string} recordId the account's id
 */
export function refreshRecordPage(component, recordId) {
  try {
    Promise.resolve(notifyRecordUpdateAvailable([{ recordId }])).catch((error) => logRefreshFailed(error));
  } catch (error) {
    logRefreshFailed(error);
  }
  component.dispatchEvent(new RefreshEvent());
}

function logStopped(error) {
  console.error('Stance: live updates of the account stopped', error); // i18n-exempt: developer console
}

function logRefreshFailed(error) {
  console.error('Stance: the record page could not be refreshed', error); // i18n-exempt: developer console
}
