import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { MessageContext } from 'lightning/messageService';
import ACCOUNT_OBJECT from '@salesforce/schema/Account';
import ACCOUNT_ID from '@salesforce/schema/Account.Id';
import STANCE_COMPUTED from '@salesforce/schema/Account.Stance_Computed__c';
import OVERRIDE from '@salesforce/schema/Account.Stance_Override__c';
import OVERRIDE_REASON from '@salesforce/schema/Account.Stance_Override_Reason__c';
import OVERRIDE_UNTIL from '@salesforce/schema/Account.Stance_Override_Until__c';
import { errorToast, successToast } from 'c/stanceToasts';
import { announceRecompute } from 'c/stanceRecompute';
import { STANCE_NAMES, wiredRecordState } from 'c/stanceModel';
import { mayUpdate, recordAccessRefused } from 'c/stanceAccess';
import { formatLabel, today } from 'c/stanceI18n';
import { LABELS } from './overrideLabels';

const DEFAULT_DAYS = 30;
const OVERRIDE_FIELDS = [OVERRIDE, OVERRIDE_REASON, OVERRIDE_UNTIL];

/**
 * For managers: set or clear a manual stance with a reason and an end date. Who may is the
 * org's to say (object info: Edit on Account and on the three override fields); others read a
 * plain sentence instead. Object info cannot say whether this account is one the user may
 * change (sharing), so a save refused for record access ends in a plain sentence too.
 */
export default class StanceOverride extends LightningElement {
  @api recordId;
  record;
  error;
  accountInfo;
  infoError;
  /** Set once the org refused a save for this user's access to the account. */
  refused = false;
  editing = false;
  saving = false;
  draft = {};

  @wire(MessageContext) messageContext;

  @wire(getObjectInfo, { objectApiName: ACCOUNT_OBJECT })
  wiredInfo({ data, error }) {
    this.accountInfo = data;
    this.infoError = error;
    this.recordTypeId = data ? data.defaultRecordTypeId : undefined;
  }

  recordTypeId;

  get infoLoading() {
    return !this.accountInfo && !this.infoError;
  }

  get canOverride() {
    return mayUpdate(this.accountInfo, OVERRIDE_FIELDS);
  }

  get notAllowed() {
    return !!this.accountInfo && !this.canOverride;
  }

  get labels() {
    return LABELS;
  }

  /**
   * A stance as people read it: the package's name for it in the user's language, else (a value
   * an admin added) the field's picklist label from the UI API, never the API value.
   */
  stanceName(value) {
    if (STANCE_NAMES[value]) {
      return STANCE_NAMES[value];
    }
    const known = this.stanceOptions.find((option) => option.value === value);
    return known ? known.label : STANCE_NAMES.None;
  }

  /** The stances a manager may set: the override field's values, as the org defines them. */
  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: OVERRIDE }) stanceValues;

  // Optional: the UI API leaves out fields the user cannot read instead of refusing the read.
  @wire(getRecord, {
    recordId: '$recordId',
    fields: [ACCOUNT_ID],
    optionalFields: [STANCE_COMPUTED, ...OVERRIDE_FIELDS],
  })
  wiredRecord(result) {
    const state = wiredRecordState(result, this);
    this.record = state.record;
    this.error = state.error;
  }

  get stanceOptions() {
    const data = this.stanceValues && this.stanceValues.data;
    return data ? data.values.map(({ label, value }) => ({ label, value })) : [];
  }

  get stanceChoicesError() {
    return this.stanceValues && this.stanceValues.error;
  }

  /** While the stances load, or when the org offers none, there is nothing to choose. */
  get stancePlaceholder() {
    if (!(this.stanceValues && this.stanceValues.data)) {
      return LABELS.loadingStances;
    }
    return this.stanceOptions.length > 0 ? LABELS.chooseStance : LABELS.noStances;
  }

  get noStanceChoices() {
    return this.stanceOptions.length === 0;
  }

  get current() {
    const stance = getFieldValue(this.record, OVERRIDE);
    if (!stance) {
      return null;
    }
    return {
      label: this.stanceName(stance),
      reason: getFieldValue(this.record, OVERRIDE_REASON),
      until: getFieldValue(this.record, OVERRIDE_UNTIL),
    };
  }

  get computedLabel() {
    const computed = getFieldValue(this.record, STANCE_COMPUTED);
    return computed ? this.stanceName(computed) : LABELS.notComputed;
  }

  get rulesSay() {
    return formatLabel(LABELS.rulesSay, this.computedLabel);
  }

  get rulesDecide() {
    return formatLabel(LABELS.rulesDecide, this.computedLabel);
  }

  get today() {
    return today();
  }

  handleEdit() {
    const current = this.current;
    this.draft = {
      stance: current ? getFieldValue(this.record, OVERRIDE) : null,
      reason: current ? current.reason : '',
      until: current && current.until ? current.until : today(DEFAULT_DAYS),
    };
    this.editing = true;
  }

  handleCancel() {
    this.editing = false;
  }

  handleChange(event) {
    const name = event.target.name;
    this.draft = { ...this.draft, [name]: event.detail.value !== undefined ? event.detail.value : event.target.value };
  }

  async handleSave() {
    const { stance, reason, until } = this.draft;
    const problems = {
      stance: stance ? '' : LABELS.needStance,
      reason: (reason || '').trim() ? '' : LABELS.needReason,
      until: !until || until >= this.today ? '' : LABELS.pastDay,
    };
    Object.entries(problems).forEach(([name, message]) => {
      const input = this.template.querySelector(`[data-field="${name}"]`);
      input.setCustomValidity(message);
      input.reportValidity();
    });
    if (Object.values(problems).some((message) => message)) {
      return;
    }
    await this.save(
      {
        [OVERRIDE.fieldApiName]: stance,
        [OVERRIDE_REASON.fieldApiName]: reason.trim(),
        [OVERRIDE_UNTIL.fieldApiName]: until || null,
      },
      formatLabel(LABELS.saved, this.stanceName(stance)),
    );
  }

  async handleClear() {
    await this.save(
      { [OVERRIDE.fieldApiName]: null, [OVERRIDE_REASON.fieldApiName]: null, [OVERRIDE_UNTIL.fieldApiName]: null },
      LABELS.cleared,
    );
  }

  async save(fields, success) {
    this.saving = true;
    try {
      await updateRecord({ fields: { [ACCOUNT_ID.fieldApiName]: this.recordId, ...fields } });
      this.editing = false;
      this.dispatchEvent(successToast(success));
      announceRecompute(this.messageContext, this.recordId);
    } catch (error) {
      if (recordAccessRefused(error)) {
        // Trying again will not help: say why in the card instead of the org's words.
        this.refused = true;
        this.editing = false;
      } else {
        this.dispatchEvent(errorToast(LABELS.notSaved, error));
      }
    } finally {
      this.saving = false;
    }
  }
}
