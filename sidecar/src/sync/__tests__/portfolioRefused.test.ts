/**
 * A snapshot the org refuses for good (its owner is an inactive user) is logged and counted; the
 * other owners' snapshots are written and the day counts as done (allOrNone false).
 */
import { utcDay } from '../../domain/portfolio';
import { eventually, ManualClock, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(60_000);

describe('a portfolio snapshot the org refuses', () => {
  let h: Harness;
  const clock = new ManualClock(Date.now());
  const today = utcDay(clock.now());
  const tomorrow = utcDay(clock.now() + 86_400_000);

  beforeAll(async () => {
    h = await startHarness({ clock, config: { portfolioTickMs: 100 } });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  const status = async () =>
    ((await (await fetch(`${h.sidecar.url}/status`)).json()) as { portfolio: Record<string, unknown> }).portfolio;

  it('does not cost the other owners theirs', async () => {
    await eventually(async () => expect(await status()).toMatchObject({ snapshotDay: today }));
    const users = await h.admin.query<{ Id: string; Username: string }>('SELECT Id, Username FROM User');
    const id = (name: string) => users.records.find((user) => user.Username.startsWith(`${name}@`))!.Id;
    // Ivy takes over an account, then leaves the firm: her user is deactivated, the account stays hers.
    const paper = await h.admin.query<{ Id: string }>("SELECT Id FROM Account WHERE Name = 'Pacific Paper Co.'");
    await h.admin.sobject('Account').update({ Id: paper.records[0]!.Id, OwnerId: id('ivy') });
    await h.admin.sobject('User').update({ Id: id('ivy'), IsActive: false });

    clock.advanceTo(Date.parse(`${tomorrow}T00:05:00Z`));
    await eventually(async () =>
      expect(await status()).toMatchObject({
        snapshotDay: tomorrow,
        snapshots: { owners: 3, written: 2, refused: 1 },
        snapshotsRefused: 1,
      }),
    );
    const written = await h.admin.query<{ OwnerId: string }>(
      `SELECT OwnerId FROM Stance_Portfolio_Snapshot__c WHERE Snapshot_Date__c = ${tomorrow}`,
    );
    expect(written.records.map((record) => record.OwnerId).sort()).toEqual([id('dana'), id('nina')].sort());
  });
});
