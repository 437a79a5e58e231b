import { createElement } from 'lwc';
import StanceOverride from 'c/stanceOverride';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { publish } from 'lightning/messageService';
import {
  $,
  RECORD_ID,
  clickButton,
  flush,
  mount,
  objectInfo,
  removeAll,
  repInfo,
  stancePicklist,
  textOf,
  withOverride,
  withoutOverride,
} from './support/override';

async function openEditor(options) {
  const mounted = await mount(options);
  await flush();
  clickButton(mounted.element, 'Override');
  await flush();
  return mounted;
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
    removeAll();
    jest.clearAllMocks();
  });

  it('tells a rep in a plain sentence that only a manager can override, with no control to do it', async () => {
    const { element } = await mount({ info: repInfo });
    await flush();
    expect(textOf($(element, '[data-id="not-allowed"]'))).toBe('Only a sales manager can override the stance.');
    expect(element.shadowRoot.querySelectorAll('lightning-button')).toHaveLength(0);
    expect($(element, 'c-error-panel')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('offers a manager the override', async () => {
    const { element } = await mount();
    await flush();
    expect($(element, '[data-id="not-allowed"]')).toBeNull();
    expect([...element.shadowRoot.querySelectorAll('lightning-button')].map((button) => button.label)).toEqual([
      'Override',
    ]);
  });

  it('offers nothing to a user who may edit the stance but not its reason', async () => {
    const fields = { ...objectInfo.fields };
    delete fields.Stance_Override_Reason__c;
    const { element } = await mount({ info: { ...objectInfo, fields } });
    await flush();
    expect(textOf($(element, '[data-id="not-allowed"]'))).toBe('Only a sales manager can override the stance.');
  });

  it('shows an error panel, not the override, when the org does not say what the user may do', async () => {
    const element = createElement('c-stance-override', { is: StanceOverride });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    getObjectInfo.error({ message: 'The org at http://127.0.0.1:7100 did not answer' }, 503);
    getRecord.emit(withoutOverride);
    await flush();
    expect($(element, 'c-error-panel').friendlyMessage).toBe('We could not load what you may change here.');
    expect(element.shadowRoot.querySelectorAll('lightning-button')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });

  it('shows nothing until the org says what the user may do', async () => {
    const element = createElement('c-stance-override', { is: StanceOverride });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    getRecord.emit(withoutOverride);
    await flush();
    expect($(element, 'lightning-card')).toBeNull();
  });

  it('reads the override fields as optional, so a user who cannot read them still gets the page', async () => {
    await mount();
    const config = getRecord.getLastConfig();
    expect(config.fields.map((field) => field.fieldApiName)).toEqual(['Id']);
    expect(config.optionalFields.map((field) => field.fieldApiName)).toEqual([
      'Stance_Computed__c',
      'Stance_Override__c',
      'Stance_Override_Reason__c',
      'Stance_Override_Until__c',
    ]);
  });

  it('does without fields the UI API left out of the record', async () => {
    const { element } = await mount({
      record: { ...withOverride, fields: { Stance_Override__c: withOverride.fields.Stance_Override__c } },
    });
    await flush();
    expect($(element, '[data-id="current"]')).toMatchObject({ label: 'Attack', reason: undefined, until: undefined });
    expect(textOf($(element, 'p.slds-text-color_weak'))).toBe('Rules say: not computed yet');
    await expect(element).toBeAccessible();
  });

  it('says in a plain sentence that the account is outside the team when the org refuses the save for record access', async () => {
    updateRecord.mockRejectedValueOnce({
      ok: false,
      status: 400,
      body: [
        {
          errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
          message: 'insufficient access rights on object id',
          fields: [],
        },
      ],
    });
    const { element, toasts } = await openEditor();
    change(element, 'stance', 'Fire');
    change(element, 'reason', 'Board decision');
    spyOnValidity(element);
    clickButton(element, 'Save override');
    await flush();
    expect(textOf($(element, '[data-id="refused"]'))).toBe(
      "You can't change this account: it belongs to someone outside your team.",
    );
    expect(toasts).toEqual([]);
    expect($(element, '[data-field="reason"]')).toBeNull();
    expect(element.shadowRoot.querySelectorAll('lightning-button')).toHaveLength(0);
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

  it("names a stance an admin added by the field's picklist label, never its API value", async () => {
    const { element } = await mount({
      record: {
        ...withOverride,
        fields: { ...withOverride.fields, Stance_Override__c: { value: 'Watch', displayValue: 'Watch closely' } },
      },
      stances: { ...stancePicklist, values: [...stancePicklist.values, { label: 'Watch closely', value: 'Watch' }] },
    });
    await flush();
    expect($(element, '[data-id="current"]').label).toBe('Watch closely');
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
