import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, createRecord } from 'lightning/uiRecordApi';
import { CloseActionScreenEvent } from 'lightning/actions';
import { MessageContext } from 'lightning/messageService';
import USER_ID from '@salesforce/user/Id';
import USER_DEPARTMENT from '@salesforce/schema/User.Department';
import SIGNAL_OBJECT from '@salesforce/schema/Stance_Signal__c';
import SIGNAL_ACCOUNT from '@salesforce/schema/Stance_Signal__c.Account__c';
import SIGNAL_TRIGGER from '@salesforce/schema/Stance_Signal__c.Trigger__c';
import SIGNAL_STATUS from '@salesforce/schema/Stance_Signal__c.Status__c';
import SIGNAL_SOURCE from '@salesforce/schema/Stance_Signal__c.Source__c';
import SIGNAL_DETAIL from '@salesforce/schema/Stance_Signal__c.Detail__c';
import { errorToast, successToast } from 'c/stanceToasts';
import { announceRecompute } from 'c/stanceRecompute';

/** What a reporter may have noticed, in their words, grouped; each maps to a trigger code. */
export const OBSERVATIONS = [
  {
    group: 'About us',
    options: [
      { value: 'PRODUCT_DISSATISFACTION', label: 'A problem with our product' },
      { value: 'SERVICE_DISSATISFACTION', label: 'A problem with our service' },
    ],
  },
  {
    group: 'About a competitor',
    options: [{ value: 'COMPETITOR_APPROACH', label: 'A competitor approached them' }],
  },
  {
    group: 'About the customer',
    options: [
      { value: 'PROCESS_CHANGE', label: 'They are changing their processes' },
      { value: 'STRATEGY_CHANGE', label: 'They are changing their strategy' },
      { value: 'KEY_PERSON_CHANGE', label: 'A key person is arriving or leaving' },
    ],
  },
  {
    group: 'About their current supplier',
    options: [{ value: 'INCUMBENT_DISSATISFACTION', label: 'They are unhappy with their current supplier' }],
  },
];

export const DEPARTMENTS = ['Customer Support', 'Logistics', 'Technical', 'Sales', 'Finance', 'Management', 'Other'];

/** Maps a user's Department to a signal source, when it plainly is one. */
function departmentSource(department) {
  if (!department) {
    return null;
  }
  const lower = department.toLowerCase();
  if (lower.includes('support') || lower.includes('service')) {
    return 'Customer Support';
  }
  return DEPARTMENTS.find((source) => lower.includes(source.toLowerCase())) || null;
}

/** Anyone who talks to the customer reports what they noticed in a few clicks. */
export default class ReportSignal extends LightningElement {
  @api recordId;
  /** Set by the record page; on a Case, Contact or Opportunity the signal goes to its account. */
  @api objectApiName;

  trigger = null;
  source = null;
  detail = '';
  saving = false;
  triggerError = null;
  sourceTouched = false;
  error;

  @wire(MessageContext) messageContext;

  @wire(getRecord, { recordId: USER_ID, fields: [USER_DEPARTMENT] })
  wiredUser({ data }) {
    if (data && !this.sourceTouched) {
      this.source = departmentSource(getFieldValue(data, USER_DEPARTMENT)) || this.source;
    }
  }

  get parentFields() {
    return this.isOnAccount || !this.objectApiName ? undefined : [`${this.objectApiName}.AccountId`];
  }

  @wire(getRecord, { recordId: '$parentRecordId', fields: '$parentFields' })
  wiredParent({ data, error }) {
    if (data) {
      this.parentAccountId = data.fields.AccountId ? data.fields.AccountId.value : null;
      this.error = undefined;
    } else if (error) {
      this.error = error;
    }
  }

  parentAccountId;

  get isOnAccount() {
    return !this.objectApiName || this.objectApiName === 'Account';
  }

  get parentRecordId() {
    return this.isOnAccount ? undefined : this.recordId;
  }

  get accountId() {
    return this.isOnAccount ? this.recordId : this.parentAccountId;
  }

  get noAccount() {
    return !this.isOnAccount && this.parentAccountId === null;
  }

  get groups() {
    return OBSERVATIONS.map((group, index) => ({
      key: `group-${index}`,
      headingId: `observation-group-${index}`,
      group: group.group,
      options: group.options.map((option) => ({
        ...option,
        id: `observation-${option.value}`,
        checked: option.value === this.trigger,
      })),
    }));
  }

  get sourceOptions() {
    return DEPARTMENTS.map((source) => ({ label: source, value: source }));
  }

  get triggerErrorId() {
    return this.triggerError ? 'observation-error' : null;
  }

  handleTrigger(event) {
    this.trigger = event.target.value;
    this.triggerError = null;
  }

  handleSource(event) {
    this.source = event.detail.value;
    this.sourceTouched = true;
  }

  handleDetail(event) {
    this.detail = event.target.value;
  }

  /** Checks the form itself (field stubs and real fields alike only display the messages). */
  validate() {
    const triggerOk = !!this.trigger;
    const sourceOk = !!this.source;
    const detailOk = !!(this.detail || '').trim();
    this.triggerError = triggerOk ? null : 'Choose what you noticed.';
    const source = this.template.querySelector('lightning-combobox');
    const detail = this.template.querySelector('lightning-textarea');
    source.setCustomValidity(sourceOk ? '' : 'Choose your department.');
    detail.setCustomValidity(detailOk ? '' : 'Tell the account manager what you saw or heard.');
    source.reportValidity();
    detail.reportValidity();
    return triggerOk && sourceOk && detailOk;
  }

  async handleSubmit(event) {
    event.preventDefault();
    if (!this.validate() || !this.accountId) {
      return;
    }
    this.saving = true;
    try {
      await createRecord({
        apiName: SIGNAL_OBJECT.objectApiName,
        fields: {
          [SIGNAL_ACCOUNT.fieldApiName]: this.accountId,
          [SIGNAL_TRIGGER.fieldApiName]: this.trigger,
          [SIGNAL_STATUS.fieldApiName]: 'New',
          [SIGNAL_SOURCE.fieldApiName]: this.source,
          [SIGNAL_DETAIL.fieldApiName]: this.detail.trim(),
        },
      });
      this.dispatchEvent(successToast('Thanks — the account manager has been told.', 'Your signal is on the account.'));
      announceRecompute(this.messageContext, this.accountId);
      this.reset();
      this.dispatchEvent(new CloseActionScreenEvent());
    } catch (error) {
      this.dispatchEvent(errorToast('Your signal was not saved', error));
    } finally {
      this.saving = false;
    }
  }

  reset() {
    this.trigger = null;
    this.detail = '';
    this.triggerError = null;
  }

  handleCancel() {
    this.reset();
    this.dispatchEvent(new CloseActionScreenEvent());
  }
}
