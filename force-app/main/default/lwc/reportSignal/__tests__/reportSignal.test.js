import { getRecord, createRecord } from 'lightning/uiRecordApi';
import { publish } from 'lightning/messageService';
import { CloseActionScreenEvent } from 'lightning/actions';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import {
  $,
  ACCOUNT_ID,
  create,
  emitChoices,
  flush,
  forField,
  signalObjectInfo,
  tearDown,
  textOf,
  triggerPicklist,
} from './support/form';

const supportUser = require('./data/supportUser.json');
const caseWithAccount = require('./data/caseWithAccount.json');

async function mount({ recordId = ACCOUNT_ID, objectApiName = 'Account', choices = true } = {}) {
  const mounted = create({ recordId, objectApiName });
  if (choices) {
    await emitChoices();
  }
  return mounted;
}

const isUserRead = (config) => (config.optionalFields || []).some((field) => field.fieldApiName === 'Department');
const NOT_ALLOWED =
  "You can't report signals: ask your Salesforce admin for the Stance User permission set, which lets everyone who works with customers report.";

function spyOnValidity(element) {
  const combobox = $(element, 'lightning-combobox[data-id="source"]');
  const textarea = $(element, 'lightning-textarea');
  [combobox, textarea].forEach((field) => {
    field.setCustomValidity = jest.fn();
    field.reportValidity = jest.fn();
  });
  return { combobox, textarea };
}

async function fill(element, { trigger, source, detail }) {
  if (trigger) {
    const radio = $(element, `input[value="${trigger}"]`);
    radio.checked = true;
    radio.dispatchEvent(new CustomEvent('change'));
  }
  if (source) {
    $(element, 'lightning-combobox[data-id="source"]').dispatchEvent(
      new CustomEvent('change', { detail: { value: source } }),
    );
  }
  if (detail) {
    const textarea = $(element, 'lightning-textarea');
    textarea.value = detail;
    textarea.dispatchEvent(new CustomEvent('change'));
  }
  await flush();
}

const submit = async (element) => {
  $(element, 'form').dispatchEvent(new CustomEvent('submit', { cancelable: true }));
  await flush();
};

describe('c-report-signal', () => {
  afterEach(tearDown);

  it('asks what was noticed, grouped, with the labels the org gives the triggers', async () => {
    const { element } = await mount();
    await flush();
    const groups = [...element.shadowRoot.querySelectorAll('[role="group"] p')].map((p) => p.textContent);
    expect(groups).toEqual(['About us', 'About a competitor', 'About the customer', 'About their current supplier']);
    const labels = [...element.shadowRoot.querySelectorAll('label .slds-form-element__label')].map(
      (l) => l.textContent,
    );
    expect(labels).toEqual([
      'Product dissatisfaction',
      'Service dissatisfaction',
      'Competitor approach',
      'Process change',
      'Strategy change',
      'Key person change',
      'Unhappy with current supplier',
    ]);
    expect(getPicklistValues.getLastConfig()).toMatchObject({ recordTypeId: signalObjectInfo.defaultRecordTypeId });
    await expect(element).toBeAccessible();
  });

  it("offers the org's departments, without the sidecar's own source", async () => {
    const { element } = await mount();
    await flush();
    expect($(element, 'lightning-combobox[data-id="source"]').options.map((option) => option.value)).toEqual([
      'Sales',
      'Customer Support',
      'Logistics',
      'Technical',
      'Finance',
      'Management',
      'Other',
    ]);
  });

  it('shows a trigger the org relabelled under its new label, and leaves out one it no longer offers', async () => {
    const triggers = {
      ...triggerPicklist,
      values: triggerPicklist.values
        .filter((entry) => entry.value !== 'COMPETITOR_APPROACH')
        .map((entry) => (entry.value === 'PROCESS_CHANGE' ? { ...entry, label: 'New ways of working' } : entry)),
    };
    const { element } = await mount({ choices: false });
    await emitChoices({ triggers });
    await flush();
    const groups = [...element.shadowRoot.querySelectorAll('[role="group"] p')].map((p) => p.textContent);
    expect(groups).toEqual(['About us', 'About the customer', 'About their current supplier']);
    expect($(element, 'input[value="COMPETITOR_APPROACH"]')).toBeNull();
    expect($(element, 'label[for="observation-PROCESS_CHANGE"]').textContent).toContain('New ways of working');
  });

  it('shows a spinner, not an empty form, while the choices load', async () => {
    const { element } = await mount({ choices: false });
    getObjectInfo.emit(signalObjectInfo);
    await flush();
    getPicklistValues.emit(triggerPicklist, forField('Trigger__c'));
    await flush();
    expect($(element, 'lightning-spinner')).not.toBeNull();
    expect($(element, 'form')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows an error panel when the org does not give the choices', async () => {
    const { element } = await mount({ choices: false });
    getObjectInfo.emit(signalObjectInfo);
    await flush();
    getPicklistValues.emitError({ status: 404 }, forField('Trigger__c'));
    await flush();
    expect($(element, 'c-error-panel').friendlyMessage).toBe('We could not load what there is to report.');
    expect($(element, 'form')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says there is nothing to report when the org offers none of the reportable triggers', async () => {
    const { element } = await mount({ choices: false });
    await emitChoices({ triggers: { ...triggerPicklist, values: [] } });
    await flush();
    expect($(element, '[data-id="no-choices"]').textContent).toContain('nothing to report');
    expect($(element, 'form')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('explains what is missing in plain words and writes nothing', async () => {
    const { element } = await mount();
    await flush();
    const { combobox, textarea } = spyOnValidity(element);
    await submit(element);
    expect($(element, '[data-id="trigger-error"]').textContent).toBe('Choose what you noticed.');
    expect(combobox.setCustomValidity).toHaveBeenCalledWith('Choose your department.');
    expect(textarea.setCustomValidity).toHaveBeenCalledWith('Tell the account manager what you saw or heard.');
    expect(createRecord).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('creates the signal on the account, thanks the reporter and closes the action', async () => {
    const { element, toasts } = await mount();
    const closed = jest.fn();
    element.addEventListener('close', closed);
    await flush();
    spyOnValidity(element);
    await fill(element, {
      trigger: 'SERVICE_DISSATISFACTION',
      source: 'Logistics',
      detail: '  Third late delivery this month  ',
    });
    await submit(element);
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Stance_Signal__c',
      fields: {
        Account__c: ACCOUNT_ID,
        Trigger__c: 'SERVICE_DISSATISFACTION',
        Status__c: 'New',
        Source__c: 'Logistics',
        Detail__c: 'Third late delivery this month',
      },
    });
    expect(toasts[0]).toMatchObject({ title: 'Thanks — the account manager has been told.', variant: 'success' });
    expect(publish).toHaveBeenCalledWith(undefined, expect.anything(), {
      recordId: ACCOUNT_ID,
      since: expect.any(String),
    });
    expect(CloseActionScreenEvent).toHaveBeenCalled();
    expect(closed).toHaveBeenCalled();
    expect($(element, 'input[value="SERVICE_DISSATISFACTION"]').checked).toBe(false);
  });

  it("defaults the department from the reporter's user record", async () => {
    const { element } = await mount();
    getRecord.emit(supportUser, isUserRead);
    await flush();
    expect($(element, 'lightning-combobox[data-id="source"]').value).toBe('Customer Support');
  });

  it('defaults the department even when the user record arrives before the departments', async () => {
    const { element } = await mount({ choices: false });
    getRecord.emit(supportUser, isUserRead);
    await flush();
    await emitChoices();
    await flush();
    expect($(element, 'lightning-combobox[data-id="source"]').value).toBe('Customer Support');
  });

  it('reports on the account of a case when placed on a Case page', async () => {
    const { element } = await mount({ recordId: '500000000000001AAA', objectApiName: 'Case' });
    await flush();
    getRecord.emit(caseWithAccount, (config) => config.recordId === '500000000000001AAA');
    await flush();
    spyOnValidity(element);
    await fill(element, {
      trigger: 'PRODUCT_DISSATISFACTION',
      source: 'Customer Support',
      detail: 'Bloom on the coating again',
    });
    await submit(element);
    expect(createRecord.mock.calls[0][0].fields.Account__c).toBe('001000000000002AAA');
  });

  it('says there is no one to report to when the record has no account', async () => {
    const { element } = await mount({ recordId: '500000000000001AAA', objectApiName: 'Case' });
    await flush();
    getRecord.emit(
      { ...caseWithAccount, fields: { AccountId: { value: null, displayValue: null } } },
      (config) => config.recordId === '500000000000001AAA',
    );
    await flush();
    expect($(element, '[data-id="no-account"]').textContent).toContain('no account');
    expect($(element, 'form')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("keeps what was typed and shows the org's error when the signal cannot be saved", async () => {
    createRecord.mockRejectedValueOnce({ body: [{ message: 'insufficient access rights on cross-reference id' }] });
    const { element, toasts } = await mount();
    await flush();
    spyOnValidity(element);
    await fill(element, { trigger: 'COMPETITOR_APPROACH', source: 'Technical', detail: 'Rival sent samples' });
    await submit(element);
    expect(toasts[0]).toMatchObject({
      title: 'Your signal was not saved',
      message: 'insufficient access rights on cross-reference id',
      variant: 'error',
    });
    expect($(element, 'lightning-textarea').value).toBe('Rival sent samples');
    expect(publish).not.toHaveBeenCalled();
  });

  it('shows an error panel when the record it sits on cannot be read', async () => {
    const { element } = await mount({ recordId: '500000000000001AAA', objectApiName: 'Case' });
    await flush();
    getRecord.error({ message: 'no access' }, 403, (config) => config.recordId === '500000000000001AAA');
    await flush();
    expect($(element, 'c-error-panel')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('tells a user without Create on signals in a plain sentence, with no form', async () => {
    const { element } = await mount({ choices: false });
    getObjectInfo.emit({ ...signalObjectInfo, createable: false });
    await flush();
    expect(textOf($(element, '[data-id="not-allowed"]'))).toBe(NOT_ALLOWED);
    expect($(element, 'form')).toBeNull();
    expect($(element, 'c-error-panel')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('tells a user who may create signals but not set their detail in a plain sentence', async () => {
    const fields = { ...signalObjectInfo.fields };
    delete fields.Detail__c;
    const { element } = await mount({ choices: false });
    getObjectInfo.emit({ ...signalObjectInfo, fields });
    await flush();
    expect(textOf($(element, '[data-id="not-allowed"]'))).toBe(NOT_ALLOWED);
    expect($(element, 'form')).toBeNull();
  });

  it('tells a user who may not see signals at all in a plain sentence, not an error panel', async () => {
    const { element } = await mount({ choices: false });
    getObjectInfo.error({ message: 'Object Stance_Signal__c is not supported in UI API' }, 404);
    await flush();
    expect(textOf($(element, '[data-id="not-allowed"]'))).toBe(NOT_ALLOWED);
    expect($(element, 'c-error-panel')).toBeNull();
  });

  it('shows an error panel when object info fails for another reason', async () => {
    const { element } = await mount({ choices: false });
    getObjectInfo.error({ message: 'The org did not answer' }, 503);
    await flush();
    expect($(element, '[data-id="not-allowed"]')).toBeNull();
    expect($(element, 'c-error-panel').friendlyMessage).toBe('We could not load what there is to report.');
  });

  it('says in a plain sentence that the account is out of reach when the org refuses the report for record access', async () => {
    createRecord.mockRejectedValueOnce({
      ok: false,
      status: 400,
      body: [
        {
          errorCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
          message: 'insufficient access rights on cross-reference id',
          fields: [],
        },
      ],
    });
    const { element, toasts } = await mount();
    await flush();
    spyOnValidity(element);
    await fill(element, { trigger: 'COMPETITOR_APPROACH', source: 'Technical', detail: 'Rival sent samples' });
    await submit(element);
    expect(textOf($(element, '[data-id="refused"]'))).toBe(
      "You can't report on this account: you don't have access to it.",
    );
    expect(toasts).toEqual([]);
    expect($(element, 'form')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reads the department as optional and leaves it to the reporter when the UI API leaves it out', async () => {
    const { element } = await mount();
    getRecord.emit({ ...supportUser, fields: {} }, isUserRead);
    await flush();
    expect($(element, 'lightning-combobox[data-id="source"]').value).toBeNull();
    expect($(element, 'form')).not.toBeNull();
  });

  it('has no account to report to when the UI API leaves out the AccountId the user cannot read', async () => {
    const { element } = await mount({ recordId: '500000000000001AAA', objectApiName: 'Case' });
    await flush();
    const config = getRecord.getLastConfig();
    expect(config.optionalFields).toEqual(['Case.AccountId']);
    getRecord.emit({ ...caseWithAccount, fields: {} }, (c) => c.recordId === '500000000000001AAA');
    await flush();
    expect($(element, '[data-id="no-account"]')).not.toBeNull();
  });
});
