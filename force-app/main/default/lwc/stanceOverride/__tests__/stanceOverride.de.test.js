// Lena's language (LanguageLocaleKey de, LocaleSidKey de_DE): every word of the card is the
// German translation of its label, and stances read as the German stance names. Set before the
// component loads.
require('../../stanceI18n/__tests__/support/germanUser').asGermanUser();
const { createElement } = require('lwc');
const StanceOverride = require('c/stanceOverride').default;
const { updateRecord } = require('lightning/uiRecordApi');
const { getObjectInfo } = require('lightning/uiObjectInfoApi');
const {
  $,
  RECORD_ID,
  buttons,
  clickButton,
  flush,
  mount: mountCard,
  removeAll,
  repInfo,
  stancePicklist,
  textOf,
  withOverride,
} = require('./support/override');

// The UI API answers a German user with the picklist's German labels.
const GERMAN = { Attack: 'Angreifen', Defend: 'Verteidigen', Fire: 'Beenden', None: 'Keine Haltung' };
const germanPicklist = {
  ...stancePicklist,
  values: stancePicklist.values.map((entry) => ({ ...entry, label: GERMAN[entry.value] })),
};

async function mount(options) {
  const mounted = await mountCard({ stances: germanPicklist, ...options });
  await flush();
  return mounted;
}

describe('c-stance-override in German', () => {
  afterEach(() => {
    removeAll();
    jest.clearAllMocks();
  });

  it('tells a rep in German that only a manager can override', async () => {
    const { element } = await mount({ info: repInfo });
    expect($(element, 'lightning-card').title).toBe('Haltung überschreiben');
    expect(textOf($(element, '[data-id="not-allowed"]'))).toBe(
      'Nur eine Vertriebsleitung kann die Haltung überschreiben.',
    );
    await expect(element).toBeAccessible();
  });

  it('says in German that the rules decide, naming the stance in German', async () => {
    const { element } = await mount();
    expect(textOf($(element, '[data-id="none"]'))).toBe(
      'Die Regeln bestimmen die Haltung dieses Accounts (Verteidigen).',
    );
    expect(buttons(element)).toEqual(['Überschreiben']);
    await expect(element).toBeAccessible();
  });

  it('shows the override in force with the German stance name beside what the rules say', async () => {
    const { element } = await mount({ record: withOverride });
    expect($(element, '[data-id="current"]').label).toBe('Angreifen');
    expect(textOf($(element, 'p.slds-text-color_weak'))).toBe('Laut Regeln: Verteidigen');
    expect(buttons(element)).toEqual(['Ändern', 'Überschreibung aufheben']);
    await expect(element).toBeAccessible();
  });

  it('asks in German, offers the German stance labels and says what is missing in German', async () => {
    const { element } = await mount();
    clickButton(element, 'Überschreiben');
    await flush();
    const combobox = $(element, '[data-field="stance"]');
    expect(combobox.label).toBe('Haltung');
    expect(combobox.placeholder).toBe('Haltung wählen');
    expect(combobox.options.map((option) => option.label)).toEqual(Object.values(GERMAN));
    expect($(element, '[data-field="reason"]').label).toBe('Begründung');
    expect($(element, '[data-field="until"]').label).toBe('Bis (letzter Tag)');
    expect(buttons(element)).toEqual(['Abbrechen', 'Überschreibung speichern']);
    await expect(element).toBeAccessible();

    const messages = {};
    element.shadowRoot.querySelectorAll('[data-field]').forEach((input) => {
      input.setCustomValidity = jest.fn((message) => {
        messages[input.dataset.field] = message;
      });
      input.reportValidity = jest.fn();
    });
    const until = $(element, '[data-field="until"]');
    until.value = '2001-01-01';
    until.dispatchEvent(new CustomEvent('change', { detail: { value: '2001-01-01' } }));
    clickButton(element, 'Überschreibung speichern');
    await flush();
    expect(messages).toEqual({
      stance: 'Wählen Sie die Haltung, die gelten soll.',
      reason: 'Sagen Sie, warum, damit das Team die Überschreibung versteht.',
      until: 'Wählen Sie heute oder einen späteren Tag.',
    });
    expect(updateRecord).not.toHaveBeenCalled();
  });

  it("takes today from the user's time zone: the first day allowed and the default last day", async () => {
    // Sunday 22 Nov 23:30 in UTC (this machine's zone) is already Monday 23 Nov in Berlin.
    jest.useFakeTimers({ now: new Date(Date.UTC(2026, 10, 22, 23, 30)), doNotFake: ['setTimeout', 'nextTick'] });
    try {
      const { element } = await mount();
      clickButton(element, 'Überschreiben');
      await flush();
      const until = $(element, '[data-field="until"]');
      expect(until.min).toBe('2026-11-23');
      expect(until.value).toBe('2026-12-23');
      const messages = {};
      element.shadowRoot.querySelectorAll('[data-field]').forEach((input) => {
        input.setCustomValidity = jest.fn((message) => {
          messages[input.dataset.field] = message;
        });
        input.reportValidity = jest.fn();
      });
      until.dispatchEvent(new CustomEvent('change', { detail: { value: '2026-11-22' } }));
      clickButton(element, 'Überschreibung speichern');
      await flush();
      expect(messages.until).toBe('Wählen Sie heute oder einen späteren Tag.');
    } finally {
      jest.useRealTimers();
    }
  });

  it('confirms a saved override in German with the German stance name', async () => {
    const { element, toasts } = await mount();
    clickButton(element, 'Überschreiben');
    await flush();
    for (const [field, value] of [
      ['stance', 'Fire'],
      ['reason', 'Vorstandsbeschluss'],
      ['until', '2099-12-31'],
    ]) {
      const input = $(element, `[data-field="${field}"]`);
      input.setCustomValidity = jest.fn();
      input.reportValidity = jest.fn();
      input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    }
    clickButton(element, 'Überschreibung speichern');
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: expect.objectContaining({ Stance_Override__c: 'Fire', Stance_Override_Reason__c: 'Vorstandsbeschluss' }),
    });
    expect(toasts[0]).toMatchObject({ title: 'Haltung von Hand auf Beenden gesetzt.', variant: 'success' });
  });

  it('says in German that the account is outside the team when the org refuses the save', async () => {
    updateRecord.mockRejectedValueOnce({
      ok: false,
      status: 400,
      body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id' }],
    });
    const { element, toasts } = await mount({ record: withOverride });
    clickButton(element, 'Überschreibung aufheben');
    await flush();
    expect(textOf($(element, '[data-id="refused"]'))).toBe(
      'Sie können diesen Account nicht ändern: Er gehört jemandem außerhalb Ihres Teams.',
    );
    expect(toasts).toEqual([]);
    await expect(element).toBeAccessible();
  });

  it('names the error panels in German', async () => {
    const element = createElement('c-stance-override', { is: StanceOverride });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    getObjectInfo.error({ message: 'The org did not answer' }, 503);
    await flush();
    expect($(element, 'c-error-panel').friendlyMessage).toBe('Wir konnten nicht laden, was Sie hier ändern dürfen.');
    await expect(element).toBeAccessible();
  });
});
