/**
 * What a person reads on a page, for the pseudo-locale check: every visible text node and every
 * aria-label, title, alt and placeholder, each with the component it is drawn by; and the test of
 * whether a text came through a label (marked ⟦…⟧ in the pseudo-locale), through the org's data,
 * or is only digits, punctuation and what Intl writes for dates, numbers and lists.
 */
import type { Page } from 'playwright-core';
import type { DemoSession } from './demoSession';

export interface PageText {
  /** The nearest component (c-…, shell-…, lightning-…) drawing the text. */
  readonly component: string;
  readonly text: string;
  /** 'text' or the attribute's name. */
  readonly where: string;
}

// Runs in the page (plain JavaScript: the tests compile without the DOM's types). Synthetic
// shadow keeps components' nodes in the document, so a tree walker sees them all.
const COLLECT_TEXTS = `(() => {
  const found = [];
  const componentOf = (start) => {
    for (let node = start; node; node = node.parentNode || node.host || null) {
      if (node.nodeType === 1 && /^(c|shell)-/.test(node.localName)) return node.localName;
    }
    return 'page';
  };
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    // Assistive text (1 px, clipped) is read aloud, not shown: its words are checked all the same.
    return element.checkVisibility({ checkVisibilityCSS: true }) && (box.width > 0 || box.height > 0);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = (node.textContent || '').replace(/\\s+/g, ' ').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style') || !visible(parent)) continue;
      found.push({ component: componentOf(node), text, where: 'text' });
    } else if (visible(node)) {
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
        const value = (node.getAttribute(name) || '').trim();
        if (value) found.push({ component: componentOf(node), text: value, where: name });
      }
    }
  }
  return found;
})()`;

/** The page's texts a person reads (screen reader attributes included), as drawn now. */
export async function pageTexts(page: Page): Promise<PageText[]> {
  return (await page.evaluate(COLLECT_TEXTS)) as PageText[];
}

/** Words Intl writes for a locale: months, weekdays, day periods, relative times, list conjunctions. */
export function intlWords(locale: string, timeZone = 'UTC'): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.match(/\p{L}+/gu) ?? []) words.add(word);
  };
  for (let month = 0; month < 12; month += 1) {
    const date = new Date(Date.UTC(2026, month, 15, 9));
    for (const style of ['long', 'short', 'narrow'] as const) add(date.toLocaleString(locale, { month: style }));
    add(new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'full', timeZone }).format(date));
    add(new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date));
  }
  for (let day = 0; day < 7; day += 1) {
    const date = new Date(Date.UTC(2026, 10, 1 + day, 15));
    for (const style of ['long', 'short'] as const) add(date.toLocaleString(locale, { weekday: style }));
    // Morning and afternoon: a 12-hour locale writes AM and PM.
    for (const hour of [3, 15])
      add(new Date(Date.UTC(2026, 10, 1 + day, hour)).toLocaleTimeString(locale, { timeZone }));
  }
  const units = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const;
  for (const numeric of ['always', 'auto'] as const) {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric });
    for (const unit of units) for (const value of [-2, -1, 0, 1, 2]) add(relative.format(value, unit));
  }
  for (const type of ['conjunction', 'disjunction'] as const)
    add(new Intl.ListFormat(locale, { type }).format(['x', 'y', 'z']).replace(/\b[xyz]\b/g, ''));
  add(new Intl.NumberFormat(locale, { notation: 'compact' }).format(1_234_567));
  add(new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(1));
  return words;
}

/**
 * The texts that did not come through a label or the data: with every marked part (⟦…⟧, nested
 * or not) and every data value taken out, what is left has words Intl did not write.
 */
export function unmarked(texts: readonly PageText[], data: ReadonlySet<string>, intl: ReadonlySet<string>): PageText[] {
  const values = [...data].filter((value) => value.trim().length > 0).sort((a, b) => b.length - a.length);
  return texts.filter(({ text }) => {
    let rest = text;
    for (let before = ''; before !== rest;) {
      before = rest;
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    for (const value of values) if (rest.includes(value)) rest = rest.split(value).join(' ');
    return (rest.match(/\p{L}+/gu) ?? []).some((word) => !intl.has(word));
  });
}

interface Describe {
  label: string;
  labelPlural: string;
  fields: Array<{
    name: string;
    label: string;
    type: string;
    picklistValues?: Array<{ label: string; value: string }>;
  }>;
}

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'multipicklist', 'email', 'url', 'phone', 'combobox']);

/**
 * The org's data as the admin reads it, for `objects` (object -> WHERE clause, '' for all rows):
 * every text field's values, the objects' and fields' labels and picklist labels (the org's own
 * words, translated by the org and not by labels), and every user's name, alias and department.
 */
export async function orgTexts(demo: DemoSession, objects: Record<string, string>): Promise<Set<string>> {
  const texts = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim()) {
      texts.add(value.trim());
      for (const part of value.split(';')) if (part.trim()) texts.add(part.trim());
    }
  };
  for (const user of await demo.query<{ Name: string; Alias: string; Department: string | null }>(
    'SELECT Name, Alias, Department FROM User',
  )) {
    add(user.Name);
    add(user.Alias);
    add(user.Department);
  }
  for (const [object, where] of Object.entries(objects)) {
    const response = await fetch(`${demo.stack.org.url}/services/data/v62.0/sobjects/${object}/describe`, {
      headers: { Authorization: `Bearer ${demo.adminToken}` },
    });
    if (!response.ok) throw new Error(`describing ${object}: ${response.status} ${await response.text()}`);
    const describe = (await response.json()) as Describe;
    add(describe.label);
    add(describe.labelPlural);
    const fields = describe.fields.filter((field) => TEXT_TYPES.has(field.type));
    for (const field of describe.fields) {
      add(field.label);
      for (const value of field.picklistValues ?? []) add(value.label);
    }
    const rows = await demo.query<Record<string, unknown>>(
      `SELECT ${fields.map((field) => field.name).join(', ')} FROM ${object}${where ? ` WHERE ${where}` : ''}`,
    );
    for (const row of rows) for (const field of fields) add(row[field.name]);
  }
  return texts;
}

interface ListInfo {
  label: string;
  displayColumns: Array<{ label: string }>;
  filteredByInfo: Array<{ label?: string; operandLabels?: string[] }>;
}

/**
 * The org's words for an object's list views, as its UI API answers the admin: each list view's
 * name, and the chosen one's column labels, filter labels and filter values as the org says them
 * (list view names are metadata, which the Translation Workbench does not translate).
 */
export async function listViewTexts(
  demo: DemoSession,
  objectApiName: string,
  listViewApiName: string,
): Promise<Set<string>> {
  const read = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${demo.stack.org.url}/services/data/v62.0/ui-api/${path}`, {
      headers: { Authorization: `Bearer ${demo.adminToken}` },
    });
    if (!response.ok) throw new Error(`reading ui-api/${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const texts = new Set<string>();
  const { lists } = await read<{ lists: Array<{ label: string }> }>(`list-info/${objectApiName}`);
  for (const list of lists) texts.add(list.label);
  const info = await read<ListInfo>(`list-info/${objectApiName}/${listViewApiName}`);
  texts.add(info.label);
  for (const column of info.displayColumns) texts.add(column.label);
  for (const filter of info.filteredByInfo) {
    if (filter.label) texts.add(filter.label);
    for (const operand of filter.operandLabels ?? []) texts.add(operand);
  }
  return texts;
}
