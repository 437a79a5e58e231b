/**
 * A person who works in German, as Lena Vogel does (LanguageLocaleKey de, LocaleSidKey de_DE,
 * DefaultCurrencyIsoCode EUR, TimeZoneSidKey Europe/Berlin): `@salesforce/i18n/*` answer with her
 * settings, and custom labels resolve to their German translations.
 *
 * Call `asGermanUser()` before the component under test is loaded (require the component after
 * it): Lightning fixes a component's locale and labels when the module loads, and so do the
 * label modules the jest config generates. Not a test: sfdx-lwc-jest runs only `*.test.js`.
 */
function asGermanUser() {
  jest.mock('@salesforce/i18n/locale', () => ({ __esModule: true, default: 'de-DE' }), { virtual: true });
  jest.mock('@salesforce/i18n/lang', () => ({ __esModule: true, default: 'de' }), { virtual: true });
  jest.mock('@salesforce/i18n/currency', () => ({ __esModule: true, default: 'EUR' }), { virtual: true });
  jest.mock('@salesforce/i18n/timeZone', () => ({ __esModule: true, default: 'Europe/Berlin' }), { virtual: true });
  global.__STANCE_LABEL_LANGUAGE__ = 'de';
}

module.exports = { asGermanUser };
