/**
 * The preview's own words (its tabs, person menu, list chrome, standard panels, toasts' framing),
 * in the signed-in person's language as Lightning translates its own chrome: a catalog in English
 * and German, `{0}`-style placeholders, marked like every label in the pseudo-locale. Values that
 * come from the org (names, field values, its translated labels) never go through here.
 */
const settings = globalThis.__STANCE_PREVIEW__ || {};
const i18n = settings.i18n || {};

export const LANG = i18n.lang || 'en-US';
export const LOCALE = i18n.locale || 'en-US';
export const TIME_ZONE = i18n.timeZone || undefined;
export const CURRENCY = i18n.currency || 'USD';
export const PSEUDO = i18n.pseudo === true;

const CATALOG = {
  en: {
    appName: 'Stance',
    tabs: 'Tabs',
    home: 'Home',
    accounts: 'Accounts',
    signals: 'Signals',
    signedInAs: 'Signed in as',
    noDepartment: 'no department',
    unknownUser: 'Unknown user',
    notDrawn: 'The preview does not draw {0}.',
    details: 'Details',
    detailsFailed: 'We could not load the details.',
    account: 'Account',
    accountFailed: 'We could not load this account.',
    signalsCount: 'Signals ({0})',
    signalsFailed: 'We could not load the signals.',
    noSignals: 'No signals reported.',
    listViews: 'List views',
    listLoading: 'Loading the list',
    listFailed: 'We could not load this list view.',
    listEmpty: 'No records match this list view.',
    items_one: '{0} item',
    items_other: '{0} items',
    filteredBy: '{0} · filtered by {1}',
    filter: '{0} {1} {2}',
    yes: 'Yes',
    no: 'No',
    close: 'Close',
    success: 'Success',
    error: 'Error',
    warning: 'Warning',
    info: 'Info',
    op_equals: 'equals',
    op_notEqual: 'does not equal',
    op_lessThan: 'less than',
    op_greaterThan: 'greater than',
    op_lessOrEqual: 'less or equal',
    op_greaterOrEqual: 'greater or equal',
    op_contains: 'contains',
    op_notContain: 'does not contain',
    op_startsWith: 'starts with',
    op_includes: 'includes',
    op_excludes: 'excludes',
    op_within: 'within',
  },
  de: {
    appName: 'Stance',
    tabs: 'Registerkarten',
    home: 'Startseite',
    accounts: 'Accounts',
    signals: 'Signale',
    signedInAs: 'Angemeldet als',
    noDepartment: 'keine Abteilung',
    unknownUser: 'Unbekannte Person',
    notDrawn: 'Die Vorschau zeichnet {0} nicht.',
    details: 'Details',
    detailsFailed: 'Die Details konnten nicht geladen werden.',
    account: 'Account',
    accountFailed: 'Dieser Account konnte nicht geladen werden.',
    signalsCount: 'Signale ({0})',
    signalsFailed: 'Die Signale konnten nicht geladen werden.',
    noSignals: 'Keine Signale gemeldet.',
    listViews: 'Listenansichten',
    listLoading: 'Liste wird geladen',
    listFailed: 'Diese Listenansicht konnte nicht geladen werden.',
    listEmpty: 'Keine Datensätze entsprechen dieser Listenansicht.',
    items_one: '{0} Element',
    items_other: '{0} Elemente',
    filteredBy: '{0} · gefiltert nach {1}',
    filter: '{0} {1} {2}',
    yes: 'Ja',
    no: 'Nein',
    close: 'Schließen',
    success: 'Erfolg',
    error: 'Fehler',
    warning: 'Warnung',
    info: 'Info',
    op_equals: 'gleich',
    op_notEqual: 'ungleich',
    op_lessThan: 'kleiner als',
    op_greaterThan: 'größer als',
    op_lessOrEqual: 'kleiner oder gleich',
    op_greaterOrEqual: 'größer oder gleich',
    op_contains: 'enthält',
    op_notContain: 'enthält nicht',
    op_startsWith: 'beginnt mit',
    op_includes: 'schließt ein',
    op_excludes: 'schließt aus',
    op_within: 'innerhalb',
  },
};

/** The catalog for a language tag ('de', 'de-DE' -> de), English for any other. */
export function catalogFor(lang) {
  const base = String(lang || 'en').split('-')[0];
  return CATALOG[base] || CATALOG.en;
}

const words = catalogFor(LANG);

/** Marks a word in the pseudo-locale (as the server marks the package's labels), else returns it as is. */
export function mark(text) {
  return PSEUDO ? `⟦${text}⟧` : text;
}

/** Fills {0}, {1} ... */
export function fill(template, ...args) {
  return template.replace(/\{(\d+)\}/g, (match, index) => (index < args.length ? String(args[index]) : match));
}

/**
 * A template's own words marked in the pseudo-locale, each stretch between placeholders apart
 * ("{0} · filtered by {1}" -> "{0} ⟦· filtered by⟧ {1}"): what fills a placeholder stays outside
 * the marks, so a word written into it without the catalog or the org shows unmarked.
 */
function markTemplate(template) {
  if (!PSEUDO) return template;
  return template
    .split(/(\{\d+\})/)
    .map((piece) => {
      return /^\{\d+\}$/.test(piece) || !/\p{L}/u.test(piece)
        ? piece
        : piece.replace(/^(\s*)(.*?)(\s*)$/su, '$1⟦$2⟧$3');
    })
    .join('');
}

/** The preview's word for `key` in the person's language, with its placeholders filled. */
export function word(key, ...args) {
  const template = words[key] ?? CATALOG.en[key];
  if (template === undefined) throw new Error(`The preview's catalog has no word "${key}"`);
  return fill(markTemplate(template), ...args);
}

/** `count` things: the _one or _other form Intl.PluralRules picks, the count formatted for the locale. */
export function plural(key, count) {
  const form = new Intl.PluralRules(LANG).select(count) === 'one' ? 'one' : 'other';
  return word(`${key}_${form}`, new Intl.NumberFormat(LOCALE).format(count));
}

/**
 * A list-view filter operator as a person says it: the UI API names it `Equals`, `NotEqual` ...
 * (List Filter By Info), the listView metadata `equals`, `notEqual` ...; either finds its word.
 * One the catalog does not know is shown as the org names it.
 */
export function operator(name) {
  const text = String(name || '');
  const key = `op_${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  return words[key] !== undefined ? word(key) : text;
}
