/**
 * What the checklist's tests share (English, German, labels, the framework's steps, today):
 * the record with a changed explanation or step, mounting the checklist on an account with the
 * org's answers for Stance_Signal__c's object info and picklists, and reading its items. Load it
 * after the test's locale is set (see c/stanceI18n's support/germanUser): it loads the
 * component. Not a test itself.
 */
import { createElement } from 'lwc';
import StanceChecklist from 'c/stanceChecklist';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

// Stance_Signal__c object info as the local org answers it to a Stance user.
export const signalInfo = require('../data/signalObjectInfo.json');

export const RECORD_ID = '001000000000001AAA';
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
export const forField = (name) => (config) => config.fieldApiName && config.fieldApiName.fieldApiName === name;
export const $ = (element, selector) => element.shadowRoot.querySelector(selector);
export const item = (element, code) => $(element, `li[data-code="${code}"]`);
export const textOf = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : null);
export const line = (element, code, id) => textOf(item(element, code).querySelector(`[data-id="${id}"]`));
export const actions = (element, code) =>
  [...item(element, code).querySelectorAll('lightning-button[data-action]')].map((entry) => entry.label);
export const markDone = (element, code) => item(element, code).querySelector('lightning-button[data-action="done"]');
export const formButton = (element, code, label) =>
  [...item(element, code).querySelectorAll('[data-id="step-form"] lightning-button')].find((b) => b.label === label);

/** An input whose messages the test reads (the stubs' own do nothing). */
export function spyOnValidity(input) {
  input.setCustomValidity = jest.fn();
  input.reportValidity = jest.fn();
  return input;
}

/** The record with its stored explanation changed by `change` (a copy: fixtures stay as read). */
export function withExplanation(record, change) {
  const explanation = JSON.parse(record.fields.Stance_Checklist__c.value);
  change(explanation);
  const field = { ...record.fields.Stance_Checklist__c, value: JSON.stringify(explanation) };
  return { ...record, fields: { ...record.fields, Stance_Checklist__c: field } };
}

/** The record with one checklist entry changed, and the explanation's own count of plan steps. */
export function withStep(record, code, step, planSteps) {
  return withExplanation(record, (explanation) => {
    explanation.checklist = explanation.checklist.map((entry) => (entry.code === code ? { ...entry, ...step } : entry));
    explanation.planSteps = planSteps;
  });
}

/** Object info without one field, as the org answers a user without access to it. */
export function withoutField(info, name) {
  const fields = { ...info.fields };
  delete fields[name];
  return { ...info, fields };
}

/**
 * The checklist on an account, and the toasts it shows: the object info, then each picklist's
 * values by field (`{ Source__c: ..., Value_Levers__c: ... }`, in that order), then the record.
 */
export async function mount(record, { info = signalInfo, picklists = {} } = {}) {
  const element = createElement('c-stance-checklist', { is: StanceChecklist });
  element.recordId = RECORD_ID;
  const toasts = [];
  element.addEventListener('lightning__showtoast', (event) => toasts.push(event.detail));
  document.body.appendChild(element);
  getObjectInfo.emit(info);
  await flush();
  for (const [field, values] of Object.entries(picklists)) {
    getPicklistValues.emit(values, forField(field));
  }
  getRecord.emit(record);
  await flush();
  return { element, toasts };
}

export function tearDown() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
  jest.clearAllMocks();
}
