/** Custom notifications sent to the package's public group reach its active members, through jsforce. */
import type { Connection } from 'jsforce';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { signIn } from '../../../testing/signIn';

const VERSION = '62.0';

describe('custom notifications to a group', () => {
  let running: RunningOrg;
  let conn: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    // Client credentials: the integration user, who holds no setup rights.
    conn = await signIn(running);
  });

  afterAll(() => running.close());

  it("knows the package's groups, the org's admin a member, and delivers to the active members", async () => {
    const groups = await conn.query<{ Id: string; Name: string; Type: string }>(
      `SELECT Id, Name, Type FROM Group WHERE DeveloperName = 'Stance_Admins'`,
    );
    expect(groups.records).toEqual([expect.objectContaining({ Name: 'Stance Admins', Type: 'Regular' })]);
    const groupId = groups.records[0]!.Id;
    expect(groupId).toMatch(/^00G/);
    const members = await conn.query<{ UserOrGroupId: string }>(
      `SELECT UserOrGroupId FROM GroupMember WHERE GroupId = '${groupId}'`,
    );
    expect(members.records.map((member) => member.UserOrGroupId)).toEqual([running.org.adminUserId]);

    // Membership is data: add a demo user, and an inactive one, who is not reached.
    const users = await conn.query<{ Id: string; Username: string }>(
      `SELECT Id, Username FROM User WHERE Username IN ('sam@stance.local', 'max@stance.local')`,
    );
    const sam = users.records.find((user) => user.Username === 'sam@stance.local')!.Id;
    const max = users.records.find((user) => user.Username === 'max@stance.local')!.Id;
    for (const user of [sam, max])
      running.org.store.insertRaw(
        'GroupMember',
        { GroupId: groupId, UserOrGroupId: user },
        running.org.context(running.org.adminUserId),
      );
    running.org.store.db.prepare(`UPDATE "o_User" SET "IsActive" = 0 WHERE "Id" = ?`).run(max);

    const [type] = (
      await conn.query<{ Id: string }>(`SELECT Id FROM CustomNotificationType WHERE DeveloperName = 'Stance_Update'`)
    ).records;
    const answer = await conn.requestPost<Array<{ isSuccess: boolean }>>(
      `/services/data/v${VERSION}/actions/standard/customNotificationAction`,
      {
        inputs: [
          {
            customNotifTypeId: type!.Id,
            recipientIds: [groupId],
            title: 'Rules refused',
            body: 'the previous rules stay in force',
            targetPageRef: '{"type":"standard__namedPage","attributes":{"pageName":"home"}}',
          },
        ],
      },
    );
    expect(answer).toEqual([expect.objectContaining({ isSuccess: true })]);
    expect(running.org.notifications.at(-1)).toMatchObject({ recipientIds: [groupId] });
    expect([...running.org.notifications.at(-1)!.deliveredTo].sort()).toEqual([running.org.adminUserId, sam].sort());
  });

  it('refuses a sender without the Send Custom Notifications permission, and sends nothing', async () => {
    const dana = await signIn(running, 'dana@stance.local');
    const [type] = (
      await conn.query<{ Id: string }>(`SELECT Id FROM CustomNotificationType WHERE DeveloperName = 'Stance_Update'`)
    ).records;
    const sent = running.org.notifications.length;
    const answer = await dana.requestPost<Array<{ isSuccess: boolean; errors: Array<{ statusCode: string }> }>>(
      `/services/data/v${VERSION}/actions/standard/customNotificationAction`,
      {
        inputs: [
          {
            customNotifTypeId: type!.Id,
            recipientIds: [running.org.adminUserId],
            title: 'Hello',
            body: 'from a rep',
            targetPageRef: '{"type":"standard__namedPage","attributes":{"pageName":"home"}}',
          },
        ],
      },
    );
    expect(answer).toEqual([
      expect.objectContaining({
        isSuccess: false,
        errors: [expect.objectContaining({ statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY' })],
      }),
    ]);
    expect(running.org.notifications).toHaveLength(sent);
  });
});
