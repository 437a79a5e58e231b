/**
 * The value proposition's levers reach the open deal in a real browser, against the whole demo
 * (local org, sidecar, preview): Nina marks the value proposition of Berliner Backwaren (Attack,
 * her prospect with one open deal) done, chooses Price, finds the open deal offered and ticked,
 * saves; the org then has the Done signal with Price and Price on the deal, written as Nina.
 */
import { join } from 'node:path';
import { accessibilityViolations } from './accessibility';
import { DemoSession, SCREENSHOTS } from './demoSession';
import { textMatching } from './waits';

const ACCOUNT = 'Berliner Backwaren GmbH';

let demo: DemoSession;

beforeAll(async () => {
  demo = await DemoSession.start();
}, 180_000);

afterAll(async () => {
  await demo?.close();
});

/** Polls the org (as its admin) until `read` answers something `done` accepts. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

describe('the levers on the open deal', () => {
  it('Nina defines the value proposition and the open deal carries its levers', async () => {
    const [account] = await demo.query<{ Id: string; Stance__c: string; OwnerId: string }>(
      `SELECT Id, Stance__c, OwnerId FROM Account WHERE Name = '${ACCOUNT}'`,
    );
    expect(account!.Stance__c).toBe('Attack');
    const [deal] = await demo.query<{ Id: string; Name: string; Value_Levers__c: string | null }>(
      `SELECT Id, Name, Value_Levers__c FROM Opportunity WHERE AccountId = '${account!.Id}' AND IsClosed = false`,
    );
    expect(deal!.Value_Levers__c).toBeNull();

    const page = await demo.openAs('nina', `/lightning/r/Account/${account!.Id}/view`);
    const step = page.locator('c-stance-checklist li[data-code="VALUE_PROPOSITION"]');
    await step.locator('lightning-button[data-action="done"] button').click({ timeout: 15_000 });
    const levers = step.locator('lightning-checkbox-group[data-code="VALUE_PROPOSITION"]');
    await levers.locator('label', { hasText: 'Price' }).click();
    const deals = step.locator('lightning-checkbox-group[data-id="deals"]');
    expect(await textMatching(deals, deal!.Name)).toMatch(
      /Record the levers on this open deal too, so the deal that wins carries them/,
    );
    expect(await deals.locator('input[type="checkbox"]').isChecked()).toBe(true);
    expect(await accessibilityViolations(page, ['c-stance-checklist'])).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'deal-levers.png'), fullPage: true });

    await step.locator('[data-id="step-form"] lightning-button button', { hasText: 'Save' }).click();

    const [written] = await eventually(
      () =>
        demo.query<{ Value_Levers__c: string | null; LastModifiedById: string }>(
          `SELECT Value_Levers__c, LastModifiedById FROM Opportunity WHERE Id = '${deal!.Id}'`,
        ),
      (rows) => rows[0]!.Value_Levers__c !== null,
      `${deal!.Name}'s Value_Levers__c`,
    );
    expect(written!.Value_Levers__c).toBe('Price');
    expect(written!.LastModifiedById).toBe(account!.OwnerId);
    const signals = await demo.query<{ Status__c: string; Value_Levers__c: string }>(
      `SELECT Status__c, Value_Levers__c FROM Stance_Signal__c WHERE Account__c = '${account!.Id}' AND Trigger__c = 'VALUE_PROPOSITION'`,
    );
    expect(signals).toEqual([expect.objectContaining({ Status__c: 'Done', Value_Levers__c: 'Price' })]);
  }, 60_000);
});
