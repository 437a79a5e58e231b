/**
 * What the preview's page reads in the signed-in person's language, as Lightning serves it: the
 * package's custom labels (English from labels/CustomLabels.labels-meta.xml, translated from
 * translations/<language>.translation-meta.xml), the quick actions' translated labels, and the
 * @salesforce/i18n values from the person's User record. The pseudo-locale marks every label so a
 * browser check can tell a word that came through a label from one written into a component.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readLabels, readTranslations, SOURCE_DIR, translationLanguages } from '../i18n/labelFiles';

/** Around every label value in the pseudo-locale: "⟦Stance⟧". Placeholders ({0}) stay as they are. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export function pseudoMark(value: string): string {
  return `${PSEUDO_OPEN}${value}${PSEUDO_CLOSE}`;
}

/** The person's language and locale settings (User.LanguageLocaleKey, LocaleSidKey, ...). */
export interface PersonLocale {
  readonly languageLocaleKey?: string | null;
  readonly localeSidKey?: string | null;
  readonly timeZoneSidKey?: string | null;
  readonly currencyIsoCode?: string | null;
}

/** What the page's `@salesforce/i18n/*` modules answer, and the preview's own chrome reads. */
export interface PageI18n {
  readonly lang: string;
  readonly locale: string;
  readonly currency: string;
  readonly timeZone: string;
  readonly dir: 'ltr' | 'rtl';
  readonly pseudo: boolean;
  readonly 'number.decimalSeparator': string;
  readonly 'number.groupingSeparator': string;
  readonly 'number.currencySymbol': string;
  readonly firstDayOfWeek: number;
}

const RTL = /^(ar|he|iw|fa|ur)\b/;

/** Salesforce keys (en_US, de_DE, de) as BCP 47 tags (en-US, de-DE, de). */
export function bcp47(key: string): string {
  return key.replace(/_/g, '-');
}

/** The page's i18n values for a person; English (US), UTC and US dollars where the record says nothing. */
export function pageI18n(person: PersonLocale, pseudo = false): PageI18n {
  const lang = bcp47(person.languageLocaleKey || 'en_US');
  const locale = bcp47(person.localeSidKey || person.languageLocaleKey || 'en_US');
  const currency = person.currencyIsoCode || 'USD';
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(12345.6);
  const part = (type: string, fallback: string) => parts.find((entry) => entry.type === type)?.value ?? fallback;
  const week = (new Intl.Locale(locale) as Intl.Locale & { weekInfo?: { firstDay: number } }).weekInfo;
  return {
    lang,
    locale,
    currency,
    timeZone: person.timeZoneSidKey || 'UTC',
    dir: RTL.test(lang) ? 'rtl' : 'ltr',
    pseudo,
    'number.decimalSeparator': part('decimal', '.'),
    'number.groupingSeparator': part('group', ','),
    'number.currencySymbol': part('currency', currency),
    // Intl counts Monday as 1 ... Sunday as 7; Salesforce's firstDayOfWeek counts Sunday as 1.
    firstDayOfWeek: week ? (week.firstDay % 7) + 1 : 1,
  };
}

/** The translation file that serves a language key: 'de' for 'de' and 'de_DE' alike, none for English. */
export function translationLanguage(languageLocaleKey: string | null | undefined): string | null {
  if (!languageLocaleKey) return null;
  const languages = translationLanguages();
  if (languages.includes(languageLocaleKey)) return languageLocaleKey;
  const base = languageLocaleKey.split('_')[0]!;
  return languages.includes(base) ? base : null;
}

export function englishLabels(): Record<string, string> {
  return Object.fromEntries(readLabels().map((label) => [label.fullName, label.value]));
}

/**
 * The labels table the page carries: each label's value in the person's language where the package
 * translates it (English otherwise), every one marked in the pseudo-locale.
 */
export function labelTable(languageLocaleKey: string | null | undefined, pseudo = false): Record<string, string> {
  const language = translationLanguage(languageLocaleKey);
  const translated = language ? readTranslations(language).labels : new Map<string, string>();
  const table: Record<string, string> = {};
  for (const [name, english] of Object.entries(englishLabels())) {
    const value = translated.get(name) ?? english;
    table[name] = pseudo ? pseudoMark(value) : value;
  }
  return table;
}

const asEntries = (value: unknown) =>
  (Array.isArray(value) ? value : value ? [value] : []) as Array<Record<string, unknown>>;

/**
 * Quick action name (Account.Report_Signal) -> its label in the person's language: an object's
 * actions from objectTranslations/<Object>-<language>, global ones from the translations file.
 */
export function quickActionLabels(
  languageLocaleKey: string | null | undefined,
  pseudo = false,
): Record<string, string> {
  const language = translationLanguage(languageLocaleKey);
  if (!language) return {};
  const labels: Record<string, string> = {};
  const add = (name: unknown, label: unknown) => {
    if (typeof name === 'string' && typeof label === 'string')
      labels[name.trim()] = pseudo ? pseudoMark(label.trim()) : label.trim();
  };
  for (const entry of asEntries(readTranslations(language).other.quickActions)) add(entry.name, entry.label);
  const objects = join(SOURCE_DIR, 'objectTranslations');
  for (const folder of existsSync(objects) ? readdirSync(objects) : []) {
    const object = folder.endsWith(`-${language}`) ? folder.slice(0, -language.length - 1) : null;
    const file = join(objects, folder, `${folder}.objectTranslation-meta.xml`);
    if (!object || !existsSync(file)) continue;
    const xml = new XMLParser({ parseTagValue: false }).parse(readFileSync(file, 'utf8')) as {
      CustomObjectTranslation?: { quickActions?: unknown };
    };
    for (const entry of asEntries(xml.CustomObjectTranslation?.quickActions))
      add(`${object}.${String(entry.name)}`, entry.label);
  }
  return labels;
}

/**
 * Lightning's own words (lightning-base-components' labels: "required", "Help", "Loading" ...) in
 * the languages the preview speaks besides English, as Salesforce translates its components; a
 * label not listed reads its English value from lightning-base-components.
 */
const LIGHTNING_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  de: {
    'LightningButtonMenu.loading': 'Menüelemente werden geladen...',
    'LightningButtonMenu.showMenu': 'Menü anzeigen',
    'LightningCombobox.loadingText': 'Wird geladen',
    'LightningCombobox.placeholder': 'Option auswählen',
    'LightningControl.clear': 'Löschen',
    'LightningControl.loading': 'Wird geladen',
    'LightningControl.required': 'erforderlich',
    'LightningControl.true': 'Wahr',
    'LightningControl.false': 'Falsch',
    'LightningDatatable.loading': 'Wird geladen',
    'LightningDateTimePicker.invalidDate': 'Ihre Eingabe entspricht nicht dem zulässigen Format {0}.',
    'LightningDateTimePicker.selectDateFor': 'Datum für {0} auswählen',
    'LightningDialog.close': 'Schließen',
    'LightningHelptext.buttonAlternativeText': 'Hilfe',
    'LightningInput.helptextAlternativeText': 'Hilfe',
    'LightningProgressRing.complete': 'Abgeschlossen',
    'LightningProgressRing.expired': 'Abgelaufen',
    'LightningProgressRing.progressRing': 'Fortschrittsring',
    'LightningProgressRing.warning': 'Warnung',
    'LightningToast.close': 'Schließen',
  },
};

/** lightning-base-components label name -> its value in the person's language, where the preview has one. */
export function lightningLabelTable(languageLocaleKey: string | null | undefined): Record<string, string> {
  const base = (languageLocaleKey || 'en_US').split('_')[0]!;
  return { ...(LIGHTNING_LABELS[base] ?? {}) };
}
