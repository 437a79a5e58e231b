/**
 * The words the sidecar writes to people (owners' notices, the managers' digest), in the
 * recipient's language (User.LanguageLocaleKey). The sidecar cannot read the package's custom
 * labels in an org, so it keeps this small catalog of its own, with the labels' words where
 * they overlap (stance names). Admins' messages and /status stay English.
 */
import { de } from './de';
import { en } from './en';
import type { MessageCatalog, Plural } from './catalog';

export type { MessageCatalog, Plural } from './catalog';

const CATALOGS: Readonly<Record<string, MessageCatalog>> = { en, de };

/** A person's words: their catalog, and numbers and plurals in their language. */
export interface Messages {
  readonly language: string;
  readonly text: MessageCatalog;
  /** Fills {0}, {1} ... */
  format(template: string, ...args: ReadonlyArray<string | number>): string;
  /** The plural form for the count, {0} the count as the language writes it. */
  plural(count: number, forms: Plural, ...rest: ReadonlyArray<string | number>): string;
}

/** `de`, `de_DE`, `de-AT` -> de; en_US, unknown or missing -> en. */
export function languageOf(languageLocaleKey: string | null | undefined): string {
  const language = (languageLocaleKey ?? '').split(/[_-]/)[0]!.toLowerCase();
  return language in CATALOGS ? language : 'en';
}

const cache = new Map<string, Messages>();

export function messagesFor(languageLocaleKey: string | null | undefined): Messages {
  const language = languageOf(languageLocaleKey);
  let messages = cache.get(language);
  if (messages === undefined) {
    const rules = new Intl.PluralRules(language);
    const numbers = new Intl.NumberFormat(language);
    const show = (value: string | number) => (typeof value === 'number' ? numbers.format(value) : value);
    const format = (template: string, ...args: ReadonlyArray<string | number>) =>
      template.replace(/\{(\d+)\}/g, (whole, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? whole : show(value);
      });
    messages = {
      language,
      text: CATALOGS[language]!,
      format,
      plural: (count, forms, ...rest) =>
        format(rules.select(count) === 'one' ? forms.one : forms.other, count, ...rest),
    };
    cache.set(language, messages);
  }
  return messages;
}
