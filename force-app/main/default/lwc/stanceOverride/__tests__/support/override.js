/**
 * What the English and German tests of c-stance-override share: the fixtures (Account object
 * info as the local org answers it to Max, a Stance_Manager, and to Dana, a rep), mounting the
 * card on an account and reading it. Load it after the test's locale is set (see c/stanceI18n's
 * support/germanUser): it loads the component. Not a test itself.
 */
import { createElement } from 'lwc';
import StanceOverride from 'c/stanceOverride';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

export const objectInfo = require('../data/managerAccountInfo.json');
export const repInfo = require('../data/repAccountInfo.json');
export const withOverride = require('../data/accountWithOverride.json');
export const withoutOverride = require('../data/accountWithoutOverride.json');
export const stancePicklist = require('../data/stancePicklist.json');

export const RECORD_ID = '001000000000001AAA';
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
export const $ = (element, selector) => element.shadowRoot.querySelector(selector);
export const textOf = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : null);
export const buttons = (element) => [...element.shadowRoot.querySelectorAll('lightning-button')].map((b) => b.label);

export function clickButton(element, label) {
  [...element.shadowRoot.querySelectorAll('lightning-button')].find((button) => button.label === label).click();
}

/** The card on an account, its wires answered; `stances: null` leaves the picklist unanswered. */
export async function mount({ info = objectInfo, record = withoutOverride, stances = stancePicklist } = {}) {
  const element = createElement('c-stance-override', { is: StanceOverride });
  element.recordId = RECORD_ID;
  const toasts = [];
  element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
  document.body.appendChild(element);
  getObjectInfo.emit(info);
  getRecord.emit(record);
  // The stances are asked for once the record type id is known.
  await flush();
  if (stances) {
    getPicklistValues.emit(stances);
  }
  return { element, toasts };
}

export function removeAll() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
}
