/**
 * What the preview's page carries for a person's language: the package's labels in it (from the
 * force-app label and translation files themselves), marked in the pseudo-locale, and the i18n
 * values Lightning derives from the User record.
 */
import { readLabels, readTranslations } from '../../i18n/labelFiles';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { quickActions } from '../build';
import {
  bcp47,
  labelTable,
  lightningLabelTable,
  pageI18n,
  pseudoMark,
  quickActionLabels,
  translationLanguage,
} from '../labels';

const english = readLabels();
const german = readTranslations('de').labels;

describe("the preview's labels table", () => {
  it('holds every label, in English for an English-speaking person', () => {
    const table = labelTable('en_US');
    expect(Object.keys(table).sort()).toEqual(english.map((label) => label.fullName).sort());
    for (const label of english) expect(table[label.fullName]).toBe(label.value);
  });

  it("holds the package's German translation for a German-speaking person, whatever the key's region", () => {
    expect(german.size).toBeGreaterThan(0);
    for (const key of ['de', 'de_DE']) {
      const table = labelTable(key);
      for (const [name, value] of german) expect([name, table[name]]).toEqual([name, value]);
    }
    expect(translationLanguage('de_AT')).toBe('de');
    expect(translationLanguage('en_US')).toBeNull();
  });

  it('marks every label in the pseudo-locale, placeholders intact', () => {
    const table = labelTable('de', true);
    for (const label of english) {
      const value = table[label.fullName]!;
      expect(value).toBe(pseudoMark(german.get(label.fullName) ?? label.value));
      expect(value.match(/\{\d+\}/g) ?? []).toEqual(label.value.match(/\{\d+\}/g) ?? []);
    }
    expect(pseudoMark('{0} were reported')).toBe('⟦{0} were reported⟧');
  });
});

describe("the quick actions' labels", () => {
  it("are the package's object translations for a German-speaking person, marked in the pseudo-locale", () => {
    const german = quickActionLabels('de');
    const actions = quickActions('Account');
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(german[action.name]).toEqual(expect.any(String));
      expect(german[action.name]).not.toBe(action.label);
      expect(quickActionLabels('de', true)[action.name]).toBe(pseudoMark(german[action.name]!));
    }
    expect(quickActionLabels('en_US')).toEqual({});
  });
});

describe("Lightning's own words", () => {
  it('are German for a German-speaking person, each one a label lightning-base-components has', () => {
    const table = lightningLabelTable('de');
    expect(table['LightningControl.required']).toBe('erforderlich');
    expect(table['LightningHelptext.buttonAlternativeText']).toBe('Hilfe');
    const scoped = join(__dirname, '../../../node_modules/lightning-base-components/scopedImports');
    for (const name of Object.keys(table))
      expect([name, existsSync(join(scoped, `@salesforce-label-${name}.js`))]).toEqual([name, true]);
    expect(lightningLabelTable('en_US')).toEqual({});
  });
});

describe("the page's i18n values", () => {
  it("follow the person's language, locale, time zone and currency", () => {
    const values = pageI18n({
      languageLocaleKey: 'de',
      localeSidKey: 'de_DE',
      timeZoneSidKey: 'Europe/Berlin',
      currencyIsoCode: 'EUR',
    });
    expect(values).toMatchObject({
      lang: 'de',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      dir: 'ltr',
      pseudo: false,
      'number.decimalSeparator': ',',
      'number.groupingSeparator': '.',
      'number.currencySymbol': '€',
      firstDayOfWeek: 2,
    });
  });

  it('fall back to English (US), UTC and US dollars where the User record says nothing', () => {
    expect(pageI18n({}, true)).toMatchObject({
      lang: 'en-US',
      locale: 'en-US',
      timeZone: 'UTC',
      currency: 'USD',
      pseudo: true,
      'number.decimalSeparator': '.',
      firstDayOfWeek: 1,
    });
    expect(bcp47('de_DE')).toBe('de-DE');
  });
});
