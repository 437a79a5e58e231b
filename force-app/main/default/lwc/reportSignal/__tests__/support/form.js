/**
 * What the tests of c-report-signal share (English, the competitor's and German): the
 * fixtures (Stance_Signal__c object info as the local org answers it, and the picklists'
 * values as getPicklistValues answers them), the org's answers for the form's choices, mounting
 * the form on an account and reading it. Load it after the test's locale is set (see
 * c/stanceI18n's support/germanUser): it loads the component. Not a test itself.
 */
import { createElement } from 'lwc';
import ReportSignal from 'c/reportSignal';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

export const signalObjectInfo = require('../data/signalObjectInfo.json');
export const triggerPicklist = require('../data/triggerPicklist.json');
export const sourcePicklist = require('../data/sourcePicklist.json');
// The Competitor__c values (global value set Stance_Competitors).
export const competitorPicklist = require('../data/competitorPicklist.json');

export const ACCOUNT_ID = '001000000000001AAA';
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
export const forField = (name) => (config) => config.fieldApiName && config.fieldApiName.fieldApiName === name;
export const $ = (element, selector) => element.shadowRoot.querySelector(selector);
export const textOf = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : null);

/**
 * The org's answers for the form's choices: object info, then each picklist's values (a
 * picklist given as null stays unanswered).
 */
export async function emitChoices({
  info = signalObjectInfo,
  triggers = triggerPicklist,
  sources = sourcePicklist,
  competitors = null,
} = {}) {
  getObjectInfo.emit(info);
  // The picklist wires ask once the record type id is known.
  await flush();
  getPicklistValues.emit(triggers, forField('Trigger__c'));
  getPicklistValues.emit(sources, forField('Source__c'));
  if (competitors) {
    getPicklistValues.emit(competitors, forField('Competitor__c'));
  }
}

/** The form, and the toasts it shows, on a record (an account unless said otherwise). */
export function create({ recordId = ACCOUNT_ID, objectApiName = 'Account' } = {}) {
  const element = createElement('c-report-signal', { is: ReportSignal });
  element.recordId = recordId;
  element.objectApiName = objectApiName;
  const toasts = [];
  element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
  document.body.appendChild(element);
  return { element, toasts };
}

export function tearDown() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
}
