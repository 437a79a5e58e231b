import { createRecord } from 'lightning/uiRecordApi';
import { flush, formButton, item, markDone, mount, spyOnValidity, tearDown, withStep } from './support/checklist';

// A user whose Salesforce time zone is ahead of the browser's: Lightning gives every component
// the user's zone (Pacific/Auckland) while the browser runs in UTC, as this machine's jest does.
jest.mock('@salesforce/i18n/timeZone', () => ({ __esModule: true, default: 'Pacific/Auckland' }), { virtual: true });

const fireExitPlan = require('./data/fireExitPlan.json');
const leverPicklist = require('./data/leverPicklist.json');

// 20:00 UTC on 7 June 2026 is 08:00 on 8 June in Auckland: the user's today is the 8th.
const EVENING_UTC = new Date(Date.UTC(2026, 5, 7, 20, 0));

/** The Fire record with the customer not yet told (the step whose form asks for a date). */
const notYetTold = withStep(fireExitPlan, 'EXIT_CUSTOMER_TOLD', { state: 'open', signal: null }, { done: 1, total: 4 });

async function openTransitionForm() {
  const { element } = await mount(notYetTold, { picklists: { Value_Levers__c: leverPicklist } });
  markDone(element, 'EXIT_CUSTOMER_TOLD').click();
  await flush();
  const input = spyOnValidity(item(element, 'EXIT_CUSTOMER_TOLD').querySelector('lightning-input'));
  return { element, input };
}

async function save(element, input, value) {
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
  formButton(element, 'EXIT_CUSTOMER_TOLD', 'Save').click();
  await flush();
}

describe("c-stance-checklist: today is the user's Salesforce day", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: EVENING_UTC, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick'] });
  });

  afterEach(() => {
    jest.useRealTimers();
    tearDown();
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
