import { LightningElement, api, wire } from 'lwc';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getFieldValue } from 'lightning/uiRecordApi';

/** The account's signals, newest first (force:relatedListContainer, the list Stance adds). */
export default class RelatedList extends LightningElement {
  @api recordId;
  records = [];
  error;

  @wire(getRelatedListRecords, {
    parentRecordId: '$recordId',
    relatedListId: 'Stance_Signals__r',
    fields: [
      'Stance_Signal__c.Name',
      'Stance_Signal__c.Trigger__c',
      'Stance_Signal__c.Status__c',
      'Stance_Signal__c.Source__c',
    ],
    sortBy: ['-Stance_Signal__c.CreatedDate'],
    pageSize: 10,
  })
  wiredSignals({ data, error }) {
    this.records = data ? data.records : [];
    this.error = error;
  }

  get rows() {
    return this.records.map((record) => ({
      key: record.id,
      name: getFieldValue(record, 'Stance_Signal__c.Name'),
      trigger: getFieldValue(record, 'Stance_Signal__c.Trigger__c'),
      status: getFieldValue(record, 'Stance_Signal__c.Status__c'),
      source: getFieldValue(record, 'Stance_Signal__c.Source__c'),
    }));
  }

  get title() {
    return `Signals (${this.records.length})`;
  }

  get isEmpty() {
    return !this.error && this.records.length === 0;
  }
}
