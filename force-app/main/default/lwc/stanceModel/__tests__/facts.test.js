import {
  describeComparison,
  describeFactValues,
  describeNearMiss,
  factValue,
  planProgress,
  stanceVisual,
  stateVisual,
  triggerLabels,
} from 'c/stanceModel';
import { userLocale } from 'c/stanceI18n';

const noneOutsideStrategy = require('../../stancePanel/__tests__/data/noneOutsideStrategy.json');

const english = { ...userLocale };
afterEach(() => Object.assign(userLocale, english));

const nearMiss = (stance, label, failing) => ({ atRiskGap: null, nearMiss: { stance, rule: 'R', label, failing } });
const part = (text, comparison) => ({ text, holds: false, facts: {}, ...(comparison ? { comparison } : {}) });
const step = (state) => ({ code: 'EXIT_DECISION', kind: 'plan_step', state });

/** c/stanceModel as a German user (de, de-DE, EUR, Berlin) gets it: labels in German, Intl in German. */
function inGerman() {
  let model;
  global.__STANCE_LABEL_LANGUAGE__ = 'de';
  try {
    jest.isolateModules(() => {
      const { userLocale: german } = require('c/stanceI18n');
      Object.assign(german, { locale: 'de-DE', lang: 'de', currency: 'EUR', timeZone: 'Europe/Berlin' });
      model = require('c/stanceModel');
    });
  } finally {
    delete global.__STANCE_LABEL_LANGUAGE__;
  }
  return model;
}

describe('what would change it, as a sentence', () => {
  it('speaks of a boolean account fact as a clause, never as its API name', () => {
    const explanation = nearMiss('Fire', 'Customer outside the strategy', [
      part('In_Strategy = false', { fact: 'In_Strategy', type: 'boolean', op: '=', value: false }),
    ]);
    expect(describeNearMiss(explanation)).toBe(
      'Fire (rule “Customer outside the strategy”) if the account were outside the strategy.',
    );
  });

  it('reads != and the other value of a boolean the right way round', () => {
    expect(describeComparison({ fact: 'In_Strategy', type: 'boolean', op: '!=', value: false })).toBe(
      'the account were inside the strategy',
    );
    expect(describeComparison({ fact: 'Is_Customer', type: 'boolean', op: '=', value: true })).toBe(
      'the account were a customer',
    );
  });

  it('joins several conditions with "and", numbers, money and dates in the locale', () => {
    Object.assign(userLocale, { locale: 'en-GB', lang: 'en-GB', currency: 'EUR' });
    const explanation = nearMiss('Attack', 'Big prospect', [
      part('Open_Case_Count >= 3', { fact: 'Open_Case_Count', type: 'number', op: '>=', value: 3 }),
      part('AnnualRevenue > 5000000', { fact: 'AnnualRevenue', type: 'number', op: '>', value: 5000000 }),
      part('Last_Activity_Date < 2026-03-31', {
        fact: 'Last_Activity_Date',
        type: 'date',
        op: '<',
        value: '2026-03-31',
      }),
    ]);
    expect(describeNearMiss(explanation)).toBe(
      'Attack (rule “Big prospect”) if the number of open cases were at least 3, ' +
        'the annual revenue were above €5,000,000.00 and the last activity date were before 31 Mar 2026.',
    );
  });

  it('names trigger facts by the trigger label, present or no longer present', () => {
    expect(describeComparison({ fact: 'Competitor_Approach', type: 'boolean', op: '=', value: true })).toBe(
      'Competitor approach were reported',
    );
    expect(describeComparison({ fact: 'Service_Dissatisfaction', type: 'boolean', op: '=', value: false })).toBe(
      'Service dissatisfaction were no longer present',
    );
    // A trigger the package does not know: the label the explanation stored.
    const stored = { PLANT_CLOSURE: 'Plant closure' };
    expect(describeComparison({ fact: 'Plant_Closure', type: 'boolean', op: '=', value: true }, stored)).toBe(
      'Plant closure were reported',
    );
  });

  it("falls back to the rule's own words for a part without a comparison, or one it has no words for", () => {
    const explanation = nearMiss('Fire', 'Mixed', [
      part('Industry IN (Mining, Oil)'),
      part('Unknown_Fact = 2', { fact: 'Unknown_Fact', type: 'number', op: '=', value: 2 }),
      part('Odd_Flag = true', { fact: 'Odd_Flag', type: 'boolean', op: '=', value: true }),
    ]);
    expect(describeNearMiss(explanation)).toBe(
      'Fire (rule “Mixed”) if Industry IN (Mining, Oil), Unknown_Fact = 2, and Odd_Flag = true.',
    );
  });

  it('reads the stored fixture with its comparison as words, and one stored before comparisons by the rule text', () => {
    const explanation = JSON.parse(noneOutsideStrategy.fields.Stance_Checklist__c.value);
    expect(describeNearMiss(explanation, triggerLabels(explanation))).toBe(
      'Fire (rule “Customer outside the strategy”) if the account were a customer.',
    );
    const before = {
      ...explanation,
      nearMiss: {
        ...explanation.nearMiss,
        failing: explanation.nearMiss.failing.map(({ comparison, ...rest }) => rest), // eslint-disable-line no-unused-vars
      },
    };
    expect(describeNearMiss(before, triggerLabels(before))).toBe(
      'Fire (rule “Customer outside the strategy”) if Is_Customer = true.',
    );
  });

  it('shows fact values in words: nouns, yes and no, stance names, none', () => {
    expect(
      describeFactValues({ Threat_Count: 2, In_Strategy: false, Override_Stance: 'None', Last_Won_Date: null }),
    ).toBe(
      'The number of threats: 2 · Inside the strategy: no · The manual override: No stance · The date of the last win: none',
    );
    expect(factValue('Open_Pipeline', 180000)).toBe('$180,000.00');
  });
});

describe('plural forms', () => {
  it('counts plan and exit steps in the singular and the plural', () => {
    expect(planProgress([step('open')], 'Defend')).toBe('0 of 1 plan steps done');
    expect(planProgress([step('done'), step('open')], 'Defend')).toBe('1 of 2 plan steps done');
    expect(planProgress([step('done')], 'Fire')).toBe('1 of 1 exit steps');
    const german = inGerman();
    expect(german.planProgress([step('open')], 'Defend')).toBe('0 von 1 Planschritt erledigt');
    expect(german.planProgress([step('done'), step('open')], 'Defend')).toBe('1 von 2 Planschritten erledigt');
    expect(german.planProgress([step('done')], 'Fire')).toBe('1 von 1 Ausstiegsschritt');
    expect(german.planProgress([step('done'), step('done'), step('open')], 'Fire')).toBe('2 von 3 Ausstiegsschritten');
  });

  it('counts competitor signals and lost deals, and effort, in both languages', () => {
    const competitors = [
      { name: 'Cacao Nova', signals: 1, lostDeals: 2 },
      { name: 'Valdor', signals: 2, lostDeals: 1 },
    ];
    const german = inGerman();
    expect(german.describeCompetitors(competitors)).toBe(
      'Cacao Nova (1 Signal, 2 verlorene Deals), Valdor (2 Signale, verlorener Deal)',
    );
    const effort = { openDeals: 1, openPipeline: 1800000, openCases: 1, recentCases: 1, lookbackDays: 90 };
    expect(german.describeEffort({ ...effort, offStrategy: true }, 'Fire')).toMatch(
      /^1 offener Deal \(1,8\sMio\.\s€\) und 1 Kundenvorgang in 90 Tagen \(davon 1 noch offen\) bei einem Account außerhalb der Strategie\.$/,
    );
  });
});

describe('in German', () => {
  it('names stances, states and groups in German', () => {
    const german = inGerman();
    expect(['Attack', 'Defend', 'Fire', 'None'].map((stance) => german.stanceVisual(stance).label)).toEqual([
      'Angreifen',
      'Verteidigen',
      'Beenden',
      'Keine Haltung',
    ]);
    expect(german.stateVisual('detected', 'plan_step').label).toBe('Erfüllt');
    expect(german.groupChecklist([step('open')], 'Fire')[0].title).toBe('Ausstiegsplan');
    // The English module is untouched.
    expect(stanceVisual('None').label).toBe('No stance');
    expect(stateVisual('open').label).toBe('Nothing seen');
  });

  it('says what would change it in German, with German dates and the German list', () => {
    const german = inGerman();
    const explanation = nearMiss('Fire', 'Kunde außerhalb der Strategie', [
      part('In_Strategy = false', { fact: 'In_Strategy', type: 'boolean', op: '=', value: false }),
      part('Last_Case_Date >= 2026-03-31', { fact: 'Last_Case_Date', type: 'date', op: '>=', value: '2026-03-31' }),
    ]);
    expect(german.describeNearMiss(explanation)).toBe(
      'Beenden (Regel „Kunde außerhalb der Strategie“), wenn der Account außerhalb der Strategie läge und ' +
        'das Datum des letzten Kundenvorgangs frühestens am 31.03.2026 läge.',
    );
    const gap = { threatWeight: 40, bar: 60, wouldTip: ['KEY_PERSON_CHANGE', 'SERVICE_DISSATISFACTION'] };
    expect(german.describeNearMiss({ atRiskGap: gap, nearMiss: null })).toBe(
      'Wechsel einer Schlüsselperson oder Unzufriedenheit mit dem Service würden diesen Account jeweils gefährden.',
    );
  });

  it('refuses an explanation of another version in German', () => {
    const german = inGerman();
    expect(() => german.parseExplanation(JSON.stringify({ schema: 'stance.explanation', version: 7 }))).toThrow(
      'Die gespeicherte Erklärung hat Version 7 von stance.explanation; diese Seite liest Version 1.',
    );
  });
});

describe("words for the engine's facts and triggers", () => {
  // The engine's vocabulary, read from its source (a component cannot import the sidecar).
  const { readFileSync } = require('fs');
  const { join } = require('path');
  const domain = join(__dirname, '../../../../../../sidecar/src/domain');
  const factsSource = readFileSync(join(domain, 'facts.ts'), 'utf8');
  const section = (name) => factsSource.slice(factsSource.indexOf(`const ${name} = [`)).split('] as const')[0];
  const facts = (name) =>
    [...section(name).matchAll(/name: '(\w+)',\s+type: '(\w+)'/g)].map(([, fact, type]) => [fact, type]);
  const catalog = readFileSync(join(domain, 'catalog.ts'), 'utf8');
  const triggerCodes = [
    ...catalog
      .split('export const TRIGGER_CODES = [')[1]
      .split(']')[0]
      .matchAll(/'(\w+)'/g),
  ].map(([, code]) => code);

  it('reads the engine source (a guard against reading nothing)', () => {
    expect(facts('ACCOUNT_FACTS').length).toBeGreaterThan(30);
    expect(facts('TRIGGER_SUMMARY_FACTS').length).toBeGreaterThan(5);
    expect(triggerCodes.length).toBeGreaterThan(15);
  });

  it.each([...facts('ACCOUNT_FACTS'), ...facts('TRIGGER_SUMMARY_FACTS')])(
    'has words for the fact %s (%s)',
    (fact, type) => {
      const value = { boolean: true, number: 3, string: 'Retail', date: '2026-03-31' }[type];
      const clause = describeComparison({ fact, type, op: '=', value });
      expect(clause).toBeTruthy();
      expect(clause).not.toContain(fact);
    },
  );

  it.each(triggerCodes)('has a package label for the trigger %s, and words for its presence fact', (code) => {
    const fact = code
      .toLowerCase()
      .split('_')
      .map((word) => word[0].toUpperCase() + word.slice(1))
      .join('_');
    const clause = describeComparison({ fact, type: 'boolean', op: '=', value: true });
    expect(clause).toMatch(/ were reported$/);
    expect(clause).not.toContain(code);
  });
});
