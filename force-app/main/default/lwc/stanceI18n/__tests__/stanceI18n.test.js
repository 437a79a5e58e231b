import ATTACK from '@salesforce/label/c.Stance_Name_Attack';
import {
  formatDate,
  formatDateTime,
  formatLabel,
  formatMoney,
  listOf,
  plural,
  relativeTime,
  today,
  userLocale,
} from 'c/stanceI18n';

describe('c/stanceI18n', () => {
  const english = { ...userLocale };
  afterEach(() => Object.assign(userLocale, english));

  it('resolves a custom label to its English value, as the platform does for an English user', () => {
    expect(ATTACK).toBe('Attack');
  });

  it('resolves a custom label to its German translation when the test works in German', () => {
    jest.resetModules();
    global.__STANCE_LABEL_LANGUAGE__ = 'de';
    try {
      expect(require('@salesforce/label/c.Stance_Name_Attack').default).toBe('Angreifen');
    } finally {
      delete global.__STANCE_LABEL_LANGUAGE__;
    }
  });

  it('fills placeholders and leaves a missing one empty', () => {
    expect(formatLabel('{0} of {1} exit steps', 2, 4)).toBe('2 of 4 exit steps');
    expect(formatLabel('{0} and {1}', 'A')).toBe('A and ');
  });

  it('picks the plural form by the language and writes the count in the locale', () => {
    expect(plural(1, '{0} signal', '{0} signals')).toBe('1 signal');
    expect(plural(0, '{0} signal', '{0} signals')).toBe('0 signals');
    Object.assign(userLocale, { locale: 'de-DE', lang: 'de' });
    expect(plural(1234, '{0} Signal', '{0} Signale')).toBe('1.234 Signale');
  });

  it('joins lists in the language', () => {
    expect(listOf(['Logistics', 'Technical', 'Customer Support'])).toBe('Logistics, Technical, and Customer Support');
    Object.assign(userLocale, { locale: 'de-DE', lang: 'de' });
    expect(listOf(['Logistik', 'Technik'])).toBe('Logistik und Technik');
    expect(listOf([])).toBe('');
  });

  it('formats money, days and moments in the locale and time zone', () => {
    Object.assign(userLocale, { locale: 'de-DE', lang: 'de', currency: 'EUR', timeZone: 'Europe/Berlin' });
    expect(formatMoney(180000)).toBe('180.000,00\u00a0€');
    expect(formatDate('2027-03-31')).toBe('31.03.2027');
    expect(formatDateTime('2026-11-30T10:40:00Z')).toBe('30.11.2026, 11:40');
    expect(formatDate('')).toBe('');
    expect(formatMoney(1800000, { compact: true })).toMatch(/^1,8\sMio\.\s€$/);
  });

  it('formats calendar days without shifting them by the time zone', () => {
    Object.assign(userLocale, { locale: 'en-GB', timeZone: 'Pacific/Honolulu' });
    expect(formatDate('2027-03-31')).toBe('31 Mar 2027');
    expect(formatDate('nonsense')).toBe('nonsense');
  });

  it("says today's date in the user's Salesforce time zone, not the browser's", () => {
    // 20:00 UTC on 7 June is already 8 June, 08:00 in Auckland and still 7 June in Los Angeles.
    const evening = new Date(Date.UTC(2026, 5, 7, 20, 0));
    expect(today(0, evening, 'Pacific/Auckland')).toBe('2026-06-08');
    expect(today(0, evening, 'America/Los_Angeles')).toBe('2026-06-07');
    expect(today(30, evening, 'Pacific/Auckland')).toBe('2026-07-08');
    expect(today(-8, evening, 'Pacific/Auckland')).toBe('2026-05-31');
    Object.assign(userLocale, { timeZone: 'Pacific/Auckland' });
    expect(today(0, evening)).toBe('2026-06-08');
    expect(today(1, new Date(Date.UTC(2026, 11, 31, 10, 0)))).toBe('2027-01-01');
  });

  it("falls back to the browser's day when the time zone is not one Intl knows", () => {
    const noon = new Date(2026, 5, 7, 12, 0);
    expect(today(0, noon, 'Not/A_Zone')).toBe('2026-06-07');
    expect(today(2, noon, 'Not/A_Zone')).toBe('2026-06-09');
  });

  it('says how long ago in the language', () => {
    const now = Date.parse('2026-11-30T10:40:00Z');
    expect(relativeTime('2026-11-30T10:38:00Z', now)).toBe('2 minutes ago');
    expect(relativeTime('2026-11-30T10:39:50Z', now)).toBe('now');
    Object.assign(userLocale, { locale: 'de-DE', lang: 'de' });
    expect(relativeTime('2026-11-27T10:40:00Z', now)).toBe('vor 3 Tagen');
    expect(relativeTime('not a date', now)).toBe('');
  });
});
