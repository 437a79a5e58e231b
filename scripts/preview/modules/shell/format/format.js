/**
 * How the preview's standard components show values: dates as the person reads them (their
 * locale and time zone), not ISO; yes and no in their language.
 */
import { CURRENCY, LOCALE, TIME_ZONE, word } from 'shell/words';

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATETIME_FORMAT = new Intl.DateTimeFormat(LOCALE, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: TIME_ZONE,
});
const MONEY_FORMAT = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: CURRENCY, maximumFractionDigits: 0 });

/** An amount in the person's currency and locale ('' for none). */
export function formatMoney(amount) {
  return typeof amount === 'number' ? MONEY_FORMAT.format(amount) : '';
}

export function formatValue(raw, display) {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'boolean') return raw ? word('yes') : word('no');
  if (typeof raw === 'string' && ISO_DATETIME.test(raw)) return DATETIME_FORMAT.format(new Date(raw));
  return display ?? String(raw);
}
