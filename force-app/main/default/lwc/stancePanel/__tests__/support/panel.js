/**
 * What the framework and German tests of c-stance-panel share: the stream (lightning/empApi,
 * off in these tests), records with a changed explanation or field, mounting the panel on an
 * account and reading it. The stream's mock is registered here, so take the component and the
 * stream's functions from this module, and load it after the test's locale is set (see
 * c/stanceI18n's support/germanUser). Not a test itself.
 */
import { createElement } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { isEmpEnabled, subscribe } from 'lightning/empApi';
import StancePanel from 'c/stancePanel';

jest.mock('lightning/empApi', () => ({
  isEmpEnabled: jest.fn(),
  onError: jest.fn(),
  subscribe: jest.fn(),
  unsubscribe: jest.fn(),
}));

export { StancePanel, isEmpEnabled, subscribe as subscribeToStream };

/** The record with its stored explanation changed by `change` (a copy: fixtures stay as read). */
export function withExplanation(record, change) {
  const explanation = JSON.parse(record.fields.Stance_Checklist__c.value);
  change(explanation);
  const field = { ...record.fields.Stance_Checklist__c, value: JSON.stringify(explanation) };
  return { ...record, fields: { ...record.fields, Stance_Checklist__c: field } };
}

export function withField(record, name, value) {
  return { ...record, fields: { ...record.fields, [name]: { value, displayValue: null } } };
}

// empApi answers after a few promise turns; a macrotask lets them all run.
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function mount(record) {
  const element = createElement('c-stance-panel', { is: StancePanel });
  element.recordId = '001000000000001AAA';
  document.body.appendChild(element);
  getRecord.emit(record);
  await settle();
  return element;
}

export const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
export const text = (element, id) => {
  const node = $(element, id);
  return node ? node.textContent.replace(/\s+/g, ' ').trim() : null;
};

/** Each test: the stream is off, so the panel shows only what the record says. */
export function streamOff() {
  isEmpEnabled.mockResolvedValue(false);
}

export function tearDown() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
}
