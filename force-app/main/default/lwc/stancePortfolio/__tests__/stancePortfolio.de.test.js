// Lena's language and locale (LanguageLocaleKey de, LocaleSidKey de_DE, EUR, Europe/Berlin): the
// portfolio's words are the German translations of its labels, stances the German stance names,
// days, numbers and money as Germans write them, counts in German plural forms. Set before the
// component loads.
require('../../stanceI18n/__tests__/support/germanUser').asGermanUser();
const { graphql } = require('lightning/graphql');
const {
  $,
  $$,
  DANA,
  USER,
  managerPortfolio,
  managerSnapshots,
  ownerRow,
  render,
  repPortfolio,
  repSnapshots,
  setUp,
  tearDown,
  text,
  tile,
} = require('./support/portfolio');
const { onlyFire: fire, cut } = require('./data/portfolios');

/** The rep's only Fire group, with other numbers. */
const onlyFire = (numbers) => fire(repPortfolio, numbers);

describe('c-stance-portfolio in German', () => {
  beforeEach(setUp);
  afterEach(tearDown);

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
