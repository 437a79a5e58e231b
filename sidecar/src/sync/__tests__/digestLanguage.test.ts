/**
 * The managers' digest in the manager's language, through the org: Max works in German
 * (User.LanguageLocaleKey 'de', read with the role hierarchy); Dana moves an account; the next
 * day's digest tells Max in German.
 */
import { utcDay } from '../../domain/portfolio';
import { accountNamed, eventually, ManualClock, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

const DAY = 86_400_000;

describe("the managers' digest in the manager's language", () => {
  let h: Harness;
  const clock = new ManualClock(Date.now());
  const tomorrow = utcDay(clock.now() + DAY);

  beforeAll(async () => {
    h = await startHarness({ clock, config: { portfolioTickMs: 100 } });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  const portfolio = async () =>
    ((await (await fetch(`${h.sidecar.url}/status`)).json()) as { portfolio: Record<string, unknown> }).portfolio;

  it('tells Max in German what his team did', async () => {
    const maxId = (await (await h.as('max')).identity()).user_id;
    await h.admin.sobject('User').update({ Id: maxId, LanguageLocaleKey: 'de' });
    const dana = await h.as('dana');
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    await dana.sobject('Account').update({ Id: paper.Id, Industry: 'Chocolate', BillingCountry: 'Belgium' });
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({ Stance__c: 'Attack' }),
    );
    await settled(h.sidecar);
    const before = h.org.org.notifications.length;

    clock.advanceTo(Date.parse(`${tomorrow}T00:05:00Z`));
    await eventually(async () => expect(await portfolio()).toMatchObject({ digestDay: tomorrow }));
    const sent = h.org.org.notifications.slice(before).filter((notice) => notice.recipientIds.includes(maxId));
    expect(sent).toHaveLength(1);
    const [digest] = sent;
    expect(digest!.title).toMatch(/^Stance: die Accounts Ihres Teams in den letzten 24 Stunden: .*1 auf „Angreifen“/);
    const lines = digest!.body.split('\n');
    expect(lines[0]).toMatch(/^In Ihrem Team in den letzten 24 Stunden: .*auf „Angreifen“.*\.$/);
    expect(lines).toContain('Dana Reyes: 1 auf „Angreifen“');
    expect(lines[lines.length - 1]).toBe(
      'Öffnen Sie sie für die Accounts, deren Stance sich in den letzten 7 Tagen geändert hat.',
    );
  });
});
