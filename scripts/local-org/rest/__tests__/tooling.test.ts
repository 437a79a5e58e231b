/** The Tooling API's query resource, through unmodified jsforce (conn.tooling). */
import type { Connection } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

jest.setTimeout(60_000);

function failureOf(promise: PromiseLike<unknown>): Promise<{ errorCode?: string; message?: string }> {
  return Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: { errorCode?: string; message?: string }) => error,
  );
}

describe('/tooling/query', () => {
  let running: RunningOrg;
  let admin: Connection;
  let integration: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none' });
    admin = await signIn(running, DEFAULTS.username);
    integration = await signIn(running);
  });
  afterAll(() => running.close());

  it('lists the entities the package selects for Change Data Capture', async () => {
    const result = await admin.tooling.query<{ DeveloperName: string; EventChannel: string; SelectedEntity: string }>(
      'SELECT DeveloperName, EventChannel, SelectedEntity FROM PlatformEventChannelMember',
    );
    expect(result.records.map((row) => `${row.EventChannel} ${row.SelectedEntity}`).sort()).toEqual([
      'ChangeEvents AccountChangeEvent',
      'ChangeEvents CaseChangeEvent',
      'ChangeEvents ContactChangeEvent',
      'ChangeEvents OpportunityChangeEvent',
      'ChangeEvents Stance_Signal__ChangeEvent',
      // The custom channel that leaves out the sidecar's own writes (platformEventChannels/).
      'Stance_Accounts__chn AccountChangeEvent',
    ]);
    expect(result.records[0]).toMatchObject({
      DeveloperName: 'ChangeEvents_AccountChangeEvent',
      EventChannel: 'ChangeEvents',
    });
  });

  it('says which fields track history, filtered by entity', async () => {
    const tracked = await admin.tooling.query<{
      QualifiedApiName: string;
      EntityDefinition: { QualifiedApiName: string };
    }>(
      "SELECT QualifiedApiName, EntityDefinition.QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'Account' AND IsFieldHistoryTracked = true",
    );
    expect(tracked.records.map((row) => row.QualifiedApiName)).toEqual(['Stance__c']);
    expect(tracked.records[0]!.EntityDefinition.QualifiedApiName).toBe('Account');
    const some = await admin.tooling.query<{ QualifiedApiName: string; IsFieldHistoryTracked: boolean }>(
      "SELECT QualifiedApiName, IsFieldHistoryTracked FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'Account' AND QualifiedApiName IN ('Name', 'Stance__c')",
    );
    expect(Object.fromEntries(some.records.map((row) => [row.QualifiedApiName, row.IsFieldHistoryTracked]))).toEqual({
      Name: false,
      Stance__c: true,
    });
  });

  it('needs View Setup and Configuration, and refuses types and filters it does not serve', async () => {
    expect(await failureOf(integration.tooling.query('SELECT Id FROM PlatformEventChannelMember'))).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'PlatformEventChannelMember' is not supported"),
    });
    expect(await failureOf(admin.tooling.query('SELECT Id FROM ApexClass'))).toMatchObject({
      errorCode: 'INVALID_TYPE',
    });
    expect(
      await failureOf(admin.tooling.query("SELECT Id FROM FieldDefinition WHERE QualifiedApiName LIKE 'Stance%'")),
    ).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(await failureOf(admin.tooling.query('SELECT Nope FROM EntityDefinition'))).toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
  });
});
