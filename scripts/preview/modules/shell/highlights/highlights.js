import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import { quickActions } from 'preview/layout';

const FIELDS = [
  'Account.Name',
  'Account.Type',
  'Account.Industry',
  'Account.BillingCountry',
  'Account.AnnualRevenue',
  'Account.Owner.Name',
];

/** The record page header: the account's name and its highlights, as force:highlightsPanel shows them. */
export default class Highlights extends LightningElement {
  @api objectApiName;
  @api recordId;
  record;
  error;
  /** The quick action whose screen is open, or null. */
  openAction = null;

  @wire(getRecord, { recordId: '$recordId', fields: FIELDS })
  wiredRecord({ data, error }) {
    this.record = data;
    this.error = error;
  }

  get name() {
    return this.record ? getFieldValue(this.record, 'Account.Name') : 'Account';
  }

  get highlights() {
    if (!this.record) return [];
    const value = (field) => getFieldDisplayValue(this.record, field) ?? getFieldValue(this.record, field) ?? '';
    return [
      { label: 'Type', value: value('Account.Type') },
      { label: 'Industry', value: value('Account.Industry') },
      { label: 'Country', value: value('Account.BillingCountry') },
      { label: 'Annual revenue', value: this.revenue },
      { label: 'Account owner', value: value('Account.Owner.Name') },
    ];
  }

  get revenue() {
    const amount = getFieldValue(this.record, 'Account.AnnualRevenue');
    return typeof amount === 'number'
      ? new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(amount)
      : '';
  }

  /** The record's quick actions (force-app/quickActions), as buttons in the header. */
  get actions() {
    return quickActions.map((action) => ({ ...action, isReportSignal: action.component === 'reportSignal' }));
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
