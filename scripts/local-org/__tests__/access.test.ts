/**
 * Who may do what, as real users through unmodified jsforce: profiles ∪ permission sets give
 * object permissions and field-level security, and the local org refuses the rest with
 * Salesforce's errors, on single records, collections, /composite, query and queryAll.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../testing/signIn';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

jest.setTimeout(60_000);

const VERSION = '62.0';

type Failure = { errorCode?: string; message?: string; fields?: string[] };

function failureOf(promise: PromiseLike<unknown>): Promise<Failure> {
  return Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: Failure) => error,
  );
}

describe('who may do what, as real users', () => {
  let running: RunningOrg;
  let admin: Connection;
  let dana: Connection;
  let max: Connection;
  let integration: Connection;
  let danaAccount: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    dana = await signIn(running, 'dana@stance.local');
    max = await signIn(running, 'max@stance.local');
    integration = await signIn(running);
    const owned = await admin.query<{ Id: string }>(
      "SELECT Id FROM Account WHERE Owner.Username = 'dana@stance.local' ORDER BY Name LIMIT 1",
    );
    danaAccount = owned.records[0]!.Id;
  });

  afterAll(() => running.close());

  it('holds the demo people to what docs/deploying.md assigns, and the integration user to Stance_Integration only', async () => {
    const held = await admin.query<{ Assignee: { Username: string }; PermissionSet: { Name: string } }>(
      'SELECT Assignee.Username, PermissionSet.Name FROM PermissionSetAssignment',
    );
    const setsOf = (username: string) =>
      held.records
        .filter((row) => row.Assignee.Username === username)
        .map((row) => row.PermissionSet.Name)
        .sort();
    expect(setsOf('dana@stance.local')).toEqual(['Stance_User']);
    expect(setsOf('sam@stance.local')).toEqual(['Stance_User']);
    expect(setsOf('max@stance.local')).toEqual(['Stance_Manager', 'Stance_User']);
    expect(setsOf(DEFAULTS.username)).toEqual(['Stance_Admin']);
    expect(setsOf('integration@stance.local')).toEqual(['Stance_Integration']);
    const profiles = await admin.query<{ Username: string; Profile: { Name: string } }>(
      "SELECT Username, Profile.Name FROM User WHERE Username IN ('dana@stance.local', 'integration@stance.local', 'admin@stance.local')",
    );
    expect(Object.fromEntries(profiles.records.map((row) => [row.Username, row.Profile.Name]))).toEqual({
      'admin@stance.local': 'System Administrator',
      'dana@stance.local': 'Standard User',
      'integration@stance.local': 'Minimum Access - API Only Integrations',
    });
  });

  it('refuses a rep writing the stance, on a record, in a collection and in /composite', async () => {
    const single = await failureOf(dana.sobject('Account').update({ Id: danaAccount, Stance__c: 'Fire' }));
    expect(single).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: expect.stringContaining('Unable to create/update fields: Stance__c.'),
    });
    const collection = (await dana.sobject('Account').update([{ Id: danaAccount, Stance__c: 'Fire' }])) as Array<{
      success: boolean;
      errors: Array<{ statusCode: string; fields: string[] }>;
    }>;
    expect(collection[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Stance__c'] }],
    });
    const composite = (await dana.request({
      method: 'POST',
      url: `/services/data/v${VERSION}/composite`,
      body: JSON.stringify({
        allOrNone: false,
        compositeRequest: [
          {
            method: 'PATCH',
            url: `/services/data/v${VERSION}/sobjects/Account/${danaAccount}`,
            referenceId: 'stance',
            body: { Stance__c: 'Fire' },
          },
        ],
      }),
      headers: { 'Content-Type': 'application/json' },
    })) as { compositeResponse: Array<{ httpStatusCode: number; body: Array<{ errorCode: string }> }> };
    expect(composite.compositeResponse[0]).toMatchObject({
      httpStatusCode: 400,
      body: [{ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' }],
    });
    // The account's own fields, which the Standard User profile grants, stay writable to her.
    await dana.sobject('Account').update({ Id: danaAccount, Rating: 'Warm' });
    const after = await admin.sobject('Account').retrieve(danaAccount);
    expect(after).toMatchObject({ Rating: 'Warm' });
    expect(after.Stance__c).not.toBe('Fire');
  });

  it('lets a rep report a signal, and refuses what Stance_User does not grant', async () => {
    const created = (await dana.sobject('Stance_Signal__c').create({
      Account__c: danaAccount,
      Trigger__c: 'COMPETITOR_APPROACH',
      Status__c: 'New',
      Source__c: 'Sales',
      Detail__c: 'A competitor visited the plant.',
    })) as { id: string; success: boolean };
    expect(created.success).toBe(true);
    expect(await failureOf(dana.sobject('Stance_Signal__c').destroy(created.id))).toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
    });
    expect(
      await failureOf(
        dana.sobject('Stance_Signal__c').create({
          Account__c: danaAccount,
          Trigger__c: 'COMPETITOR_APPROACH',
          Status__c: 'New',
          Detection_Key__c: 'forged',
        }),
      ),
    ).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: expect.stringContaining('Unable to create/update fields: Detection_Key__c.'),
    });
    expect(
      await failureOf(
        dana.sobject('Stance_Change__c').create({ Account__c: danaAccount, To__c: 'Fire', Change_Key__c: 'x' }),
      ),
    ).toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
  });

  it('refuses in SOQL a field the user cannot read, as Salesforce does, and a type they cannot read', async () => {
    const refused = await failureOf(dana.query('SELECT Id, Detection_Key__c FROM Stance_Signal__c'));
    expect(refused).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Detection_Key__c' on entity 'Stance_Signal__c'"),
    });
    expect(
      await failureOf(dana.query('SELECT Id FROM Stance_Signal__c WHERE Detection_Key__c != null', { scanAll: true })),
    ).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await failureOf(integration.query('SELECT Id, Website FROM Account'))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Website' on entity 'Account'"),
    });
    // Reading a record without naming fields leaves out those the user cannot read; naming one is refused.
    const record = await integration.sobject('Account').retrieve(danaAccount);
    expect(record).toHaveProperty('Stance__c');
    expect(record).not.toHaveProperty('Website');
    expect(
      await failureOf(
        integration.request(`/services/data/v${VERSION}/sobjects/Account/${danaAccount}?fields=Name,Website`),
      ),
    ).toMatchObject({ errorCode: 'INVALID_FIELD' });
    // The admin reads what the others may not.
    await admin.query('SELECT Id, Detection_Key__c FROM Stance_Signal__c');
    await admin.query('SELECT Id, Website FROM Account');
  });

  it('lets the integration user write the stance fields, and nothing it was not given', async () => {
    await integration.sobject('Account').update({
      Id: danaAccount,
      Stance__c: 'Defend',
      Stance_Reason__c: 'A competitor is circling.',
      At_Risk__c: true,
    });
    expect(await admin.sobject('Account').retrieve(danaAccount)).toMatchObject({ Stance__c: 'Defend' });
    expect(
      await failureOf(integration.sobject('Account').update({ Id: danaAccount, Stance_Override__c: 'Attack' })),
    ).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: expect.stringContaining('Unable to create/update fields: Stance_Override__c.'),
    });
    expect(await failureOf(integration.sobject('Account').create({ Name: 'Not ours to create' }))).toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
    });
  });

  it('keeps setup objects from a user without View Setup and Configuration', async () => {
    for (const type of ['PermissionSetAssignment', 'PermissionSet', 'Profile']) {
      expect(await failureOf(integration.query(`SELECT Id FROM ${type}`))).toMatchObject({
        errorCode: 'INVALID_TYPE',
        message: expect.stringContaining(`sObject type '${type}' is not supported`),
      });
      expect(await failureOf(dana.query(`SELECT Id FROM ${type}`))).toMatchObject({ errorCode: 'INVALID_TYPE' });
      expect((await admin.query(`SELECT Id FROM ${type}`)).totalSize).toBeGreaterThan(0);
    }
    expect(await failureOf(integration.sobject('PermissionSet').describe())).toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('lets a manager write the override fields, which a rep may only read', async () => {
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await max.sobject('Account').update({
      Id: danaAccount,
      Stance_Override__c: 'Attack',
      Stance_Override_Reason__c: 'Board decision',
      Stance_Override_Until__c: until,
    });
    expect(await admin.sobject('Account').retrieve(danaAccount)).toMatchObject({ Stance_Override__c: 'Attack' });
    expect(
      await failureOf(dana.sobject('Account').update({ Id: danaAccount, Stance_Override__c: null })),
    ).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    const seen = await dana.query<{ Stance_Override__c: string }>(
      `SELECT Stance_Override__c FROM Account WHERE Id = '${danaAccount}'`,
    );
    expect(seen.records[0]!.Stance_Override__c).toBe('Attack');
  });

  it('takes a user’s rights from profile and permission sets together: without Stance_User, no signals', async () => {
    const rows = await admin.query<{ Id: string }>(
      "SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username = 'sam@stance.local'",
    );
    running.org.store.db.prepare(`DELETE FROM "o_PermissionSetAssignment" WHERE "Id" = ?`).run(rows.records[0]!.Id);
    const sam = await signIn(running, 'sam@stance.local');
    expect(await failureOf(sam.query('SELECT Id FROM Stance_Signal__c'))).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect(await failureOf(sam.query('SELECT Id, Stance__c FROM Account'))).toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
    expect((await sam.query('SELECT Id, Name, Industry FROM Account')).totalSize).toBeGreaterThan(0);
  });
});
