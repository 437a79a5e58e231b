/**
 * The package's custom labels (labels/CustomLabels.labels-meta.xml) and their translations
 * (translations/<language>.translation-meta.xml): read, and written back sorted, so that the
 * files stay diff-friendly and branches that each add labels merge by `npm run labels:sort`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const SOURCE_DIR = join(__dirname, '../../force-app/main/default');
export const LABELS_FILE = join(SOURCE_DIR, 'labels/CustomLabels.labels-meta.xml');
export const TRANSLATIONS_DIR = join(SOURCE_DIR, 'translations');

export interface CustomLabel {
  readonly fullName: string;
  readonly categories?: string;
  readonly language: string;
  readonly protected: boolean;
  readonly shortDescription: string;
  readonly value: string;
}

/** Translations of one language: label name -> translated value, and the file's other parts as read. */
export interface Translations {
  readonly language: string;
  readonly labels: Map<string, string>;
  readonly other: Record<string, unknown>;
}

const NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['labels', 'customLabels'].includes(name),
});
const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '    ', suppressEmptyNode: false });

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function readLabels(file = LABELS_FILE): CustomLabel[] {
  if (!existsSync(file)) return [];
  const xml = parser.parse(readFileSync(file, 'utf8')) as { CustomLabels?: { labels?: Record<string, unknown>[] } };
  return asList(xml.CustomLabels?.labels).map((label) => ({
    fullName: text(label.fullName).trim(),
    ...(label.categories !== undefined ? { categories: text(label.categories).trim() } : {}),
    language: text(label.language).trim(),
    protected: text(label.protected).trim() === 'true',
    shortDescription: text(label.shortDescription),
    value: text(label.value),
  }));
}

export function writeLabels(labels: readonly CustomLabel[], file = LABELS_FILE): void {
  const sorted = uniqueSorted(labels, (label) => label.fullName);
  const body = builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    CustomLabels: {
      '@_xmlns': NAMESPACE,
      labels: sorted.map((label) => ({
        fullName: label.fullName,
        ...(label.categories ? { categories: label.categories } : {}),
        language: label.language,
        protected: String(label.protected),
        shortDescription: label.shortDescription,
        value: label.value,
      })),
    },
  }) as string;
  writeFileSync(file, body);
}

/** The languages the package has translations for ('de', ...), from translations/<language>.translation-meta.xml. */
export function translationLanguages(dir = TRANSLATIONS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => /^(.+)\.translation-meta\.xml$/.exec(name)?.[1])
    .filter((language): language is string => Boolean(language))
    .sort();
}

export function translationFile(language: string, dir = TRANSLATIONS_DIR): string {
  return join(dir, `${language}.translation-meta.xml`);
}

export function readTranslations(language: string, dir = TRANSLATIONS_DIR): Translations {
  const file = translationFile(language, dir);
  if (!existsSync(file)) return { language, labels: new Map(), other: {} };
  const xml = parser.parse(readFileSync(file, 'utf8')) as { Translations?: Record<string, unknown> };
  const { customLabels, ...parts } = xml.Translations ?? {};
  // The namespace attribute and the whitespace between elements are written again by writeTranslations.
  const other = withoutWhitespace(
    Object.fromEntries(Object.entries(parts).filter(([key]) => !key.startsWith('@_') && !key.startsWith('#'))),
  ) as Record<string, unknown>;
  const labels = new Map<string, string>();
  for (const entry of asList(customLabels as Record<string, unknown>[] | undefined))
    labels.set(text(entry.name).trim(), text(entry.label));
  return { language, labels, other };
}

/** Writes the translations back: the other parts first as read (their order is the Metadata API's), then the labels sorted. */
export function writeTranslations(translations: Translations, dir = TRANSLATIONS_DIR): void {
  const names = [...translations.labels.keys()].sort(compareNames);
  // The Metadata API's Translations element order: customApplications, customLabels, customPageWebLinks, customTabs, ...
  const { customApplications, ...rest } = translations.other;
  const body = builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Translations: {
      '@_xmlns': NAMESPACE,
      ...(customApplications !== undefined ? { customApplications } : {}),
      customLabels: names.map((name) => ({ label: translations.labels.get(name)!, name })),
      ...rest,
    },
  }) as string;
  writeFileSync(translationFile(translations.language, dir), body);
}

/** Drops the whitespace between elements (trimValues is off to keep values as written), which the builder would write back doubled. */
function withoutWhitespace(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWhitespace);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, part]) => !(key === '#text' && typeof part === 'string' && part.trim() === ''))
      .map(([key, part]) => [key, withoutWhitespace(part)]),
  );
}

/** Label names compare as the Metadata API lists them: by code point, case-sensitive. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueSorted<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return [...byKey.values()].sort((a, b) => compareNames(key(a), key(b)));
}
