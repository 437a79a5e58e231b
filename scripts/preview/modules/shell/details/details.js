import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { formatValue } from 'shell/format';
import { RefreshesWire } from 'shell/refreshable';
import { word } from 'shell/words';

// The fields shown, and the object-info field whose label names each (a lookup's name: its lookup).
const FIELDS = [
  { field: 'Account.Name', labelOf: 'Name' },
  { field: 'Account.Type', labelOf: 'Type' },
  { field: 'Account.Industry', labelOf: 'Industry' },
  { field: 'Account.BillingCountry', labelOf: 'BillingCountry' },
  { field: 'Account.Strategic_Account__c', labelOf: 'Strategic_Account__c' },
  { field: 'Account.Owner.Name', labelOf: 'OwnerId' },
  { field: 'Account.Stance_Changed_At__c', labelOf: 'Stance_Changed_At__c' },
  { field: 'Account.Stance_Computed_At__c', labelOf: 'Stance_Computed_At__c' },
];

/**
 * The record's detail section (force:detailPanel), read-only: field labels as the org names them
 * in the person's language, values as it displays them; it loads again on a RefreshEvent.
 */
export default class Details extends RefreshesWire(LightningElement) {
  @api recordId;
  record;
  error;
  objectInfo;
  words = { title: word('details'), failed: word('detailsFailed') };

  @wire(getRecord, { recordId: '$recordId', optionalFields: FIELDS.map((entry) => entry.field) })
  wiredRecord(result) {
    this.wired = result;
    this.record = result.data;
    this.error = result.error;
  }

  @wire(getObjectInfo, { objectApiName: 'Account' })
  wiredObjectInfo({ data }) {
    this.objectInfo = data;
  }

  get rows() {
    if (!this.record) return [];
    const fields = (this.objectInfo && this.objectInfo.fields) || {};
    return FIELDS.map(({ field, labelOf }) => {
      const value = formatValue(getFieldValue(this.record, field), getFieldDisplayValue(this.record, field));
      const label = fields[labelOf] ? fields[labelOf].label : labelOf;
      return { key: field, label, value };
    });
  }
}
