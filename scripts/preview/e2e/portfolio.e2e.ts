/**
 * The portfolio on Home in a real browser, against the whole demo (the local org with the demo
 * firm and its seeded snapshots, the sidecar, the preview): Max the manager sees his team's mix
 * now and its trend; when Dana ticks an exit-plan step on one of her Fire accounts, the count of
 * exit steps done on Max's Home moves without a reload. The expected numbers come from the org,
 * read as its admin. Screenshots go to test-results/e2e/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './accessibility';
import { DemoSession, SCREENSHOTS } from './demoSession';
import { textMatching, textsOf } from './waits';

const HOME = '/lightning/page/home';
// The promise: the count on Max's Home moves within 10 seconds of Dana's tick.
const LIVE_UPDATE_MS = 10_000;
// The exit steps a person ticks (telling the customer asks for a transition date too, and moving
// the effort is detected from the data).
const TICKED_STEPS = ['EXIT_DECISION', 'EXIT_HANDOVER'];
const STANCES = ['Attack', 'Defend', 'Fire', 'None'] as const;

let demo: DemoSession;

const query = <T>(soql: string): Promise<T[]> => demo.query<T>(soql);

async function userId(name: string): Promise<string> {
  const [user] = await query<{ Id: string }>(`SELECT Id FROM User WHERE Name = '${name}'`);
  if (!user) throw new Error(`no demo user named ${name}`);
  return user.Id;
}

const openAs = (person: string, path: string): Promise<Page> => demo.openAs(person, path);

interface AccountRow {
  Id: string;
  Name: string;
  OwnerId: string;
  Stance__c: string | null;
  At_Risk__c: boolean;
  Stance_Plan_Steps__c: number | null;
  Stance_Plan_Steps_Done__c: number | null;
}

/** The owners' accounts as the org has them now, counted as the portfolio counts them. */
async function teamCounts(ownerIds: readonly string[]) {
  const accounts = await query<AccountRow>(
    `SELECT Id, Name, OwnerId, Stance__c, At_Risk__c, Stance_Plan_Steps__c, Stance_Plan_Steps_Done__c FROM Account WHERE OwnerId IN ('${ownerIds.join("','")}')`,
  );
  const stanceOf = (account: AccountRow) =>
    STANCES.includes(account.Stance__c as (typeof STANCES)[number]) ? account.Stance__c! : 'None';
  const fire = accounts.filter((account) => stanceOf(account) === 'Fire');
  return {
    byStance: Object.fromEntries(
      STANCES.map((stance) => [stance, accounts.filter((account) => stanceOf(account) === stance).length]),
    ),
    atRisk: accounts.filter((account) => account.At_Risk__c).length,
    exitSteps: fire.reduce((sum, account) => sum + (account.Stance_Plan_Steps__c ?? 0), 0),
    exitStepsDone: fire.reduce((sum, account) => sum + (account.Stance_Plan_Steps_Done__c ?? 0), 0),
  };
}

const portfolio = (page: Page) => page.locator('c-stance-portfolio');
/** "Attack 12 ▲2 up 2 since last week" → 12. */
async function shownCount(page: Page, stance: string): Promise<number> {
  const text = await textMatching(portfolio(page).locator(`[data-stance="${stance}"] [data-id="count"]`), /\d/);
  return Number(text.replace(/[^\d]/g, ''));
}

beforeAll(async () => {
  demo = await DemoSession.start();
}, 180_000);

afterAll(async () => {
  await demo?.close();
});

describe('the portfolio on Home', () => {
  let maxHome: Page;

  it('shows Dana, a rep, her own accounts as the org counts them, in her own row', async () => {
    const page = await openAs('dana', HOME);
    await textMatching(portfolio(page).locator('[data-id="title"]'), 'My accounts');
    const expected = await teamCounts([await userId('Dana Reyes')]);
    for (const stance of STANCES) expect(await shownCount(page, stance)).toBe(expected.byStance[stance]);
    expect(await shownCount(page, 'at-risk')).toBe(expected.atRisk);
    expect(await textsOf(portfolio(page).locator('[data-id="owners"] tbody th'))).toEqual(['Dana Reyes (you)']);
    expect(await page.locator('c-error-panel').count()).toBe(0);
    expect(await accessibilityViolations(page, ['shell-home-page'])).toEqual([]);
  });

  it("shows Max his team's mix by stance now, its trend over 8 weeks and each owner's row", async () => {
    // Max's team is whoever's snapshots he reads: without the demo firm's history he has none.
    const snapshots = await query<{ Id: string }>('SELECT Id FROM Stance_Portfolio_Snapshot__c LIMIT 1');
    if (snapshots.length === 0) throw new Error('the demo firm has no portfolio snapshots (seeded for the past weeks)');
    maxHome = await openAs('max', HOME);
    await textMatching(maxHome.locator('[data-id="tab-home"]'), 'Home');
    await textMatching(portfolio(maxHome).locator('[data-id="title"]'), "My team's accounts");

    // His reps' rows (Dana and Nina are below him in the role hierarchy); Sam from support is not.
    const owners = await textsOf(portfolio(maxHome).locator('[data-id="owners"] tbody th'));
    expect(owners).toEqual(expect.arrayContaining(['Dana Reyes', expect.stringMatching(/^Nina/)]));
    expect(owners.join()).not.toMatch(/Sam Okafor/);

    const team = await Promise.all(
      owners.map((name) => userId(name.replace(/ \(you\)$/, ''))).concat([userId('Max Laurent')]),
    );
    const expected = await teamCounts(team);
    for (const stance of STANCES) expect(await shownCount(maxHome, stance)).toBe(expected.byStance[stance]);
    expect(await shownCount(maxHome, 'at-risk')).toBe(expected.atRisk);
    await textMatching(
      portfolio(maxHome).locator('[data-id="exit-plans"]'),
      `${expected.exitStepsDone} of ${expected.exitSteps} exit steps done`,
    );

    // The trend: 8 weeks, from the seeded snapshots of the past weeks.
    const weeks = portfolio(maxHome).locator('[data-id="trend-table"] tbody tr');
    await weeks.first().waitFor({ state: 'attached' });
    expect(await weeks.count()).toBe(8);
    const totals = (await weeks.locator('td:last-child').allTextContents()).map((text) => text.trim());
    expect(totals.filter((total) => /^\d/.test(total)).length).toBeGreaterThanOrEqual(2);
    expect(await portfolio(maxHome).locator('.portfolio-week').count()).toBe(8);

    await maxHome.screenshot({ path: join(SCREENSHOTS, 'home-portfolio.png'), fullPage: true });
    expect(await accessibilityViolations(maxHome, ['shell-home-page'])).toEqual([]);
  });

  it("moves the exit steps done on Max's Home within 10 seconds of Dana ticking one", async () => {
    const dana = await userId('Dana Reyes');
    // One of Dana's Fire accounts with an exit step still open.
    const fireAccounts = await query<AccountRow>(
      `SELECT Id, Name, OwnerId, Stance__c, At_Risk__c, Stance_Plan_Steps__c, Stance_Plan_Steps_Done__c FROM Account WHERE OwnerId = '${dana}' AND Stance__c = 'Fire' ORDER BY Name`,
    );
    const account = fireAccounts.find(
      (candidate) => (candidate.Stance_Plan_Steps_Done__c ?? 0) < (candidate.Stance_Plan_Steps__c ?? 0),
    );
    if (!account) {
      throw new Error(
        `Dana has no Fire account with an open exit step (Stance_Plan_Steps__c and _Done__c, written by the sidecar): ${JSON.stringify(fireAccounts)}`,
      );
    }

    const exitText = await textMatching(portfolio(maxHome).locator('[data-id="exit-plans"]'), /\d+ of \d+/);
    const [, before, total] = /(\d+) of (\d+)/.exec(exitText)!;

    const danaPage = await openAs('dana', `/lightning/r/Account/${account.Id}/view`);
    const checklist = danaPage.locator('c-stance-checklist');
    const step = checklist.locator(TICKED_STEPS.map((code) => `li[data-code="${code}"]`).join(', ')).filter({
      has: danaPage.locator('lightning-button[data-action="done"]'),
    });
    await step.first().waitFor({ timeout: 15_000 });
    await step.first().locator('lightning-button[data-action="done"] button').click();

    await textMatching(
      portfolio(maxHome).locator('[data-id="exit-plans"]'),
      `${Number(before) + 1} of ${total} exit steps done`,
      LIVE_UPDATE_MS,
    );
    // On the page Max opened before Dana's tick: no reload.
    expect(await accessibilityViolations(maxHome, ['shell-home-page'])).toEqual([]);
  }, 60_000);
});
