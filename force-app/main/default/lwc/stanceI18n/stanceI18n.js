/**
 * Words and numbers in the user's language and locale: custom labels filled with their
 * parameters, plural forms, lists, numbers, money and dates. Labels are imported by the
 * components that show them (`@salesforce/label/c.…`, translated by the Translation Workbench);
 * this module only composes them. Locale, language, currency and time zone are the user's, as
 * Lightning gives them to every component.
 */
import LOCALE from '@salesforce/i18n/locale';
import LANG from '@salesforce/i18n/lang';
import CURRENCY from '@salesforce/i18n/currency';
import TIME_ZONE from '@salesforce/i18n/timeZone';

/** The user's settings; a test (or a caller) may pass others. */
export const userLocale = { locale: LOCALE, lang: LANG, currency: CURRENCY, timeZone: TIME_ZONE };

/** "{0} of {1} done" with 2 and 4 -> "2 of 4 done". A missing argument leaves its placeholder empty. */
export function formatLabel(label, ...args) {
  return String(label ?? '').replace(/\{(\d+)\}/g, (match, index) => {
    const value = args[Number(index)];
    return value === undefined || value === null ? '' : String(value);
  });
}

/**
 * The plural form for count: `one` when the language's rules call it one, `other` otherwise,
 * with {0} the count as the locale writes it ("1 signal", "2 signals", "1.234 Signale").
 * Extra arguments fill {1}, {2} ...
 */
export function plural(count, one, other, ...args) {
  const form = new Intl.PluralRules(userLocale.lang || userLocale.locale || undefined).select(count);
  return formatLabel(form === 'one' ? one : other, formatNumber(count), ...args);
}

/** "A, B and C" (or "A, B und C") in the user's language; `type: 'disjunction'` for "or". */
export function listOf(items, type = 'conjunction') {
  const parts = (items || []).filter((item) => item !== null && item !== undefined && item !== '').map(String);
  try {
    return new Intl.ListFormat(userLocale.lang || userLocale.locale || undefined, { style: 'long', type }).format(
      parts,
    );
  } catch {
    return parts.join(', ');
  }
}

export function formatNumber(value, options = {}) {
  try {
    return new Intl.NumberFormat(userLocale.locale || undefined, options).format(value);
  } catch {
    return String(value);
  }
}

/** An amount in the user's currency and locale; `compact` for short: "€180K", "180.000 €". */
export function formatMoney(amount, { compact = false, currency = userLocale.currency } = {}) {
  try {
    return new Intl.NumberFormat(userLocale.locale || undefined, {
      style: 'currency',
      currency: currency || 'USD',
      ...(compact ? { notation: 'compact' } : {}),
    }).format(amount);
  } catch {
    return String(amount);
  }
}

/**
 * The day `days` after today (negative goes back) in the user's Salesforce time zone, not the
 * browser's, as a Date field wants it (YYYY-MM-DD). The browser's own day when the zone is not
 * one Intl knows.
 */
export function today(days = 0, now = new Date(), timeZone = userLocale.timeZone) {
  let day;
  try {
    // i18n-exempt: parts of a date for arithmetic, never shown
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .reduce((all, part) => ({ ...all, [part.type]: part.value }), {});
    day = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  } catch {
    day = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }
  return new Date(day + days * 86400000).toISOString().slice(0, 10);
}

/** A calendar day (YYYY-MM-DD, no time zone) in the user's locale: "Mar 31, 2027", "31.03.2027". */
export function formatDate(isoDay, options = { dateStyle: 'medium' }) {
  const at = Date.parse(`${String(isoDay || '').slice(0, 10)}T00:00:00Z`);
  if (!isoDay || Number.isNaN(at)) {
    return isoDay || '';
  }
  try {
    return new Intl.DateTimeFormat(userLocale.locale || undefined, { ...options, timeZone: 'UTC' }).format(at);
  } catch {
    return String(isoDay);
  }
}

/** A moment (ISO date-time) in the user's locale and time zone: "Nov 30, 2026, 10:40 AM", "30.11.2026, 11:40". */
export function formatDateTime(iso, options = { dateStyle: 'medium', timeStyle: 'short' }) {
  const at = Date.parse(iso);
  if (!iso || Number.isNaN(at)) {
    return iso || '';
  }
  try {
    return new Intl.DateTimeFormat(userLocale.locale || undefined, {
      ...options,
      ...(userLocale.timeZone ? { timeZone: userLocale.timeZone } : {}),
    }).format(at);
  } catch {
    return new Date(at).toISOString();
  }
}

/** "2 minutes ago", "in 3 days", "vor 2 Minuten": Intl.RelativeTimeFormat in the user's language. */
export function relativeTime(iso, now = Date.now()) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return '';
  }
  const seconds = Math.round((at - now) / 1000);
  const units = [
    ['year', 31536000],
    ['month', 2592000],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ];
  const [unit, size] = units.find(([, length]) => Math.abs(seconds) >= length) || units[units.length - 1];
  const value = Math.abs(seconds) < 45 ? 0 : Math.round(seconds / size);
  try {
    return new Intl.RelativeTimeFormat(userLocale.lang || userLocale.locale || undefined, { numeric: 'auto' }).format(
      value,
      value === 0 ? 'second' : unit,
    );
  } catch {
    return String(iso);
  }
}
