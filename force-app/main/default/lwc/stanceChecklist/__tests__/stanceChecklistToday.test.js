import { createElement } from 'lwc';
import StanceChecklist from 'c/stanceChecklist';
import { getRecord, createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

// A user whose Salesforce time zone is ahead of the browser's: Lightning gives every component
// the user's zone (Pacific/Auckland) while the browser runs in UTC, as this machine's jest does.
jest.mock('@salesforce/i18n/timeZone', () => ({ __esModule: true, default: 'Pacific/Auckland' }), { virtual: true });

const fireExitPlan = require('./data/fireExitPlan.json');
const signalInfo = require('./data/signalObjectInfo.json');
const leverPicklist = require('./data/leverPicklist.json');

// 20:00 UTC on 7 June 2026 is 08:00 on 8 June in Auckland: the user's today is the 8th.
const EVENING_UTC = new Date(Date.UTC(2026, 5, 7, 20, 0));

/** The Fire record with the customer not yet told (the step whose form asks for a date). */
function notYetTold() {
  const explanation = JSON.parse(fireExitPlan.fields.Stance_Checklist__c.value);
  explanation.checklist = explanation.checklist.map((entry) => {
    return entry.code === 'EXIT_CUSTOMER_TOLD' ? { ...entry, state: 'open', signal: null } : entry;
  });
  explanation.planSteps = { done: 1, total: 4 };
  const field = { ...fireExitPlan.fields.Stance_Checklist__c, value: JSON.stringify(explanation) };
  return { ...fireExitPlan, fields: { ...fireExitPlan.fields, Stance_Checklist__c: field } };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const forField = (name) => (config) => config.fieldApiName && config.fieldApiName.fieldApiName === name;
const item = (element, code) => element.shadowRoot.querySelector(`li[data-code="${code}"]`);

async function openTransitionForm() {
  const element = createElement('c-stance-checklist', { is: StanceChecklist });
  element.recordId = '001000000000001AAA';
  document.body.appendChild(element);
  getObjectInfo.emit(signalInfo);
  await flush();
  getPicklistValues.emit(leverPicklist, forField('Value_Levers__c'));
  getRecord.emit(notYetTold());
  await flush();
  item(element, 'EXIT_CUSTOMER_TOLD').querySelector('lightning-button[data-action="done"]').click();
  await flush();
  const input = item(element, 'EXIT_CUSTOMER_TOLD').querySelector('lightning-input');
  input.setCustomValidity = jest.fn();
  input.reportValidity = jest.fn();
  return { element, input };
}

async function save(element, input, value) {
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
  [...item(element, 'EXIT_CUSTOMER_TOLD').querySelectorAll('[data-id="step-form"] lightning-button')]
    .find((button) => button.label === 'Save')
    .click();
  await flush();
}

describe("c-stance-checklist: today is the user's Salesforce day", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: EVENING_UTC, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick'] });
  });

  afterEach(() => {
    jest.useRealTimers();
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("offers the transition end from the user's today, not the browser's", async () => {
    const { input } = await openTransitionForm();
    expect(input.min).toBe('2026-06-08');
  });

  it("refuses the browser's today as already past for the user, and takes the user's today", async () => {
    const { element, input } = await openTransitionForm();
    await save(element, input, '2026-06-07');
    expect(input.setCustomValidity).toHaveBeenLastCalledWith('The transition period cannot end in the past.');
    expect(createRecord).not.toHaveBeenCalled();

    await save(element, input, '2026-06-08');
    expect(input.setCustomValidity).toHaveBeenLastCalledWith('');
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Stance_Signal__c',
      fields: expect.objectContaining({ Trigger__c: 'EXIT_CUSTOMER_TOLD', Transition_Until__c: '2026-06-08' }),
    });
  });
});
