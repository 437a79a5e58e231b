/**
 * The Stance console in a real browser, against the whole demo (npm start's stack on free ports:
 * the local org with the demo firm, the sidecar serving the console, the preview). Sofia Marin,
 * the demo's admin (Stance_Admin and Stance_Rules_Author), signs in through the org's own sign-in
 * page, drafts a rule that moves one market's prospects from Attack to None, sees the simulation
 * name them, activates it with a reason, and watches Dana's record pages follow; the org's custom
 * metadata holds the rule, History lists the change, and rolling back restores the stances. A
 * draft with a mistake shows where it is and cannot go further; Dana, a rep, is refused. Every
 * console page passes the sa11y rules. Screenshots go to test-results/e2e/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './accessibility';
import { signInToConsole } from './consoleSignIn';
import type { OnSignInPage } from './consoleSignIn';
import { DemoSession, SCREENSHOTS } from './demoSession';
import { noteSubscriptions, subscribed } from './liveUpdates';
import { textMatching, textsOf } from './waits';

// The promise: the record pages show the new stances within 10 seconds of the activation.
const LIVE_UPDATE_MS = 10_000;
// The market the drafted rule moves: its prospects are Attack under the demo's rules.
const MARKET = 'United States';
const CONDITION = `Is_Customer = false AND BillingCountry = '${MARKET}'`;
const RULE = 'US_Prospects_Paused';
const LABEL = 'US prospects paused';
const RULE_REASON = 'A prospect in the United States: paused until our distributor there is signed.';
const REASON = 'US prospects wait until the new distributor is signed';
const BADGE = 'c-stance-panel [data-id="stance-badge"]';

let demo: DemoSession;
let consoleUrl: string;
/** Sofia's console, signed in once: the scenarios follow one another as her day does. */
let sofia: Page;

const query = <T>(soql: string): Promise<T[]> => demo.query<T>(soql);

interface AccountRow {
  Id: string;
  Name: string;
  Stance__c: string | null;
}

/** Accounts of the market as the org has them now, by name. */
async function marketAccounts(ids?: readonly string[]): Promise<AccountRow[]> {
  const which = ids ? `Id IN ('${ids.join("','")}')` : `BillingCountry = '${MARKET}' AND Stance__c = 'Attack'`;
  return query<AccountRow>(`SELECT Id, Name, Stance__c FROM Account WHERE ${which} ORDER BY Name`);
}

/** The rule Sofia adds in Edit. */
function newRule() {
  return sofia.locator(`[data-id="rule-card"][data-name="${RULE}"]`);
}

/** Opens a console page from the left navigation; resolves once its heading shows. */
async function openConsolePage(page: Page, label: string, heading: RegExp | string): Promise<void> {
  await page.locator('nav').getByText(label, { exact: true }).click();
  await textMatching(page.locator('main h2, main h1').filter({ hasText: heading }), heading);
}

/** The sa11y rules on the page as it is now (the console's app, or the org's sign-in form), with a screenshot. */
async function accessible(page: Page, what: string, selector = 'console-app'): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `console-${what}.png`), fullPage: true });
  expect(await accessibilityViolations(page, [selector])).toEqual([]);
}

/** Both sign-in pages pass the sa11y rules too: the console's and the org's. */
const signInPagesAccessible: OnSignInPage = (page, which) =>
  accessible(page, which, which === 'org-sign-in' ? 'body' : 'console-app');

beforeAll(async () => {
  demo = await DemoSession.start();
  consoleUrl = demo.stack.consoleUrl;
}, 180_000);

afterAll(async () => {
  await demo?.close();
});

describe('the Stance console', () => {
  it('refuses Dana, a rep, with a sentence and shows her no data', async () => {
    const { page, context } = await signInToConsole(
      demo.browser,
      consoleUrl,
      'dana@stance.local',
      signInPagesAccessible,
    );
    const refused = page.locator('console-sign-in [data-id="refused"]');
    const sentence = await textMatching(refused, 'may not use the Stance console');
    expect(await page.locator('nav').count()).toBe(0);
    // No session: the console's API answers her browser 401, whatever she asks.
    const rules = await context.request.get(new URL('api/rules', consoleUrl).href);
    expect(rules.status()).toBe(401);
    await accessible(page, 'refused');
    expect(sentence).toBe(
      'You signed in as Dana Reyes, who may not use the Stance console: ask your Salesforce admin for the Stance_Admin permission set.',
    );
    await context.close();
  });

  it('lets Sofia in through the org’s sign-in page and shows the rules in force', async () => {
    ({ page: sofia } = await signInToConsole(demo.browser, consoleUrl, 'sofia@stance.local'));
    expect(await textMatching(sofia.locator('[data-id="user"]'), 'Sofia Marin')).toBe('Signed in as Sofia Marin');
    // Each account is decided by one rule: the counts add up to the org's accounts.
    const decides = await textsOf(sofia.locator('console-rules-page [data-id="rule"] [data-id="decides"]'));
    const accounts = await query<{ Id: string }>('SELECT Id FROM Account');
    expect(decides.reduce((sum, text) => sum + Number(/\d+/.exec(text)?.[0] ?? NaN), 0)).toBe(accounts.length);
    await accessible(sofia, 'rules');
  });

  it('shows a mistake at its line and column before any simulation, and will not simulate or activate it', async () => {
    await openConsolePage(sofia, 'Edit', 'Draft');
    await sofia.getByLabel('API name of the new rule (optional)').fill(RULE);
    await sofia.getByRole('button', { name: 'Add a rule' }).click();
    const card = newRule();
    await card.getByLabel('Label').fill(LABEL);
    await card.getByLabel('Reason').fill(RULE_REASON);
    // A misspelt fact on the second line, seven characters in: the engine's compiler finds it as she types.
    await card.locator('textarea[data-id="condition"]').fill(`BillingCountry = '${MARKET}'\n  AND Is_Custmer = false`);
    const problem = card.locator('[data-id="problem"]');
    expect(await textMatching(problem.locator('[data-id="where"]'), /Line \d+, column \d+/)).toBe('Line 2, column 7');
    expect(await textMatching(problem.locator('[data-id="message"]'), 'Is_Custmer')).toMatch(/Is_Custmer/);
    // The excerpt shows her line with the caret under the misspelt name.
    const [line, caret] = ((await problem.locator('[data-id="excerpt"]').textContent()) ?? '').split('\n');
    expect(line).toBe('  AND Is_Custmer = false');
    expect(caret?.indexOf('^')).toBe(line!.indexOf('Is_Custmer'));
    await accessible(sofia, 'edit-problem');

    await openConsolePage(sofia, 'Simulate', 'Simulate the draft');
    expect(await sofia.getByRole('button', { name: 'Simulate', exact: true }).isDisabled()).toBe(true);
    await textMatching(sofia.locator('[data-id="blocked"]'), 'Fix the draft');
    expect(await sofia.locator('[data-id="matrix"]').count()).toBe(0);
    await accessible(sofia, 'simulate-blocked');

    await openConsolePage(sofia, 'Activate', 'Activate the draft');
    await sofia.getByLabel(/Why/).fill('Trying a mistake');
    expect(await sofia.getByRole('button', { name: 'Activate', exact: true }).isDisabled()).toBe(true);
    await textMatching(sofia.locator('console-activate-panel console-error-panel'), 'fix them in Edit');
    await accessible(sofia, 'activate-blocked');
    expect(
      (await query<{ Id: string }>(`SELECT Id FROM Stance_Rule__mdt WHERE DeveloperName = '${RULE}'`)).length,
    ).toBe(0);
  });

  it('simulates, then activates a rule moving a market’s prospects to None: the record pages follow within 10 s, and a roll back restores them', async () => {
    // The market's prospects the demo's rules attack (Attack is only ever a prospect's stance).
    const prospects = await marketAccounts();
    expect(prospects.length).toBeGreaterThanOrEqual(2);
    const ids = prospects.map((account) => account.Id);
    const names = prospects.map((account) => account.Name);

    // Dana's record pages of those accounts, open and listening before anything changes.
    const pages: Page[] = [];
    for (const account of prospects) {
      const page = await demo.openAs('dana', `/lightning/r/Account/${account.Id}/view`, noteSubscriptions);
      expect(await textMatching(page.locator(BADGE), /attack/i)).toMatch(/attack/i);
      await subscribed(page, '/event/Stance_Update__e');
      pages.push(page);
    }

    await openConsolePage(sofia, 'Edit', 'Draft');
    const card = newRule();
    await card.locator('textarea[data-id="condition"]').fill(CONDITION);
    await textMatching(sofia.locator('[data-id="check-status"]'), 'The draft has no problems.');
    // First in order: up past every rule in force.
    const up = card.getByRole('button', { name: `Move ${LABEL} up` });
    while (!(await up.isDisabled())) await up.click();
    expect(await textMatching(card.locator('h4'), `1. ${LABEL}`)).toBe(`1. ${LABEL}`);
    await accessible(sofia, 'edit');

    await openConsolePage(sofia, 'Simulate', 'Simulate the draft');
    await sofia.getByRole('button', { name: 'Simulate', exact: true }).click();
    const cell = sofia.locator('[data-id="matrix"] td[data-from="Attack"][data-to="None"] button');
    expect(await textMatching(cell, /\d+/)).toBe(String(prospects.length));
    await cell.click();
    const samples = await textsOf(sofia.locator('[data-id="samples"] [data-id="sample"] th'));
    expect([...samples].sort()).toEqual([...names].sort());
    await accessible(sofia, 'simulate');

    await openConsolePage(sofia, 'Activate', 'Activate the draft');
    expect((await textsOf(sofia.locator('console-activate-panel [data-id="diff-line"]'))).join(' | ')).toMatch(
      new RegExp(RULE),
    );
    await accessible(sofia, 'activate');
    await sofia.getByLabel(/Why/).fill(REASON);
    await sofia.getByRole('button', { name: 'Activate', exact: true }).click();
    await textMatching(sofia.locator('[data-id="activated"]'), 'Activated', 30_000);
    for (const page of pages) {
      expect(await textMatching(page.locator(BADGE), /no stance/i, LIVE_UPDATE_MS)).toMatch(/no stance/i);
    }
    expect((await marketAccounts(ids)).map((account) => account.Stance__c)).toEqual(prospects.map(() => 'None'));

    // The rules in force, read again: the new rule first, deciding those accounts.
    await openConsolePage(sofia, 'Rules', 'Strategy');
    const first = sofia.locator('console-rules-page [data-id="rule"]').first();
    await textMatching(first.locator('th'), LABEL);
    expect(await textMatching(first.locator('[data-id="decides"]'), /\d/)).toBe(`${prospects.length} accounts`);

    // What Setup shows: the org's custom metadata holds the rule, first of the active ones.
    const rules = await query<{ DeveloperName: string; Condition__c: string; Stance__c: string; Order__c: number }>(
      'SELECT DeveloperName, Condition__c, Stance__c, Order__c FROM Stance_Rule__mdt WHERE Active__c = true ORDER BY Order__c',
    );
    expect(rules[0]).toMatchObject({ DeveloperName: RULE, Condition__c: CONDITION, Stance__c: 'None' });

    // History: who, why and what, then a roll back to the rules she started from.
    await openConsolePage(sofia, 'History', 'History');
    const ours = sofia.locator('[data-id="change"]').filter({ hasText: REASON });
    expect(await textMatching(ours.locator('h3'), 'Sofia Marin')).toMatch(/by Sofia Marin/);
    expect((await textsOf(ours.locator('[data-id="diff-line"]'))).join(' | ')).toMatch(new RegExp(RULE));
    const changes = sofia.locator('[data-id="change"]');
    const ourIndex = (await changes.allTextContents()).findIndex((text) => text.includes(REASON));
    const earlier = changes.nth(ourIndex + 1);
    if ((await earlier.count()) === 0) {
      throw new Error('History lists no rule set before this activation: there is nothing to roll back to');
    }
    await earlier.getByRole('button', { name: 'Roll back to this' }).click();
    await sofia.getByLabel(/Why roll back/).fill('The distributor signed after all');
    await accessible(sofia, 'history');
    await earlier.getByRole('button', { name: 'Roll back', exact: true }).click();
    await textMatching(sofia.locator('[data-id="rolled-back"]'), 'Rolled back', 30_000);
    // The roll back is a change of its own, first in History.
    expect(await textMatching(changes.first().locator('p').first(), 'Rollback')).toBe('Rollback');
    for (const page of pages) {
      expect(await textMatching(page.locator(BADGE), /attack/i, LIVE_UPDATE_MS)).toMatch(/attack/i);
    }
    const after = await query<{ Id: string }>(
      `SELECT Id FROM Stance_Rule__mdt WHERE DeveloperName = '${RULE}' AND Active__c = true`,
    );
    expect(after).toEqual([]);
  });

  it('shows the sidecar’s health to the admin', async () => {
    await openConsolePage(sofia, 'Health', 'Health');
    await textMatching(sofia.locator('console-health-page'), /Ready|Not ready/);
    await accessible(sofia, 'health');
  });
});
