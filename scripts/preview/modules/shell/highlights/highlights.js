import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { quickActions } from 'preview/layout';
import { formatMoney } from 'shell/format';
import { RefreshesWire } from 'shell/refreshable';
import { mark, word } from 'shell/words';

// The quick actions' labels in the person's language (the package's translations), as the page carries them.
const ACTION_LABELS = (globalThis.__STANCE_PREVIEW__ || {}).quickActionLabels || {};

const FIELDS = [
  'Account.Name',
  'Account.Type',
  'Account.Industry',
  'Account.BillingCountry',
  'Account.AnnualRevenue',
  'Account.Owner.Name',
];

/**
 * The record page header: the account's name and its highlights, as force:highlightsPanel shows
 * them, labelled as the org names its fields in the person's language; it loads again on a RefreshEvent.
 */
export default class Highlights extends RefreshesWire(LightningElement) {
  @api objectApiName;
  @api recordId;
  record;
  error;
  objectInfo;
  failedMessage = word('accountFailed');
  /** The quick action whose screen is open, or null. */
  openAction = null;

  @wire(getRecord, { recordId: '$recordId', fields: FIELDS })
  wiredRecord(result) {
    this.wired = result;
    this.record = result.data;
    this.error = result.error;
  }

  @wire(getObjectInfo, { objectApiName: 'Account' })
  wiredObjectInfo({ data }) {
    this.objectInfo = data;
  }

  /** The object's name in the person's language (the org's object info), the preview's word until it loads. */
  get objectLabel() {
    return this.objectInfo ? this.objectInfo.label : word('account');
  }

  fieldLabel(name) {
    const field = this.objectInfo && this.objectInfo.fields[name];
    return field ? field.label : name;
  }

  get name() {
    return this.record ? getFieldValue(this.record, 'Account.Name') : this.objectLabel;
  }

  get highlights() {
    if (!this.record) return [];
    const value = (field) => getFieldDisplayValue(this.record, field) ?? getFieldValue(this.record, field) ?? '';
    return [
      { label: this.fieldLabel('Type'), value: value('Account.Type') },
      { label: this.fieldLabel('Industry'), value: value('Account.Industry') },
      { label: this.fieldLabel('BillingCountry'), value: value('Account.BillingCountry') },
      {
        label: this.fieldLabel('AnnualRevenue'),
        value: formatMoney(getFieldValue(this.record, 'Account.AnnualRevenue')),
      },
      { label: this.fieldLabel('OwnerId'), value: value('Account.Owner.Name') },
    ];
  }

  /** The record's quick actions (force-app/quickActions), as buttons in the header. */
  get actions() {
    return quickActions.map((action) => ({
      ...action,
      label: ACTION_LABELS[action.name] ?? mark(action.label),
      isReportSignal: action.component === 'reportSignal',
    }));
  }

  get actionOpen() {
    return this.openAction !== null;
  }

  handleAction(event) {
    const name = event.currentTarget.dataset.action;
    this.openAction = this.actions.find((action) => action.name === name) || null;
  }

  /** A screen action closes itself with CloseActionScreenEvent ('close'); Escape closes it too. */
  handleClose() {
    this.openAction = null;
  }

  handleKeydown(event) {
    if (event.key === 'Escape') this.handleClose();
  }
}
