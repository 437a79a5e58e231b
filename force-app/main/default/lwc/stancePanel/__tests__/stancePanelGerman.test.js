// Lena's page: a German user (language de, locale de-DE, euros, Berlin). Labels resolve to their
// German translations, set before the component loads; numbers, money and dates are German.
require('../../stanceI18n/__tests__/support/germanUser').asGermanUser();
const { createElement } = require('lwc');
const { getRecord } = require('lightning/uiRecordApi');
const {
  $,
  StancePanel,
  isEmpEnabled,
  mount,
  settle,
  streamOff,
  subscribeToStream,
  tearDown,
  text,
  withExplanation,
  withField,
} = require('./support/panel');

const defendAtRisk = require('./data/defendAtRisk.json');
const defendCompetitors = require('./data/defendCompetitors.json');
const fireExitPlan = require('./data/fireExitPlan.json');
const overridden = require('./data/overridden.json');
const stale = require('./data/stale.json');

describe('c-stance-panel in German', () => {
  beforeEach(streamOff);
  afterEach(tearDown);

  it('shows an at-risk customer in German: title, badge, flag, priority and the rule behind it', async () => {
    const element = await mount(defendAtRisk);
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Haltung');
    expect(text(element, 'stance-badge')).toBe('VERTEIDIGEN');
    expect(text(element, 'at-risk')).toBe('gefährdet');
    expect(text(element, 'priority')).toBe('Priorität 100');
    expect(text(element, 'why-toggle')).toBe('Warum: Regel „Threatened customer“');
    $(element, 'why-toggle').click();
    await settle();
    expect(text(element, 'why-toggle')).toBe('Begründung ausblenden: Regel „Threatened customer“');
    expect(text(element, 'why')).toContain('(Die Anzahl der Bedrohungen: 2)');
    await expect(element).toBeAccessible();
  });

  it('says what would change it in a German sentence, from the stored comparison', async () => {
    const element = await mount(
      withExplanation(defendCompetitors, (explanation) => {
        explanation.nearMiss.failing[0].comparison = { fact: 'In_Strategy', type: 'boolean', op: '=', value: false };
      }),
    );
    expect(text(element, 'near-miss')).toBe(
      'Was sie ändern würde: Beenden (Regel „Customer outside the strategy“), wenn der Account außerhalb der Strategie läge.',
    );
    expect(text(element, 'competitors')).toBe(
      'Aktive Wettbewerber: Cacao Nova (2 Signale), Valdor Ingredients (verlorener Deal)',
    );
    await expect(element).toBeAccessible();
  });

  it('writes effort with German plurals, euros and dates', async () => {
    const element = await mount(fireExitPlan);
    expect(text(element, 'stance-badge')).toBe('BEENDEN');
    expect(text(element, 'effort-text')).toMatch(
      /^3 offene Deals \(180\.000\s€\), 5 Kundenvorgänge in 90 Tagen \(davon 2 noch offen\) und Aktivität am 10\.06\.2026 bei einem Account außerhalb der Strategie\.$/,
    );
    expect(text(element, 'effort-list')).toBe('Aufwand bei zu beendenden Accounts');
    await expect(element).toBeAccessible();
  });

  it('shows an override beside what the rules say, and when it was computed, in German', async () => {
    const element = await mount(overridden);
    expect(text(element, 'stance-badge')).toBe('ANGREIFEN');
    expect(text(element, 'rules-say')).toBe('Laut Regeln: Verteidigen (Konflikt)');
    expect(element.shadowRoot.querySelector('c-stance-override-summary').label).toBe('Angreifen');
    expect(text(element, 'computed')).toMatch(/^Berechnet vor \d+ (Tagen|Monaten|Jahren|Jahr|Monat)$/);
    await expect(element).toBeAccessible();
  });

  it('says in German that the stance is out of date, not classified yet, or not for this user', async () => {
    const old = await mount(stale);
    expect(text(old, 'stale')).toMatch(/^Veraltet: /);
    document.body.removeChild(old);

    const empty = await mount(withField(withField(defendAtRisk, 'Stance__c', null), 'Stance_Checklist__c', null));
    expect(text(empty, 'empty')).toMatch(/^Stance hat diesen Account noch nicht eingeordnet\./);
    await expect(empty).toBeAccessible();
    document.body.removeChild(empty);

    const hidden = await mount({
      ...defendAtRisk,
      fields: { Name: { value: 'Kakao Werke GmbH', displayValue: null } },
    });
    expect(text(hidden, 'stance-hidden')).toMatch(/^Sie können die Haltung von Accounts nicht sehen/);
    await expect(hidden).toBeAccessible();
  });

  it('says in German that live updates are off when it cannot subscribe', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
    isEmpEnabled.mockResolvedValue(true);
    subscribeToStream.mockRejectedValue({ error: '403::Forbidden', subscription: '/event/Stance_Update__e' });
    const element = await mount(defendAtRisk);
    expect(text(element, 'live-off')).toBe(
      'Live-Aktualisierungen sind aus: Änderungen anderer erscheinen nach dem Neuladen.',
    );
    await expect(element).toBeAccessible();
    consoleError.mockRestore();
  });

  it('shows its spinner and load error in German', async () => {
    const element = createElement('c-stance-panel', { is: StancePanel });
    element.recordId = '001000000000001AAA';
    document.body.appendChild(element);
    expect(element.shadowRoot.querySelector('lightning-spinner').alternativeText).toBe('Haltung wird geladen');
    getRecord.error({ message: 'no access' });
    await settle();
    expect(element.shadowRoot.querySelector('c-error-panel').friendlyMessage).toBe(
      'Die Haltung dieses Accounts konnte nicht geladen werden.',
    );
    await expect(element).toBeAccessible();
  });
});
