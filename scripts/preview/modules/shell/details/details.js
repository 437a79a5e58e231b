import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import { formatValue } from 'shell/format';

const FIELDS = [
  { field: 'Account.Name', label: 'Account name' },
  { field: 'Account.Type', label: 'Type' },
  { field: 'Account.Industry', label: 'Industry' },
  { field: 'Account.BillingCountry', label: 'Billing country' },
  { field: 'Account.Strategic_Account__c', label: 'Strategic account' },
  { field: 'Account.Owner.Name', label: 'Account owner' },
  { field: 'Account.Stance_Changed_At__c', label: 'Stance changed' },
  { field: 'Account.Stance_Computed_At__c', label: 'Stance computed' },
];

/** The record's detail section (force:detailPanel), read-only. */
export default class Details extends LightningElement {
  @api recordId;
  record;
  error;

  @wire(getRecord, { recordId: '$recordId', optionalFields: FIELDS.map((entry) => entry.field) })
  wiredRecord({ data, error }) {
    this.record = data;
    this.error = error;
  }

  get rows() {
    if (!this.record) return [];
    return FIELDS.map(({ field, label }) => {
      const value = formatValue(getFieldValue(this.record, field), getFieldDisplayValue(this.record, field));
      return { key: field, label, value };
    });
  }
}
