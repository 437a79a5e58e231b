import { createElement } from 'lwc';
import StanceOverride from 'c/stanceOverride';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { publish } from 'lightning/messageService';

const objectInfo = require('./data/accountObjectInfo.json');
const withOverride = require('./data/accountWithOverride.json');
const withoutOverride = require('./data/accountWithoutOverride.json');
const stancePicklist = require('./data/stancePicklist.json');

const RECORD_ID = '001000000000001AAA';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const textOf = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : null);

async function mount({ info = objectInfo, record = withoutOverride, stances = stancePicklist } = {}) {
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

async function openEditor(options) {
  const mounted = await mount(options);
  await flush();
  clickButton(mounted.element, 'Override');
  await flush();
  return mounted;
}

function clickButton(element, label) {
  [...element.shadowRoot.querySelectorAll('lightning-button')].find((button) => button.label === label).click();
}

function change(element, field, value) {
  const input = $(element, `[data-field="${field}"]`);
  input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function spyOnValidity(element) {
  const spies = {};
  element.shadowRoot.querySelectorAll('[data-field]').forEach((input) => {
    input.setCustomValidity = jest.fn();
    input.reportValidity = jest.fn();
    spies[input.dataset.field] = input.setCustomValidity;
  });
  return spies;
}

describe('c-stance-override', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('stays hidden from users who may not edit the override field', async () => {
    const readOnly = {
      ...objectInfo,
      fields: {
        ...objectInfo.fields,
        Stance_Override__c: { ...objectInfo.fields.Stance_Override__c, updateable: false },
      },
    };
    const { element } = await mount({ info: readOnly });
    await flush();
    expect($(element, 'lightning-card')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says the rules decide while there is no override', async () => {
    const { element } = await mount();
    await flush();
    expect(textOf($(element, '[data-id="none"]'))).toBe("The rules decide this account's stance (Defend).");
    await expect(element).toBeAccessible();
  });

  it('shows the override in force with its reason and last day', async () => {
    const { element } = await mount({ record: withOverride });
    await flush();
    expect($(element, '[data-id="current"]')).toMatchObject({
      label: 'Attack',
      until: '2026-07-15',
      reason: 'New buyer wants us on every line',
    });
    await expect(element).toBeAccessible();
  });

  it('offers the stances the org defines for the override field, with its labels', async () => {
    const { element } = await openEditor();
    const combobox = $(element, '[data-field="stance"]');
    expect(combobox.options).toEqual([
      { label: 'Attack', value: 'Attack' },
      { label: 'Defend', value: 'Defend' },
      { label: 'Fire', value: 'Fire' },
      { label: 'None', value: 'None' },
    ]);
    expect(combobox.disabled).toBe(false);
    expect(getPicklistValues.getLastConfig()).toEqual({
      recordTypeId: objectInfo.defaultRecordTypeId,
      fieldApiName: expect.objectContaining({ fieldApiName: 'Stance_Override__c' }),
    });
    await expect(element).toBeAccessible();
  });

  it('says the stances are loading, and lets nothing be chosen until they are there', async () => {
    const { element } = await openEditor({ stances: null });
    const combobox = $(element, '[data-field="stance"]');
    expect(combobox.placeholder).toBe('Loading the stances…');
    expect(combobox.disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('shows an error panel when the org does not give the stances', async () => {
    const { element } = await openEditor({ stances: null });
    getPicklistValues.error();
    await flush();
    expect($(element, 'c-error-panel').friendlyMessage).toBe('We could not load the stances to choose from.');
    expect($(element, '[data-field="stance"]').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('says so when the org offers no stances', async () => {
    const { element } = await openEditor({ stances: { ...stancePicklist, values: [] } });
    const combobox = $(element, '[data-field="stance"]');
    expect(combobox.placeholder).toBe('The org offers no stances to choose');
    expect(combobox.disabled).toBe(true);
  });

  it('requires a stance and a reason before saving', async () => {
    const { element } = await mount();
    await flush();
    clickButton(element, 'Override');
    await flush();
    const spies = spyOnValidity(element);
    clickButton(element, 'Save override');
    await flush();
    expect(spies.stance).toHaveBeenCalledWith('Choose the stance to set.');
    expect(spies.reason).toHaveBeenCalledWith('Say why, so the team understands the override.');
    expect(updateRecord).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('refuses a last day in the past', async () => {
    const { element } = await mount();
    await flush();
    clickButton(element, 'Override');
    await flush();
    change(element, 'stance', 'Fire');
    change(element, 'reason', 'Off strategy since the merger');
    change(element, 'until', '2001-01-01');
    const spies = spyOnValidity(element);
    clickButton(element, 'Save override');
    await flush();
    expect(spies.until).toHaveBeenCalledWith('Choose today or a later day.');
    expect(updateRecord).not.toHaveBeenCalled();
  });

  it('saves the override with reason and last day, and announces the recompute', async () => {
    const { element, toasts } = await mount();
    await flush();
    clickButton(element, 'Override');
    await flush();
    expect($(element, '[data-field="until"]').value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    change(element, 'stance', 'Fire');
    change(element, 'reason', ' Off strategy since the merger ');
    change(element, 'until', '2099-12-31');
    spyOnValidity(element);
    clickButton(element, 'Save override');
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: {
        Id: RECORD_ID,
        Stance_Override__c: 'Fire',
        Stance_Override_Reason__c: 'Off strategy since the merger',
        Stance_Override_Until__c: '2099-12-31',
      },
    });
    expect(toasts[0]).toMatchObject({ title: 'Stance set to Fire by hand.', variant: 'success' });
    expect(publish).toHaveBeenCalledWith(undefined, expect.anything(), {
      recordId: RECORD_ID,
      since: expect.any(String),
    });
  });

  it('clears the override so the rules decide again', async () => {
    const { element, toasts } = await mount({ record: withOverride });
    await flush();
    clickButton(element, 'Clear override');
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: {
        Id: RECORD_ID,
        Stance_Override__c: null,
        Stance_Override_Reason__c: null,
        Stance_Override_Until__c: null,
      },
    });
    expect(toasts[0].title).toBe('Override cleared: the rules decide again.');
  });

  it("shows the org's error and keeps the form open when saving fails", async () => {
    updateRecord.mockRejectedValueOnce({
      body: {
        output: { errors: [], fieldErrors: { Stance_Override__c: [{ message: 'Only managers may override' }] } },
      },
    });
    const { element, toasts } = await mount({ record: withOverride });
    await flush();
    clickButton(element, 'Change');
    await flush();
    expect($(element, '[data-field="reason"]').value).toBe('New buyer wants us on every line');
    change(element, 'until', '2099-01-01');
    spyOnValidity(element);
    clickButton(element, 'Save override');
    await flush();
    expect(toasts[0]).toMatchObject({
      title: 'The override was not saved',
      message: 'Only managers may override',
      variant: 'error',
    });
    expect($(element, '[data-field="reason"]')).not.toBeNull();
  });

  it('shows an error panel when the account cannot be read', async () => {
    const element = createElement('c-stance-override', { is: StanceOverride });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    getObjectInfo.emit(objectInfo);
    getRecord.error();
    await flush();
    expect($(element, 'c-error-panel')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});
