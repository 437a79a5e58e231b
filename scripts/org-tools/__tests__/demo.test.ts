/** org:demo against a local org with nothing in it, through its command line and unmodified jsforce. */
import type { Connection } from 'jsforce';
import { ACCOUNTS, MARKET_SIGNALS } from '../../demo-data/firm';
import { PORTFOLIO_HISTORY, SNAPSHOT_WEEKS } from '../../demo-data/portfolio';
import { PROFILES } from '../../local-org/access/grants';
import { assignPermissionSet, setProfile } from '../../local-org/access/setup';
import { startLocalOrg } from '../../local-org/server';
import type { RunningOrg } from '../../local-org/server';
import { main } from '../demo';
import { INTEGRATION_GROUP } from '../demoLoad';
import { connectTo } from '../target';
import { adminTarget, captured, emptyGroup, packageGroup } from './support';

jest.setTimeout(60_000);

const EXPECTED = {
  Account: ACCOUNTS.length,
  Contact: ACCOUNTS.reduce((n, account) => n + account.contacts.length, 0),
  Opportunity: ACCOUNTS.reduce((n, account) => n + account.opportunities.length, 0),
  Stance_Signal__c: ACCOUNTS.reduce((n, account) => n + account.signals.length, 0),
  Case: ACCOUNTS.reduce((n, account) => n + (account.cases ?? []).length, 0),
  Market_Signal__c: MARKET_SIGNALS.length,
  // Every demo person's records are the running user's: one snapshot a week, the reps' counts added up.
  Stance_Portfolio_Snapshot__c: SNAPSHOT_WEEKS,
};

async function counts(conn: Connection): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const type of Object.keys(EXPECTED)) result[type] = (await conn.query(`SELECT Id FROM ${type}`)).totalSize;
  return result;
}

function run(running: RunningOrg, ...args: string[]) {
  return runAs(running, adminTarget(running).accessToken, ...args);
}

function runAs(running: RunningOrg, accessToken: string, ...args: string[]) {
  return captured(() =>
    main(['--instance-url', running.url, ...args], { SF_ACCESS_TOKEN: accessToken, PATH: process.env.PATH }),
  );
}

/** A user of the local org with the Standard User profile and these permission sets, and a token for them. */
function userWith(running: RunningOrg, username: string, permissionSets: readonly string[]): string {
  const context = running.org.context(running.org.adminUserId);
  const id = running.org.store.insertRaw(
    'User',
    { Username: username, LastName: username, Alias: username.slice(0, 8), Email: username, IsActive: true },
    context,
  );
  setProfile(running.org.store, id, PROFILES.standard);
  for (const name of permissionSets) assignPermissionSet(running.org.store, id, name, context);
  return running.org.auth.issue(id).token;
}

describe('org:demo', () => {
  let running: RunningOrg;
  let admin: Connection;

  beforeEach(async () => {
    running = await startLocalOrg({ seed: 'none' });
    admin = connectTo(adminTarget(running));
  });
  afterEach(() => running.close());

  it('loads the demo firm once, owned by the running user, and adds the integration user to the group', async () => {
    // As the package's deploy leaves it: the group there, nobody in it.
    emptyGroup(running, packageGroup(running, INTEGRATION_GROUP));
    const first = await run(running, '--integration-user', 'integration@stance.local');
    expect(first.code).toBe(0);
    expect(first.out).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Records are owned by admin@stance.local (the running user)'),
        `Account: ${EXPECTED.Account} created, 0 already there`,
        `Stance_Signal__c: ${EXPECTED.Stance_Signal__c} created, 0 already there`,
        `integration@stance.local added to the public group ${INTEGRATION_GROUP}`,
      ]),
    );
    expect(first.out.filter((line) => /^(warning|problem):/.test(line))).toEqual([]);
    expect(await counts(admin)).toEqual(EXPECTED);
    const detected = ACCOUNTS.flatMap((account) => account.signals).filter((signal) => signal.source === 'Detected');
    expect((await admin.query('SELECT Id FROM Stance_Signal__c WHERE Detection_Key__c != null')).totalSize).toBe(
      detected.length,
    );
    // The framework's stories travel too: competitors, value levers, an exit step's transition.
    const named = await admin.query("SELECT Id FROM Stance_Signal__c WHERE Competitor__c = 'Cacao Nova'");
    expect(named.totalSize).toBe(2);
    const levers = await admin.query("SELECT Id FROM Opportunity WHERE Value_Levers__c INCLUDES ('Service')");
    expect(levers.totalSize).toBeGreaterThan(0);
    expect((await admin.query('SELECT Id FROM Stance_Signal__c WHERE Transition_Until__c != null')).totalSize).toBe(
      ACCOUNTS.flatMap((account) => account.signals).filter((signal) => signal.transitionUntilInDays !== undefined)
        .length,
    );
    const owners = await admin.query<{ OwnerId: string }>('SELECT OwnerId FROM Account');
    expect(new Set(owners.records.map((row) => row.OwnerId))).toEqual(new Set([running.org.adminUserId]));
    const overridden = ACCOUNTS.find((account) => account.override)!;
    const signalled = ACCOUNTS.find((account) => account.signals.length > 1)!;
    const loaded = await admin.query<Record<string, unknown>>(
      `SELECT Name, Stance_Override__c, (SELECT Detection_Key__c FROM Stance_Signals__r) FROM Account WHERE Name IN ('${overridden.name}', '${signalled.name}')`,
    );
    const byName = new Map(loaded.records.map((record) => [record.Name, record]));
    expect(byName.get(overridden.name)!.Stance_Override__c).toBe(overridden.override!.stance);
    expect((byName.get(signalled.name)!.Stance_Signals__r as { totalSize: number }).totalSize).toBe(
      signalled.signals.length,
    );
    const members = await admin.query(
      `SELECT Id FROM GroupMember WHERE Group.DeveloperName = '${INTEGRATION_GROUP}' AND UserOrGroupId = '${running.org.integrationUserId}'`,
    );
    expect(members.totalSize).toBe(1);
    // Cases carry their status; the org derives IsClosed from it.
    const cases = await admin.query<{ Subject: string; IsClosed: boolean; Account: { Name: string } }>(
      'SELECT Subject, IsClosed, Account.Name FROM Case',
    );
    const demoCases = ACCOUNTS.flatMap((account) =>
      (account.cases ?? []).map((demoCase) => `${account.name}|${demoCase.subject}|${demoCase.status === 'Closed'}`),
    );
    expect(cases.records.map((row) => `${row.Account.Name}|${row.Subject}|${row.IsClosed}`).sort()).toEqual(
      demoCases.sort(),
    );
    expect(demoCases.some((line) => line.endsWith('|true'))).toBe(true);
    // The eight weeks of history, the running user's, keyed like the sidecar's, the reps' numbers added up.
    const snapshots = await admin.query<{ OwnerId: string; Snapshot_Key__c: string; Fire__c: number }>(
      'SELECT OwnerId, Snapshot_Key__c, Snapshot_Date__c, Fire__c FROM Stance_Portfolio_Snapshot__c ORDER BY Snapshot_Date__c',
    );
    expect(new Set(snapshots.records.map((row) => row.OwnerId))).toEqual(new Set([running.org.adminUserId]));
    expect(snapshots.records.every((row) => row.Snapshot_Key__c.startsWith(`${running.org.adminUserId}:`))).toBe(true);
    const oldest = PORTFOLIO_HISTORY.filter((snapshot) => snapshot.weeksAgo === SNAPSHOT_WEEKS);
    expect(snapshots.records[0]!.Fire__c).toBe(oldest.reduce((n, snapshot) => n + snapshot.fire, 0));

    // Again: nothing new, nothing doubled.
    const second = await run(running, '--integration-user', 'integration@stance.local');
    expect(second.code).toBe(0);
    expect(second.out).toEqual(
      expect.arrayContaining([
        `Account: 0 created, ${EXPECTED.Account} already there`,
        `Contact: 0 created, ${EXPECTED.Contact} already there`,
        `Market_Signal__c: 0 created, ${EXPECTED.Market_Signal__c} already there`,
        `Case: 0 created, ${EXPECTED.Case} already there`,
        `Stance_Portfolio_Snapshot__c: 0 created, ${EXPECTED.Stance_Portfolio_Snapshot__c} already there`,
        `integration@stance.local is already a member of ${INTEGRATION_GROUP}`,
      ]),
    );
    expect(await counts(admin)).toEqual(EXPECTED);
  });

  it('fills in what a half-loaded org lacks', async () => {
    const account = await admin.sobject('Account').create({ Name: ACCOUNTS[0]!.name });
    expect(account.success).toBe(true);
    const { code, out } = await run(running, '--integration-user', 'integration@stance.local');
    expect(code).toBe(0);
    expect(out).toContain(`Account: ${EXPECTED.Account - 1} created, 1 already there`);
    expect(await counts(admin)).toEqual(EXPECTED);
  });

  it('gives the demo people’s records to the users --owners names, and refuses a user the org lacks', async () => {
    const rep = running.org.store.insertRaw(
      'User',
      { Username: 'rep@acme.example', LastName: 'Rep', Alias: 'rep', Email: 'rep@acme.example', IsActive: true },
      running.org.context(running.org.adminUserId),
    );
    const refused = await run(running, '--owners', 'dana=nobody@acme.example');
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('org:demo: --owners: no user nobody@acme.example in this org (for dana)');
    expect((await counts(admin)).Account).toBe(0);

    // A rep who may not read the portfolio history may not own it either (TRANSFER_REQUIRES_READ).
    // The rest is loaded: a problem to fix (exit 1), and a re-run once the rep holds Stance_User.
    const unlicensed = await run(
      running,
      '--owners',
      'dana=rep@acme.example',
      '--integration-user',
      'integration@stance.local',
    );
    expect(unlicensed.out.filter((line) => line.startsWith('problem:'))).toEqual([
      expect.stringMatching(
        /^problem: Upserting Stance_Portfolio_Snapshot__c \w{18}:[\d-]{10} failed: TRANSFER_REQUIRES_READ The new owner must have read permission: every user --owners names needs Stance_User, which reads the history \(sf org assign permset --name Stance_User --on-behalf-of <username>\)$/,
      ),
    ]);
    expect(unlicensed.code).toBe(1);
    expect((await counts(admin)).Stance_Portfolio_Snapshot__c).toBe(0);
    setProfile(running.org.store, rep, PROFILES.standard);
    assignPermissionSet(running.org.store, rep, 'Stance_User', running.org.context(running.org.adminUserId));

    const { code, out } = await run(
      running,
      '--owners',
      'dana=rep@acme.example',
      '--integration-user',
      'integration@stance.local',
    );
    expect(out.filter((line) => /^(warning|problem):/.test(line))).toEqual([]);
    expect(code).toBe(0);
    const danas = ACCOUNTS.filter((account) => account.owner === 'dana').map((account) => account.name);
    const owned = await admin.query<{ Name: string }>(`SELECT Name FROM Account WHERE OwnerId = '${rep}'`);
    expect(owned.records.map((row) => row.Name).sort()).toEqual([...danas].sort());
    const contacts = await admin.query(`SELECT Id FROM Contact WHERE OwnerId = '${rep}'`);
    expect(contacts.totalSize).toBe(
      ACCOUNTS.filter((account) => account.owner === 'dana').reduce((n, a) => n + a.contacts.length, 0),
    );
    // Dana's history is the rep's; Nina's, still the running user's, apart.
    const snapshots = await admin.query<{ OwnerId: string; Snapshot_Key__c: string; Attack__c: number }>(
      `SELECT OwnerId, Snapshot_Key__c, Attack__c FROM Stance_Portfolio_Snapshot__c WHERE OwnerId = '${rep}'`,
    );
    expect(snapshots.totalSize).toBe(SNAPSHOT_WEEKS);
    expect(snapshots.records.map((row) => row.Attack__c).sort()).toEqual(
      PORTFOLIO_HISTORY.filter((snapshot) => snapshot.owner === 'dana')
        .map((snapshot) => snapshot.attack)
        .sort(),
    );
    expect((await admin.query('SELECT Id FROM Stance_Portfolio_Snapshot__c')).totalSize).toBe(2 * SNAPSHOT_WEEKS);
  });

  it('says the group is missing when the package is not deployed, and exits 1', async () => {
    running.org.store.db.prepare(`DELETE FROM "o_Group" WHERE "DeveloperName" = ?`).run(INTEGRATION_GROUP);
    const { code, out } = await run(running, '--integration-user', 'integration@stance.local');
    expect(code).toBe(1);
    expect(out).toContain(
      `problem: The public group ${INTEGRATION_GROUP} is missing: deploy the package first (sf project deploy start --target-org <alias>)`,
    );
    expect(await counts(admin)).toEqual(EXPECTED);
  });

  it('stops before writing when the user may not create an object, and leaves out fields the user may not set', async () => {
    const rep = userWith(running, 'rep@acme.example', ['Stance_User']);
    const refused = await runAs(running, rep);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain(
      'org:demo: rep@acme.example may not create Market_Signal__c: run org:demo as a System Administrator holding Stance_Admin (sf org assign permset --name Stance_Admin --target-org <alias>); nothing was written',
    );
    expect((await counts(admin)).Account).toBe(0);

    // A manager may create all of it but not set the detection key (Stance_Integration's).
    const manager = userWith(running, 'manager@acme.example', ['Stance_User', 'Stance_Manager']);
    const { code, out } = await runAs(running, manager);
    expect(out).toContain(
      'warning: Stance_Signal__c: left out Detection_Key__c, which manager@acme.example may not set (field-level security: Setup › Object Manager › Stance_Signal__c › Fields & Relationships › the field › Set Field-Level Security)',
    );
    // Stance_Manager only reads the portfolio history: skipped, and said so.
    expect(out).toContainEqual(
      expect.stringMatching(
        /^warning: Stance_Portfolio_Snapshot__c: not loaded \(the Home page's trend starts with the sidecar's first snapshot\), since manager@acme\.example may not create; edit; set OwnerId, Snapshot_Date__c, Snapshot_Key__c, Attack__c, .*, Wins_Service__c: grant Read, Create, Edit on the object and edit on its fields with a permission set of the org's own \(Stance_Admin only reads them\), then run org:demo again$/,
      ),
    );
    expect(out.filter((line) => line.startsWith('warning:'))).toHaveLength(2);
    expect(await counts(admin)).toEqual({ ...EXPECTED, Stance_Portfolio_Snapshot__c: 0 });
    expect((await admin.query('SELECT Id FROM Stance_Signal__c WHERE Detection_Key__c != null')).totalSize).toBe(0);
    // No integration user named: the data is there, the group membership is a problem to fix.
    expect(code).toBe(1);
  });

  it('needs a target', async () => {
    const { code, out } = await captured(() => main([], {}));
    expect(code).toBe(2);
    expect(out).toEqual(['org:demo: Name the org: --target-org <alias>, or --instance-url <url> with SF_ACCESS_TOKEN']);
  });
});
