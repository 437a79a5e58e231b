import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { MessageContext } from 'lightning/messageService';
import { graphql } from 'lightning/graphql';
import USER_ID from '@salesforce/user/Id';
import ACCOUNT_ID from '@salesforce/schema/Account.Id';
import CHECKLIST from '@salesforce/schema/Account.Stance_Checklist__c';
import STANCE from '@salesforce/schema/Account.Stance__c';
import SIGNAL_OBJECT from '@salesforce/schema/Stance_Signal__c';
import SIGNAL_ID from '@salesforce/schema/Stance_Signal__c.Id';
import SIGNAL_STATUS from '@salesforce/schema/Stance_Signal__c.Status__c';
import SIGNAL_SOURCE from '@salesforce/schema/Stance_Signal__c.Source__c';
import SIGNAL_ACKNOWLEDGED_AT from '@salesforce/schema/Stance_Signal__c.Acknowledged_At__c';
import SIGNAL_ACKNOWLEDGED_BY from '@salesforce/schema/Stance_Signal__c.Acknowledged_By__c';
import SIGNAL_COMPETITOR from '@salesforce/schema/Stance_Signal__c.Competitor__c';
import SIGNAL_DISMISSED_AT from '@salesforce/schema/Stance_Signal__c.Dismissed_At__c';
import SIGNAL_DISMISS_REASON from '@salesforce/schema/Stance_Signal__c.Dismiss_Reason__c';
import SIGNAL_VALUE_LEVERS from '@salesforce/schema/Stance_Signal__c.Value_Levers__c';
import SIGNAL_TRANSITION_UNTIL from '@salesforce/schema/Stance_Signal__c.Transition_Until__c';
import OPPORTUNITY_OBJECT from '@salesforce/schema/Opportunity';
import { errorToast, successToast } from 'c/stanceToasts';
import { announceRecompute } from 'c/stanceRecompute';
import { recordAccessRefused } from 'c/stanceAccess';
import { formatLabel, today } from 'c/stanceI18n';
import {
  MONITORING_COVERAGE,
  VALUE_PROPOSITION,
  describeCoverage,
  groupChecklist,
  leverValue,
  readExplanation,
  planProgress,
  wiredRecordState,
} from 'c/stanceModel';
import { LABELS } from './labels';
import {
  ITEM_ACTIONS,
  checklistTitle,
  describeElsewhere,
  itemActions,
  itemLabel,
  newSignal,
  picklistLabeller,
  quotedDetail,
  sourceLine,
  stateOf,
} from './checklistView';
import {
  STEP_MESSAGES,
  itemNotes,
  labelledCoverage,
  leversMissing,
  mayChooseLevers,
  stepQuestion,
  transitionProblem,
} from './planSteps';
import {
  OPEN_DEALS_QUERY,
  dealQuestion,
  dealsTickedByDefault,
  mayRecordOnDeals,
  openDeals,
  recordOnDeals,
  recordedToast,
  refusedTitle,
} from './dealLevers';

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
  /** The value proposition's open deals: asked for once its form first opens, and those ticked. */
  dealVariables;
  dealsResult;
  tickedDeals = [];
  /** Set once the org refused a write for this user's access to the account. */
  refused = false;

  @wire(MessageContext) messageContext;

  /** Whether the user may also record the levers on the account's deals (Opportunity.Value_Levers__c). */
  @wire(getObjectInfo, { objectApiName: OPPORTUNITY_OBJECT }) opportunityInfo;

  @wire(graphql, { query: OPEN_DEALS_QUERY, variables: '$dealVariables' })
  wiredDeals(result) {
    this.dealsResult = result;
    if (result.data) {
      this.tickedDeals = dealsTickedByDefault(openDeals(result));
    }
  }

  /** What the user may do to signals: actions they may not take are not offered. */
  @wire(getObjectInfo, { objectApiName: SIGNAL_OBJECT }) signalInfo;

  /** The levers a value proposition may pull (global value set Stance_Value_Levers). */
  @wire(getPicklistValues, {
    recordTypeId: '$signalInfo.data.defaultRecordTypeId',
    fieldApiName: SIGNAL_VALUE_LEVERS,
  })
  leverValues;

  /** The departments signals come from and the competitors they name, by their labels. */
  @wire(getPicklistValues, { recordTypeId: '$signalInfo.data.defaultRecordTypeId', fieldApiName: SIGNAL_SOURCE })
  sourceValues;

  @wire(getPicklistValues, { recordTypeId: '$signalInfo.data.defaultRecordTypeId', fieldApiName: SIGNAL_COMPETITOR })
  competitorValues;

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

  get labels() {
    return LABELS;
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
    return checklistTitle(this.explanation ? this.explanation.stance : getFieldValue(this.record, STANCE));
  }

  get progress() {
    const explanation = this.explanation;
    return explanation ? planProgress(explanation.checklist, explanation.stance, explanation.planSteps) : null;
  }

  get stepMessages() {
    return STEP_MESSAGES;
  }

  get today() {
    return today();
  }

  get leverOptions() {
    const data = this.leverValues && this.leverValues.data;
    return data ? data.values.map((entry) => ({ label: entry.label, value: entry.value })) : [];
  }

  get leverError() {
    return this.leverValues && this.leverValues.error;
  }

  mayChooseLevers(item) {
    return mayChooseLevers(item, this.signalInfo && this.signalInfo.data, this.leverValues);
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
    return describeCoverage(this.coverage);
  }

  /** The explanation's coverage, its departments by their labels. */
  get coverage() {
    return labelledCoverage(this.explanation.coverage, picklistLabeller(this.sourceValues));
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
    return {
      ...item,
      ...stateOf(item),
      label: itemLabel(item),
      source: sourceLine(item, picklistLabeller(this.sourceValues)),
      detail: quotedDetail(item),
      // While its form is open, the step's own "Mark done" is the form's Save.
      actions:
        this.refused || this.completingCode === item.code
          ? []
          : itemActions(item, this.signalInfo && this.signalInfo.data).filter(
              // "Change levers" only while there are levers to choose from.
              (action) => action.name !== 'levers' || this.mayChooseLevers(item),
            ),
      notes: itemNotes(item, {
        leverOptions: this.leverOptions,
        coverage: this.coverage,
        competitorLabel: picklistLabeller(this.competitorValues),
      }),
      completing: this.completingCode === item.code ? this.question(item) : null,
      isDismissing: this.dismissingCode === item.code,
      busy: this.busyCode === item.code,
      reasonId: `dismiss-reason-${item.code}`,
    };
  }

  /** The open step form's question; the value proposition's also lists the open deals. */
  question(item) {
    const question = stepQuestion(item, this.mayChooseLevers(item));
    const deals = question && question.asksLevers && this.dealVariables;
    return deals ? { ...question, deals: dealQuestion(this.dealsResult, this.leverOptions) } : question;
  }

  get elsewhere() {
    return describeElsewhere(this.explanation ? this.explanation.elsewhere : []);
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
    const fields = {
      [SIGNAL_STATUS.fieldApiName]: 'Confirmed', // i18n-exempt: Status__c API value
      [SIGNAL_ACKNOWLEDGED_AT.fieldApiName]: new Date().toISOString(),
      [SIGNAL_ACKNOWLEDGED_BY.fieldApiName]: USER_ID,
    };
    await this.write(item, fields, formatLabel(LABELS.confirmedToast, itemLabel(item)));
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
      input.setCustomValidity(LABELS.dismissReasonMissing);
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    const fields = {
      [SIGNAL_STATUS.fieldApiName]: 'Dismissed', // i18n-exempt: Status__c API value
      [SIGNAL_DISMISSED_AT.fieldApiName]: new Date().toISOString(),
      [SIGNAL_DISMISS_REASON.fieldApiName]: reason,
    };
    if (await this.write(item, fields, formatLabel(LABELS.dismissedToast, itemLabel(item)))) {
      this.dismissingCode = null;
    }
  }

  async handleReopen(event) {
    const item = this.itemFor(event);
    const fields = {
      [SIGNAL_ID.fieldApiName]: item.dismissal.id,
      [SIGNAL_STATUS.fieldApiName]: 'Acknowledged', // i18n-exempt: Status__c API value
      [SIGNAL_DISMISSED_AT.fieldApiName]: null,
      [SIGNAL_DISMISS_REASON.fieldApiName]: null,
    };
    await this.save(item, () => updateRecord({ fields }), formatLabel(LABELS.reopenedToast, itemLabel(item)));
  }

  /** Marks a step done at once, or opens its form when the step asks for more (stepQuestion). */
  async handleMarkDone(event) {
    const item = this.itemFor(event);
    if (stepQuestion(item, this.mayChooseLevers(item))) {
      this.openStepForm(item, []);
      return;
    }
    await this.markDone(item, {});
  }

  /** A done value proposition's levers, changed in the same form (and recorded on deals again). */
  handleChangeLevers(event) {
    const item = this.itemFor(event);
    this.openStepForm(item, [...(item.signal.levers || [])]);
  }

  openStepForm(item, levers) {
    this.completingCode = item.code;
    this.transitionUntil = null;
    this.chosenLevers = levers;
    this.dismissingCode = null;
    if (item.code === VALUE_PROPOSITION && mayRecordOnDeals(this.opportunityInfo && this.opportunityInfo.data)) {
      // Asked once; opened again, the deals start from what they hold now.
      this.tickedDeals = dealsTickedByDefault(openDeals(this.dealsResult));
      this.dealVariables = this.dealVariables || { accountId: this.recordId };
    }
  }

  markDone(item, fields) {
    return this.write(
      item,
      { [SIGNAL_STATUS.fieldApiName]: 'Done', ...fields }, // i18n-exempt: Status__c API value
      formatLabel(LABELS.markedDoneToast, itemLabel(item)),
      LABELS.detailMarkedDone,
    );
  }

  handleTransitionChange(event) {
    this.transitionUntil = event.detail.value;
  }

  handleLeversChange(event) {
    this.chosenLevers = event.detail.value || [];
  }

  handleDealsChange(event) {
    this.tickedDeals = event.detail.value || [];
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
      problem = transitionProblem(this.transitionUntil, today());
      fields[SIGNAL_TRANSITION_UNTIL.fieldApiName] = this.transitionUntil;
    } else {
      input = this.template.querySelector(`lightning-checkbox-group[data-code="${item.code}"]`);
      const value = leverValue(this.chosenLevers, this.leverOptions);
      problem = value ? '' : leversMissing(this.leverOptions);
      fields[SIGNAL_VALUE_LEVERS.fieldApiName] = value;
    }
    if (input) {
      input.setCustomValidity(problem);
      input.reportValidity();
    }
    if (problem || !input) {
      return;
    }
    const saved =
      item.state === 'done'
        ? this.write(item, fields, formatLabel(LABELS.leversChangedToast, itemLabel(item)))
        : this.markDone(item, fields);
    if (await saved) {
      this.completingCode = null;
      if (question.asksLevers) {
        await this.recordOnDeals(fields[SIGNAL_VALUE_LEVERS.fieldApiName]);
      }
    }
  }

  /**
   * After the signal is saved: the levers on each ticked open deal, as the user. A deal the org
   * refuses is named with the org's reason; the signal and the other deals stay saved.
   */
  async recordOnDeals(value) {
    const deals = this.dealVariables ? openDeals(this.dealsResult) : [];
    const { recorded, refused } = await recordOnDeals(deals, this.tickedDeals, value);
    if (recorded.length > 0) {
      const toast = recordedToast(recorded);
      this.dispatchEvent(successToast(toast.title, toast.message));
    }
    refused.forEach(({ deal, error }) => this.dispatchEvent(errorToast(refusedTitle(deal), error)));
    if (recorded.length + refused.length > 0 && this.dealsResult.refresh) {
      await this.dealsResult.refresh();
    }
  }

  /** Updates the item's signal, or records a new one when the trigger was only detected. */
  write(item, fields, success, detail) {
    return item.signal
      ? this.save(
          item,
          () => updateRecord({ fields: { [SIGNAL_ID.fieldApiName]: item.signal.id, ...fields } }),
          success,
        )
      : this.save(item, () => createRecord(newSignal(this.recordId, item, fields, detail)), success);
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
        this.dispatchEvent(errorToast(LABELS.notSaved, error));
      }
      return false;
    } finally {
      this.busyCode = null;
    }
  }
}
