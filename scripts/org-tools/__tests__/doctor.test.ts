/**
 * org:doctor against the local org: the demo as seeded passes; each problem planted in it (or in a
 * copy of the package the org loads) is reported with the Setup path that fixes it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Connection } from 'jsforce';
import { join } from 'node:path';
import { assignPermissionSet, setProfile } from '../../local-org/access/setup';
import { PROFILES } from '../../local-org/access/grants';
import { PROJECT_ROOT } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import type { RunningOrg } from '../../local-org/server';
import { INTEGRATION_GROUP } from '../demoLoad';
import { main } from '../doctor';
import { adminTarget, captured, packageGroup } from './support';

jest.setTimeout(60_000);

const INTEGRATION = 'integration@stance.local';

/** The demo as seeded: the integration user already in Stance_Integration_Users, as org:demo leaves a real org. */
async function demoOrg(packageDir?: string): Promise<RunningOrg> {
  const running = await startLocalOrg({ seed: 'demo', ...(packageDir ? { packageDir } : {}) });
  const member = running.org.store.db
    .prepare(`SELECT 1 FROM "o_GroupMember" WHERE "GroupId" = ? AND "UserOrGroupId" = ? AND "IsDeleted" = 0`)
    .get(packageGroup(running, INTEGRATION_GROUP), running.org.integrationUserId);
  if (!member) throw new Error('the demo org should start with the integration user in its group');
  return running;
}

function doctor(running: RunningOrg, ...args: string[]) {
  const { accessToken } = adminTarget(running);
  return captured(() =>
    main(['--instance-url', running.url, ...args], { SF_ACCESS_TOKEN: accessToken, SF_USERNAME: INTEGRATION }),
  );
}

/** A copy of the package with one change, for an org started on it. */
function packageCopy(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-doctor-'));
  cpSync(join(PROJECT_ROOT, 'force-app/main/default'), dir, { recursive: true });
  change(dir);
  return dir;
}

describe('org:doctor', () => {
  describe('on the demo org', () => {
    let running: RunningOrg;
    beforeEach(async () => {
      running = await demoOrg();
    });
    afterEach(() => running.close());

    const db = () => running.org.store.db;
    const context = () => running.org.context(running.org.adminUserId);

    it('passes the demo as seeded, listing what it checked with --verbose', async () => {
      const { code, out } = await doctor(running, '--verbose');
      expect(out.filter((line) => !line.startsWith('ok: '))).toEqual([
        `org:doctor: ${running.url}`,
        expect.stringMatching(/^org:doctor: \d+ checks passed$/),
      ]);
      expect(out).toEqual(
        expect.arrayContaining([
          `ok: ${INTEGRATION} has the profile Minimum Access - API Only Integrations`,
          `ok: ${INTEGRATION} holds the permission set licence Salesforce API Integration`,
          `ok: ${INTEGRATION} holds Stance_Integration`,
          `ok: ${INTEGRATION} is a member of ${INTEGRATION_GROUP}`,
          'ok: Change Data Capture sends AccountChangeEvent',
          'ok: Account.Stance__c history is tracked',
          'ok: Change Data Capture sends CaseChangeEvent',
          `ok: ${INTEGRATION} reads every Case (View All)`,
          `ok: ${INTEGRATION} writes Stance_Portfolio_Snapshot__c with Modify All (it sets each snapshot's owner)`,
          `ok: ${INTEGRATION} may edit the Account fields it writes (Stance_Open_Deals__c, Stance_Open_Pipeline__c, Stance_Recent_Cases__c, Stance_Effort_Off_Strategy__c, Stance_Plan_Steps__c, Stance_Plan_Steps_Done__c, Stance_Competitors__c)`,
          `ok: ${INTEGRATION} reads Case.AccountId`,
          'ok: The global value set Stance_Competitors has its 4 values (Stance_Signal__c.Competitor__c)',
          'ok: The global value set Stance_Value_Levers has its 3 values (Stance_Signal__c.Value_Levers__c)',
        ]),
      );
      expect(code).toBe(0);
    });

    it('reports an inactive integration user', async () => {
      db().prepare(`UPDATE "o_User" SET "IsActive" = 0 WHERE "Id" = ?`).run(running.org.integrationUserId);
      const { code, out } = await doctor(running);
      expect(code).toBe(1);
      expect(out).toContain(
        `problem: ${INTEGRATION} is inactive: Setup › Users › Users › ${INTEGRATION} › Edit › Active`,
      );
    });

    it('reports a missing user, and no user named at all', async () => {
      const { accessToken } = adminTarget(running);
      const missing = await doctor(running, '--integration-user', 'nobody@acme.example');
      expect(missing.code).toBe(1);
      expect(missing.out).toContain(
        'problem: No user nobody@acme.example: create it (Setup › Users › Users › New User: User License Salesforce Integration, Profile Minimum Access - API Only Integrations)',
      );
      const unnamed = await captured(() => main(['--instance-url', running.url], { SF_ACCESS_TOKEN: accessToken }));
      expect(unnamed.code).toBe(1);
      expect(unnamed.out).toContain(
        'problem: No integration user named: pass --integration-user <username> or set SF_USERNAME (the user the sidecar runs as)',
      );
    });

    it('reports Stance_Integration unassigned, and a second Stance permission set', async () => {
      db()
        .prepare(
          `DELETE FROM "o_PermissionSetAssignment" WHERE "AssigneeId" = ? AND "PermissionSetId" = (SELECT "Id" FROM "o_PermissionSet" WHERE "Name" = 'Stance_Integration')`,
        )
        .run(running.org.integrationUserId);
      assignPermissionSet(running.org.store, running.org.integrationUserId, 'Stance_User', context());
      const { code, out } = await doctor(running);
      expect(code).toBe(1);
      expect(out).toEqual(
        expect.arrayContaining([
          `problem: ${INTEGRATION} does not hold Stance_Integration: Setup › Users › Permission Sets › Stance Integration › Manage Assignments › Add Assignment (or sf org assign permset --name Stance_Integration --on-behalf-of ${INTEGRATION})`,
          `problem: ${INTEGRATION} also holds Stance_User, more than the sidecar needs: Setup › Users › Permission Sets › Stance User › Manage Assignments › remove ${INTEGRATION}`,
        ]),
      );
    });

    it('reports the integration user without the Salesforce API Integration permission set licence', async () => {
      const { accessToken } = adminTarget(running);
      const conn = new Connection({ instanceUrl: running.url, accessToken, version: '62.0' });
      const held = await conn.query<{ Id: string }>(
        `SELECT Id FROM PermissionSetLicenseAssign WHERE Assignee.Username = '${INTEGRATION}'`,
      );
      expect(held.totalSize).toBe(1);
      await conn.sobject('PermissionSetLicenseAssign').destroy(held.records[0]!.Id);
      const { code, out } = await doctor(running);
      expect(code).toBe(1);
      expect(out.filter((line) => line.startsWith('problem:'))).toEqual([
        `problem: ${INTEGRATION} does not hold the permission set licence Salesforce API Integration, so Stance_Integration gives it no access to accounts: Setup › Users › Users › ${INTEGRATION} › Permission Set License Assignments › Edit Assignments › Salesforce API Integration`,
      ]);
    });

    it('reports the integration user outside Stance_Integration_Users, and Stance_Admins without members', async () => {
      db().prepare(`DELETE FROM "o_GroupMember"`).run();
      const { code, out } = await doctor(running);
      expect(code).toBe(1);
      expect(out).toEqual(
        expect.arrayContaining([
          `problem: ${INTEGRATION} is not a member of ${INTEGRATION_GROUP}, so it cannot edit accounts it does not own: Setup › Users › Public Groups › Stance Integration Users › Edit › add the user (or npm run org:demo)`,
          "problem: The public group Stance_Admins has no members, so nobody hears of refused rules: Setup › Users › Public Groups › Stance Admins › Edit › add Stance's admins",
        ]),
      );
    });

    it('reports the group and the notification type missing (package not deployed)', async () => {
      db().prepare(`DELETE FROM "o_Group" WHERE "DeveloperName" = ?`).run(INTEGRATION_GROUP);
      db().prepare(`DELETE FROM "o_CustomNotificationType"`).run();
      const { code, out } = await doctor(running);
      expect(code).toBe(1);
      expect(out).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`problem: The public group ${INTEGRATION_GROUP} (the sharing rule`),
          'problem: The custom notification type Stance_Update is missing: deploy the package (sf project deploy start --source-dir force-app --target-org <alias>)',
        ]),
      );
    });

    it('warns, without failing, of an integration user on another profile', async () => {
      setProfile(running.org.store, running.org.integrationUserId, PROFILES.standard);
      const { code, out } = await doctor(running);
      expect(out).toContain(
        `warning: ${INTEGRATION} has the profile ${PROFILES.standard} (licence Salesforce), not Minimum Access - API Only Integrations (licence Salesforce Integration): an integration user needs no more; Setup › Users › Users › ${INTEGRATION} › Edit › User License, Profile`,
      );
      expect(code).toBe(0);
    });
  });

  describe('on an org deployed from a changed package', () => {
    const dirs: string[] = [];
    afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    it('reports an entity not selected for Change Data Capture', async () => {
      const dir = packageCopy((copy) =>
        rmSync(
          join(
            copy,
            'platformEventChannelMembers/ChangeEvents_OpportunityChangeEvent.platformEventChannelMember-meta.xml',
          ),
        ),
      );
      dirs.push(dir);
      const running = await demoOrg(dir);
      try {
        const { code, out } = await doctor(running);
        expect(code).toBe(1);
        expect(out).toContain(
          'problem: Change Data Capture does not send OpportunityChangeEvent, so the sidecar polls Opportunity instead of following it: Setup › Integrations › Change Data Capture › select Opportunity (or deploy the package (sf project deploy start --source-dir force-app --target-org <alias>))',
        );
        expect(out.filter((line) => line.startsWith('problem:'))).toHaveLength(1);
      } finally {
        await running.close();
      }
    });

    const ACCOUNTS_MEMBER =
      'platformEventChannelMembers/Stance_Accounts_chn_AccountChangeEvent.platformEventChannelMember-meta.xml';

    it('reports the filtered Account channel missing its member, and a member with another filter', async () => {
      const without = packageCopy((copy) => rmSync(join(copy, ACCOUNTS_MEMBER)));
      const refiltered = packageCopy((copy) => {
        const file = join(copy, ACCOUNTS_MEMBER);
        writeFileSync(file, readFileSync(file, 'utf8').replace('!=', '='));
      });
      dirs.push(without, refiltered);
      for (const [dir, expected] of [
        [
          without,
          'problem: The channel Stance_Accounts__chn does not carry AccountChangeEvent (member Stance_Accounts_chn_AccountChangeEvent missing), so the sidecar follows /data/AccountChangeEvent instead and every account it writes comes back to it as a change event delivery: deploy the package (sf project deploy start --source-dir force-app --target-org <alias>)',
        ],
        [
          refiltered,
          "problem: The channel member Stance_Accounts_chn_AccountChangeEvent filters with ChangeEventHeader.changeOrigin = 'com/salesforce/api/rest/62.0;client=stance-sidecar' instead of ChangeEventHeader.changeOrigin != 'com/salesforce/api/rest/62.0;client=stance-sidecar', so the sidecar may miss people's changes or hear its own: deploy the package (sf project deploy start --source-dir force-app --target-org <alias>)",
        ],
      ] as const) {
        const running = await demoOrg(dir);
        try {
          const { code, out } = await doctor(running);
          expect(code).toBe(1);
          expect(out.filter((line) => line.startsWith('problem:'))).toEqual([expected]);
        } finally {
          await running.close();
        }
      }
    });

    it('reports a field whose history is not tracked', async () => {
      const dir = packageCopy((copy) => {
        const file = join(copy, 'objects/Account/fields/Stance__c.field-meta.xml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace('<trackHistory>true</trackHistory>', '<trackHistory>false</trackHistory>'),
        );
      });
      dirs.push(dir);
      const running = await demoOrg(dir);
      try {
        const { code, out } = await doctor(running);
        expect(code).toBe(1);
        expect(out).toContain(
          'problem: Account.Stance__c history is not tracked, so stance changes leave no field history: Setup › Object Manager › Account › Fields & Relationships › Set History Tracking › Enable Account History and tick Stance__c',
        );
      } finally {
        await running.close();
      }
    });
    const INTEGRATION_SET = 'permissionsets/Stance_Integration.permissionset-meta.xml';
    const DEPLOY_AGAIN =
      'or deploy the package again (sf project deploy start --source-dir force-app --target-org <alias>)';

    it('reports the integration user without View All on Case, Modify All on snapshots, or edit on an Account field it writes', async () => {
      const dir = packageCopy((copy) => {
        const file = join(copy, INTEGRATION_SET);
        const xml = readFileSync(file, 'utf8')
          .replace(/(<object>Case<\/object>\s*<viewAllRecords>)true/, '$1false')
          .replace(
            /<modifyAllRecords>true<\/modifyAllRecords>(\s*<object>Stance_Portfolio_Snapshot__c<\/object>)/,
            '<modifyAllRecords>false</modifyAllRecords>$1',
          )
          .replace(
            /<editable>true<\/editable>(\s*<field>Account\.Stance_Open_Deals__c<\/field>)/,
            '<editable>false</editable>$1',
          );
        writeFileSync(file, xml);
      });
      dirs.push(dir);
      const running = await demoOrg(dir);
      try {
        const { code, out } = await doctor(running);
        expect(out.filter((line) => line.startsWith('problem:'))).toEqual([
          `problem: ${INTEGRATION} may not view all Case, so the open and recent cases of accounts it cannot see count as none and their effort off-strategy goes unseen: Setup › Users › Permission Sets › Stance Integration › Object Settings › Cases › Edit › Read and View All (${DEPLOY_AGAIN})`,
          `problem: ${INTEGRATION} may not modify all Stance_Portfolio_Snapshot__c, so it cannot write each owner's daily snapshot (Modify All lets it set OwnerId to the owner counted): Setup › Users › Permission Sets › Stance Integration › Object Settings › Stance Portfolio Snapshots › Edit › Read, Create, Edit, Modify All (${DEPLOY_AGAIN})`,
          `problem: ${INTEGRATION} may not edit Account.Stance_Open_Deals__c, so its write-back of effort, plan steps and competitors is refused: Setup › Users › Permission Sets › Stance Integration › Object Settings › Accounts › Edit › Read Access and Edit Access on each (${DEPLOY_AGAIN})`,
        ]);
        expect(code).toBe(1);
      } finally {
        await running.close();
      }
    });

    it('reports Case not selected for Change Data Capture, and a competitor missing from the global value set', async () => {
      const dir = packageCopy((copy) => {
        rmSync(
          join(copy, 'platformEventChannelMembers/ChangeEvents_CaseChangeEvent.platformEventChannelMember-meta.xml'),
        );
        const file = join(copy, 'globalValueSets/Stance_Competitors.globalValueSet-meta.xml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace(/<customValue>\s*<fullName>Other<\/fullName>[\s\S]*?<\/customValue>/, ''),
        );
      });
      dirs.push(dir);
      const running = await demoOrg(dir);
      try {
        const { code, out } = await doctor(running);
        expect(out.filter((line) => line.startsWith('problem:'))).toEqual([
          'problem: Change Data Capture does not send CaseChangeEvent, so the sidecar polls Case instead of following it: Setup › Integrations › Change Data Capture › select Case (or deploy the package (sf project deploy start --source-dir force-app --target-org <alias>))',
          'problem: The global value set Stance_Competitors lacks Other, so Stance_Signal__c.Competitor__c cannot name them: Setup › Picklist Value Sets › Stance_Competitors (or deploy the package (sf project deploy start --source-dir force-app --target-org <alias>))',
        ]);
        expect(code).toBe(1);
      } finally {
        await running.close();
      }
    });
  });
});
