// Lena's language and locale (LanguageLocaleKey de, LocaleSidKey de_DE, EUR, Europe/Berlin): the
// portfolio's words are the German translations of its labels, stances the German stance names,
// days, numbers and money as Germans write them, counts in German plural forms. Set before the
// component loads.
jest.mock('@salesforce/i18n/locale', () => ({ __esModule: true, default: 'de-DE' }), { virtual: true });
jest.mock('@salesforce/i18n/lang', () => ({ __esModule: true, default: 'de' }), { virtual: true });
jest.mock('@salesforce/i18n/currency', () => ({ __esModule: true, default: 'EUR' }), { virtual: true });
jest.mock('@salesforce/i18n/timeZone', () => ({ __esModule: true, default: 'Europe/Berlin' }), { virtual: true });
jest.mock('@salesforce/user/Id', () => ({ __esModule: true, default: '005000000000001AAA' }), { virtual: true });
jest.mock('lightning/empApi', () => ({
  isEmpEnabled: jest.fn(),
  onError: jest.fn(),
  subscribe: jest.fn(),
  unsubscribe: jest.fn(),
}));
global.__STANCE_LABEL_LANGUAGE__ = 'de';
const { createElement } = require('lwc');
const { graphql } = require('lightning/graphql');
const { isEmpEnabled, subscribe: subscribeToStream } = require('lightning/empApi');
const StancePortfolio = require('c/stancePortfolio').default;

const managerSnapshots = require('./data/managerSnapshots.json');
const managerPortfolio = require('./data/managerPortfolio.json');
const repSnapshots = require('./data/repSnapshots.json');
const repPortfolio = require('./data/repPortfolio.json');
const { onlyFire: fire, cut } = require('./data/portfolios');

const USER = '005000000000001AAA';
const DANA = '005000000000002AAA';
// A Wednesday: the week starts on Monday 23 Nov, last week's snapshot is the one of 18 Nov.
const TODAY = new Date(2026, 10, 25, 12, 0, 0);

const isSnapshots = (config) => !!config && !!config.variables && 'since' in config.variables;
const isPortfolio = (config) => !!config && !!config.variables && 'owners' in config.variables;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function render({ snapshots, portfolio }) {
  const element = createElement('c-stance-portfolio', { is: StancePortfolio });
  document.body.appendChild(element);
  await settle();
  graphql.emit(snapshots, isSnapshots);
  await settle();
  graphql.emit(portfolio, isPortfolio);
  await settle();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : null);
const tile = (element, stance) =>
  [...$(element, `[data-stance="${stance}"]`).querySelectorAll('*')]
    .filter((node) => node.children.length === 0)
    .map((node) => text(node))
    .filter((words) => !!words)
    .join(' ');
const ownerRow = (element, ownerId) =>
  $$(element, `tr[data-owner="${ownerId}"] th, tr[data-owner="${ownerId}"] td`).map((cell) => text(cell));

/** The rep's only Fire group, with other numbers. */
const onlyFire = (numbers) => fire(repPortfolio, numbers);

describe('c-stance-portfolio in German', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: TODAY, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick'] });
    isEmpEnabled.mockResolvedValue(true);
    subscribeToStream.mockResolvedValue({ id: 'portfolio', channel: '/event/Stance_Update__e' });
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it("shows a manager the team's portfolio in German words, German numbers, days and euros", async () => {
    const element = await render({ snapshots: managerSnapshots, portfolio: managerPortfolio });

    expect(text($(element, '[data-id="title"]'))).toBe('Accounts meines Teams');
    expect(text($(element, '[data-id="week"]'))).toBe('Woche vom 23. November');
    expect(tile(element, 'Attack')).toBe('Angreifen 12 ▲2 2 mehr als letzte Woche');
    expect(tile(element, 'Defend')).toBe('Verteidigen 31 =0 unverändert seit letzter Woche');
    expect(tile(element, 'Fire')).toBe('Beenden 5 ▼1 1 weniger als letzte Woche');
    expect(tile(element, 'None')).toBe('Keine Haltung 22 =0 unverändert seit letzter Woche');
    expect(tile(element, 'at-risk')).toBe('Gefährdet 4 ▲1 1 mehr als letzte Woche');
    expect(text($(element, '[data-id="baseline"]'))).toBe('Änderungen im Vergleich zum Snapshot vom 18. November.');
    expect(text($(element, '[data-id="exit-plans"]'))).toBe(
      'Exit-Pläne: 8 von 20 Exit-Schritten erledigt bei 5 Accounts zum Beenden.',
    );
    expect(text($(element, '[data-id="effort"]'))).toBe(
      'Aufwand für Accounts außerhalb der Strategie (Beenden und Keine Haltung): 9 offene Deals (210.000 € offene Pipeline), 14 aktuelle Kundenvorgänge.',
    );
    expect(text($(element, '[data-id="effort-link"]'))).toBe('Aufwand für Accounts zum Beenden');
    expect(text($(element, 'section[aria-label="Verlauf der letzten 8 Wochen"] h3'))).toBe('Letzte 8 Wochen');
    expect($$(element, '[data-id="trend-table"] thead th').map((cell) => text(cell))).toEqual([
      'Woche vom',
      'Angreifen',
      'Verteidigen',
      'Beenden',
      'Keine Haltung',
      'Gesamt',
    ]);
    expect(text($(element, '[data-id="trend-table"] tbody tr th'))).toBe('5. Okt.');
    expect(ownerRow(element, DANA)).toEqual([
      'Dana Reyes',
      '5',
      '14',
      '3',
      '2',
      '10',
      '3 von 8',
      '4 Deals und 4 Kundenvorgänge',
    ]);
    expect($$(element, '[data-id="wins"] li').map((item) => text(item))).toEqual([
      'Technische Lösung: 3',
      'Preis: 1',
      'Service: 3',
    ]);
    expect(text($(element, '[data-id="wins-as-of"]'))).toBe(
      'Gewonnene Deals nach dem Werthebel, mit dem sie gewonnen wurden, aus dem Snapshot vom 24. November.',
    );
    await expect(element).toBeAccessible();
  });

  it("counts the week from today in the user's time zone, not the browser's", async () => {
    // Sunday 22 Nov 23:30 in UTC (this machine's zone) is already Monday 23 Nov in Berlin.
    jest.setSystemTime(new Date(Date.UTC(2026, 10, 22, 23, 30)));
    const element = await render({ snapshots: managerSnapshots, portfolio: managerPortfolio });
    const configs = [];
    graphql.emit(undefined, (config) => configs.push(config) && false);
    expect(configs[0].variables).toEqual({ since: '2026-10-05' });
    expect(text($(element, '[data-id="week"]'))).toBe('Woche vom 23. November');
  });

  it('says in German, with the number as Germans write it, when owners were left out', async () => {
    const element = await render({ snapshots: cut(managerSnapshots, 'owners'), portfolio: managerPortfolio });
    expect(text($(element, '[data-id="truncated"]'))).toBe(
      'Ihr Team hat mehr als 2.000 Inhaber: Das Portfolio zählt die ersten 2.000.',
    );
    await expect(element).toBeAccessible();
  });

  it('says a rep is herself, and one deal, one case, one exit step and one account in the German singular', async () => {
    const element = await render({
      snapshots: repSnapshots,
      portfolio: onlyFire({
        Id: { count: { value: 1 } },
        Stance_Plan_Steps__c: { sum: { value: 1 } },
        Stance_Plan_Steps_Done__c: { sum: { value: 1 } },
        Stance_Open_Deals__c: { sum: { value: 1 } },
        Stance_Recent_Cases__c: { sum: { value: 1 } },
        Stance_Open_Pipeline__c: { sum: { value: 1234567 } },
      }),
    });

    expect(text($(element, '[data-id="title"]'))).toBe('Meine Accounts');
    expect(text($(element, '[data-id="exit-plans"]'))).toBe(
      'Exit-Pläne: 1 von 1 Exit-Schritt erledigt bei 1 Account zum Beenden.',
    );
    expect(text($(element, '[data-id="effort"]'))).toBe(
      'Aufwand für Accounts außerhalb der Strategie (Beenden und Keine Haltung): 1 offener Deal (1.234.567 € offene Pipeline), 1 aktueller Kundenvorgang.',
    );
    expect(ownerRow(element, USER)).toEqual([
      'Dana Reyes (Sie)',
      '0',
      '0',
      '0',
      '1',
      '0',
      '1 von 1',
      '1 Deal und 1 Kundenvorgang',
    ]);
    await expect(element).toBeAccessible();
  });
});
