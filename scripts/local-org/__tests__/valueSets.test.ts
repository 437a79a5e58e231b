/**
 * Issue 15's metadata as the local org serves it, through unmodified jsforce: picklists whose
 * values come from a global value set, multi-select picklists (stored `A;B`, restricted values
 * refused naming the bad one), Case's IsClosed and ClosedDate kept from its status, Account's
 * Cases, and Case change events for the users with View All on Case.
 */
import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { signIn } from '../../testing/signIn';
import { disconnectStreaming } from '../../testing/streaming';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

jest.setTimeout(60_000);

type Described = {
  fields: Array<{
    name: string;
    type: string;
    restrictedPicklist: boolean;
    groupable: boolean;
    updateable: boolean;
    picklistValues: Array<{ value: string; label: string }>;
  }>;
  childRelationships: Array<{ relationshipName: string | null; childSObject: string; field: string }>;
};

const MASTER = '012000000000000AAA';

describe('global value sets, multi-select picklists and Case', () => {
  let running: RunningOrg;
  let admin: Connection;
  let accountId: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    const owned = await admin.query<{ Id: string }>(
      "SELECT Id FROM Account WHERE Owner.Username = 'dana@stance.local' ORDER BY Name LIMIT 1",
    );
    accountId = owned.records[0]!.Id;
  });

  afterAll(() => running.close());

  const field = (described: Described, name: string) => described.fields.find((entry) => entry.name === name)!;

  it("describes a picklist on a global value set with the set's values and labels", async () => {
    const signal = (await admin.sobject('Stance_Signal__c').describe()) as unknown as Described;
    expect(field(signal, 'Competitor__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(field(signal, 'Competitor__c').picklistValues.map((entry) => entry.value)).toEqual([
      'Cacao Nova',
      'Valdor Ingredients',
      'Nordbake Supply',
      'Other',
    ]);
    const levers = field(signal, 'Value_Levers__c');
    expect(levers).toMatchObject({ type: 'multipicklist', restrictedPicklist: true, groupable: false });
    expect(levers.picklistValues.map(({ value, label }) => [value, label])).toEqual([
      ['Technical', 'Technical solution'],
      ['Price', 'Price'],
      ['Service', 'Service'],
    ]);
    const opportunity = (await admin.sobject('Opportunity').describe()) as unknown as Described;
    expect(field(opportunity, 'Lost_To_Competitor__c').picklistValues).toHaveLength(4);

    const values = await admin.request<{ values: Array<{ value: string; label: string }> }>(
      `/services/data/v62.0/ui-api/object-info/Opportunity/picklist-values/${MASTER}/Value_Levers__c`,
    );
    expect(values.values.map((entry) => entry.label)).toEqual(['Technical solution', 'Price', 'Service']);
  });

  it('stores a multi-select value as A;B and refuses a value the restricted set lacks, naming it', async () => {
    const created = await admin.sobject('Stance_Signal__c').create({
      Account__c: accountId,
      Trigger__c: 'VALUE_PROPOSITION',
      Status__c: 'Done',
      Value_Levers__c: 'Technical;Service',
      Competitor__c: 'Cacao Nova',
    });
    expect(created.success).toBe(true);
    const read = await admin.sobject('Stance_Signal__c').retrieve(created.id!);
    expect(read).toMatchObject({ Value_Levers__c: 'Technical;Service', Competitor__c: 'Cacao Nova' });

    const ui = await admin.request<{ fields: Record<string, { value: unknown; displayValue: unknown }> }>(
      `/services/data/v62.0/ui-api/records/${created.id}?fields=Stance_Signal__c.Value_Levers__c`,
    );
    expect(ui.fields.Value_Levers__c).toEqual({
      value: 'Technical;Service',
      displayValue: 'Technical solution;Service',
    });

    await expect(
      admin.sobject('Stance_Signal__c').update({ Id: created.id!, Value_Levers__c: 'Price;Charm' }),
    ).rejects.toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: expect.stringContaining('bad value for restricted picklist field: Charm'),
    });
    await expect(
      admin.sobject('Stance_Signal__c').update({ Id: created.id!, Competitor__c: 'Dolcezza Ingredienti' }),
    ).rejects.toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    expect(await admin.sobject('Stance_Signal__c').retrieve(created.id!)).toMatchObject({
      Value_Levers__c: 'Technical;Service',
    });
  });

  it("keeps a case's IsClosed and ClosedDate from its status, read-only, and lists cases under the account", async () => {
    const created = await admin.sobject('Case').create({ AccountId: accountId, Status: 'New', Subject: 'Late' });
    const open = await admin.sobject('Case').retrieve(created.id!);
    expect(open).toMatchObject({ IsClosed: false, ClosedDate: null });

    await admin.sobject('Case').update({ Id: created.id!, Status: 'Closed' });
    const closed = await admin.query<{ IsClosed: boolean; ClosedDate: string | null }>(
      `SELECT IsClosed, ClosedDate FROM Case WHERE Id = '${created.id}' AND IsClosed = true`,
    );
    expect(closed.records).toHaveLength(1);
    expect(closed.records[0]!.ClosedDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    await admin.sobject('Case').update({ Id: created.id!, Status: 'Working' });
    expect(await admin.sobject('Case').retrieve(created.id!)).toMatchObject({ IsClosed: false, ClosedDate: null });
    await expect(admin.sobject('Case').update({ Id: created.id!, IsClosed: true })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });

    const described = (await admin.sobject('Case').describe()) as unknown as Described;
    expect(field(described, 'IsClosed')).toMatchObject({ type: 'boolean', updateable: false });
    const withCases = await admin.query<{ Cases: { records: Array<{ Id: string }> } | null }>(
      `SELECT Id, (SELECT Id FROM Cases WHERE IsClosed = false) FROM Account WHERE Id = '${accountId}'`,
    );
    expect(withCases.records[0]!.Cases!.records.map((entry) => entry.Id)).toContain(created.id);
  });

  it('publishes Case change events to users with View All on Case and refuses the others', async () => {
    const integration = await signIn(running);
    const dana = await signIn(running, 'dana@stance.local');
    const subscribe = (conn: Connection) => {
      const messages: Array<{ payload: Record<string, unknown> }> = [];
      const client = conn.streaming.createClient([new StreamingExtension.Replay('/data/CaseChangeEvent', -1)]);
      const subscription = client.subscribe('/data/CaseChangeEvent', (message: { payload: Record<string, unknown> }) =>
        messages.push(message),
      );
      const outcome = new Promise<string | null>((resolve) =>
        subscription.then(
          () => resolve(null),
          (error: Error) => resolve(String(error.message ?? error)),
        ),
      );
      return { messages, outcome, close: () => (subscription.cancel(), disconnectStreaming(client)) };
    };
    const refused = subscribe(dana);
    expect(await refused.outcome).toMatch(/Insufficient permissions to subscribe to channel \/data\/CaseChangeEvent/);
    await refused.close();

    const sidecar = subscribe(integration);
    expect(await sidecar.outcome).toBeNull();
    const created = await admin.sobject('Case').create({ AccountId: accountId, Status: 'New', Subject: 'Broken' });
    for (let i = 0; i < 200 && sidecar.messages.length === 0; i++) await new Promise((done) => setTimeout(done, 25));
    expect(sidecar.messages[0]?.payload).toMatchObject({
      AccountId: accountId,
      IsClosed: false,
      ChangeEventHeader: { entityName: 'Case', changeType: 'CREATE', recordIds: [created.id] },
    });
    await sidecar.close();
  });
});
