/**
 * The checklist for a person who works in German (Lena Vogel): the package's words from the
 * German custom labels, picklist values by the labels the UI API gives in her language, dates
 * and relative times in the de-DE locale.
 */
require('../../stanceI18n/__tests__/support/germanUser').asGermanUser();
const { createRecord, updateRecord } = require('lightning/uiRecordApi');
const { graphql } = require('lightning/graphql');
const {
  $,
  actions,
  flush,
  item,
  line,
  tearDown,
  textOf,
  withExplanation,
  mount: mountChecklist,
} = require('./support/checklist');

const defendCompetitors = require('./data/defendCompetitors.json');
const defendHealthy = require('./data/defendHealthy.json');
const fireExitPlan = require('./data/fireExitPlan.json');
const attackWithOpenings = require('./data/attackWithOpenings.json');
const dismissedSignal = require('./data/dismissedSignal.json');
const noneOutsideStrategy = require('./data/noneOutsideStrategy.json');
const sourcePicklist = require('./data/sourcePicklist.json');
const competitorPicklist = require('./data/competitorPicklist.json');
const leverPicklist = require('./data/leverPicklist.json');
const openDeals = require('./data/openDeals.json');

/** Picklist labels as the UI API answers a German user, per picklist (the same value may differ). */
const DEPARTMENTS = {
  'Customer Support': 'Kundendienst',
  Sales: 'Vertrieb',
  Management: 'Geschäftsleitung',
  Finance: 'Finanzen',
  Logistics: 'Logistik',
  Technical: 'Technik',
};
const LEVERS = { Technical: 'Technische Lösung', Price: 'Preis' };
const COMPETITORS = { Other: 'Sonstige' };
const inGerman = (picklist, labels) => ({
  ...picklist,
  values: picklist.values.map((entry) => ({ ...entry, label: labels[entry.value] || entry.label })),
});

const button = (element, code, action) =>
  item(element, code).querySelector(`lightning-button[data-action="${action}"]`);

async function mount(record) {
  return mountChecklist(record, {
    picklists: {
      Source__c: inGerman(sourcePicklist, DEPARTMENTS),
      Competitor__c: inGerman(competitorPicklist, COMPETITORS),
      Value_Levers__c: inGerman(leverPicklist, LEVERS),
    },
  });
}

describe('c-stance-checklist in German', () => {
  afterEach(tearDown);

  it('names the triggers, actions, reporters, departments and competitors in German', async () => {
    const { element } = await mount(defendCompetitors);
    expect($(element, 'lightning-card').title).toBe('Checkliste: Verteidigen');
    expect([...element.shadowRoot.querySelectorAll('h3')].map(textOf)).toEqual(['Bedrohungen', 'Planschritte']);
    expect(textOf($(element, '[data-id="progress"]'))).toBe('0 von 1 Planschritt erledigt');
    expect(line(element, 'COMPETITOR_APPROACH', 'state')).toBe('Gemeldet');
    expect(line(element, 'MONITORING_COVERAGE', 'coverage')).toBe(
      'In den letzten 90 Tagen gemeldet: Kundendienst, Technik. Ohne Meldung: Logistik.',
    );
    expect(textOf(item(element, 'COMPETITOR_APPROACH').querySelector('.slds-text-title_bold'))).toBe(
      'Ansprache durch Wettbewerber',
    );
    expect(line(element, 'COMPETITOR_APPROACH', 'source')).toMatch(
      /^Gemeldet von Sam Okafor, Kundendienst · vor \d+ (Monaten|Tagen|Jahren)$/,
    );
    expect(line(element, 'COMPETITOR_APPROACH', 'competitor')).toBe('Wettbewerber: Cacao Nova');
    expect(actions(element, 'SERVICE_DISSATISFACTION')).toEqual(['Bestätigen', 'Verwerfen…']);
    expect(actions(element, 'MONITORING_COVERAGE')).toEqual(['Als erledigt markieren']);
    await expect(element).toBeAccessible();
  });

  it('writes the transition day and the times in the German locale', async () => {
    const { element } = await mount(fireExitPlan);
    expect(line(element, 'EXIT_CUSTOMER_TOLD', 'transition')).toBe('Übergang bis 30.09.2026');
    expect(line(element, 'EXIT_DECISION', 'source')).toMatch(/^Erledigt von Max Laurent, Geschäftsleitung · vor /);
    expect(line(element, 'RELATIONSHIP_NOT_BENEFICIAL', 'source')).toMatch(/^Gemeldet von .+, Finanzen · vor /);
    expect(line(element, 'STRATEGIC_MISALIGNMENT', 'source')).toBe('Erkannt: Innerhalb der Strategie: nein');
    expect(line(element, 'EXIT_DECISION', 'state')).toBe('Erledigt');
    expect([...element.shadowRoot.querySelectorAll('h3')].map(textOf)).toContain('Ausstiegsplan');
    await expect(element).toBeAccessible();
  });

  it('counts the signals pointing elsewhere in German plural forms', async () => {
    const { element: one } = await mount(defendHealthy);
    expect(textOf($(one, '[data-id="elsewhere"]'))).toBe(
      'Hinweise auf eine andere Haltung: 1 Signal spricht für Beenden (Gesamtwirtschaftliche Veränderung)',
    );
    document.body.removeChild(one);
    const { element: two } = await mount(
      withExplanation(defendHealthy, (explanation) => {
        explanation.elsewhere.push({
          ...explanation.elsewhere[0],
          code: 'COMPETITIVE_SHIFT',
          label: 'Competitive shift',
        });
      }),
    );
    expect(textOf($(two, '[data-id="elsewhere"]'))).toBe(
      'Hinweise auf eine andere Haltung: 2 Signale sprechen für Beenden (Gesamtwirtschaftliche Veränderung und Veränderung im Wettbewerb)',
    );
    await expect(two).toBeAccessible();
  });

  it('asks for a dismissal reason in German and thanks in German', async () => {
    const { element, toasts } = await mount(defendCompetitors);
    button(element, 'SERVICE_DISSATISFACTION', 'dismiss').click();
    await flush();
    const reason = item(element, 'SERVICE_DISSATISFACTION').querySelector('lightning-textarea');
    expect(reason.label).toBe('Warum ist das kein echtes Signal?');
    const formButtons = [
      ...item(element, 'SERVICE_DISSATISFACTION').querySelectorAll('[data-id="dismiss-form"] lightning-button'),
    ];
    expect(formButtons.map((entry) => entry.label)).toEqual(['Verwerfen', 'Abbrechen']);
    reason.setCustomValidity = jest.fn();
    reason.reportValidity = jest.fn();
    formButtons[0].click();
    await flush();
    expect(reason.setCustomValidity).toHaveBeenCalledWith(
      'Schreiben Sie, warum das kein echtes Signal ist, damit das Team Bescheid weiß.',
    );
    await expect(element).toBeAccessible();

    button(element, 'SERVICE_DISSATISFACTION', 'confirm').click();
    await flush();
    expect(updateRecord).toHaveBeenCalledWith({
      fields: expect.objectContaining({ Status__c: 'Confirmed' }),
    });
    expect(toasts[0]).toMatchObject({ title: 'Unzufriedenheit mit dem Service bestätigt.', variant: 'success' });
  });

  it('records a detected trigger with a German note and the API values', async () => {
    const { element } = await mount(attackWithOpenings);
    expect(line(element, 'KEY_PERSON_CHANGE', 'source')).toBe(
      'Erkannt: Die Anzahl neu hinzugekommener Schlüsselpersonen: 1',
    );
    button(element, 'KEY_PERSON_CHANGE', 'confirm').click();
    await flush();
    expect(createRecord.mock.calls[0][0].fields).toMatchObject({
      Trigger__c: 'KEY_PERSON_CHANGE',
      Source__c: 'Sales',
      Status__c: 'Confirmed',
      Detail__c: 'Aus den Daten: Die Anzahl neu hinzugekommener Schlüsselpersonen: 1',
    });
  });

  it('writes the numbers detection saw in the German format', async () => {
    const record = withExplanation(attackWithOpenings, (explanation) => {
      const step = explanation.checklist.find((entry) => entry.code === 'KEY_PERSON_CHANGE');
      step.evidence = { Open_Case_Count: 1234 };
    });
    const { element } = await mount(record);
    expect(line(element, 'KEY_PERSON_CHANGE', 'source')).toBe('Erkannt: Die Anzahl offener Kundenvorgänge: 1.234');
  });

  it('asks for the levers in German, naming the org’s German levers when none is chosen', async () => {
    const record = withExplanation(attackWithOpenings, (explanation) => {
      const step = explanation.checklist.find((entry) => entry.code === 'VALUE_PROPOSITION');
      Object.assign(step, { state: 'open', signal: null });
      explanation.planSteps = { done: 0, total: 1 };
    });
    const { element } = await mount(record);
    button(element, 'VALUE_PROPOSITION', 'done').click();
    await flush();
    const group = item(element, 'VALUE_PROPOSITION').querySelector('lightning-checkbox-group');
    expect(group.label).toBe('Welche Hebel nutzt das Angebot?');
    expect(group.options.map((option) => option.label)).toEqual(['Technische Lösung', 'Preis', 'Service']);
    group.setCustomValidity = jest.fn();
    group.reportValidity = jest.fn();
    const save = [...item(element, 'VALUE_PROPOSITION').querySelectorAll('[data-id="step-form"] lightning-button')];
    expect(save.map((entry) => entry.label)).toEqual(['Speichern', 'Abbrechen']);
    save[0].click();
    await flush();
    expect(group.setCustomValidity).toHaveBeenLastCalledWith(
      'Wählen Sie mindestens einen Hebel: Technische Lösung, Preis oder Service.',
    );
    expect(createRecord).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('offers the open deals in German, with German dates and levers, and says in German what was recorded', async () => {
    const record = withExplanation(attackWithOpenings, (explanation) => {
      const step = explanation.checklist.find((entry) => entry.code === 'VALUE_PROPOSITION');
      Object.assign(step, { state: 'open', signal: null });
      explanation.planSteps = { done: 0, total: 1 };
    });
    const refused = {
      status: 400,
      body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'Keine Berechtigung' }],
    };
    updateRecord.mockImplementation(({ fields }) => {
      return fields.Id === '006000000000077AAA' ? Promise.reject(refused) : Promise.resolve({});
    });
    const { element, toasts } = await mount(record);
    button(element, 'VALUE_PROPOSITION', 'done').click();
    await flush();
    expect(textOf(item(element, 'VALUE_PROPOSITION').querySelector('[data-id="deals-loading"]'))).toBe(
      'Die offenen Opportunities des Accounts werden geladen …',
    );
    graphql.emit(openDeals, (config) => !!config.variables);
    await flush();
    const deals = item(element, 'VALUE_PROPOSITION').querySelector('lightning-checkbox-group[data-id="deals"]');
    expect(deals.label).toBe(
      'Die Hebel auch bei diesen 2 offenen Opportunities festhalten, damit die gewonnene Opportunity sie trägt',
    );
    expect(deals.options.map((option) => option.label)).toEqual([
      'Hansa – seasonal range (Proposal/Price Quote, Abschluss 20.12.2026)',
      'Hansa – Easter range (Qualification, Abschluss 15.02.2027; bisherige Hebel: Preis)',
    ]);
    await expect(element).toBeAccessible();
    const levers = item(element, 'VALUE_PROPOSITION').querySelector('lightning-checkbox-group[data-code]');
    levers.setCustomValidity = jest.fn();
    levers.reportValidity = jest.fn();
    levers.dispatchEvent(new CustomEvent('change', { detail: { value: ['Price'] } }));
    deals.dispatchEvent(new CustomEvent('change', { detail: { value: ['006000000000007AAA', '006000000000077AAA'] } }));
    await flush();
    item(element, 'VALUE_PROPOSITION').querySelector('[data-id="step-form"] lightning-button').click();
    await flush();
    await flush();
    expect(toasts.slice(1).map((toast) => [toast.title, toast.message])).toEqual([
      ['Hebel bei 1 offenen Opportunity festgehalten', 'Hansa – seasonal range'],
      ['Die Hebel wurden nicht bei „Hansa – Easter range“ festgehalten', 'Keine Berechtigung'],
    ]);
    updateRecord.mockReset();
  });

  it('shows a dismissal and the empty card in German', async () => {
    const { element } = await mount(dismissedSignal);
    expect(line(element, 'PRODUCT_DISSATISFACTION', 'source')).toBe(
      'Verworfen von Dana Rep: A one-off caused by their own storage',
    );
    expect(actions(element, 'PRODUCT_DISSATISFACTION')).toEqual(['Wieder öffnen']);
    document.body.removeChild(element);
    const { element: empty } = await mount(noneOutsideStrategy);
    expect(textOf($(empty, '[data-id="empty"]'))).toBe(
      'Keine Checkliste: Für diesen Account gibt es keine Haltung, an der Sie arbeiten können.',
    );
    expect($(empty, 'lightning-card').title).toBe('Checkliste zur Haltung');
    await expect(empty).toBeAccessible();
  });
});
