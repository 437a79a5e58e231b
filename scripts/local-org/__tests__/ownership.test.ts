/**
 * Giving a record to another owner, through unmodified jsforce as the demo people: the owner and
 * those above her transfer, a user who may only edit (the integration user on accounts) does not,
 * Modify All (the integration user on snapshots) transfers anything; the new owner must be active
 * and able to read the object (TRANSFER_REQUIRES_READ). The sidecar's snapshot write, an sObject
 * Collections upsert by external id inside /composite, answers created/updated per record.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../testing/signIn';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

jest.setTimeout(60_000);

type SaveResult = {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string }>;
};

describe('changing owners', () => {
  let running: RunningOrg;
  let admin: Connection;
  let integration: Connection;
  let dana: Connection;
  let max: Connection;
  const ids = { dana: '', nina: '', max: '', sam: '', ivy: '' };

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    integration = await signIn(running);
    dana = await signIn(running, 'dana@stance.local');
    max = await signIn(running, 'max@stance.local');
    for (const name of ['dana', 'nina', 'max', 'sam', 'ivy'] as const)
      ids[name] = (
        await admin.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = '${name}@stance.local'`)
      ).records[0]!.Id;
  });

  afterAll(() => running.close());

  const danaAccount = async () =>
    (await admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE OwnerId = '${ids.dana}' LIMIT 1`)).records[0]!.Id;

  it('lets the owner and the managers above her transfer, and refuses a user who may only edit', async () => {
    const account = await danaAccount();
    // The integration user edits every account (the Stance_Integration_Edit rule) but owns none of them.
    await integration.sobject('Account').update({ Id: account, Stance_Open_Deals__c: 2 });
    await expect(integration.sobject('Account').update({ Id: account, OwnerId: ids.nina })).rejects.toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
    });
    await max.sobject('Account').update({ Id: account, OwnerId: ids.nina });
    expect(await admin.sobject('Account').retrieve(account)).toMatchObject({ OwnerId: ids.nina });
    const own = (await admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE OwnerId = '${ids.dana}' LIMIT 1`))
      .records[0]!.Id;
    await dana.sobject('Account').update({ Id: own, OwnerId: ids.max });
    expect(await admin.sobject('Account').retrieve(own)).toMatchObject({ OwnerId: ids.max });
  });

  it('upserts snapshots by external id inside /composite for their owners, refusing an owner who cannot read them', async () => {
    // Sam loses Stance_User, so he reads no snapshot; Ivy leaves the firm.
    const assignment = await admin.query<{ Id: string }>(
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${ids.sam}' AND PermissionSet.Name = 'Stance_User'`,
    );
    await admin.sobject('PermissionSetAssignment').destroy(assignment.records[0]!.Id);
    await admin.sobject('User').update({ Id: ids.ivy, IsActive: false });

    const snapshot = (owner: string, day: string, fire: number) => ({
      attributes: { type: 'Stance_Portfolio_Snapshot__c' },
      Snapshot_Key__c: `${owner}:${day}`,
      Snapshot_Date__c: day,
      OwnerId: owner,
      Fire__c: fire,
    });
    const upsert = (records: object[]) =>
      integration.requestPost<{ compositeResponse: Array<{ httpStatusCode: number; body: SaveResult[] }> }>(
        '/services/data/v62.0/composite',
        {
          allOrNone: false,
          compositeRequest: [
            {
              method: 'PATCH',
              url: '/services/data/v62.0/composite/sobjects/Stance_Portfolio_Snapshot__c/Snapshot_Key__c',
              referenceId: 'snapshots',
              body: { allOrNone: false, records },
            },
          ],
        },
      );
    const first = await upsert([snapshot(ids.dana, '2031-11-29', 1), snapshot(ids.nina, '2031-11-29', 2)]);
    expect(first.compositeResponse[0]!.body.map((result) => [result.success, result.created])).toEqual([
      [true, true],
      [true, true],
    ]);
    const second = await upsert([
      snapshot(ids.dana, '2031-11-29', 3),
      snapshot(ids.sam, '2031-11-29', 0),
      snapshot(ids.ivy, '2031-11-29', 0),
    ]);
    const [updated, unreadable, inactive] = second.compositeResponse[0]!.body;
    expect(updated).toMatchObject({ success: true, created: false, id: first.compositeResponse[0]!.body[0]!.id });
    expect(unreadable).toMatchObject({
      success: false,
      errors: [{ statusCode: 'TRANSFER_REQUIRES_READ', message: 'The new owner must have read permission' }],
    });
    expect(inactive).toMatchObject({ success: false, errors: [{ statusCode: 'INACTIVE_OWNER_OR_USER' }] });

    const stored = await admin.query<{ OwnerId: string; Fire__c: number }>(
      'SELECT OwnerId, Fire__c FROM Stance_Portfolio_Snapshot__c WHERE Snapshot_Date__c = 2031-11-29 ORDER BY Fire__c',
    );
    expect(stored.records.map((row) => [row.OwnerId, row.Fire__c])).toEqual([
      [ids.nina, 2],
      [ids.dana, 3],
    ]);
    // Dana reads her own snapshot; the record is hers, not the integration user's.
    const hers = await dana.query<{ Id: string }>(
      'SELECT Id FROM Stance_Portfolio_Snapshot__c WHERE Snapshot_Date__c = 2031-11-29',
    );
    expect(hers.records.map((row) => row.Id)).toEqual([updated!.id]);
  });
});
