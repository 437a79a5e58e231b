/**
 * Record-level sharing through unmodified jsforce: under a Private org-wide default a rep sees and
 * edits only her accounts and her manager sees his reps' too; writes to records the user may not
 * edit get Salesforce's INSUFFICIENT_ACCESS_OR_READONLY; a master-detail child needs Read on its
 * master (writeRequiresMasterRead) or Edit; the package's sharing rule gives the integration user,
 * through its public group, Edit on every account and so the right to record changes under each.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

jest.setTimeout(60_000);

type Failure = { errorCode?: string; message?: string };
type Saved = {
  success: boolean;
  id?: string;
  errors: Array<{ statusCode?: string; errorCode?: string; message: string }>;
};

function failureOf(promise: PromiseLike<unknown>): Promise<Failure> {
  return Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: Failure) => ({ errorCode: error.errorCode, message: error.message }),
  );
}

async function ownedAccounts(admin: Connection): Promise<Map<string, string[]>> {
  const rows = await admin.query<{ Id: string; Owner: { Username: string } }>('SELECT Id, Owner.Username FROM Account');
  const byOwner = new Map<string, string[]>();
  for (const row of rows.records) byOwner.set(row.Owner.Username, [...(byOwner.get(row.Owner.Username) ?? []), row.Id]);
  return byOwner;
}

const INSUFFICIENT = {
  errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
  message: 'insufficient access rights on object id',
};

describe('sharing under a Private org-wide default', () => {
  let running: RunningOrg;
  let admin: Connection;
  let dana: Connection;
  let max: Connection;
  let integration: Connection;
  let owners: Map<string, string[]>;
  let samAccount: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo', sharing: 'private' });
    admin = await signIn(running, DEFAULTS.username);
    dana = await signIn(running, 'dana@stance.local');
    max = await signIn(running, 'max@stance.local');
    integration = await signIn(running);
    const sam = await admin.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'sam@stance.local'");
    const created = (await admin
      .sobject('Account')
      .create({ Name: 'Support Desk Ltd', OwnerId: sam.records[0]!.Id })) as Saved;
    samAccount = created.id!;
    owners = await ownedAccounts(admin);
  });

  afterAll(() => running.close());

  it('shows a rep only her own accounts (and those of her opportunities), in queries, aggregates, semi-joins and reads by id', async () => {
    const mine = owners.get('dana@stance.local')!;
    const seen = await dana.query<{ Id: string; Owner: { Username: string } }>(
      'SELECT Id, Owner.Username FROM Account',
    );
    expect(seen.records.map((row) => row.Id).sort()).toEqual([...mine].sort());
    const counted = await dana.query('SELECT COUNT() FROM Account');
    expect(counted.totalSize).toBe(mine.length);
    // Her signals only: the child follows its master.
    const signals = await dana.query<{ Account__c: string }>('SELECT Account__c FROM Stance_Signal__c');
    const all = await admin.query<{ Account__c: string }>('SELECT Account__c FROM Stance_Signal__c');
    expect(signals.records.length).toBeGreaterThan(0);
    expect(signals.records.length).toBeLessThan(all.records.length);
    expect(signals.records.every((row) => mine.includes(row.Account__c))).toBe(true);
    const grouped = await dana.query<{ n: number }>('SELECT COUNT(Id) n FROM Stance_Signal__c');
    expect(grouped.records[0]!.n).toBe(signals.records.length);
    // By id: a record she may not see does not exist for her.
    const nina = owners.get('nina@stance.local')![0]!;
    expect(await failureOf(dana.sobject('Account').retrieve(nina))).toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(await failureOf(dana.request(`/ui-api/records/${nina}?fields=Account.Name`))).toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    const hers = owners.get('dana@stance.local')![0]!;
    const record = (await dana.request(`/ui-api/records/${hers}?fields=Account.Name`)) as { id: string };
    expect(record.id).toBe(hers);

    // A case of Sam's on her account is not hers to see (cases are private too), so a semi-join
    // over cases does not find her account.
    const users = await admin.query<{ Id: string; Username: string }>(
      "SELECT Id, Username FROM User WHERE Username IN ('dana@stance.local', 'sam@stance.local')",
    );
    const userId = (name: string) => users.records.find((user) => user.Username === `${name}@stance.local`)!.Id;
    await admin
      .sobject('Case')
      .create({ Subject: 'Late delivery', Status: 'New', AccountId: hers, OwnerId: userId('sam') });
    const withCases = 'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Case)';
    expect((await admin.query<{ Id: string }>(withCases)).records.map((row) => row.Id)).toContain(hers);
    expect((await dana.query(withCases)).records).toEqual([]);

    // Implicit parent sharing: an opportunity of hers on Nina's account lets her read the account
    // (not edit it).
    const opportunity = (await admin.sobject('Opportunity').create({
      Name: 'Joint deal',
      StageName: 'Prospecting',
      CloseDate: '2030-01-01',
      AccountId: nina,
      OwnerId: userId('dana'),
    })) as Saved;
    const path = await dana.query<{ Account: { Name: string } | null }>(
      `SELECT Name, Account.Name FROM Opportunity WHERE Id = '${opportunity.id}'`,
    );
    expect(path.records[0]!.Account).not.toBeNull();
    const now = await dana.query<{ Id: string }>('SELECT Id FROM Account');
    expect(now.records.map((row) => row.Id).sort()).toEqual([...mine, nina].sort());
    expect(await failureOf(dana.sobject('Account').update({ Id: nina, Rating: 'Hot' }))).toEqual(INSUFFICIENT);
    expect((await dana.sobject('Account').retrieve(nina)) as { Id: string }).toMatchObject({ Id: nina });
  });

  it("shows the manager his reps' accounts and not the others'", async () => {
    const seen = await max.query<{ Id: string }>('SELECT Id FROM Account');
    const ids = seen.records.map((row) => row.Id).sort();
    expect(ids).toEqual([...owners.get('dana@stance.local')!, ...owners.get('nina@stance.local')!].sort());
    expect(ids).not.toContain(samAccount);
    // Above the owner he edits too.
    const saved = (await max
      .sobject('Account')
      .update({ Id: owners.get('dana@stance.local')![0]!, Rating: 'Hot' })) as Saved;
    expect(saved.success).toBe(true);
  });

  it('lists in a list view only the accounts the rep may read', async () => {
    const readable = (await dana.query<{ Id: string }>('SELECT Id FROM Account')).records.map((row) => row.Id);
    const listed = (await dana.request(`/ui-api/list-records/Account/AllAccounts?pageSize=200`)) as {
      records: Array<{ id: string }>;
    };
    expect(listed.records.map((row) => row.id).sort()).toEqual([...readable].sort());
    expect(listed.records.length).toBeLessThan([...owners.values()].flat().length);
  });

  it("refuses a rep's update of another owner's account with Salesforce's error", async () => {
    const nina = owners.get('nina@stance.local')![0]!;
    expect(await failureOf(dana.sobject('Account').update({ Id: nina, Rating: 'Hot' }))).toEqual(INSUFFICIENT);
    const collection = (await dana.sobject('Account').update([
      { Id: owners.get('dana@stance.local')![0]!, Rating: 'Warm' },
      { Id: nina, Rating: 'Warm' },
    ])) as Saved[];
    expect(collection[0]!.success).toBe(true);
    expect(collection[1]!.success).toBe(false);
    expect(collection[1]!.errors[0]).toMatchObject({ statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
  });

  it('lets the integration user, in Stance_Integration_Users, update every account and record changes under each; not without the group', async () => {
    const all = [...owners.values()].flat();
    const updates = (await integration
      .sobject('Account')
      .update(all.map((Id) => ({ Id, Stance__c: 'Attack' })))) as Saved[];
    expect(updates.filter((result) => !result.success)).toEqual([]);
    const changes = (await integration
      .sobject('Stance_Change__c')
      .create(all.map((id, n) => ({ Account__c: id, To__c: 'Attack', Change_Key__c: `k${n}` })))) as Saved[];
    expect(changes.filter((result) => !result.success)).toEqual([]);

    const membership = await admin.query<{ Id: string }>(
      "SELECT Id FROM GroupMember WHERE Group.DeveloperName = 'Stance_Integration_Users'",
    );
    expect(membership.records).toHaveLength(1);
    await admin.sobject('GroupMember').destroy(membership.records[0]!.Id);
    try {
      const account = owners.get('dana@stance.local')![0]!;
      expect(await failureOf(integration.sobject('Account').update({ Id: account, Stance__c: 'Defend' }))).toEqual(
        INSUFFICIENT,
      );
      expect(
        await failureOf(
          integration.sobject('Stance_Change__c').create({ Account__c: account, To__c: 'Defend', Change_Key__c: 'x' }),
        ),
      ).toEqual({
        errorCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
        message: `insufficient access rights on cross-reference id: ${account}`,
      });
      // It still reads every account (View All on Account).
      expect((await integration.query('SELECT COUNT() FROM Account')).totalSize).toBe(all.length);
    } finally {
      const group = await admin.query<{ Id: string }>(
        "SELECT Id FROM Group WHERE DeveloperName = 'Stance_Integration_Users'",
      );
      const integrationId = (
        await admin.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'integration@stance.local'")
      ).records[0]!.Id;
      await admin.sobject('GroupMember').create({ GroupId: group.records[0]!.Id, UserOrGroupId: integrationId });
    }
  });

  it('refuses Bulk 2.0 rows on records the user may not edit, row by row', async () => {
    const result = await max.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'update',
      input: [
        { Id: owners.get('nina@stance.local')![0]!, Rating: 'Warm' },
        { Id: samAccount, Rating: 'Warm' },
      ],
      pollInterval: 20,
      pollTimeout: 10_000,
    });
    expect(result.successfulResults).toEqual([
      expect.objectContaining({ sf__Id: owners.get('nina@stance.local')![0]! }),
    ]);
    expect(result.failedResults).toEqual([
      expect.objectContaining({
        sf__Error: expect.stringMatching(/^INSUFFICIENT_ACCESS_OR_READONLY:insufficient access rights on object id/),
      }),
    ]);
  });

  it('lets the manager delete what he or his reps own, not what others own, even where he reads all (Read sharing model)', async () => {
    const seeded = await admin.query<{ Id: string; Kind__c: string; Effect__c: string }>(
      'SELECT Id, Kind__c, Effect__c FROM Market_Signal__c LIMIT 1',
    );
    const template = seeded.records[0]!;
    const danaId = (await admin.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'dana@stance.local'"))
      .records[0]!.Id;
    const hers = (await admin.sobject('Market_Signal__c').create({
      Name: 'Rep note',
      Kind__c: template.Kind__c,
      Effect__c: template.Effect__c,
      OwnerId: danaId,
    })) as Saved;
    // He reads the admin's (Read sharing model) but may not delete it: not his, not below him.
    expect((await max.query(`SELECT Id FROM Market_Signal__c WHERE Id = '${template.Id}'`)).totalSize).toBe(1);
    expect(await failureOf(max.sobject('Market_Signal__c').destroy(template.Id))).toEqual(INSUFFICIENT);
    expect(((await max.sobject('Market_Signal__c').destroy(hers.id!)) as Saved).success).toBe(true);
  });

  it("gives a contact's owner the contact and Read on its account, and linking a contact needs Read on the account", async () => {
    const users = await admin.query<{ Id: string; Username: string }>(
      "SELECT Id, Username FROM User WHERE Username IN ('dana@stance.local', 'sam@stance.local')",
    );
    const userId = (name: string) => users.records.find((user) => user.Username === `${name}@stance.local`)!.Id;
    const ownContact = { LastName: 'Okafor', FirstName: 'Ada', AccountId: samAccount };
    // Sam's account is not hers to read: she may not link a contact to it.
    expect(await failureOf(dana.sobject('Contact').create(ownContact))).toEqual({
      errorCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
      message: `insufficient access rights on cross-reference id: ${samAccount}`,
    });
    const theirs = (await admin
      .sobject('Contact')
      .create({ LastName: 'Desk', AccountId: samAccount, OwnerId: userId('sam') })) as Saved;
    expect(await failureOf(dana.sobject('Contact').retrieve(theirs.id!))).toMatchObject({ errorCode: 'NOT_FOUND' });
    // A contact of hers on it: she reads the account (implicit parent) and so its other contacts.
    const hers = (await admin.sobject('Contact').create({ ...ownContact, OwnerId: userId('dana') })) as Saved;
    const seen = await dana.query<{ Id: string }>(`SELECT Id FROM Contact WHERE AccountId = '${samAccount}'`);
    expect(seen.records.map((row) => row.Id).sort()).toEqual([hers.id, theirs.id].sort());
    expect((await dana.query(`SELECT Id FROM Account WHERE Id = '${samAccount}'`)).totalSize).toBe(1);
    expect(((await dana.sobject('Contact').create({ ...ownContact, FirstName: 'Ben' })) as Saved).success).toBe(true);
    // Her own contact she edits; Sam's, on an account she only reads, she does not.
    expect(((await dana.sobject('Contact').update({ Id: hers.id!, Title: 'Buyer' })) as Saved).success).toBe(true);
    expect(await failureOf(dana.sobject('Contact').update({ Id: theirs.id!, Title: 'Buyer' }))).toEqual(INSUFFICIENT);
  });

  it('keeps the visibility predicate on the OwnerId index', () => {
    const org = running.org;
    const dana = org.store.db.prepare(`SELECT "Id" FROM "o_User" WHERE "Username" = 'dana@stance.local'`).get() as {
      Id: string;
    };
    const predicate = org.sharing.predicate(org.schema.object('Account')!, 't0', org.access.rightsOf(dana.Id), 'read');
    const plan = org.store.db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM "o_Account" t0 WHERE t0."IsDeleted" = 0 AND ${predicate}`)
      .all() as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING INDEX i_Account_OwnerId/);
    // View All on Account: no predicate at all, nothing to pay per row.
    expect(
      org.sharing.predicate(org.schema.object('Account')!, 't0', org.access.rightsOf(org.integrationUserId), 'read'),
    ).toBeNull();
  });
});

describe('sharing under Public Read Only (the demo)', () => {
  let running: RunningOrg;
  let admin: Connection;
  let sam: Connection;
  let danaAccount: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    sam = await signIn(running, 'sam@stance.local');
    danaAccount = (await ownedAccounts(admin)).get('dana@stance.local')![0]!;
  });

  afterAll(() => running.close());

  it('lets Sam read every account and raise a signal on one he does not own, but not edit it', async () => {
    const everyone = await admin.query('SELECT COUNT() FROM Account');
    expect((await sam.query('SELECT COUNT() FROM Account')).totalSize).toBe(everyone.totalSize);
    const signal = (await sam.sobject('Stance_Signal__c').create({
      Account__c: danaAccount,
      Trigger__c: 'CUSTOMER_PROBLEM',
      Status__c: 'New',
      Source__c: 'Customer Support',
    })) as Saved;
    expect(signal.success).toBe(true);
    expect(await failureOf(sam.sobject('Account').update({ Id: danaAccount, Rating: 'Cold' }))).toEqual(INSUFFICIENT);
  });
});
