/**
 * The Metadata API for custom metadata records, as real users through unmodified jsforce: the demo's
 * Stance admin, Sofia (Standard User + Stance_Admin + Stance_Rules_Author: Modify Metadata,
 * Customize Application, no Modify All Data), reads and writes Stance_Rule records; a rep (dana, Stance_User) and the integration
 * user are refused; what the API wrote is what SOQL reads, and stays so when the org reopens its file.
 */
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { readRuleRecords } from '../../../../sidecar/src/salesforce/ruleRecords';
import { signIn } from '../../../testing/signIn';
import { assignPermissionSet } from '../../access/setup';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { packageWithMetadataReader } from './support/metadataReader';
import { upsertTyped } from './support/soapCall';
import type { TypedRecord } from './support/soapCall';

jest.setTimeout(90_000);

type Failure = { errorCode?: string; message?: string; name?: string };
const failureOf = (promise: PromiseLike<unknown>): Promise<Failure> =>
  Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: Failure) => error,
  );

type Value = { _?: string; $?: Record<string, string> };
type Read = { fullName?: string; label?: string; values?: Array<{ field: string; value: Value }> };

const TARGET_PROSPECT: TypedRecord = {
  fullName: 'Stance_Rule.Target_Prospect',
  label: 'Target prospect (tightened)',
  values: {
    Active__c: ['xsd:boolean', 'true'],
    Base_Priority__c: ['xsd:double', '20.0'],
    Condition__c: ['xsd:string', 'Is_Customer = false AND In_Strategy = true'],
    Order__c: ['xsd:double', '65.0'],
    Reason__c: ['xsd:string', 'A prospect inside the strategy.'],
    Stance__c: ['xsd:string', 'Attack'],
  },
};

const rule = (name: string, order: number, extra: TypedRecord['values'] = {}): TypedRecord => ({
  fullName: `Stance_Rule.${name}`,
  label: name.replace(/_/g, ' '),
  values: {
    Active__c: ['xsd:boolean', 'false'],
    Condition__c: ['xsd:string', 'Is_Customer = true'],
    Order__c: ['xsd:double', String(order)],
    Reason__c: ['xsd:string', `Written by the test as ${name}`],
    Stance__c: ['xsd:string', 'None'],
    ...extra,
  },
});

describe('the Metadata API for custom metadata records, as real users', () => {
  const dir = packageWithMetadataReader();
  const db = join(dir, 'org.sqlite');
  let running: RunningOrg;
  let sofia: Connection;
  let dana: Connection;
  let integration: Connection;

  const start = async () => {
    running = await startLocalOrg({ packageDir: dir, db, seed: 'demo' });
    integration = await signIn(running);
  };
  const rules = async (names: string[]) =>
    (
      await integration.query<{ DeveloperName: string; MasterLabel: string; Order__c: number; Active__c: boolean }>(
        `SELECT DeveloperName, MasterLabel, Order__c, Active__c FROM Stance_Rule__mdt WHERE DeveloperName IN ('${names.join("', '")}') ORDER BY DeveloperName`,
      )
    ).records.map(({ DeveloperName, MasterLabel, Order__c, Active__c }) => ({
      DeveloperName,
      MasterLabel,
      Order__c,
      Active__c,
    }));

  beforeAll(async () => {
    await start();
    sofia = await signIn(running, 'sofia@stance.local');
    dana = await signIn(running, 'dana@stance.local');
  });

  afterAll(() => running.close());

  it("reads records as jsforce's metadata.read asks for them, each value with its xsi:type", async () => {
    const read = (await sofia.metadata.read('CustomMetadata', 'Stance_Rule.Target_Prospect')) as Read;
    expect(read.fullName).toBe('Stance_Rule.Target_Prospect');
    expect(read.label).toBe('Target prospect');
    const values = Object.fromEntries((read.values ?? []).map((entry) => [entry.field, entry.value]));
    expect(values.Order__c).toEqual({ _: '60.0', $: { 'xsi:type': 'xsd:double' } });
    expect(values.Active__c).toEqual({ _: 'true', $: { 'xsi:type': 'xsd:boolean' } });
    expect(values.Stance__c).toEqual({ _: 'Attack', $: { 'xsi:type': 'xsd:string' } });
    const both = (await sofia.metadata.read('CustomMetadata', [
      'Stance_Rule.Healthy_Customer',
      'Stance_Rule.No_Such_Rule',
    ])) as Read[];
    expect(both.map((record) => record.fullName)).toEqual(['Stance_Rule.Healthy_Customer', undefined]);
  });

  it('upserts typed records all or none, and SOQL reads them at once', async () => {
    const results = await upsertTyped(sofia, [TARGET_PROSPECT, rule('Console_Written', 5)]);
    expect(results).toEqual([
      { fullName: 'Stance_Rule.Target_Prospect', success: true, created: false, errors: [] },
      { fullName: 'Stance_Rule.Console_Written', success: true, created: true, errors: [] },
    ]);
    expect(await rules(['Console_Written', 'Target_Prospect'])).toEqual([
      { DeveloperName: 'Console_Written', MasterLabel: 'Console Written', Order__c: 5, Active__c: false },
      { DeveloperName: 'Target_Prospect', MasterLabel: 'Target prospect (tightened)', Order__c: 65, Active__c: true },
    ]);
    // The sidecar's own rule reading (what its polling runs, as the integration user) sees them too.
    const read = await readRuleRecords(integration, '62.0');
    expect(read.rules.find((record) => record.DeveloperName === 'Console_Written')).toMatchObject({
      Order__c: 5,
      Stance__c: 'None',
    });
  });

  it('saves nothing when one record fails under the AllOrNoneHeader, and every result says why', async () => {
    const batch = [rule('Rolled_Back', 6), rule('Unknown_Field', 7, { Nope__c: ['xsd:string', 'x'] })];
    const results = await upsertTyped(sofia, batch, true);
    expect(results.map((result) => [result.success, result.errors.map((error) => error.statusCode)])).toEqual([
      [false, ['ALL_OR_NONE_OPERATION_ROLLED_BACK']],
      [false, ['FIELD_INTEGRITY_EXCEPTION']],
    ]);
    expect(results[1]!.errors[0]!.message).toBe('Stance_Rule__mdt: could not find fields: Nope__c');
    expect(await rules(['Rolled_Back', 'Unknown_Field'])).toEqual([]);
    // Without the header (API 34.0 and later), the valid record is saved on its own.
    const partial = await upsertTyped(sofia, batch, false);
    expect(partial.map((result) => result.success)).toEqual([true, false]);
    expect((await rules(['Rolled_Back', 'Unknown_Field'])).map((row) => row.DeveloperName)).toEqual(['Rolled_Back']);
  });

  it("refuses a value without xsi:type (all jsforce's metadata.upsert can send), and values of the wrong type", async () => {
    const untyped = await failureOf(
      sofia.metadata.upsert('CustomMetadata', {
        fullName: 'Stance_Rule.Untyped',
        label: 'Untyped',
        values: [{ field: 'Reason__c', value: 'Why' }],
      } as never),
    );
    expect(untyped.message).toContain('Only the following configurations are supported : 1) if the type is mentioned');
    const wrong = await upsertTyped(sofia, [
      rule('Wrong_Types', 8, { Active__c: ['xsd:string', 'true'], Stance__c: ['xsd:string', 'Maybe'] }),
    ]);
    expect(wrong[0]!.errors.map((error) => error.message)).toEqual([
      'Active: value not of required type: true',
      'Stance: bad value for restricted picklist field: Maybe',
    ]);
    const missing = await upsertTyped(sofia, [{ fullName: 'Stance_Rule.Half_Done', label: 'Half', values: {} }]);
    expect(missing[0]!.errors).toEqual([
      expect.objectContaining({
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Order__c, Reason__c, Stance__c]',
      }),
    ]);
    expect(await rules(['Untyped', 'Wrong_Types', 'Half_Done'])).toEqual([]);
  });

  it('refuses users without Modify Metadata or Modify All Data, and sessions that are not valid', async () => {
    for (const conn of [dana, integration]) {
      expect(await failureOf(conn.metadata.read('CustomMetadata', 'Stance_Rule.Target_Prospect'))).toMatchObject({
        errorCode: 'sf:INSUFFICIENT_ACCESS',
        message:
          'INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions',
      });
    }
    expect(await failureOf(upsertTyped(dana, [rule('By_Dana', 9)]))).toMatchObject({
      message: expect.stringContaining('sf:INSUFFICIENT_ACCESS'),
    });
    const stranger = new Connection({ instanceUrl: running.url, accessToken: 'not-a-session', version: '62.0' });
    expect(await failureOf(stranger.metadata.read('CustomMetadata', 'Stance_Rule.Target_Prospect'))).toMatchObject({
      errorCode: 'sf:INVALID_SESSION_ID',
    });
    expect(await rules(['By_Dana'])).toEqual([]);
    // A call the local org does not answer says so, as a fault a SOAP client reads.
    expect(await failureOf(sofia.metadata.list({ type: 'CustomObject' }))).toMatchObject({
      errorCode: 'soapenv:Client',
      message: expect.stringContaining('not listMetadata'),
    });
  });

  it('lets Modify Metadata without Customize Application read records but not write them', async () => {
    const sam = running.org.store.db
      .prepare(`SELECT "Id" FROM "o_User" WHERE "Username" = 'sam@stance.local'`)
      .get() as {
      Id: string;
    };
    assignPermissionSet(
      running.org.store,
      sam.Id,
      'Test_Metadata_Reader',
      running.org.context(running.org.adminUserId),
    );
    const reader = await signIn(running, 'sam@stance.local');
    expect(((await reader.metadata.read('CustomMetadata', 'Stance_Rule.Healthy_Customer')) as Read).fullName).toBe(
      'Stance_Rule.Healthy_Customer',
    );
    expect(await failureOf(reader.metadata.delete('CustomMetadata', 'Stance_Rule.Healthy_Customer'))).toMatchObject({
      errorCode: 'sf:INSUFFICIENT_ACCESS',
      message: 'INSUFFICIENT_ACCESS: insufficient access rights on entity',
    });
    expect(await rules(['Healthy_Customer'])).toHaveLength(1);
  });

  it('answers an expired session with the fault jsforce refreshes the session on, then the call', async () => {
    running.org.auth.expireAll();
    const read = (await sofia.metadata.read('CustomMetadata', 'Stance_Rule.Healthy_Customer')) as Read;
    expect(read.fullName).toBe('Stance_Rule.Healthy_Customer');
    integration = await signIn(running);
  });

  it('deletes records', async () => {
    const deleted = (await sofia.metadata.delete('CustomMetadata', [
      'Stance_Rule.Prospect_With_Opening',
      'Stance_Rule.Never_Was',
    ])) as Array<{ fullName: string; success: boolean }>;
    expect(deleted.map((result) => [result.fullName, result.success])).toEqual([
      ['Stance_Rule.Prospect_With_Opening', true],
      ['Stance_Rule.Never_Was', false],
    ]);
    expect(await rules(['Prospect_With_Opening'])).toEqual([]);
  });

  it('keeps what the Metadata API wrote and deleted when the org reopens its SQLite file', async () => {
    await running.close();
    await start();
    expect(await rules(['Console_Written', 'Healthy_Customer', 'Prospect_With_Opening', 'Target_Prospect'])).toEqual([
      { DeveloperName: 'Console_Written', MasterLabel: 'Console Written', Order__c: 5, Active__c: false },
      {
        DeveloperName: 'Healthy_Customer',
        MasterLabel: expect.any(String),
        Order__c: expect.any(Number),
        Active__c: true,
      },
      { DeveloperName: 'Target_Prospect', MasterLabel: 'Target prospect (tightened)', Order__c: 65, Active__c: true },
    ]);
  });
});
