/**
 * User licences and the Salesforce API Integration permission set licence, through unmodified
 * jsforce: the setup objects answer them (to View Setup, not to the integration user), a
 * permission set with object permissions cannot be assigned to a Salesforce Integration user
 * without the permission set licence, and the integration user's set counts only while it holds it.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

jest.setTimeout(60_000);

type Row = Record<string, unknown>;
type Failure = { errorCode?: string; message?: string };

function failureOf(promise: PromiseLike<unknown>): Promise<Failure> {
  return Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: Failure) => error,
  );
}

describe('user licences and the integration permission set licence', () => {
  let running: RunningOrg;
  let admin: Connection;
  let integration: Connection;
  const one = async (soql: string): Promise<Row> => (await admin.query<Row>(soql)).records[0]!;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    integration = await signIn(running);
  });

  afterAll(() => running.close());

  it("answers each profile's user licence and the integration user's permission set licence", async () => {
    const profiles = await admin.query<{ Name: string; UserLicense: { Name: string } }>(
      'SELECT Name, UserLicense.Name FROM Profile ORDER BY Name',
    );
    expect(profiles.records.map((row) => [row.Name, row.UserLicense.Name])).toEqual([
      ['Minimum Access - API Only Integrations', 'Salesforce Integration'],
      ['Standard User', 'Salesforce'],
      ['System Administrator', 'Salesforce'],
    ]);
    const held = await admin.query<{ Assignee: { Username: string }; PermissionSetLicense: Row }>(
      'SELECT Assignee.Username, PermissionSetLicense.DeveloperName, PermissionSetLicense.MasterLabel FROM PermissionSetLicenseAssign',
    );
    expect(held.records.map((row) => [row.Assignee.Username, row.PermissionSetLicense.DeveloperName])).toEqual([
      ['integration@stance.local', 'SalesforceAPIIntegrationPsl'],
    ]);
    expect(held.records[0]!.PermissionSetLicense.MasterLabel).toBe('Salesforce API Integration');
  });

  it('refuses the licences to the integration user, which has no View Setup', async () => {
    for (const object of ['UserLicense', 'PermissionSetLicense', 'PermissionSetLicenseAssign']) {
      const failure = await failureOf(integration.query(`SELECT Id FROM ${object}`));
      expect(failure.errorCode).toBe('INVALID_TYPE');
    }
    // Dana (Standard User, no View Setup) is refused too; the admin reads them.
    const dana = await signIn(running, 'dana@stance.local');
    expect((await failureOf(dana.query('SELECT Id FROM PermissionSetLicense'))).errorCode).toBe('INVALID_TYPE');
    expect((await admin.query('SELECT Id FROM UserLicense')).totalSize).toBe(2);
  });

  it('refuses Stance_Integration to a Salesforce Integration user without the permission set licence, and assigns it with', async () => {
    const profile = await one("SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'");
    const created = await admin.sobject('User').create({
      Username: 'etl@stance.local',
      LastName: 'ETL',
      FirstName: 'Nightly',
      Alias: 'etl',
      Email: 'etl@stance.local',
      ProfileId: profile.Id,
    });
    const userId = (created as { id: string }).id;
    const set = await one("SELECT Id FROM PermissionSet WHERE Name = 'Stance_Integration'");
    const refused = await failureOf(
      admin.sobject('PermissionSetAssignment').create({ AssigneeId: userId, PermissionSetId: set.Id }),
    );
    expect(refused.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(refused.message).toMatch(
      /^Can't assign permission set Stance Integration to user Nightly ETL\. The user license doesn't allow the permission: Read /,
    );
    expect((await admin.query(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`)).totalSize).toBe(
      0,
    );

    const psl = await one("SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'");
    await admin.sobject('PermissionSetLicenseAssign').create({ AssigneeId: userId, PermissionSetLicenseId: psl.Id });
    const assigned = await admin
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: userId, PermissionSetId: set.Id });
    expect((assigned as { success: boolean }).success).toBe(true);
    const account = running.org.schema.object('Account')!;
    expect(running.org.access.rightsOf(userId).object(account).edit).toBe(true);
  });

  it('assigns a set with object permissions to a Salesforce licence user without any permission set licence', async () => {
    const dana = await one("SELECT Id FROM User WHERE Username = 'dana@stance.local'");
    const set = await one("SELECT Id FROM PermissionSet WHERE Name = 'Stance_Manager'");
    const assigned = await admin
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: dana.Id, PermissionSetId: set.Id });
    expect((assigned as { success: boolean }).success).toBe(true);
  });

  it("gives the integration user's set no object rights once its permission set licence is removed", async () => {
    await integration.query('SELECT Id FROM Account LIMIT 1');
    const held = await one(
      "SELECT Id, PermissionSetLicenseId FROM PermissionSetLicenseAssign WHERE Assignee.Username = 'integration@stance.local'",
    );
    await admin.sobject('PermissionSetLicenseAssign').destroy(String(held.Id));
    expect((await failureOf(integration.query('SELECT Id FROM Account LIMIT 1'))).errorCode).toBe('INVALID_TYPE');
    const again = await admin.sobject('PermissionSetLicenseAssign').create({
      AssigneeId: running.org.integrationUserId,
      PermissionSetLicenseId: held.PermissionSetLicenseId,
    });
    expect((again as { success: boolean }).success).toBe(true);
    expect((await integration.query('SELECT Id FROM Account LIMIT 1')).totalSize).toBe(1);
  });

  it('sets an assignment once: AssigneeId is not updateable', async () => {
    const held = await one(
      "SELECT Id FROM PermissionSetLicenseAssign WHERE Assignee.Username = 'integration@stance.local'",
    );
    const dana = await one("SELECT Id FROM User WHERE Username = 'dana@stance.local'");
    const failure = await failureOf(
      admin.sobject('PermissionSetLicenseAssign').update({ Id: String(held.Id), AssigneeId: String(dana.Id) }),
    );
    expect(failure.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });
});
