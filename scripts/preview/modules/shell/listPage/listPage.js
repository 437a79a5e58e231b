import { LightningElement, api, wire } from 'lwc';
import { getListInfoByName, getListInfosByObjectName, getListRecordsByName } from 'lightning/uiListsApi';
import { getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import { listUrl, recordUrl } from 'shell/route';
import { formatValue } from 'shell/format';
import { LANG, operator, plural, word } from 'shell/words';

const PAGE_SIZE = 200;

/** What a cell shows: a lookup's name rather than its id, a picklist's label, a date as a person reads it. */
function shown(record, fieldApiName, raw, display) {
  if (raw === null || raw === undefined) return '';
  const relationship = fieldApiName.endsWith('__c') ? fieldApiName.replace(/__c$/, '__r') : null;
  const parentName = relationship && getFieldValue(record, `${record.apiName}.${relationship}.Name`);
  if (parentName) return parentName;
  return formatValue(raw, display);
}
// The first list view of an object when the address names none.
const DEFAULT_LISTS = { Account: 'Stance_At_Risk', Stance_Signal__c: 'Unacknowledged_On_My_Accounts' };

/**
 * A list view page: the object's list views to pick from, and the chosen one's records with the
 * columns and filters of its listView metadata, as the org's UI API answers them.
 */
export default class ListPage extends LightningElement {
  @api objectApiName;
  @api filterName;
  listInfo;
  listInfoError;
  listViews = [];
  listViewsError;
  records;
  recordsError;
  words = {
    listViews: word('listViews'),
    loading: word('listLoading'),
    failed: word('listFailed'),
    empty: word('listEmpty'),
    yes: word('yes'),
  };

  get listViewApiName() {
    return this.filterName || DEFAULT_LISTS[this.objectApiName];
  }

  @wire(getListInfosByObjectName, { objectApiName: '$objectApiName' })
  wiredListViews({ data, error }) {
    this.listViews = data ? data.lists : [];
    this.listViewsError = error;
  }

  @wire(getListInfoByName, { objectApiName: '$objectApiName', listViewApiName: '$listViewApiName' })
  wiredListInfo({ data, error }) {
    this.listInfo = data;
    this.listInfoError = error;
  }

  @wire(getListRecordsByName, {
    objectApiName: '$objectApiName',
    listViewApiName: '$listViewApiName',
    pageSize: PAGE_SIZE,
    sortBy: 'Name',
  })
  wiredRecords({ data, error }) {
    this.records = data ? data.records : undefined;
    this.recordsError = error;
  }

  get error() {
    return this.recordsError || this.listInfoError || this.listViewsError;
  }

  get isLoading() {
    return !this.error && (this.records === undefined || this.listInfo === undefined);
  }

  get title() {
    return this.listInfo ? this.listInfo.label : this.listViewApiName;
  }

  get objectLabel() {
    return this.objectApiName === 'Account' ? word('accounts') : word('signals');
  }

  get listOptions() {
    return this.listViews.map((list) => ({
      key: list.apiName,
      label: list.label,
      url: listUrl(this.objectApiName, list.apiName),
      className: `slds-nav-vertical__item${list.apiName === this.listViewApiName ? ' slds-is-active' : ''}`,
      current: list.apiName === this.listViewApiName ? 'page' : null,
    }));
  }

  get columns() {
    return this.listInfo
      ? this.listInfo.displayColumns.map((column) => ({ key: column.fieldApiName, label: column.label }))
      : [];
  }

  get summary() {
    const count = this.records ? this.records.length : 0;
    const filters = this.listInfo ? this.listInfo.filteredByInfo || [] : [];
    const described = filters.map((filter) =>
      word(
        'filter',
        filter.label || filter.fieldApiName,
        operator(filter.operator),
        (filter.operandLabels || []).join(', '),
      ),
    );
    const items = plural('items', count);
    return described.length ? word('filteredBy', items, new Intl.ListFormat(LANG).format(described)) : items;
  }

  get isEmpty() {
    return !this.isLoading && !this.error && this.records && this.records.length === 0;
  }

  get rows() {
    if (!this.records || !this.listInfo) return [];
    return this.records.map((record) => ({
      key: record.id,
      cells: this.listInfo.displayColumns.map((column, index) => this.cell(record, column, index)),
    }));
  }

  cell(record, column, index) {
    const field = `${record.apiName}.${column.fieldApiName}`;
    const raw = getFieldValue(record, field);
    const cell = {
      key: column.fieldApiName,
      text: shown(record, column.fieldApiName, raw, getFieldDisplayValue(record, field)),
    };
    if (typeof raw === 'boolean') return { ...cell, text: raw ? word('yes') : '', isCheck: raw };
    if (index === 0) {
      // The first column opens the record; a signal's row opens its account, where the signals are worked.
      const accountId =
        record.apiName === 'Account' ? record.id : getFieldValue(record, `${record.apiName}.Account__c`);
      return { ...cell, url: accountId ? recordUrl('Account', accountId) : null };
    }
    if (column.fieldApiName === 'Stance__c' && raw)
      return { ...cell, badge: `stance-badge stance-badge_${String(raw).toLowerCase()}` };
    return cell;
  }
}
