/**
 * What each checklist action writes to a Stance_Signal__c (API values, never labels), and whether
 * the user may record levers. Pure: the component sends these through the UI API.
 */
import SIGNAL_OBJECT from '@salesforce/schema/Stance_Signal__c';
import SIGNAL_ID from '@salesforce/schema/Stance_Signal__c.Id';
import SIGNAL_ACCOUNT from '@salesforce/schema/Stance_Signal__c.Account__c';
import SIGNAL_TRIGGER from '@salesforce/schema/Stance_Signal__c.Trigger__c';
import SIGNAL_STATUS from '@salesforce/schema/Stance_Signal__c.Status__c';
import SIGNAL_SOURCE from '@salesforce/schema/Stance_Signal__c.Source__c';
import SIGNAL_DETAIL from '@salesforce/schema/Stance_Signal__c.Detail__c';
import SIGNAL_ACKNOWLEDGED_AT from '@salesforce/schema/Stance_Signal__c.Acknowledged_At__c';
import SIGNAL_ACKNOWLEDGED_BY from '@salesforce/schema/Stance_Signal__c.Acknowledged_By__c';
import SIGNAL_DISMISSED_AT from '@salesforce/schema/Stance_Signal__c.Dismissed_At__c';
import SIGNAL_DISMISS_REASON from '@salesforce/schema/Stance_Signal__c.Dismiss_Reason__c';
import SIGNAL_VALUE_LEVERS from '@salesforce/schema/Stance_Signal__c.Value_Levers__c';
import SIGNAL_TRANSITION_UNTIL from '@salesforce/schema/Stance_Signal__c.Transition_Until__c';
import { mayCreate, mayUpdate } from 'c/stanceAccess';
import { CREATED_FIELDS, createdDetail } from './checklistView';

/** The Source__c of a signal a rep records from the checklist. */
const SALES_SOURCE = 'Sales'; // i18n-exempt: Source__c API value

export function confirmFields(userId, now = new Date()) {
  return {
    [SIGNAL_STATUS.fieldApiName]: 'Confirmed', // i18n-exempt: Status__c API value
    [SIGNAL_ACKNOWLEDGED_AT.fieldApiName]: now.toISOString(),
    [SIGNAL_ACKNOWLEDGED_BY.fieldApiName]: userId,
  };
}

export function dismissFields(reason, now = new Date()) {
  return {
    [SIGNAL_STATUS.fieldApiName]: 'Dismissed', // i18n-exempt: Status__c API value
    [SIGNAL_DISMISSED_AT.fieldApiName]: now.toISOString(),
    [SIGNAL_DISMISS_REASON.fieldApiName]: reason,
  };
}

/** The update that reopens a dismissed signal. */
export function reopenFields(signalId) {
  return {
    [SIGNAL_ID.fieldApiName]: signalId,
    [SIGNAL_STATUS.fieldApiName]: 'Acknowledged', // i18n-exempt: Status__c API value
    [SIGNAL_DISMISSED_AT.fieldApiName]: null,
    [SIGNAL_DISMISS_REASON.fieldApiName]: null,
  };
}

/** A step done, with what its form asked (the transition's last day, or the levers). */
export function doneFields({ transitionUntil, levers } = {}) {
  const fields = { [SIGNAL_STATUS.fieldApiName]: 'Done' }; // i18n-exempt: Status__c API value
  if (transitionUntil !== undefined) {
    fields[SIGNAL_TRANSITION_UNTIL.fieldApiName] = transitionUntil;
  }
  if (levers !== undefined) {
    fields[SIGNAL_VALUE_LEVERS.fieldApiName] = levers;
  }
  return fields;
}

/** The update of an item's signal. */
export function signalUpdate(item, fields) {
  return { fields: { [SIGNAL_ID.fieldApiName]: item.signal.id, ...fields } };
}

/** A new signal for a trigger only detection saw, on the account. */
export function newSignal(accountId, item, fields, detail) {
  return {
    apiName: SIGNAL_OBJECT.objectApiName,
    fields: {
      [SIGNAL_ACCOUNT.fieldApiName]: accountId,
      [SIGNAL_TRIGGER.fieldApiName]: item.code,
      [SIGNAL_SOURCE.fieldApiName]: SALES_SOURCE,
      [SIGNAL_DETAIL.fieldApiName]: createdDetail(item, detail),
      ...fields,
    },
  };
}

/**
 * Whether the rep is asked for the levers: they may record them on this step's signal
 * (field-level security), and the org has levers to offer (an org whose value set is empty
 * would leave the question unanswerable).
 */
export function mayChooseLevers(item, info, leverValues) {
  const values = leverValues && leverValues.data && leverValues.data.values;
  if (values && values.length === 0) {
    return false;
  }
  return item.signal
    ? mayUpdate(info, [SIGNAL_STATUS, SIGNAL_VALUE_LEVERS])
    : mayCreate(info, [...CREATED_FIELDS, SIGNAL_STATUS, SIGNAL_VALUE_LEVERS]);
}
