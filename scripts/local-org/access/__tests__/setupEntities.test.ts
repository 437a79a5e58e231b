/**
 * Custom permissions and who holds them, as the console asks (issue 14): CustomPermission rows from
 * force-app's customPermissions/, SetupEntityAccess rows from permission sets' <customPermissions>,
 * and the contract's query (two semi-joins at one level) with the user's own token. Setup objects
 * need View Setup and Configuration: without it the query is refused as Salesforce refuses an
 * object the user may not see (INVALID_TYPE).
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { assignPermissionSet } from '../setup';

jest.setTimeout(60_000);

const CONSOLE_QUERY = (userId: string) =>
  `SELECT Id FROM SetupEntityAccess WHERE SetupEntityType = 'CustomPermission' AND SetupEntityId IN (SELECT Id FROM CustomPermission WHERE DeveloperName = 'Stance_Console') AND ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${userId}')`;

type Failure = { errorCode?: string; message?: string };
const failureOf = (promise: PromiseLike<unknown>): Promise<Failure> =>
  Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: Failure) => error,
  );

describe('custom permissions and the console query, as real users', () => {
  let running: RunningOrg;
  let admin: Connection;
  let author: Connection;
  let dana: Connection;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    for (const row of running.org.store.db
      .prepare(
        `SELECT "Id", "Username" FROM "o_User" WHERE "Username" IN ('max@stance.local', 'dana@stance.local', 'sofia@stance.local')`,
      )
      .all() as Array<{ Id: string; Username: string }>)
      ids[row.Username.split('@')[0]!] = row.Id;
    assignPermissionSet(
      running.org.store,
      ids.max!,
      'Stance_Rules_Author',
      running.org.context(running.org.adminUserId),
    );
    admin = await signIn(running, DEFAULTS.username);
    author = await signIn(running, 'max@stance.local');
    dana = await signIn(running, 'dana@stance.local');
  });

  afterAll(() => running.close());

  it('answers CustomPermission from force-app and SetupEntityAccess from the permission sets', async () => {
    const permissions = await admin.query<{ Id: string; DeveloperName: string; MasterLabel: string }>(
      'SELECT Id, DeveloperName, MasterLabel FROM CustomPermission',
    );
    expect(
      permissions.records.map(({ DeveloperName, MasterLabel }) => ({ DeveloperName, MasterLabel })),
    ).toContainEqual({
      DeveloperName: 'Stance_Console',
      MasterLabel: 'Use the Stance console',
    });
    const consoleId = permissions.records.find((record) => record.DeveloperName === 'Stance_Console')!.Id;
    const access = await admin.query<{ Parent: { Name: string }; SetupEntityId: string; SetupEntityType: string }>(
      `SELECT Parent.Name, SetupEntityId, SetupEntityType FROM SetupEntityAccess WHERE SetupEntityId = '${consoleId}'`,
    );
    expect(
      access.records.map(({ Parent, SetupEntityId, SetupEntityType }) => [Parent.Name, SetupEntityId, SetupEntityType]),
    ).toEqual([['Stance_Admin', permissions.records[0]!.Id, 'CustomPermission']]);
  });

  it("answers the console's permission query with each user's own token: who holds Stance_Admin gets a row", async () => {
    expect((await admin.query(CONSOLE_QUERY(running.org.adminUserId))).totalSize).toBe(1);
    const sofia = await signIn(running, 'sofia@stance.local');
    expect((await sofia.query(CONSOLE_QUERY(ids.sofia!))).totalSize).toBe(1);
    // View Setup (Stance_Rules_Author) without Stance_Admin: the query runs and answers nothing.
    expect((await author.query(CONSOLE_QUERY(ids.max!))).totalSize).toBe(0);
    // Asking about someone else answers for them, as in Salesforce: the console asks about its user only.
    expect((await author.query(CONSOLE_QUERY(running.org.adminUserId))).totalSize).toBe(1);
  });

  it('refuses the setup objects, also inside a semi-join, to a user without View Setup and Configuration', async () => {
    expect(await failureOf(dana.query(CONSOLE_QUERY(ids.dana!)))).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'SetupEntityAccess' is not supported"),
    });
    for (const type of ['CustomPermission', 'PermissionSetAssignment']) {
      expect(await failureOf(dana.query(`SELECT Id FROM ${type}`))).toMatchObject({ errorCode: 'INVALID_TYPE' });
      expect(
        await failureOf(
          dana.query(
            `SELECT Id FROM User WHERE Id IN (SELECT ${type === 'CustomPermission' ? 'Id' : 'AssigneeId'} FROM ${type})`,
          ),
        ),
      ).toMatchObject({
        errorCode: 'INVALID_TYPE',
        message: expect.stringContaining(`sObject type '${type}' is not supported`),
      });
    }
  });

  it('filters a semi-join by its own WHERE, one level deep as Salesforce', async () => {
    expect(
      await failureOf(
        admin.query(
          'SELECT Id FROM Account WHERE OwnerId IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId IN (SELECT ParentId FROM SetupEntityAccess))',
        ),
      ),
    ).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringContaining('Nesting of semi join sub-selects'),
    });
    const owned = await admin.query("SELECT Id FROM Account WHERE Owner.Username = 'dana@stance.local'");
    const joined = await admin.query(
      "SELECT Id FROM Account WHERE OwnerId IN (SELECT Id FROM User WHERE Username = 'dana@stance.local')",
    );
    expect(owned.totalSize).toBeGreaterThan(0);
    expect(joined.totalSize).toBe(owned.totalSize);
  });
});
