/**
 * The demo's Stance admin, Sofia Marin (Sales Operations), as the seeded local org has her: a
 * person with the Standard User profile in her own branch under Executive, holding Stance_User,
 * Stance_Admin and Stance_Rules_Author, in the preview's person menu; and the rule history the
 * console writes as her: she creates a change and can neither edit nor delete it, and neither a
 * rep nor the integration user reads it; and she signs in through the console's External Client
 * App (authorization code with PKCE, the label's default address) at once. Through unmodified
 * jsforce as each person.
 */
import { Connection, OAuth2 } from 'jsforce';
import { DEFAULTS } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import type { RunningOrg } from '../../local-org/server';
import { OrgSessions } from '../../preview/sessions';
import { signIn } from '../../testing/signIn';
import { DEMO_ROLES, USERS } from '../firm';

jest.setTimeout(60_000);

type Failure = { errorCode?: string; message?: string };
const failureOf = (promise: PromiseLike<unknown>): Promise<Failure> =>
  Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: Failure) => error,
  );

describe('the demo firm names its Stance admin', () => {
  it('Sofia Marin in Sales Operations, a branch of its own under Executive, with the console and the rules', () => {
    const sofia = USERS.find((user) => user.key === 'sofia');
    expect(sofia).toEqual({
      key: 'sofia',
      firstName: 'Sofia',
      lastName: 'Marin',
      department: 'Sales Operations',
      permissionSets: ['Stance_User', 'Stance_Admin', 'Stance_Rules_Author'],
      role: 'Sales_Operations',
    });
    expect(DEMO_ROLES.find((role) => role.developerName === 'Sales_Operations')).toEqual({
      developerName: 'Sales_Operations',
      name: 'Sales Operations',
      parent: 'Executive',
    });
    // The only person who may change the rules: the reps, the manager and support may not.
    expect(USERS.filter((user) => user.permissionSets.includes('Stance_Rules_Author')).map((u) => u.key)).toEqual([
      'sofia',
    ]);
  });
});

describe('the demo admin in the seeded local org', () => {
  let running: RunningOrg;
  let admin: Connection;
  let sofia: Connection;
  let dana: Connection;
  let integration: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    sofia = await signIn(running, 'sofia@stance.local');
    dana = await signIn(running, 'dana@stance.local');
    integration = await signIn(running);
  });

  afterAll(() => running.close());

  it('is a person with her role, the Standard User profile and the three permission sets', async () => {
    const [user] = (
      await admin.query<{
        Id: string;
        Name: string;
        Department: string;
        Profile: { Name: string };
        UserRole: { Name: string; DeveloperName: string; ParentRoleId: string };
      }>(
        "SELECT Id, Name, Department, Profile.Name, UserRole.Name, UserRole.DeveloperName, UserRole.ParentRoleId FROM User WHERE Username = 'sofia@stance.local'",
      )
    ).records;
    expect(user).toMatchObject({
      Name: 'Sofia Marin',
      Department: 'Sales Operations',
      Profile: { Name: 'Standard User' },
      UserRole: { Name: 'Sales Operations', DeveloperName: 'Sales_Operations' },
    });
    const [executive] = (await admin.query<{ Id: string }>("SELECT Id FROM UserRole WHERE DeveloperName = 'Executive'"))
      .records;
    expect(user!.UserRole.ParentRoleId).toBe(executive!.Id);
    const held = await admin.query<{ PermissionSet: { Name: string } }>(
      `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${user!.Id}'`,
    );
    expect(held.records.map((row) => row.PermissionSet.Name).sort()).toEqual([
      'Stance_Admin',
      'Stance_Rules_Author',
      'Stance_User',
    ]);
  });

  it("is in the preview's person menu, beside the others and never the org's system users", async () => {
    const sessions = new OrgSessions({
      orgUrl: running.url,
      clientId: DEFAULTS.clientId,
      clientSecret: DEFAULTS.clientSecret,
      password: DEFAULTS.password,
      apiVersion: '62.0',
    });
    const people = await sessions.directory();
    expect(people.find((person) => person.key === 'sofia')).toMatchObject({
      username: 'sofia@stance.local',
      name: 'Sofia Marin',
      department: 'Sales Operations',
    });
    expect(people.map((person) => person.key).sort()).toEqual(USERS.map((user) => user.key).sort());
  });

  it('creates a rule change with her own access, and can neither edit nor delete it: the history is append-only', async () => {
    const created = (await sofia.sobject('Stance_Rule_Change__c').create({
      Reason__c: 'Italy is no longer a target market.',
      Kind__c: 'Activation',
      Fingerprint__c: 'a'.repeat(64),
      Diff__c: JSON.stringify({ added: [], removed: [], changed: [] }),
      Rule_Set__c: JSON.stringify({ strategies: [], rules: [], triggers: [] }),
    })) as { id: string; success: boolean };
    expect(created.success).toBe(true);
    const rollback = (await sofia.sobject('Stance_Rule_Change__c').create({
      Reason__c: 'Back to the rules before.',
      Kind__c: 'Rollback',
      Rolled_Back_To__c: created.id,
    })) as { id: string; success: boolean };
    expect(rollback.success).toBe(true);

    const rows = await sofia.query<{ Name: string; Kind__c: string; CreatedBy: { Username: string } }>(
      'SELECT Name, Kind__c, Reason__c, Rolled_Back_To__c, CreatedBy.Username FROM Stance_Rule_Change__c ORDER BY Name',
    );
    expect(rows.records.map((row) => [row.Name, row.Kind__c, row.CreatedBy.Username])).toEqual([
      ['RC-00001', 'Activation', 'sofia@stance.local'],
      ['RC-00002', 'Rollback', 'sofia@stance.local'],
    ]);
    expect(
      await failureOf(sofia.sobject('Stance_Rule_Change__c').update({ Id: created.id, Reason__c: 'Rewritten' })),
    ).toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
    expect(await failureOf(sofia.sobject('Stance_Rule_Change__c').destroy(created.id))).toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
    });
    expect(
      await failureOf(sofia.sobject('Stance_Rule_Change__c').create({ Kind__c: 'Undo', Reason__c: 'Not a kind' })),
    ).toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
  });

  it("signs in through the console's built-in External Client App at the shipped console address, and acts as herself", async () => {
    const oauth2 = new OAuth2({
      loginUrl: running.url,
      clientId: 'stance-console',
      // Stance_Console_URL's shipped value, http://localhost:7200/console/, with the console's callback path.
      redirectUri: 'http://localhost:7200/console/oauth/callback',
      useVerifier: true,
    });
    const page = await fetch(
      oauth2.getAuthorizationUrl({ state: 's1', code_challenge_method: 'S256', scope: 'api refresh_token' }),
    );
    expect(page.status).toBe(200);
    const hidden = Object.fromEntries(
      [...(await page.text()).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
        ([, name, value]) => [name!, value!.replace(/&amp;/g, '&')],
      ),
    );
    const answer = await fetch(`${running.url}/services/oauth2/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ ...hidden, username: 'sofia@stance.local', password: DEFAULTS.password }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe('http://localhost:7200/console/oauth/callback');
    expect(back.searchParams.get('state')).toBe('s1');
    const token = await oauth2.requestToken(back.searchParams.get('code')!);
    const asHer = new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: '62.0' });
    const identity = await fetch(token.id, { headers: { Authorization: `Bearer ${token.access_token}` } });
    expect(((await identity.json()) as { username: string }).username).toBe('sofia@stance.local');
    await asHer.query('SELECT Id FROM Stance_Rule_Change__c');
  });

  it('is read by neither a rep nor the integration user', async () => {
    for (const [who, conn] of [
      ['dana', dana],
      ['integration', integration],
    ] as const) {
      const refused = await failureOf(conn.query('SELECT Id FROM Stance_Rule_Change__c'));
      expect({ who, errorCode: refused.errorCode }).toEqual({ who, errorCode: 'INVALID_TYPE' });
    }
  });
});
