import { createElement } from 'lwc';
import StanceChecklist from 'c/stanceChecklist';
import { getRecord, createRecord, updateRecord } from 'lightning/uiRecordApi';
import { publish } from 'lightning/messageService';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';

const defendAtRisk = require('./data/defendAtRisk.json');
const defendHealthy = require('./data/defendHealthy.json');
const attackWithOpenings = require('./data/attackWithOpenings.json');
const dismissedSignal = require('./data/dismissedSignal.json');
const noneOutsideStrategy = require('./data/noneOutsideStrategy.json');
// Stance_Signal__c object info as the local org answers it to a Stance user.
const signalInfo = require('./data/signalObjectInfo.json');

const RECORD_ID = '001000000000001AAA';

function mount(record, info = signalInfo) {
  const element = createElement('c-stance-checklist', { is: StanceChecklist });
  element.recordId = RECORD_ID;
  const toasts = [];
  element.addEventListener(ShowToastEventName || 'lightning__showtoast', (event) => toasts.push(event.detail));
  document.body.appendChild(element);
  if (info) {
    getObjectInfo.emit(info);
  }
  if (record) {
    getRecord.emit(record);
  }
  return { element, toasts };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const item = (element, code) => element.shadowRoot.querySelector(`li[data-code="${code}"]`);
const textOf = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : null);
const button = (element, code, action) =>
  item(element, code).querySelector(`lightning-button[data-action="${action}"]`);

describe('c-stance-checklist', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it.each([
    ['defendAtRisk', 'COMPETITOR_APPROACH', ['Dismiss…']],
    ['defendAtRisk', 'SERVICE_DISSATISFACTION', ['Confirm', 'Dismiss…']],
    ['defendAtRisk', 'PRODUCT_DISSATISFACTION', []],
    ['defendAtRisk', 'MONITORING_COVERAGE', ['Mark done']],
    ['dismissedSignal', 'PRODUCT_DISSATISFACTION', ['Reopen']],
    ['attackWithOpenings', 'KEY_PERSON_CHANGE', ['Confirm', 'Dismiss…']],
    ['attackWithOpenings', 'VALUE_PROPOSITION', ['Change levers']],
  ])('offers on %s the actions its state allows for %s', async (fixture, code, labels) => {
    const { element } = mount(require(`./data/${fixture}.json`));
    await flush();
    const buttons = [...item(element, code).querySelectorAll('lightning-button[data-action]')];
    expect(buttons.map((entry) => entry.label)).toEqual(labels);
    buttons.forEach((entry) => expect(entry.dataset.code).toBe(code));
  });

  it('groups the Defend checklist into threats and plan steps, with states and reporters', async () => {
    const { element } = mount(defendAtRisk);
    await flush();
    const card = element.shadowRoot.querySelector('lightning-card');
    expect(card.title).toBe('Defend checklist');
    const headings = [...element.shadowRoot.querySelectorAll('h3')].map(textOf);
    expect(headings).toEqual(['Threats', 'Plan steps']);
    expect(textOf(element.shadowRoot.querySelector('[data-id="progress"]'))).toBe('0 of 1 plan steps done');

    const competitor = item(element, 'COMPETITOR_APPROACH');
    expect(textOf(competitor.querySelector('[data-id="state"]'))).toBe('Confirmed');
    expect(textOf(competitor.querySelector('[data-id="source"]'))).toMatch(/^confirmed by Dana Rep, Sales · /);
    expect(textOf(competitor.querySelector('[data-id="detail"]'))).toBe('"Buyer mentioned an offer from ChocoRival"');
    const service = item(element, 'SERVICE_DISSATISFACTION');
    expect(textOf(service.querySelector('[data-id="state"]'))).toBe('Reported');
    expect(textOf(item(element, 'PRODUCT_DISSATISFACTION').querySelector('[data-id="state"]'))).toBe('Nothing seen');
    expect(item(element, 'PRODUCT_DISSATISFACTION').querySelector('lightning-helptext').content).toContain(
      'technical team',
    );
    await expect(element).toBeAccessible();
  });

  it('confirms a reported signal by updating it, then tells the stance panel to expect a recompute', async () => {
    const { element, toasts } = mount(defendAtRisk);
    await flush();
    button(element, 'SERVICE_DISSATISFACTION', 'confirm').click();
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: expect.objectContaining({
        Id: 'a01000000000002AAA',
        Status__c: 'Confirmed',
        Acknowledged_By__c: expect.any(String),
        Acknowledged_At__c: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      }),
    });
    expect(toasts[0]).toMatchObject({ title: 'Service dissatisfaction confirmed.', variant: 'success' });
    expect(publish).toHaveBeenCalledWith(undefined, expect.anything(), {
      recordId: RECORD_ID,
      since: expect.any(String),
    });
  });

  it('confirms a trigger that was only detected by recording a new signal', async () => {
    const { element } = mount(attackWithOpenings);
    await flush();
    expect(textOf(item(element, 'KEY_PERSON_CHANGE').querySelector('[data-id="source"]'))).toBe(
      'detected: The number of key people who joined: 1',
    );
    button(element, 'KEY_PERSON_CHANGE', 'confirm').click();
    await flush();
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Stance_Signal__c',
      fields: expect.objectContaining({
        Account__c: RECORD_ID,
        Trigger__c: 'KEY_PERSON_CHANGE',
        Status__c: 'Confirmed',
        Source__c: 'Sales',
        Detail__c: 'From the data: The number of key people who joined: 1',
      }),
    });
  });

  it('asks for a reason before dismissing, and records it', async () => {
    const { element } = mount(defendAtRisk);
    await flush();
    button(element, 'SERVICE_DISSATISFACTION', 'dismiss').click();
    await flush();
    const reason = item(element, 'SERVICE_DISSATISFACTION').querySelector('lightning-textarea');
    expect(reason.label).toBe('Why is this not a real signal?');
    reason.setCustomValidity = jest.fn();
    reason.reportValidity = jest.fn();
    const dismiss = [...item(element, 'SERVICE_DISSATISFACTION').querySelectorAll('lightning-button')].find(
      (b) => b.label === 'Dismiss',
    );

    dismiss.click();
    await flush();
    expect(reason.setCustomValidity).toHaveBeenCalledWith('Say why this is not a real signal, so the team knows.');
    expect(updateRecord).not.toHaveBeenCalled();

    reason.value = 'The delay was caused by a strike, now over';
    reason.dispatchEvent(new CustomEvent('change'));
    dismiss.click();
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: expect.objectContaining({
        Id: 'a01000000000002AAA',
        Status__c: 'Dismissed',
        Dismiss_Reason__c: 'The delay was caused by a strike, now over',
      }),
    });
    expect(item(element, 'SERVICE_DISSATISFACTION').querySelector('[data-id="dismiss-form"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows a dismissed signal struck through with its reason, and can reopen it', async () => {
    const { element } = mount(dismissedSignal);
    await flush();
    const product = item(element, 'PRODUCT_DISSATISFACTION');
    expect(textOf(product.querySelector('[data-id="state"]'))).toBe('Dismissed');
    expect(product.querySelector('.stance-dismissed')).not.toBeNull();
    expect(textOf(product.querySelector('[data-id="source"]'))).toBe(
      'dismissed by Dana Rep: A one-off caused by their own storage',
    );
    button(element, 'PRODUCT_DISSATISFACTION', 'reopen').click();
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: { Id: 'a01000000000006AAA', Status__c: 'Acknowledged', Dismissed_At__c: null, Dismiss_Reason__c: null },
    });
    await expect(element).toBeAccessible();
  });

  it('reads a Defend plan step detection already meets as met, counted done, with no "Mark done"', async () => {
    const explanation = JSON.parse(defendAtRisk.fields.Stance_Checklist__c.value);
    const step = explanation.checklist.find((entry) => entry.code === 'MONITORING_COVERAGE');
    Object.assign(step, { state: 'detected', evidence: { Open_Case_Count: 0 } });
    explanation.planSteps = { done: 1, total: 1 };
    const checklist = { ...defendAtRisk.fields.Stance_Checklist__c, value: JSON.stringify(explanation) };
    const { element } = mount({ ...defendAtRisk, fields: { ...defendAtRisk.fields, Stance_Checklist__c: checklist } });
    await flush();
    expect(textOf(element.shadowRoot.querySelector('[data-id="progress"]'))).toBe('1 of 1 plan steps done');
    const monitoring = item(element, 'MONITORING_COVERAGE');
    expect(textOf(monitoring.querySelector('[data-id="state"]'))).toBe('Met');
    expect(textOf(monitoring.querySelector('[data-id="source"]'))).toBe('met: The number of open cases: 0');
    expect(monitoring.querySelectorAll('lightning-button[data-action]')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('marks a plan step done, and shows done steps in the progress', async () => {
    const { element } = mount(attackWithOpenings);
    await flush();
    expect(textOf(element.shadowRoot.querySelector('[data-id="progress"]'))).toBe('1 of 2 plan steps done');
    expect(button(element, 'VALUE_PROPOSITION', 'done')).toBeNull();
    button(element, 'INCUMBENT_DEFENSE', 'done').click();
    await flush();
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Stance_Signal__c',
      fields: expect.objectContaining({ Trigger__c: 'INCUMBENT_DEFENSE', Status__c: 'Done', Detail__c: 'Marked done' }),
    });
  });

  it('lists signals that point to another stance apart', async () => {
    const { element } = mount(defendHealthy);
    await flush();
    expect(textOf(element.shadowRoot.querySelector('[data-id="elsewhere"]'))).toBe(
      'Pointing elsewhere: 1 signal toward Fire (Macro shift)',
    );
  });

  it("tells the rep when a write fails, with the org's message", async () => {
    updateRecord.mockRejectedValueOnce({ body: { message: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Status locked' } });
    const { element, toasts } = mount(defendAtRisk);
    await flush();
    button(element, 'SERVICE_DISSATISFACTION', 'confirm').click();
    await flush();
    expect(toasts[0]).toMatchObject({
      title: 'That did not save',
      message: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Status locked',
      variant: 'error',
    });
    expect(publish).not.toHaveBeenCalled();
  });

  it('says there is nothing to work when the account has no stance', async () => {
    const { element } = mount(noneOutsideStrategy);
    await flush();
    expect(textOf(element.shadowRoot.querySelector('[data-id="empty"]'))).toBe(
      'No checklist: this account has no stance to work.',
    );
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Stance checklist');
    await expect(element).toBeAccessible();
  });

  it('shows an error panel when the account cannot be read', async () => {
    const { element } = mount();
    getRecord.error();
    await flush();
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe(
      "We could not load this account's checklist.",
    );
    await expect(element).toBeAccessible();
  });

  describe('follows what the user may do to signals', () => {
    const actionLabels = (element) =>
      [...element.shadowRoot.querySelectorAll('lightning-button[data-action]')].map((entry) => entry.label);

    it('offers no action before the org says what the user may do', async () => {
      const { element } = mount(defendAtRisk, null);
      await flush();
      expect(item(element, 'SERVICE_DISSATISFACTION')).not.toBeNull();
      expect(actionLabels(element)).toEqual([]);
    });

    it('offers only updates of existing signals to a user who may not create signals', async () => {
      const { element } = mount(defendAtRisk, { ...signalInfo, createable: false });
      await flush();
      // Reported (a signal exists): confirm and dismiss update it. Detected plan step: would create one.
      expect(textOf(item(element, 'SERVICE_DISSATISFACTION').querySelector('[data-id="state"]'))).toBe('Reported');
      expect(button(element, 'SERVICE_DISSATISFACTION', 'confirm')).not.toBeNull();
      expect(button(element, 'MONITORING_COVERAGE', 'done')).toBeNull();
    });

    it('offers nothing to a user who may neither create nor edit signals, and still shows the checklist', async () => {
      const { element } = mount(defendAtRisk, { ...signalInfo, createable: false, updateable: false });
      await flush();
      expect(actionLabels(element)).toEqual([]);
      expect(item(element, 'COMPETITOR_APPROACH')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('offers no dismissal to a user who cannot edit the dismiss reason', async () => {
      const fields = { ...signalInfo.fields };
      delete fields.Dismiss_Reason__c;
      const { element } = mount(defendAtRisk, { ...signalInfo, fields });
      await flush();
      expect(button(element, 'SERVICE_DISSATISFACTION', 'dismiss')).toBeNull();
      expect(button(element, 'SERVICE_DISSATISFACTION', 'confirm')).not.toBeNull();
    });
  });

  it('says in a plain sentence when the org refuses a write for record access, and offers no more actions', async () => {
    updateRecord.mockRejectedValueOnce({
      ok: false,
      status: 400,
      body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' }],
    });
    const { element, toasts } = mount(defendAtRisk);
    await flush();
    button(element, 'SERVICE_DISSATISFACTION', 'confirm').click();
    await flush();
    expect(textOf(element.shadowRoot.querySelector('[data-id="refused"]'))).toBe(
      "You can't change this account's signals: it belongs to someone outside your team.",
    );
    expect(toasts).toEqual([]);
    expect(element.shadowRoot.querySelectorAll('lightning-button[data-action]')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('reads its fields as optional, and says in a plain sentence when the checklist is not for this user', async () => {
    const { element } = mount();
    await flush();
    const config = getRecord.getLastConfig();
    expect(config.fields.map((field) => field.fieldApiName)).toEqual(['Id']);
    expect(config.optionalFields.map((field) => field.fieldApiName)).toEqual(['Stance_Checklist__c', 'Stance__c']);
    getRecord.emit({ ...defendAtRisk, fields: {} });
    await flush();
    expect(textOf(element.shadowRoot.querySelector('[data-id="checklist-hidden"]'))).toBe(
      "You can't see this account's checklist: ask your Salesforce admin for the Stance User permission set.",
    );
    expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    await expect(element).toBeAccessible();
  });
});
