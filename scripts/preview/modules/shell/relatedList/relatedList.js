import { LightningElement, api, wire } from 'lwc';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import { RefreshesWire } from 'shell/refreshable';
import { word } from 'shell/words';

const FIELDS = [
  'Stance_Signal__c.Name',
  'Stance_Signal__c.Trigger__c',
  'Stance_Signal__c.Status__c',
  'Stance_Signal__c.Source__c',
];

/** What a field shows: its display value (a picklist's label in the person's language), else its value. */
function shown(record, field) {
  return getFieldDisplayValue(record, field) ?? getFieldValue(record, field) ?? '';
}

/**
 * The account's signals, newest first (force:relatedListContainer, the list Stance adds), with
 * picklist labels, never API values; it loads again on a RefreshEvent, as Lightning's related lists do.
 */
export default class RelatedList extends RefreshesWire(LightningElement) {
  @api recordId;
  records = [];
  error;
  wired;
  words = { failed: word('signalsFailed'), empty: word('noSignals') };

  @wire(getRelatedListRecords, {
    parentRecordId: '$recordId',
    relatedListId: 'Stance_Signals__r',
    fields: FIELDS,
    sortBy: ['-Stance_Signal__c.CreatedDate'],
    pageSize: 10,
  })
  wiredSignals(result) {
    this.wired = result;
    this.records = result.data ? result.data.records : [];
    this.error = result.error;
  }

  get rows() {
    return this.records.map((record) => ({
      key: record.id,
      name: shown(record, 'Stance_Signal__c.Name'),
      trigger: shown(record, 'Stance_Signal__c.Trigger__c'),
      status: shown(record, 'Stance_Signal__c.Status__c'),
      source: shown(record, 'Stance_Signal__c.Source__c'),
    }));
  }

  get title() {
    return word('signalsCount', this.records.length);
  }

  get isEmpty() {
    return !this.error && this.records.length === 0;
  }
}
