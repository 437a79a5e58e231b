/**
 * The form for a person who works in German (Lena Vogel, Customer Support): the package's words
 * come from the German custom labels, the org's choices from the UI API in her language.
 */
require('../../stanceI18n/__tests__/support/germanUser').asGermanUser();
const { createElement } = require('lwc');
const ReportSignal = require('c/reportSignal').default;
const { createRecord, getRecord } = require('lightning/uiRecordApi');
const { getObjectInfo } = require('lightning/uiObjectInfoApi');
const {
  $,
  ACCOUNT_ID,
  competitorPicklist,
  create,
  emitChoices,
  flush,
  signalObjectInfo,
  sourcePicklist,
  tearDown,
  textOf,
  triggerPicklist,
} = require('./support/form');

/** The picklist values as the UI API answers a German user: the org's translated labels. */
const GERMAN = {
  PRODUCT_DISSATISFACTION: 'Unzufriedenheit mit dem Produkt',
  SERVICE_DISSATISFACTION: 'Unzufriedenheit mit dem Service',
  COMPETITOR_APPROACH: 'Ansprache durch Wettbewerber',
  'Customer Support': 'Kundendienst',
  Logistics: 'Logistik',
  Other: 'Sonstige',
};
const inGerman = (picklist) => ({
  ...picklist,
  values: picklist.values.map((entry) => ({ ...entry, label: GERMAN[entry.value] || entry.label })),
});

async function mount({ triggers = inGerman(triggerPicklist) } = {}) {
  const mounted = create();
  await emitChoices({ triggers, sources: inGerman(sourcePicklist), competitors: inGerman(competitorPicklist) });
  await flush();
  return mounted;
}

describe('c-report-signal in German', () => {
  afterEach(tearDown);

  it('asks in German, with the org’s German labels for the triggers and departments', async () => {
    const { element } = await mount();
    expect($(element, 'lightning-card').title).toBe('Signal melden');
    expect(textOf($(element, 'legend'))).toBe('* Was ist Ihnen aufgefallen?');
    expect($(element, 'abbr').title).toBe('erforderlich');
    const groups = [...element.shadowRoot.querySelectorAll('[role="group"] p')].map(textOf);
    expect(groups).toEqual(['Zu uns', 'Zu einem Wettbewerber', 'Zum Kunden', 'Zum aktuellen Lieferanten des Kunden']);
    expect(textOf($(element, 'label[for="observation-SERVICE_DISSATISFACTION"]'))).toBe(
      'Unzufriedenheit mit dem Service',
    );
    const source = $(element, 'lightning-combobox[data-id="source"]');
    expect(source.label).toBe('Ihre Abteilung');
    expect(source.placeholder).toBe('Abteilung auswählen');
    expect(source.options).toContainEqual({ label: 'Kundendienst', value: 'Customer Support' });
    const detail = $(element, 'lightning-textarea');
    expect(detail.label).toBe('Was ist passiert?');
    const buttons = [...element.shadowRoot.querySelectorAll('lightning-button')].map((button) => button.label);
    expect(buttons).toEqual(['Abbrechen', 'Melden']);
    await expect(element).toBeAccessible();
  });

  it('names a trigger the org gives no label in German with the package label', async () => {
    const triggers = {
      ...triggerPicklist,
      values: triggerPicklist.values.map((entry) => ({
        ...entry,
        label: entry.value === 'KEY_PERSON_CHANGE' ? '' : entry.label,
      })),
    };
    const { element } = await mount({ triggers });
    expect(textOf($(element, 'label[for="observation-KEY_PERSON_CHANGE"]'))).toBe('Wechsel einer Schlüsselperson');
  });

  it('asks for the competitor in German once a competitor approach is noticed', async () => {
    const { element } = await mount();
    const radio = $(element, 'input[value="COMPETITOR_APPROACH"]');
    radio.checked = true;
    radio.dispatchEvent(new CustomEvent('change'));
    await flush();
    const box = $(element, 'lightning-combobox[data-id="competitor"]');
    expect(box.label).toBe('Welcher Wettbewerber? (falls bekannt)');
    expect(box.options).toContainEqual({ label: 'Sonstige', value: 'Other' });
    await expect(element).toBeAccessible();
  });

  it('says what is missing in German and writes nothing', async () => {
    const { element } = await mount();
    const combobox = $(element, 'lightning-combobox[data-id="source"]');
    const textarea = $(element, 'lightning-textarea');
    [combobox, textarea].forEach((field) => {
      field.setCustomValidity = jest.fn();
      field.reportValidity = jest.fn();
    });
    $(element, 'form').dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flush();
    expect(textOf($(element, '[data-id="trigger-error"]'))).toBe('Wählen Sie aus, was Ihnen aufgefallen ist.');
    expect(combobox.setCustomValidity).toHaveBeenCalledWith('Wählen Sie Ihre Abteilung aus.');
    expect(textarea.setCustomValidity).toHaveBeenCalledWith(
      'Schreiben Sie dem Accountverantwortlichen, was Sie gesehen oder gehört haben.',
    );
    expect(createRecord).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('thanks in German and stores the API values, not the German labels', async () => {
    const { element, toasts } = await mount();
    const radio = $(element, 'input[value="SERVICE_DISSATISFACTION"]');
    radio.checked = true;
    radio.dispatchEvent(new CustomEvent('change'));
    [...element.shadowRoot.querySelectorAll('lightning-combobox, lightning-textarea')].forEach((field) => {
      field.setCustomValidity = jest.fn();
      field.reportValidity = jest.fn();
    });
    $(element, 'lightning-combobox[data-id="source"]').dispatchEvent(
      new CustomEvent('change', { detail: { value: 'Customer Support' } }),
    );
    const textarea = $(element, 'lightning-textarea');
    textarea.value = 'Dritte verspätete Lieferung in diesem Monat';
    textarea.dispatchEvent(new CustomEvent('change'));
    await flush();
    $(element, 'form').dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flush();
    expect(createRecord.mock.calls[0][0].fields).toMatchObject({
      Trigger__c: 'SERVICE_DISSATISFACTION',
      Source__c: 'Customer Support',
      Status__c: 'New',
    });
    expect(toasts[0]).toMatchObject({
      title: 'Danke – der Accountverantwortliche ist informiert.',
      message: 'Ihr Signal ist beim Account eingetragen.',
    });
  });

  it("defaults the department from a user's Department named in German", async () => {
    const { element } = await mount();
    getRecord.emit(
      {
        apiName: 'User',
        id: '005000000000009AAA',
        fields: { Department: { value: 'Logistik Süd', displayValue: null } },
      },
      (config) => (config.optionalFields || []).some((field) => field.fieldApiName === 'Department'),
    );
    await flush();
    expect($(element, 'lightning-combobox[data-id="source"]').value).toBe('Logistics');
  });

  it('tells a user without Create on signals in German', async () => {
    const element = createElement('c-report-signal', { is: ReportSignal });
    element.recordId = ACCOUNT_ID;
    document.body.appendChild(element);
    getObjectInfo.emit({ ...signalObjectInfo, createable: false });
    await flush();
    expect(textOf($(element, '[data-id="not-allowed"]'))).toMatch(/^Sie können keine Signale melden: /);
    await expect(element).toBeAccessible();
  });
});
