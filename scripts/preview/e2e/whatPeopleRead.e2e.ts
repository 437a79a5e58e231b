/**
 * What people read, in a real browser against the whole demo: Lena (Customer Support, German,
 * de_DE, Europe/Berlin) reads the record page in German with German numbers and dates, and the
 * page passes sa11y in both languages; in the pseudo-locale (?pseudo=1, every label marked
 * ⟦…⟧) no text on the record page, Home or Max's list view of accounts at risk is anything but a
 * label, the org's data, or what Intl writes for numbers, dates and lists: the test lists the
 * texts that are, by component.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readLabels, readTranslations } from '../../i18n/labelFiles';
import { quickActionLabels } from '../labels';
import { accessibilityViolations } from './accessibility';
import { DemoSession, SCREENSHOTS } from './demoSession';
import { intlWords, listViewTexts, orgTexts, pageTexts, unmarked } from './pageTexts';
import type { PageText } from './pageTexts';
import { textMatching, textsOf } from './waits';

const LUMIERE = 'Chocolaterie Lumière';
const COMPONENTS = ['c-stance-panel', 'c-stance-checklist', 'c-report-signal', 'c-stance-override'];

let demo: DemoSession;
let lumiere: { Id: string; AnnualRevenue: number | null; Stance_Changed_At__c: string | null };

const recordPath = (id: string) => `/lightning/r/Account/${id}/view`;

interface PageSettings {
  i18n: { lang: string; locale: string; currency: string; timeZone: string };
}

function settingsOf(page: Page): Promise<PageSettings> {
  return page.evaluate(() => (globalThis as unknown as { __STANCE_PREVIEW__: PageSettings }).__STANCE_PREVIEW__);
}

/** Resolves once the record page has drawn its panels: the stance, the details, the signals. */
async function recordPageDrawn(page: Page): Promise<void> {
  await textsOf(page.locator('c-stance-panel [data-id="stance-badge"]'), 20_000);
  await textsOf(page.locator('shell-details dd'), 20_000);
  await textsOf(page.locator('shell-related-list [data-id="trigger"]'), 20_000);
}

/** The page's texts once two readings half a second apart agree (the page has stopped loading). */
async function settledTexts(page: Page): Promise<PageText[]> {
  let last = JSON.stringify(await pageTexts(page));
  for (let attempt = 0; attempt < 30; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = JSON.stringify(await pageTexts(page));
    if (now === last) return JSON.parse(now) as PageText[];
    last = now;
  }
  throw new Error('the page kept changing for 15 s');
}

beforeAll(async () => {
  demo = await DemoSession.start();
  const [account] = await demo.query<typeof lumiere>(
    `SELECT Id, AnnualRevenue, Stance_Changed_At__c FROM Account WHERE Name = '${LUMIERE.replace(/'/g, "\\'")}'`,
  );
  if (!account) throw new Error(`no demo account named ${LUMIERE}`);
  lumiere = account;
}, 180_000);

afterAll(async () => {
  await demo?.close();
});

describe("the German person's record page", () => {
  it('is in German, with German numbers and dates, and passes sa11y', async () => {
    const [lena] = await demo.query<{ Name: string }>("SELECT Name FROM User WHERE Username = 'lena@stance.local'");
    expect(lena).toBeDefined();
    const page = await demo.openAs('lena', recordPath(lumiere.Id));
    await recordPageDrawn(page);
    const { i18n } = await settingsOf(page);
    expect(i18n).toMatchObject({ lang: 'de', locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(await page.getAttribute('html', 'lang')).toBe('de');

    // The package's German words: on the stance panel and the checklist, translations that differ from the English.
    const english = new Map(readLabels().map((label) => [label.fullName, label.value]));
    const german = [...readTranslations('de').labels]
      .filter(([name, value]) => value !== english.get(name) && !/\{\d+\}/.test(value) && value.length >= 4)
      .map(([, value]) => value);
    const shown = (await pageTexts(page))
      .filter((text) => ['c-stance-panel', 'c-stance-checklist'].includes(text.component))
      .map((text) => text.text)
      .join(' | ');
    const germanShown = german.filter((value) => shown.includes(value));
    expect(germanShown.length).toBeGreaterThanOrEqual(3);
    // The preview's own chrome, in German too.
    expect(await textMatching(page.locator('[data-id="tab-home"]'), 'Startseite')).toBe('Startseite');
    expect(await textMatching(page.locator('shell-details h2'), 'Details')).toBe('Details');
    // The record's quick action, by the package's object translation.
    const reportAction = quickActionLabels('de')['Account.Report_Signal']!;
    expect(await textMatching(page.locator('shell-highlights button'), reportAction)).toBe(reportAction);

    // Money and dates as Intl formats them for de-DE, in her currency and time zone.
    const revenue = new Intl.NumberFormat('de-DE', {
      style: 'currency',
      currency: i18n.currency,
      maximumFractionDigits: 0,
    })
      .format(lumiere.AnnualRevenue!)
      // The page's texts are read with their spaces (no-break ones included) as plain spaces.
      .replace(/\s/g, ' ');
    expect(await textMatching(page.locator('shell-highlights'), revenue)).toContain(revenue);
    expect(revenue).toMatch(/\d\.\d{3}/);
    const changed = new Intl.DateTimeFormat('de-DE', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    })
      .format(new Date(lumiere.Stance_Changed_At__c!))
      .replace(/\s/g, ' ');
    expect(await textMatching(page.locator('shell-details'), changed)).toContain(changed);

    await page.screenshot({ path: join(SCREENSHOTS, 'account-page-de.png'), fullPage: true });
    expect(await accessibilityViolations(page, ['shell-app', ...COMPONENTS])).toEqual([]);
  });

  it('passes sa11y in English too', async () => {
    const page = await demo.openAs('dana', recordPath(lumiere.Id));
    await recordPageDrawn(page);
    expect((await settingsOf(page)).i18n.lang).toBe('en-US');
    expect(await accessibilityViolations(page, ['shell-app', ...COMPONENTS])).toEqual([]);
  });
});

describe('the pseudo-locale (?pseudo=1: every label marked)', () => {
  const intl = intlWords('en-US');

  /** The offending texts as "component (where): text", for a message that says where to look. */
  const offending = (texts: PageText[], data: Set<string>) =>
    unmarked(texts, data, intl).map((text) => `${text.component} (${text.where}): ${text.text}`);

  it('the record page shows nothing that came neither through a label nor from the data', async () => {
    const data = await orgTexts(demo, {
      Account: `Id = '${lumiere.Id}'`,
      Stance_Signal__c: `Account__c = '${lumiere.Id}'`,
      Stance_Rule__mdt: '',
      Stance_Trigger__mdt: '',
    });
    const page = await demo.openAs('dana', `${recordPath(lumiere.Id)}?pseudo=1`);
    await recordPageDrawn(page);
    expect((await settingsOf(page)).i18n).toMatchObject({ pseudo: true });
    const texts = await settledTexts(page);
    // The check has something to check: marked words on the page.
    expect(texts.some((text) => text.component.startsWith('shell-') && text.text.includes('⟦'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-page-pseudo.png'), fullPage: true });
    expect(offending(texts, data)).toEqual([]);
  });

  it('Home shows nothing that came neither through a label nor from the data', async () => {
    const data = await orgTexts(demo, { Account: '', Stance_Rule__mdt: '', Stance_Trigger__mdt: '' });
    const page = await demo.openAs('max', '/lightning/page/home?pseudo=1');
    await textsOf(page.locator('c-stance-portfolio'), 20_000);
    const texts = await settledTexts(page);
    expect(texts.some((text) => text.text.includes('⟦'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'home-pseudo.png'), fullPage: true });
    expect(offending(texts, data)).toEqual([]);
  });

  it("Max's list view of accounts at risk shows nothing that came neither through a label nor from the data", async () => {
    const data = await orgTexts(demo, { Account: 'At_Risk__c = true' });
    for (const text of await listViewTexts(demo, 'Account', 'Stance_At_Risk')) data.add(text);
    const page = await demo.openAs('max', '/lightning/o/Account/list?filterName=Stance_At_Risk&pseudo=1');
    await textsOf(page.locator('shell-list-page [data-id="list-table"] td'), 20_000);
    const texts = await settledTexts(page);
    // The check has something to check: the list's own words, marked, and rows of accounts.
    expect(texts.some((text) => text.component === 'shell-list-page' && text.text.includes('⟦'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'list-at-risk-pseudo.png'), fullPage: true });
    expect(offending(texts, data)).toEqual([]);
  });
});

describe('the record page as a refresh container', () => {
  it('refreshes its Signals related list when a component on it dispatches a RefreshEvent, with picklist labels', async () => {
    const [account] = await demo.query<{ Id: string }>(
      `SELECT Id FROM Account WHERE Owner.Alias = 'dana' AND Id != '${lumiere.Id}' AND Stance__c != null ORDER BY Name LIMIT 1`,
    );
    const page = await demo.openAs('dana', recordPath(account!.Id));
    await textsOf(page.locator('c-stance-panel [data-id="stance-badge"]'), 20_000);
    const related = page.locator('shell-related-list');
    const before = await demo.query<{ Id: string }>(
      `SELECT Id FROM Stance_Signal__c WHERE Account__c = '${account!.Id}'`,
    );
    await textMatching(related.locator('h2'), `(${before.length})`);

    // Someone else reports a signal: written to the org, not through Dana's page.
    const created = await fetch(`${demo.stack.org.url}/services/data/v62.0/sobjects/Stance_Signal__c`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${demo.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        Account__c: account!.Id,
        Trigger__c: 'PRODUCT_DISSATISFACTION',
        Status__c: 'New',
        Source__c: 'Customer Support',
        Detail__c: 'The new line keeps jamming.',
      }),
    });
    expect(created.status).toBe(201);
    // What stanceLiveUpdates does on a live update (lightning/refresh's RefreshEvent is this event).
    await page
      .locator('c-stance-panel')
      .evaluate((panel) =>
        panel.dispatchEvent(new CustomEvent('lightning__refreshevent', { bubbles: true, composed: true })),
      );
    await textMatching(related.locator('h2'), `(${before.length + 1})`);
    const triggers = await textsOf(related.locator('[data-id="trigger"]'));
    expect(triggers).toContain('Product dissatisfaction');
    // Newest first: the trigger's label, then who reported it.
    const newest = related.locator('li[data-row]').first().locator('div').nth(1);
    expect(await textMatching(newest, 'Product dissatisfaction')).toBe('Product dissatisfaction (Customer Support)');
    expect(triggers.filter((trigger) => /^[A-Z_]+$/.test(trigger))).toEqual([]);
  });
});
