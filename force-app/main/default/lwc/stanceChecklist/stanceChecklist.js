import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { MessageContext } from 'lightning/messageService';
import USER_ID from '@salesforce/user/Id';
import LOCALE from '@salesforce/i18n/locale';
import ACCOUNT_ID from '@salesforce/schema/Account.Id';
import CHECKLIST from '@salesforce/schema/Account.Stance_Checklist__c';
import STANCE from '@salesforce/schema/Account.Stance__c';
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
import { errorToast, successToast } from 'c/stanceToasts';
import { announceRecompute } from 'c/stanceRecompute';
import { mayCreate, mayUpdate, recordAccessRefused } from 'c/stanceAccess';
import {
  CUSTOMER_TOLD,
  MONITORING_COVERAGE,
  describeCoverage,
  describeFacts,
  groupChecklist,
  leverValue,
  localDay,
  readExplanation,
  planProgress,
  relativeTime,
  stanceVisual,
  wiredRecordState,
  stateVisual,
} from 'c/stanceModel';
import { STEP_MESSAGES, itemNotes, stepQuestion, transitionProblem } from './planSteps';

/** What this card says, in one place (custom labels come later). */
export const MESSAGES = {
  checklistHidden:
    "You can't see this account's checklist: ask your Salesforce admin for the Stance User permission set.",
  refused: "You can't change this account's signals: it belongs to someone outside your team.",
  notSaved: 'That did not save',
};

/** The fields a new signal for a detected trigger sets besides those of the action (see write()). */
const CREATED_FIELDS = [SIGNAL_ACCOUNT, SIGNAL_TRIGGER, SIGNAL_SOURCE, SIGNAL_DETAIL];

/**
 * What a rep may do with a checklist item, in the order the buttons show; `handler` names the
 * method, `writes` the signal fields it sets (the user must be allowed to, on an item's signal,
 * or on a new one when the trigger was only detected).
 */
const ITEM_ACTIONS = [
  {
    name: 'confirm',
    label: 'Confirm',
    handler: 'handleConfirm',
    writes: [SIGNAL_STATUS, SIGNAL_ACKNOWLEDGED_AT, SIGNAL_ACKNOWLEDGED_BY],
    offered: (item) => item.kind !== 'plan_step' && (item.state === 'detected' || item.state === 'reported'),
  },
  {
    name: 'dismiss',
    label: 'Dismiss…',
    handler: 'handleStartDismiss',
    writes: [SIGNAL_STATUS, SIGNAL_DISMISSED_AT, SIGNAL_DISMISS_REASON],
    offered: (item) => item.kind !== 'plan_step' && ['detected', 'reported', 'confirmed'].includes(item.state),
  },
  {
    name: 'reopen',
    label: 'Reopen',
    handler: 'handleReopen',
    writes: [SIGNAL_STATUS, SIGNAL_DISMISSED_AT, SIGNAL_DISMISS_REASON],
    offered: (item) => item.state === 'dismissed' && !!item.dismissal,
  },
  {
    name: 'done',
    label: 'Mark done',
    handler: 'handleMarkDone',
    // The customer is told with the transition's last day: without it the step is not done.
    writes: (item) => (item.code === CUSTOMER_TOLD ? [SIGNAL_STATUS, SIGNAL_TRANSITION_UNTIL] : [SIGNAL_STATUS]),
    // A step detection already meets needs nobody to mark it.
    offered: (item) => item.kind === 'plan_step' && item.state !== 'done' && item.state !== 'detected',
  },
];

function writesOf(action, item) {
  return typeof action.writes === 'function' ? action.writes(item) : action.writes;
}

/** Whether object info lets the user take this action on this item (reopen always updates). */
function allowed(action, item, signalInfo) {
  const updates = !!item.signal || action.name === 'reopen';
  const writes = writesOf(action, item);
  return updates ? mayUpdate(signalInfo, writes) : mayCreate(signalInfo, [...CREATED_FIELDS, ...writes]);
}

/** The stance's triggers as a checklist the rep works: confirm, dismiss with a reason, mark plan steps done. */
export default class StanceChecklist extends LightningElement {
  @api recordId;
  record;
  error;
  /** The item whose dismiss form is open. */
  dismissingCode = null;
  dismissReason = '';
  busyCode = null;
  /** The plan step whose "mark done" form is open, and what it holds. */
  completingCode = null;
  transitionUntil = null;
  chosenLevers = [];
  /** Set once the org refused a write for this user's access to the account. */
  refused = false;

  @wire(MessageContext) messageContext;

  /** What the user may do to signals: actions they may not take are not offered. */
  @wire(getObjectInfo, { objectApiName: SIGNAL_OBJECT }) signalInfo;

  /** The levers a value proposition may pull (global value set Stance_Value_Levers). */
  @wire(getPicklistValues, {
    recordTypeId: '$signalInfo.data.defaultRecordTypeId',
    fieldApiName: SIGNAL_VALUE_LEVERS,
  })
  leverValues;

  // Optional: the UI API leaves out fields the user cannot read instead of refusing the read.
  @wire(getRecord, { recordId: '$recordId', fields: [ACCOUNT_ID], optionalFields: [CHECKLIST, STANCE] })
  wiredRecord(result) {
    const state = wiredRecordState(result, this);
    this.record = state.record;
    this.error = state.error;
  }

  get isLoading() {
    return !this.record && !this.error;
  }

  get messages() {
    return MESSAGES;
  }

  /** The record came without Stance_Checklist__c: the user may not read it. */
  get checklistHidden() {
    return !!this.record && !(CHECKLIST.fieldApiName in this.record.fields);
  }

  get parsed() {
    return readExplanation(getFieldValue(this.record, CHECKLIST));
  }

  get explanation() {
    return this.parsed.explanation;
  }

  get explanationError() {
    return this.parsed.error;
  }

  get title() {
    const stance = this.explanation ? this.explanation.stance : getFieldValue(this.record, STANCE);
    return stance && stance !== 'None' ? `${stanceVisual(stance).label} checklist` : 'Stance checklist';
  }

  get progress() {
    const explanation = this.explanation;
    return explanation ? planProgress(explanation.checklist, explanation.stance, explanation.planSteps) : null;
  }

  get stepMessages() {
    return STEP_MESSAGES;
  }

  get today() {
    return localDay();
  }

  get leverOptions() {
    const data = this.leverValues && this.leverValues.data;
    return data ? data.values.map((entry) => ({ label: entry.label, value: entry.value })) : [];
  }

  get leverError() {
    return this.leverValues && this.leverValues.error;
  }

  /**
   * Whether the rep is asked for the levers: they may record them on this step's signal
   * (field-level security), and the org has levers to offer (an org whose value set is empty
   * would leave the question unanswerable).
   */
  mayChooseLevers(item) {
    const info = this.signalInfo && this.signalInfo.data;
    const values = this.leverValues && this.leverValues.data && this.leverValues.data.values;
    if (values && values.length === 0) {
      return false;
    }
    return item.signal
      ? mayUpdate(info, [SIGNAL_STATUS, SIGNAL_VALUE_LEVERS])
      : mayCreate(info, [...CREATED_FIELDS, SIGNAL_STATUS, SIGNAL_VALUE_LEVERS]);
  }

  /**
   * Coverage for a stance without the monitoring plan step (Attack, Fire): the departments
   * that report matter there too, so the card says it once at the end. Defend says it under
   * the step.
   */
  get monitoring() {
    const explanation = this.explanation;
    if (!explanation || explanation.checklist.some((item) => item.code === MONITORING_COVERAGE)) {
      return null;
    }
    return describeCoverage(explanation.coverage);
  }

  get hasItems() {
    return !!this.explanation && this.explanation.checklist.length > 0;
  }

  get groups() {
    return groupChecklist(this.explanation.checklist, this.explanation.stance).map((group) => ({
      ...group,
      headingId: `heading-${group.kind}`,
      items: group.items.map((item) => this.present(item)),
    }));
  }

  present(item) {
    const visual = stateVisual(item.state, item.kind);
    const signal = item.signal;
    const dismissed = item.state === 'dismissed';
    let source = null;
    if (item.state === 'detected') {
      const verb = item.kind === 'plan_step' ? 'met' : 'detected';
      source = item.evidence ? `${verb}: ${describeFacts(item.evidence)}` : `${verb} in the data`;
    } else if (signal) {
      const who = [signal.reporter, signal.source].filter(Boolean).join(', ');
      source = `${visual.label.toLowerCase()}${who ? ` by ${who}` : ''} · ${relativeTime(signal.at)}`;
    } else if (dismissed && item.dismissal) {
      source = `dismissed${item.dismissal.by ? ` by ${item.dismissal.by}` : ''}: ${item.dismissal.reason || 'no reason given'}`;
    }
    return {
      ...item,
      stateLabel: visual.label,
      stateIcon: visual.icon,
      source,
      detail: signal && signal.detail ? `"${signal.detail}"` : null,
      labelClass: dismissed ? 'slds-text-title_bold stance-dismissed' : 'slds-text-title_bold',
      // While its form is open, the step's own "Mark done" is the form's Save.
      actions:
        this.refused || this.completingCode === item.code
          ? []
          : ITEM_ACTIONS.filter(
              (action) => action.offered(item) && allowed(action, item, this.signalInfo && this.signalInfo.data),
            ),
      notes: itemNotes(item, {
        leverOptions: this.leverOptions,
        locale: LOCALE,
        coverage: this.explanation.coverage,
      }),
      completing: this.completingCode === item.code ? stepQuestion(item, this.mayChooseLevers(item)) : null,
      isDismissing: this.dismissingCode === item.code,
      busy: this.busyCode === item.code,
      reasonId: `dismiss-reason-${item.code}`,
    };
  }

  get elsewhere() {
    const list = this.explanation ? this.explanation.elsewhere : [];
    if (list.length === 0) {
      return null;
    }
    const byStance = {};
    list.forEach((entry) => {
      byStance[entry.stance] = [...(byStance[entry.stance] || []), entry.label.toLowerCase()];
    });
    const parts = Object.entries(byStance).map(
      ([stance, labels]) => `${labels.length} toward ${stanceVisual(stance).label} (${labels.join(', ')})`,
    );
    return `Signals pointing elsewhere: ${parts.join('; ')}`;
  }

  handleAction(event) {
    const action = ITEM_ACTIONS.find((candidate) => candidate.name === event.currentTarget.dataset.action);
    return this[action.handler](event);
  }

  itemFor(event) {
    const code = event.currentTarget.dataset.code;
    return this.explanation.checklist.find((item) => item.code === code);
  }

  async handleConfirm(event) {
    const item = this.itemFor(event);
    const now = new Date().toISOString();
    const fields = {
      [SIGNAL_STATUS.fieldApiName]: 'Confirmed',
      [SIGNAL_ACKNOWLEDGED_AT.fieldApiName]: now,
      [SIGNAL_ACKNOWLEDGED_BY.fieldApiName]: USER_ID,
    };
    await this.write(item, fields, `${item.label} confirmed.`);
  }

  handleStartDismiss(event) {
    this.dismissingCode = event.currentTarget.dataset.code;
    this.dismissReason = '';
    this.completingCode = null;
  }

  handleReasonChange(event) {
    this.dismissReason = event.target.value;
  }

  handleCancelDismiss() {
    this.dismissingCode = null;
  }

  async handleDismiss(event) {
    const item = this.itemFor(event);
    const input = this.template.querySelector(`lightning-textarea[data-code="${item.code}"]`);
    const reason = (this.dismissReason || '').trim();
    if (!reason) {
      input.setCustomValidity('Say why this is not a real signal, so the team knows.');
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    const fields = {
      [SIGNAL_STATUS.fieldApiName]: 'Dismissed',
      [SIGNAL_DISMISSED_AT.fieldApiName]: new Date().toISOString(),
      [SIGNAL_DISMISS_REASON.fieldApiName]: reason,
    };
    if (await this.write(item, fields, `${item.label} dismissed.`)) {
      this.dismissingCode = null;
    }
  }

  async handleReopen(event) {
    const item = this.itemFor(event);
    const fields = {
      [SIGNAL_ID.fieldApiName]: item.dismissal.id,
      [SIGNAL_STATUS.fieldApiName]: 'Acknowledged',
      [SIGNAL_DISMISSED_AT.fieldApiName]: null,
      [SIGNAL_DISMISS_REASON.fieldApiName]: null,
    };
    await this.save(item, () => updateRecord({ fields }), `${item.label} reopened.`);
  }

  /** Marks a step done at once, or opens its form when the step asks for more (stepQuestion). */
  async handleMarkDone(event) {
    const item = this.itemFor(event);
    if (stepQuestion(item, this.mayChooseLevers(item))) {
      this.completingCode = item.code;
      this.transitionUntil = null;
      this.chosenLevers = [];
      this.dismissingCode = null;
      return;
    }
    await this.markDone(item, {});
  }

  markDone(item, fields) {
    const done = { [SIGNAL_STATUS.fieldApiName]: 'Done', ...fields };
    return this.write(item, done, `${item.label} marked done.`, 'Marked done');
  }

  handleTransitionChange(event) {
    this.transitionUntil = event.detail.value;
  }

  handleLeversChange(event) {
    this.chosenLevers = event.detail.value || [];
  }

  handleCancelStep() {
    this.completingCode = null;
  }

  /** Checks the open step form (the inputs only display the messages) and saves the step. */
  async handleSaveStep(event) {
    const item = this.itemFor(event);
    const question = stepQuestion(item, this.mayChooseLevers(item));
    const fields = {};
    let problem = '';
    let input;
    if (question.asksDate) {
      input = this.template.querySelector(`lightning-input[data-code="${item.code}"]`);
      problem = transitionProblem(this.transitionUntil, localDay());
      fields[SIGNAL_TRANSITION_UNTIL.fieldApiName] = this.transitionUntil;
    } else {
      input = this.template.querySelector(`lightning-checkbox-group[data-code="${item.code}"]`);
      const value = leverValue(this.chosenLevers, this.leverOptions);
      problem = value ? '' : STEP_MESSAGES.leversMissing;
      fields[SIGNAL_VALUE_LEVERS.fieldApiName] = value;
    }
    if (input) {
      input.setCustomValidity(problem);
      input.reportValidity();
    }
    if (problem || !input) {
      return;
    }
    if (await this.markDone(item, fields)) {
      this.completingCode = null;
    }
  }

  /** Updates the item's signal, or records a new one when the trigger was only detected. */
  write(item, fields, success, detail) {
    if (item.signal) {
      return this.save(
        item,
        () => updateRecord({ fields: { [SIGNAL_ID.fieldApiName]: item.signal.id, ...fields } }),
        success,
      );
    }
    const create = {
      apiName: SIGNAL_OBJECT.objectApiName,
      fields: {
        [SIGNAL_ACCOUNT.fieldApiName]: this.recordId,
        [SIGNAL_TRIGGER.fieldApiName]: item.code,
        [SIGNAL_SOURCE.fieldApiName]: 'Sales',
        [SIGNAL_DETAIL.fieldApiName]:
          detail || (item.evidence ? `From the data: ${describeFacts(item.evidence)}` : null),
        ...fields,
      },
    };
    return this.save(item, () => createRecord(create), success);
  }

  async save(item, operation, success) {
    this.busyCode = item.code;
    try {
      await operation();
      this.dispatchEvent(successToast(success));
      announceRecompute(this.messageContext, this.recordId);
      return true;
    } catch (error) {
      if (recordAccessRefused(error)) {
        // Trying again will not help: say why in the card, and offer no more actions.
        this.refused = true;
        this.dismissingCode = null;
        this.completingCode = null;
      } else {
        this.dispatchEvent(errorToast(MESSAGES.notSaved, error));
      }
      return false;
    } finally {
      this.busyCode = null;
    }
  }
}
