/**
 * The portfolio's daily jobs in the running sidecar against the local org with the demo firm: the
 * owners' snapshots at the first tick after a start, then each day at STANCE_SNAPSHOT_AT (time
 * moved by hand), and the managers' digest of their team's moves, sent at most once a day.
 */
import Database from 'better-sqlite3';
import { startSidecar } from '../../sidecar';
import type { RunningSidecar } from '../../sidecar';
import pino from 'pino';
import { utcDay } from '../../domain/portfolio';
import { accountNamed, eventually, ManualClock, settled, sidecarConfig, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

const DAY = 86_400_000;
const DIGEST_TITLE = /^Stance: your team's accounts in the last day/;

interface Snapshot {
  OwnerId: string;
  Snapshot_Key__c: string;
  Snapshot_Date__c: string;
  Attack__c: number;
  Defend__c: number;
  Fire__c: number;
  None__c: number;
  At_Risk__c: number;
  Moved_This_Week__c: number;
  Exit_Steps__c: number;
  Exit_Steps_Done__c: number;
}

describe('the portfolio’s daily snapshots and the managers’ digest', () => {
  let h: Harness;
  const clock = new ManualClock(Date.now());
  const today = utcDay(clock.now());
  const tomorrow = utcDay(clock.now() + DAY);
  const ids = new Map<string, string>();

  beforeAll(async () => {
    h = await startHarness({ clock, config: { portfolioTickMs: 100 } });
    await settled(h.sidecar);
    const users = await h.admin.query<{ Id: string; Username: string }>('SELECT Id, Username FROM User');
    for (const user of users.records) ids.set(user.Username.split('@')[0]!, user.Id);
  });

  afterAll(() => h.close());

  const status = async (sidecar: RunningSidecar = h.sidecar) =>
    ((await (await fetch(`${sidecar.url}/status`)).json()) as { portfolio: Record<string, unknown> }).portfolio;

  const snapshots = async (day: string) =>
    (
      await h.admin.query<Snapshot>(
        `SELECT OwnerId, Snapshot_Key__c, Snapshot_Date__c, Attack__c, Defend__c, Fire__c, None__c, At_Risk__c, Moved_This_Week__c, Exit_Steps__c, Exit_Steps_Done__c FROM Stance_Portfolio_Snapshot__c WHERE Snapshot_Date__c = ${day}`,
      )
    ).records;

  const digests = () => h.org.org.notifications.filter((sent) => DIGEST_TITLE.test(sent.title));

  it('writes today’s snapshot per owner at the first tick after the start, counted from what the org holds', async () => {
    await eventually(async () => expect(await status()).toMatchObject({ snapshotDay: today, digestDay: today }));
    const accounts = await h.admin.query<{ OwnerId: string; Stance__c: string; At_Risk__c: boolean }>(
      'SELECT OwnerId, Stance__c, At_Risk__c FROM Account',
    );
    const expected = new Map<string, Record<string, number>>();
    for (const account of accounts.records) {
      const counts = expected.get(account.OwnerId) ?? { Attack: 0, Defend: 0, Fire: 0, None: 0, atRisk: 0 };
      counts[account.Stance__c] = (counts[account.Stance__c] ?? 0) + 1;
      if (account.At_Risk__c) counts.atRisk! += 1;
      expected.set(account.OwnerId, counts);
    }
    const written = await snapshots(today);
    expect(written.map((snapshot) => snapshot.OwnerId).sort()).toEqual([...expected.keys()].sort());
    for (const snapshot of written) {
      const counts = expected.get(snapshot.OwnerId)!;
      expect(snapshot).toMatchObject({
        Snapshot_Key__c: `${snapshot.OwnerId}:${today}`,
        Snapshot_Date__c: today,
        Attack__c: counts.Attack,
        Defend__c: counts.Defend,
        Fire__c: counts.Fire,
        None__c: counts.None,
        At_Risk__c: counts.atRisk,
      });
    }
    // A handful of calls whatever the org's size: the groups, the moves, three levers, one write.
    expect(await status()).toMatchObject({
      snapshots: { owners: expected.size, written: expected.size, refused: 0, calls: 6 },
      snapshotsWritten: expected.size,
      snapshotsRefused: 0,
    });
    const calls = Number((await status()).calls);
    expect(calls).toBeGreaterThanOrEqual(6);
    const metrics = await (await fetch(`${h.sidecar.url}/metrics`)).text();
    expect(metrics).toContain(`stance_portfolio_calls_total ${calls}`);
  });

  it('waits for STANCE_SNAPSHOT_AT on the next day, then snapshots it and sends managers their team’s moves', async () => {
    const dana = await h.as('dana');
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    await dana.sobject('Account').update({ Id: paper.Id, Industry: 'Chocolate', BillingCountry: 'Belgium' });
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({ Stance__c: 'Attack' }),
    );
    const andes = await accountNamed(h.admin, 'Andes Mining Supplies');
    expect(andes.Stance__c).toBe('Fire');
    await dana.sobject('Stance_Signal__c').create({
      Account__c: andes.Id,
      Trigger__c: 'EXIT_DECISION',
      Source__c: 'Sales',
      Status__c: 'Done',
    });
    await settled(h.sidecar);
    const digestsBefore = digests().length;
    // The first digest (at the start) counted up to then: the next counts from there, not a day back.
    const firstUntil = ((await status()).digest as { until: string }).until;
    expect(Date.parse(firstUntil)).toBeGreaterThan(Date.parse(`${tomorrow}T00:05:00Z`) - DAY);

    clock.advanceTo(Date.parse(`${tomorrow}T00:04:00Z`));
    expect(h.sidecar.sync.portfolio.due('snapshots')).toBe(false);
    expect(h.sidecar.sync.portfolio.due('digest')).toBe(false);
    clock.advanceTo(Date.parse(`${tomorrow}T00:05:00Z`));
    await eventually(async () => expect(await status()).toMatchObject({ snapshotDay: tomorrow, digestDay: tomorrow }));

    const danaSnapshot = (await snapshots(tomorrow)).find((snapshot) => snapshot.OwnerId === ids.get('dana'))!;
    expect(danaSnapshot.Snapshot_Key__c).toBe(`${ids.get('dana')}:${tomorrow}`);
    expect(danaSnapshot.Moved_This_Week__c).toBeGreaterThanOrEqual(1);
    // Today's are kept: a new day, new keys.
    expect((await snapshots(today)).length).toBeGreaterThan(0);

    // The history since the first digest, as plain rows: the digest must say what they say.
    expect(await status()).toMatchObject({ digest: { since: firstUntil } });
    const since = firstUntil;
    const history = await h.admin.query<{ Account__r: { OwnerId: string }; From__c: string; To__c: string }>(
      `SELECT Account__r.OwnerId, From__c, To__c FROM Stance_Change__c WHERE Changed_At__c >= ${since.replace(/\.\d{3}Z$/, 'Z')}`,
    );
    const movedOwners = new Set(history.records.map((change) => change.Account__r.OwnerId));
    expect(movedOwners.has(ids.get('dana')!)).toBe(true);

    const sent = digests().slice(digestsBefore);
    expect(sent).toHaveLength(1);
    const [digest] = sent;
    // Max, above Dana and Nina; nobody holds the executive role above him.
    expect(digest!.recipientIds).toEqual([ids.get('max')]);
    expect(digest!.body.length).toBeLessThanOrEqual(750);
    const danaLine = digest!.body.split('\n').find((line) => line.startsWith('Dana Reyes: '));
    expect(danaLine).toMatch(/\bto Attack\b/);
    // The exit steps marked done in the last day (the demo firm's and the one above), as plain rows.
    const exitDone = async (owner: string) =>
      (
        await h.admin.query(
          `SELECT Id FROM Stance_Signal__c WHERE Account__r.OwnerId = '${ids.get(owner)}' AND Trigger__c LIKE 'EXIT_%' AND Status__c = 'Done' AND LastModifiedDate >= ${since.replace(/\.\d{3}Z$/, 'Z')}`,
        )
      ).records.length;
    const danaDone = await exitDone('dana');
    expect(danaDone).toBeGreaterThanOrEqual(1);
    expect(danaLine).toContain(`${danaDone} exit ${danaDone === 1 ? 'step' : 'steps'} done`);
    // An owner is named only when their accounts moved.
    const ninaDone = await exitDone('nina');
    if (!movedOwners.has(ids.get('nina')!) && ninaDone === 0) expect(digest!.body).not.toMatch(/Nina/);
    else expect(digest!.body).toMatch(/\nNina Kowalski: /);
    // A page reference (the list view), not a record.
    expect(digest!.targetId).toBeNull();
    expect(JSON.parse(digest!.targetPageRef!)).toEqual({
      type: 'standard__objectPage',
      attributes: { objectApiName: 'Account', actionName: 'list' },
      state: { filterName: 'Stance_Changed_Last_7_Days' },
    });

    // Owners keep their per-change notice.
    const ownerNotices = h.org.org.notifications.filter(
      (notice) =>
        notice.recipientIds.includes(ids.get('dana')!) && /Pacific Paper Co\./.test(notice.title + notice.body),
    );
    expect(ownerNotices.length).toBeGreaterThanOrEqual(1);
    expect(await status()).toMatchObject({ digest: { managers: 1, sent: 1, refused: 0, alreadySent: 0, lost: 0 } });
  });

  it('sends a manager at most one digest a day: a restart before the day was recorded sends none again', async () => {
    const file = h.sidecar.mirror.file;
    const before = digests().length;
    await h.sidecar.stop();
    // As if killed after the send, before the day was recorded: the claims are on disk, the day is not.
    const db = new Database(file);
    expect(db.prepare(`DELETE FROM portfolio_days WHERE job = 'digest'`).run().changes).toBe(1);
    db.close();
    const again = await startSidecar(sidecarConfig(h.org, { dbFile: file, portfolioTickMs: 100 }), {
      clock,
      logger: pino({ level: 'warn' }),
    });
    try {
      await eventually(async () =>
        expect(await status(again)).toMatchObject({
          digestDay: tomorrow,
          digest: { managers: 1, sent: 0, alreadySent: 1 },
        }),
      );
      expect(digests()).toHaveLength(before);
    } finally {
      await again.stop();
    }
  });
});
