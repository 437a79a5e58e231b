import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { CloseActionScreenEvent } from 'lightning/actions';
import { MessageContext } from 'lightning/messageService';
import USER_ID from '@salesforce/user/Id';
import USER_ID_FIELD from '@salesforce/schema/User.Id';
import USER_DEPARTMENT from '@salesforce/schema/User.Department';
import SIGNAL_OBJECT from '@salesforce/schema/Stance_Signal__c';
import SIGNAL_ACCOUNT from '@salesforce/schema/Stance_Signal__c.Account__c';
import SIGNAL_TRIGGER from '@salesforce/schema/Stance_Signal__c.Trigger__c';
import SIGNAL_STATUS from '@salesforce/schema/Stance_Signal__c.Status__c';
import SIGNAL_SOURCE from '@salesforce/schema/Stance_Signal__c.Source__c';
import SIGNAL_DETAIL from '@salesforce/schema/Stance_Signal__c.Detail__c';
import SIGNAL_COMPETITOR from '@salesforce/schema/Stance_Signal__c.Competitor__c';
import TITLE from '@salesforce/label/c.Stance_Report_Title';
import ACCOUNT_NOT_FOUND from '@salesforce/label/c.Stance_Report_Account_Not_Found';
import NO_ACCOUNT from '@salesforce/label/c.Stance_Report_No_Account';
import NOT_ALLOWED from '@salesforce/label/c.Stance_Report_Not_Allowed';
import REFUSED from '@salesforce/label/c.Stance_Report_Refused';
import CHOICES_FAILED from '@salesforce/label/c.Stance_Report_Choices_Failed';
import CHOICES_LOADING from '@salesforce/label/c.Stance_Report_Choices_Loading';
import NO_CHOICES from '@salesforce/label/c.Stance_Report_No_Choices';
import REQUIRED from '@salesforce/label/c.Stance_Common_Required';
import QUESTION from '@salesforce/label/c.Stance_Report_Question';
import COMPETITOR from '@salesforce/label/c.Stance_Report_Competitor';
import COMPETITOR_PLACEHOLDER from '@salesforce/label/c.Stance_Report_Competitor_Placeholder';
import DEPARTMENT from '@salesforce/label/c.Stance_Report_Department';
import DEPARTMENT_PLACEHOLDER from '@salesforce/label/c.Stance_Report_Department_Placeholder';
import DETAIL from '@salesforce/label/c.Stance_Report_Detail';
import DETAIL_PLACEHOLDER from '@salesforce/label/c.Stance_Report_Detail_Placeholder';
import CANCEL from '@salesforce/label/c.Stance_Common_Cancel';
import SUBMIT from '@salesforce/label/c.Stance_Report_Submit';
import TRIGGER_MISSING from '@salesforce/label/c.Stance_Report_Trigger_Missing';
import DEPARTMENT_MISSING from '@salesforce/label/c.Stance_Report_Department_Missing';
import DETAIL_MISSING from '@salesforce/label/c.Stance_Report_Detail_Missing';
import THANKS from '@salesforce/label/c.Stance_Report_Thanks';
import ON_THE_ACCOUNT from '@salesforce/label/c.Stance_Report_On_The_Account';
import NOT_SAVED from '@salesforce/label/c.Stance_Report_Not_Saved';
import ABOUT_US from '@salesforce/label/c.Stance_Report_Group_About_Us';
import ABOUT_COMPETITOR from '@salesforce/label/c.Stance_Report_Group_About_Competitor';
import ABOUT_CUSTOMER from '@salesforce/label/c.Stance_Report_Group_About_Customer';
import ABOUT_SUPPLIER from '@salesforce/label/c.Stance_Report_Group_About_Supplier';
import { errorToast, successToast } from 'c/stanceToasts';
import { announceRecompute } from 'c/stanceRecompute';
import { mayCreate, objectHidden, recordAccessRefused } from 'c/stanceAccess';
import { triggerLabel } from 'c/stanceModel';

/** What this form says: custom labels, in the user's language. */
export const LABELS = {
  title: TITLE,
  accountNotFound: ACCOUNT_NOT_FOUND,
  noAccount: NO_ACCOUNT,
  notAllowed: NOT_ALLOWED,
  refused: REFUSED,
  choicesFailed: CHOICES_FAILED,
  choicesLoading: CHOICES_LOADING,
  noChoices: NO_CHOICES,
  required: REQUIRED,
  question: QUESTION,
  competitor: COMPETITOR,
  competitorPlaceholder: COMPETITOR_PLACEHOLDER,
  department: DEPARTMENT,
  departmentPlaceholder: DEPARTMENT_PLACEHOLDER,
  detail: DETAIL,
  detailPlaceholder: DETAIL_PLACEHOLDER,
  cancel: CANCEL,
  submit: SUBMIT,
  triggerMissing: TRIGGER_MISSING,
  departmentMissing: DEPARTMENT_MISSING,
  detailMissing: DETAIL_MISSING,
  thanks: THANKS,
  onTheAccount: ON_THE_ACCOUNT,
  notSaved: NOT_SAVED,
};

/** The fields a report sets: the user must be able to create each. */
const WRITTEN_FIELDS = [SIGNAL_ACCOUNT, SIGNAL_TRIGGER, SIGNAL_STATUS, SIGNAL_SOURCE, SIGNAL_DETAIL];

/**
 * The triggers a reporter may report, grouped by what they are about. Codes only: their labels
 * (and whether the org still offers them) come from the Trigger__c picklist, and metadata:check
 * keeps these codes within the engine's catalog.
 */
export const REPORTABLE_TRIGGERS = [
  { group: ABOUT_US, codes: ['PRODUCT_DISSATISFACTION', 'SERVICE_DISSATISFACTION'] },
  { group: ABOUT_COMPETITOR, codes: ['COMPETITOR_APPROACH'] },
  { group: ABOUT_CUSTOMER, codes: ['PROCESS_CHANGE', 'STRATEGY_CHANGE', 'KEY_PERSON_CHANGE'] },
  { group: ABOUT_SUPPLIER, codes: ['INCUMBENT_DISSATISFACTION'] },
];

/** The trigger a reporter may name the competitor on (Competitor__c, optional). */
export const COMPETITOR_TRIGGER = 'COMPETITOR_APPROACH';

/** The Source__c value the sidecar gives signals it found in the data: no person's department. */
export const DETECTED_SOURCE = 'Detected'; // i18n-exempt: Source__c API value

/** The Source__c value of the support department (API value, matched against User.Department). */
const SUPPORT_SOURCE = 'Customer Support'; // i18n-exempt: Source__c API value

/** Words in a User.Department that mean the support department (matched, never shown). */
const SUPPORT_WORDS = ['support', 'service']; // i18n-exempt: matched against User.Department

/** Maps a user's Department to one of the departments the org offers, when it plainly is one. */
function departmentSource(department, sources) {
  if (!department) {
    return null;
  }
  const lower = department.toLowerCase();
  const support = sources.some((entry) => entry.value === SUPPORT_SOURCE);
  if (support && SUPPORT_WORDS.some((word) => lower.includes(word))) {
    return SUPPORT_SOURCE;
  }
  // A department named after a source's value or, in the user's language, its label ("Logistik").
  const named = (text) => !!text && lower.includes(text.toLowerCase());
  const source = sources.find((entry) => named(entry.value) || named(entry.label));
  return source ? source.value : null;
}

/** Anyone who talks to the customer reports what they noticed in a few clicks. */
export default class ReportSignal extends LightningElement {
  @api recordId;
  /** Set by the record page; on a Case, Contact or Opportunity the signal goes to its account. */
  @api objectApiName;

  trigger = null;
  source = null;
  detail = '';
  competitor = null;
  saving = false;
  triggerError = null;
  sourceTouched = false;
  /** Set once the org refused a report for this user's access to the account. */
  refused = false;
  error;

  @wire(MessageContext) messageContext;

  @wire(getObjectInfo, { objectApiName: SIGNAL_OBJECT }) signalInfo;

  @wire(getPicklistValues, { recordTypeId: '$signalInfo.data.defaultRecordTypeId', fieldApiName: SIGNAL_TRIGGER })
  triggerValues;

  @wire(getPicklistValues, { recordTypeId: '$signalInfo.data.defaultRecordTypeId', fieldApiName: SIGNAL_SOURCE })
  wiredSources(result) {
    this.sourceValues = result;
    this.defaultSource();
  }

  /** The competitors a signal may name (global value set Stance_Competitors). */
  @wire(getPicklistValues, { recordTypeId: '$signalInfo.data.defaultRecordTypeId', fieldApiName: SIGNAL_COMPETITOR })
  competitorValues;

  sourceValues;
  userDepartment;

  @wire(getRecord, { recordId: USER_ID, fields: [USER_ID_FIELD], optionalFields: [USER_DEPARTMENT] })
  wiredUser({ data }) {
    if (data) {
      this.userDepartment = getFieldValue(data, USER_DEPARTMENT);
      this.defaultSource();
    }
  }

  /** Fills the department from the user's record once both it and the org's departments are known. */
  defaultSource() {
    if (!this.sourceTouched && this.userDepartment && this.departments.length > 0) {
      this.source = departmentSource(this.userDepartment, this.sourceOptions) || this.source;
    }
  }

  /** The departments a person reports from: the org's Source__c values but the sidecar's own. */
  get departments() {
    const data = this.sourceValues && this.sourceValues.data;
    return data ? data.values.map((entry) => entry.value).filter((value) => value !== DETECTED_SOURCE) : [];
  }

  get labels() {
    return LABELS;
  }

  /**
   * Whether the org says this user may not report: object info without Create on signals (or on
   * a field the form sets), or no object info at all because the user may not see signals.
   */
  get notAllowed() {
    const info = this.signalInfo || {};
    return info.data ? !mayCreate(info.data, WRITTEN_FIELDS) : objectHidden(info.error);
  }

  get choicesError() {
    return (
      (this.signalInfo && !this.notAllowed && this.signalInfo.error) ||
      (this.triggerValues && this.triggerValues.error) ||
      (this.sourceValues && this.sourceValues.error)
    );
  }

  get choicesLoading() {
    return (
      !this.choicesError &&
      !(this.triggerValues && this.triggerValues.data && this.sourceValues && this.sourceValues.data)
    );
  }

  get noChoices() {
    return this.groups.length === 0 || this.departments.length === 0;
  }

  get parentFields() {
    return this.isOnAccount || !this.objectApiName ? undefined : [`${this.objectApiName}.Id`];
  }

  /** Optional: a parent whose AccountId the user cannot read has, for this form, no account. */
  get parentOptionalFields() {
    return this.isOnAccount || !this.objectApiName ? undefined : [`${this.objectApiName}.AccountId`];
  }

  @wire(getRecord, { recordId: '$parentRecordId', fields: '$parentFields', optionalFields: '$parentOptionalFields' })
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
    return !this.objectApiName || this.objectApiName === 'Account'; // i18n-exempt: object API name
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

  /** The reportable triggers the org offers, with its labels; a group with none is left out. */
  get groups() {
    const data = this.triggerValues && this.triggerValues.data;
    const offered = new Map((data ? data.values : []).map((entry) => [entry.value, entry.label]));
    return REPORTABLE_TRIGGERS.map((group, index) => ({
      key: `group-${index}`,
      headingId: `observation-group-${index}`,
      group: group.group,
      options: group.codes
        .filter((code) => offered.has(code))
        .map((code) => ({
          value: code,
          // The org's label for the value (the UI API answers in the user's language), else the package's.
          label: offered.get(code) || triggerLabel(code),
          id: `observation-${code}`,
          checked: code === this.trigger,
        })),
    })).filter((group) => group.options.length > 0);
  }

  get sourceOptions() {
    const labels = new Map(this.sourceValues.data.values.map((entry) => [entry.value, entry.label]));
    return this.departments.map((value) => ({ label: labels.get(value), value }));
  }

  get competitorOptions() {
    const data = this.competitorValues && this.competitorValues.data;
    return data ? data.values.map((entry) => ({ label: entry.label, value: entry.value })) : [];
  }

  /**
   * The competitor is asked, optionally, when the reporter noticed a competitor's approach and
   * may set the field; without its values (not loaded, or none) the report goes without it.
   */
  get offersCompetitor() {
    const info = this.signalInfo && this.signalInfo.data;
    return (
      this.trigger === COMPETITOR_TRIGGER &&
      mayCreate(info, [...WRITTEN_FIELDS, SIGNAL_COMPETITOR]) &&
      this.competitorOptions.length > 0
    );
  }

  handleCompetitor(event) {
    this.competitor = event.detail.value || null;
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
    this.triggerError = triggerOk ? null : LABELS.triggerMissing;
    const source = this.template.querySelector('lightning-combobox[data-id="source"]');
    const detail = this.template.querySelector('lightning-textarea');
    source.setCustomValidity(sourceOk ? '' : LABELS.departmentMissing);
    detail.setCustomValidity(detailOk ? '' : LABELS.detailMissing);
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
    const fields = {
      [SIGNAL_ACCOUNT.fieldApiName]: this.accountId,
      [SIGNAL_TRIGGER.fieldApiName]: this.trigger,
      [SIGNAL_STATUS.fieldApiName]: 'New', // i18n-exempt: Status__c API value
      [SIGNAL_SOURCE.fieldApiName]: this.source,
      [SIGNAL_DETAIL.fieldApiName]: this.detail.trim(),
    };
    if (this.offersCompetitor && this.competitor) {
      fields[SIGNAL_COMPETITOR.fieldApiName] = this.competitor;
    }
    try {
      await createRecord({ apiName: SIGNAL_OBJECT.objectApiName, fields });
      this.dispatchEvent(successToast(LABELS.thanks, LABELS.onTheAccount));
      announceRecompute(this.messageContext, this.accountId);
      this.reset();
      this.dispatchEvent(new CloseActionScreenEvent());
    } catch (error) {
      if (recordAccessRefused(error)) {
        // Sending it again will not help: say why instead of the org's words.
        this.refused = true;
      } else {
        this.dispatchEvent(errorToast(LABELS.notSaved, error));
      }
    } finally {
      this.saving = false;
    }
  }

  reset() {
    this.trigger = null;
    this.detail = '';
    this.competitor = null;
    this.triggerError = null;
  }

  handleCancel() {
    this.reset();
    this.dispatchEvent(new CloseActionScreenEvent());
  }
}
