/** The demo firm's users sign in with the OAuth password grant, and act as themselves. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { USERS } from '../../demo-data/firm';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { signIn } from '../../testing/signIn';

jest.setTimeout(60_000);

const VERSION = '62.0';

async function passwordGrant(running: RunningOrg, username: string, password: string) {
  const response = await fetch(`${running.url}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: DEFAULTS.clientId,
      client_secret: DEFAULTS.clientSecret,
      username,
      password,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('demo users', () => {
  let running: RunningOrg;
  let admin: Connection;
  const userIds = new Map<string, string>();

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    const users = await admin.query<{ Id: string; Username: string }>(
      "SELECT Id, Username FROM User WHERE Username LIKE '%@stance.local'",
    );
    for (const user of users.records) userIds.set(user.Username, user.Id);
  });

  afterAll(() => running.close());

  it('sign in with the password grant as <key>@stance.local and the org password', async () => {
    for (const user of USERS) {
      const username = `${user.key}@stance.local`;
      const granted = await passwordGrant(running, username, DEFAULTS.password);
      expect(granted.status).toBe(200);
      expect(granted.body).toMatchObject({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        instance_url: running.url,
      });
      expect(granted.body.id).toBe(`${running.url}/id/${running.org.orgId}/${userIds.get(username)}`);
    }
  });

  it('answers userinfo and the identity URL for them', async () => {
    const granted = await passwordGrant(running, 'dana@stance.local', DEFAULTS.password);
    const headers = { Authorization: `Bearer ${granted.body.access_token}` };
    const userinfo = (await (await fetch(`${running.url}/services/oauth2/userinfo`, { headers })).json()) as Record<
      string,
      unknown
    >;
    expect(userinfo).toMatchObject({
      user_id: userIds.get('dana@stance.local'),
      username: 'dana@stance.local',
      name: 'Dana Reyes',
      email: 'dana@stance.local',
      organization_id: running.org.orgId,
    });
    const identity = await fetch(granted.body.id!, { headers });
    expect(identity.status).toBe(200);
    expect(await identity.json()).toEqual(userinfo);

    const dana = await signIn(running, 'dana@stance.local');
    expect((await dana.identity()).username).toBe('dana@stance.local');
    // jsforce's login answers the same user; usernames compare without regard to case.
    const upper = await signIn(running, 'DANA@stance.local');
    expect(upper.userInfo?.id).toBe(userIds.get('dana@stance.local'));
  });

  it('refuses a wrong password, an unknown user, the integration user and a deactivated one', async () => {
    const refused = { status: 400, body: { error: 'invalid_grant', error_description: 'authentication failure' } };
    expect(await passwordGrant(running, 'dana@stance.local', 'not-the-password')).toEqual(refused);
    expect(await passwordGrant(running, 'nobody@stance.local', DEFAULTS.password)).toEqual(refused);
    expect(await passwordGrant(running, 'integration@stance.local', DEFAULTS.password)).toEqual(refused);

    const ivy = await passwordGrant(running, 'ivy@stance.local', DEFAULTS.password);
    await admin.sobject('User').update({ Id: userIds.get('ivy@stance.local')!, IsActive: false });
    expect(await passwordGrant(running, 'ivy@stance.local', DEFAULTS.password)).toEqual(refused);
    // Deactivating a user ends the user's sessions too.
    const userinfo = await fetch(`${running.url}/services/oauth2/userinfo`, {
      headers: { Authorization: `Bearer ${ivy.body.access_token}` },
    });
    expect(userinfo.status).toBe(401);
  });

  it('a record created through the UI API by sam is created and owned by sam', async () => {
    const sam = await signIn(running, 'sam@stance.local');
    const created = await sam.request<{ id: string; fields: Record<string, { value: unknown }> }>({
      method: 'POST',
      url: `/services/data/v${VERSION}/ui-api/records`,
      body: JSON.stringify({ apiName: 'Account', fields: { Name: 'Sam’s new account', Industry: 'Bakery' } }),
      headers: { 'Content-Type': 'application/json' },
    });
    const [record] = (
      await admin.query<{
        CreatedById: string;
        OwnerId: string;
        LastModifiedById: string;
        CreatedBy: { Username: string };
      }>(`SELECT CreatedById, OwnerId, LastModifiedById, CreatedBy.Username FROM Account WHERE Id = '${created.id}'`)
    ).records;
    const samId = userIds.get('sam@stance.local');
    expect(record).toMatchObject({
      CreatedById: samId,
      OwnerId: samId,
      LastModifiedById: samId,
      CreatedBy: { Username: 'sam@stance.local' },
    });

    const signal = await sam.request<{ id: string }>({
      method: 'POST',
      url: `/services/data/v${VERSION}/ui-api/records`,
      body: JSON.stringify({
        apiName: 'Stance_Signal__c',
        fields: {
          Account__c: created.id,
          Trigger__c: 'SERVICE_DISSATISFACTION',
          Status__c: 'New',
          Source__c: 'Customer Support',
        },
      }),
      headers: { 'Content-Type': 'application/json' },
    });
    const [signalRecord] = (
      await admin.query<{ CreatedById: string }>(`SELECT CreatedById FROM Stance_Signal__c WHERE Id = '${signal.id}'`)
    ).records;
    expect(signalRecord!.CreatedById).toBe(samId);
  });
});

describe('demo users in a file database', () => {
  it('still sign in when the org reopens the file and the seed does not run again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-users-'));
    const db = join(dir, 'org.db');
    try {
      const first = await startLocalOrg({ seed: 'demo', db });
      const before = await passwordGrant(first, 'max@stance.local', DEFAULTS.password);
      await first.close();
      const second = await startLocalOrg({ seed: 'demo', db });
      try {
        const after = await passwordGrant(second, 'max@stance.local', DEFAULTS.password);
        expect(after.status).toBe(200);
        expect(after.body.id!.split('/').pop()).toBe(before.body.id!.split('/').pop());
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
