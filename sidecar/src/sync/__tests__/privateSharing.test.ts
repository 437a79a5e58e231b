/**
 * The sidecar under the strictest sharing a customer may have: Account Private, the sidecar signed
 * in as the integration user only (Minimum Access - API Only Integrations + Stance_Integration),
 * which reads every account through View All and edits them through the package's sharing rule
 * (Stance_Integration_Edit, to the public group Stance_Integration_Users it is a member of). It
 * classifies and writes every account of every owner, records the changes under each, and admins
 * still hear of a refused rule set. Without the group membership the writes are refused.
 */
import type { Connection } from 'jsforce';
import pino from 'pino';
import { signIn } from '../../../../scripts/testing/signIn';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { startSidecar } from '../../sidecar';
import type { RunningSidecar } from '../../sidecar';
import { eventually, settled, sidecarConfig } from './support/harness';

jest.setTimeout(120_000);

interface Written {
  Id: string;
  Owner: { Username: string };
  Stance__c: string | null;
  At_Risk__c: boolean;
  Stance_Computed_At__c: string | null;
}

const WRITTEN = 'SELECT Id, Owner.Username, Stance__c, At_Risk__c, Stance_Computed_At__c FROM Account ORDER BY Id';

/** A local org with Account sharing Private, the demo firm and two accounts of owners outside the sales branch. */
async function privateOrg(): Promise<{ running: RunningOrg; admin: Connection }> {
  const running = await startLocalOrg({ sharing: 'private', seed: 'demo' });
  const admin = await signIn(running, DEFAULTS.username);
  const users = await admin.query<{ Id: string; Username: string }>(
    "SELECT Id, Username FROM User WHERE Username IN ('sam@stance.local', 'ivy@stance.local') ORDER BY Username",
  );
  for (const user of users.records)
    await admin.sobject('Account').create({ Name: `${user.Username} prospect`, Type: 'Prospect', OwnerId: user.Id });
  return { running, admin };
}

/** Custom metadata changes arrive by deployment, not through the data API. */
function setCondition(running: RunningOrg, rule: string, condition: string): void {
  running.org.store.db
    .prepare(`UPDATE "o_Stance_Rule__mdt" SET "Condition__c" = ?, "SystemModstamp" = ? WHERE "DeveloperName" = ?`)
    .run(condition, new Date().toISOString(), rule);
}

describe('the sidecar under Private account sharing, as the integration user only', () => {
  let running: RunningOrg;
  let admin: Connection;
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    ({ running, admin } = await privateOrg());
    sidecar = await startSidecar(sidecarConfig(running), { logger: pino({ level: 'silent' }) });
    await settled(sidecar);
  });

  afterAll(async () => {
    await sidecar.stop();
    await running.close();
  });

  it('classifies and writes every account of every owner', async () => {
    const accounts = (await admin.query<Written>(WRITTEN)).records;
    const owners = new Set(accounts.map((account) => account.Owner.Username));
    expect([...owners].sort()).toEqual([
      'dana@stance.local',
      'ivy@stance.local',
      'nina@stance.local',
      'sam@stance.local',
    ]);
    expect(accounts.filter((account) => account.Stance__c === null || account.Stance_Computed_At__c === null)).toEqual(
      [],
    );
    expect(sidecar.sync.failures).toEqual([]);
  });

  it('records each change under its account, whoever owns it, and tells the admins of refused rules', async () => {
    const before = new Map((await admin.query<Written>(WRITTEN)).records.map((account) => [account.Id, account]));
    // A valid rule change that moves healthy customers and prospects outside the strategy: history
    // rows under accounts of every owner.
    setCondition(running, 'Healthy_Customer', 'Is_Customer = true AND Open_Pipeline > 1000000000');
    running.org.store.db
      .prepare(`UPDATE "o_Stance_Rule__mdt" SET "Stance__c" = 'Attack', "SystemModstamp" = ? WHERE "DeveloperName" = ?`)
      .run(new Date().toISOString(), 'Prospect_Outside_Strategy');
    await sidecar.sync.pollRules({ initial: false });
    await settled(sidecar);
    const after = (await admin.query<Written>(WRITTEN)).records;
    const moved = after.filter(
      (account) =>
        account.Stance__c !== before.get(account.Id)!.Stance__c ||
        account.At_Risk__c !== before.get(account.Id)!.At_Risk__c,
    );
    expect(new Set(moved.map((account) => account.Owner.Username)).size).toBe(4);
    await eventually(async () => {
      const history = await admin.query<{ Account__c: string; CreatedBy: { Username: string } }>(
        'SELECT Account__c, CreatedBy.Username FROM Stance_Change__c',
      );
      expect(new Set(history.records.map((row) => row.Account__c))).toEqual(
        new Set(moved.map((account) => account.Id)),
      );
      expect(new Set(history.records.map((row) => row.CreatedBy.Username))).toEqual(
        new Set(['integration@stance.local']),
      );
    });
    expect(sidecar.sync.failures).toEqual([]);

    setCondition(running, 'Healthy_Customer', 'Is_Custmer = true');
    await sidecar.sync.pollRules({ initial: false });
    expect(sidecar.sync.refusedRules).not.toBeNull();
    const group = running.org.store.db
      .prepare(`SELECT "Id" FROM "o_Group" WHERE "DeveloperName" = 'Stance_Admins'`)
      .get() as { Id: string };
    const [notice] = running.org.notifications.filter((sent) => /refused the new rules/.test(sent.title));
    expect(notice).toMatchObject({ recipientIds: [group.Id], deliveredTo: [running.org.adminUserId] });
  });
});

describe('the sidecar under Private account sharing, the integration user outside Stance_Integration_Users', () => {
  it('is refused every account it neither owns nor reaches through the group', async () => {
    const { running, admin } = await privateOrg();
    const membership = await admin.query<{ Id: string }>(
      "SELECT Id FROM GroupMember WHERE Group.DeveloperName = 'Stance_Integration_Users'",
    );
    await admin.sobject('GroupMember').destroy(membership.records.map((row) => row.Id));
    const sidecar = await startSidecar(sidecarConfig(running), { logger: pino({ level: 'silent' }) });
    try {
      await settled(sidecar);
      const accounts = (await admin.query<Written>(WRITTEN)).records;
      expect(accounts.filter((account) => account.Stance_Computed_At__c !== null)).toEqual([]);
      const failures = await eventually(async () => {
        const listed = sidecar.sync.failures;
        expect(listed.length).toBe(accounts.length);
        return listed;
      });
      expect(new Set(failures.map((failure) => failure.errorCode))).toEqual(
        new Set(['INSUFFICIENT_ACCESS_OR_READONLY']),
      );
    } finally {
      await sidecar.stop();
      await running.close();
    }
  });
});
