/**
 * The value proposition's levers reach the account's open deals, so the deal that wins carries
 * them: the step form lists the open deals (GraphQL, as the user), ticks those without levers,
 * and after the signal writes the levers on each ticked deal as the user. A deal the org refuses
 * is named with its reason and the signal stays; a user without edit on
 * Opportunity.Value_Levers__c is not offered the deals.
 */
import { createElement } from 'lwc';
import StanceChecklist from 'c/stanceChecklist';
import { getRecord, createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { graphql } from 'lightning/graphql';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import { $, RECORD_ID, flush, forField, item, signalInfo, withExplanation, withoutField } from './support/checklist';

const attackLevers = require('./data/attackLevers.json');
const leverPicklist = require('./data/leverPicklist.json');
// Opportunity object info as the local org answers Dana (Stance_User: edit on Value_Levers__c).
const opportunityInfo = require('./data/opportunityObjectInfo.json');
// The open deals query as the local org answers Dana for Hansa Schokolade, with a second open
// deal added that already carries a lever.
const openDeals = require('./data/openDeals.json');
const noOpenDeals = require('./data/noOpenDeals.json');
const dealsFieldError = require('./data/dealsFieldError.json');

const SEASONAL = '006000000000007AAA';
const EASTER = '006000000000077AAA';

/** The value proposition not yet defined (detected, no signal): marking it done creates the signal. */
const notDefined = withExplanation(attackLevers, (explanation) => {
  const step = explanation.checklist.find((entry) => entry.code === 'VALUE_PROPOSITION');
  Object.assign(step, { state: 'open', signal: null });
  explanation.planSteps = { done: 0, total: 2 };
});

const forObject = (name) => (config) => config.objectApiName && config.objectApiName.objectApiName === name;
const forDeals = (config) => !!config.variables && config.variables.accountId === RECORD_ID;
const form = (element) => item(element, 'VALUE_PROPOSITION').querySelector('[data-id="step-form"]');
const dealsGroup = (element) => form(element).querySelector('lightning-checkbox-group[data-id="deals"]');
const leversGroup = (element) => form(element).querySelector('lightning-checkbox-group[data-code="VALUE_PROPOSITION"]');
const formButton = (element, label) =>
  [...form(element).querySelectorAll('lightning-button')].find((entry) => entry.label === label);
const action = (element, name) =>
  item(element, 'VALUE_PROPOSITION').querySelector(`lightning-button[data-action="${name}"]`);

async function mount(record, { oppInfo = opportunityInfo } = {}) {
  const element = createElement('c-stance-checklist', { is: StanceChecklist });
  element.recordId = RECORD_ID;
  const toasts = [];
  element.addEventListener(ShowToastEventName || 'lightning__showtoast', (event) => toasts.push(event.detail));
  document.body.appendChild(element);
  getObjectInfo.emit(signalInfo, forObject('Stance_Signal__c'));
  getObjectInfo.emit(oppInfo, forObject('Opportunity'));
  await flush();
  getPicklistValues.emit(leverPicklist, forField('Value_Levers__c'));
  getRecord.emit(record);
  await flush();
  return { element, toasts };
}

async function openForm(element, name = 'done') {
  action(element, name).click();
  await flush();
}

async function choose(group, value) {
  group.dispatchEvent(new CustomEvent('change', { detail: { value } }));
  await flush();
}

async function save(element) {
  leversGroup(element).setCustomValidity = jest.fn();
  leversGroup(element).reportValidity = jest.fn();
  formButton(element, 'Save').click();
  await flush();
  await flush();
}

describe('c-stance-checklist: the levers on the open deals', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    updateRecord.mockReset();
  });

  it('lists the open deals under the levers, ticking those without levers yet, and says why', async () => {
    const { element } = await mount(notDefined);
    expect(graphql.getLastConfig()).not.toEqual(expect.objectContaining({ variables: expect.anything() }));
    await openForm(element);
    expect(graphql.getLastConfig().variables).toEqual({ accountId: RECORD_ID });
    expect(form(element).querySelector('[data-id="deals-loading"]').textContent).toBe(
      "Loading the account's open deals…",
    );
    graphql.emit(openDeals, forDeals);
    await flush();
    const group = dealsGroup(element);
    expect(group.label).toBe('Record the levers on these 2 open deals too, so the deal that wins carries them');
    expect(group.options).toEqual([
      { value: SEASONAL, label: 'Hansa – seasonal range (Proposal/Price Quote, closes Dec 20, 2026)' },
      { value: EASTER, label: 'Hansa – Easter range (Qualification, closes Feb 15, 2027; levers now: Price)' },
    ]);
    expect(group.value).toEqual([SEASONAL]);
    await expect(element).toBeAccessible();
  });

  it('says "this open deal" for one deal', async () => {
    const { element } = await mount(notDefined);
    await openForm(element);
    const one = { uiapi: { query: { Opportunity: { edges: [openDeals.uiapi.query.Opportunity.edges[0]] } } } };
    graphql.emit(one, forDeals);
    await flush();
    expect(dealsGroup(element).label).toBe(
      'Record the levers on this open deal too, so the deal that wins carries them',
    );
  });

  it('saves the signal first, then the levers on exactly the ticked deals, as the user', async () => {
    const calls = [];
    createRecord.mockImplementation(async (record) => {
      calls.push(['signal', record.fields.Value_Levers__c]);
      return { id: 'a01000000000009AAA' };
    });
    updateRecord.mockImplementation(async (record) => {
      calls.push(['deal', record.fields.Id, record.fields.Value_Levers__c]);
      return {};
    });
    const refresh = jest.fn(() => Promise.resolve());
    const { element, toasts } = await mount(notDefined);
    await openForm(element);
    graphql.emit(openDeals, forDeals, refresh);
    await flush();
    await choose(leversGroup(element), ['Service', 'Technical']);
    await choose(dealsGroup(element), [SEASONAL, EASTER]);
    await save(element);

    expect(calls).toEqual([
      ['signal', 'Technical;Service'],
      ['deal', SEASONAL, 'Technical;Service'],
      ['deal', EASTER, 'Technical;Service'],
    ]);
    expect(updateRecord.mock.calls.map(([record]) => Object.keys(record.fields).sort())).toEqual([
      ['Id', 'Value_Levers__c'],
      ['Id', 'Value_Levers__c'],
    ]);
    expect(toasts.map((toast) => [toast.title, toast.variant])).toEqual([
      ['Value proposition defined marked done.', 'success'],
      ['Levers recorded on 2 open deals', 'success'],
    ]);
    expect(toasts[1].message).toBe('Hansa – seasonal range and Hansa – Easter range');
    expect(refresh).toHaveBeenCalled();
    expect(form(element)).toBeNull();
  });

  it('leaves a deal the rep unticks as it is', async () => {
    const { element } = await mount(notDefined);
    await openForm(element);
    graphql.emit(openDeals, forDeals);
    await flush();
    await choose(leversGroup(element), ['Price']);
    await choose(dealsGroup(element), []);
    await save(element);
    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(updateRecord).not.toHaveBeenCalled();
  });

  it('names the deal the org refused and why, keeps the signal and the other deal', async () => {
    updateRecord.mockImplementation((record) => {
      if (record.fields.Id === EASTER) {
        // The UI API's answer to a save the org refuses (Error with Output).
        return Promise.reject({
          status: 400,
          body: {
            enhancedErrorType: 'RecordError',
            message: 'An error occurred while trying to update the record. Please try again.',
            output: {
              errors: [
                { errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' },
              ],
              fieldErrors: {},
            },
          },
        });
      }
      return Promise.resolve({});
    });
    const { element, toasts } = await mount(notDefined);
    await openForm(element);
    graphql.emit(openDeals, forDeals);
    await flush();
    await choose(leversGroup(element), ['Technical']);
    await choose(dealsGroup(element), [SEASONAL, EASTER]);
    await save(element);

    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(toasts).toEqual([
      expect.objectContaining({ title: 'Value proposition defined marked done.', variant: 'success' }),
      expect.objectContaining({ title: 'Levers recorded on 1 open deal', message: 'Hansa – seasonal range' }),
      expect.objectContaining({
        title: 'The levers were not recorded on “Hansa – Easter range”',
        message: 'insufficient access rights on object id',
        variant: 'error',
      }),
    ]);
    // The account's own signals stay writable: a refused deal is not a refused account.
    expect($(element, '[data-id="refused"]')).toBeNull();
  });

  it('writes no deal when the signal was not saved', async () => {
    createRecord.mockRejectedValueOnce({
      status: 400,
      body: { message: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Not now' },
    });
    const { element, toasts } = await mount(notDefined);
    await openForm(element);
    graphql.emit(openDeals, forDeals);
    await flush();
    await choose(leversGroup(element), ['Price']);
    await save(element);
    expect(updateRecord).not.toHaveBeenCalled();
    expect(toasts.map((toast) => toast.variant)).toEqual(['error']);
    expect(form(element)).not.toBeNull();
  });

  it('says nothing extra when the account has no open deals', async () => {
    const { element } = await mount(notDefined);
    await openForm(element);
    graphql.emit(noOpenDeals, forDeals);
    await flush();
    expect(dealsGroup(element)).toBeNull();
    expect(form(element).querySelector('[data-id="deals-loading"]')).toBeNull();
    expect(form(element).querySelector('c-error-panel')).toBeNull();
    await choose(leversGroup(element), ['Price']);
    await save(element);
    expect(updateRecord).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it.each([
    ['may read but not edit the field', { updateable: false }],
    ['may not read the field', null],
  ])('does not offer the deals to a user who %s (Opportunity.Value_Levers__c)', async (_case, field) => {
    const oppInfo = field
      ? {
          ...opportunityInfo,
          fields: {
            ...opportunityInfo.fields,
            Value_Levers__c: { ...opportunityInfo.fields.Value_Levers__c, ...field },
          },
        }
      : withoutField(opportunityInfo, 'Value_Levers__c');
    const { element } = await mount(notDefined, { oppInfo });
    await openForm(element);
    graphql.emit(openDeals, () => true);
    await flush();
    expect(leversGroup(element)).not.toBeNull();
    expect(dealsGroup(element)).toBeNull();
    expect(form(element).querySelector('[data-id="deals-loading"]')).toBeNull();
    await choose(leversGroup(element), ['Price']);
    await save(element);
    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(updateRecord).not.toHaveBeenCalled();
  });

  it('says the deals could not be loaded, and still saves the signal', async () => {
    const { element, toasts } = await mount(notDefined);
    await openForm(element);
    graphql.emitErrors(dealsFieldError, forDeals);
    await flush();
    const panel = form(element).querySelector('c-error-panel');
    expect(panel.friendlyMessage).toBe("We could not load the account's open deals.");
    expect(dealsGroup(element)).toBeNull();
    await expect(element).toBeAccessible();
    await choose(leversGroup(element), ['Service']);
    await save(element);
    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(updateRecord).not.toHaveBeenCalled();
    expect(toasts.map((toast) => toast.variant)).toEqual(['success']);
  });

  it('changes the levers of a done value proposition, and records them on the deals again', async () => {
    const { element, toasts } = await mount(attackLevers);
    expect(action(element, 'done')).toBeNull();
    await openForm(element, 'levers');
    expect(leversGroup(element).value).toEqual(['Technical', 'Service']);
    graphql.emit(openDeals, forDeals);
    await flush();
    expect(dealsGroup(element).value).toEqual([SEASONAL]);
    await choose(leversGroup(element), ['Price']);
    await save(element);
    expect(updateRecord.mock.calls.map(([record]) => record.fields)).toEqual([
      { Id: 'a01000000000005AAA', Value_Levers__c: 'Price' },
      { Id: SEASONAL, Value_Levers__c: 'Price' },
    ]);
    expect(toasts[0].title).toBe('Levers of Value proposition defined saved.');
  });

  it('does not offer "Change levers" when the org has no levers to choose from', async () => {
    const element = createElement('c-stance-checklist', { is: StanceChecklist });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    getObjectInfo.emit(signalInfo, forObject('Stance_Signal__c'));
    await flush();
    getPicklistValues.emit({ ...leverPicklist, values: [] }, forField('Value_Levers__c'));
    getRecord.emit(attackLevers);
    await flush();
    expect(action(element, 'levers')).toBeNull();
  });

  it('does not offer "Change levers" to a user who may not edit the signal\'s levers', async () => {
    const { element } = await mount(attackLevers);
    expect(action(element, 'levers')).not.toBeNull();
    document.body.removeChild(element);
    const locked = { ...signalInfo, fields: { ...signalInfo.fields } };
    locked.fields.Value_Levers__c = { ...locked.fields.Value_Levers__c, updateable: false };
    const element2 = createElement('c-stance-checklist', { is: StanceChecklist });
    element2.recordId = RECORD_ID;
    document.body.appendChild(element2);
    getObjectInfo.emit(locked, forObject('Stance_Signal__c'));
    await flush();
    getPicklistValues.emit(leverPicklist, forField('Value_Levers__c'));
    getRecord.emit(attackLevers);
    await flush();
    expect(action(element2, 'levers')).toBeNull();
  });
});
