/**
 * Describe answers for the calling user, through jsforce: what the object and each field allow
 * follows the user's object permissions and field-level security, fields they cannot read are
 * absent, and objects they cannot read are absent from describeGlobal and NOT_FOUND on describe.
 */
import type { Connection, DescribeSObjectResult } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

jest.setTimeout(60_000);

const field = (describe: DescribeSObjectResult, name: string) => describe.fields.find((f) => f.name === name);

describe('describe as the calling user', () => {
  let running: RunningOrg;
  let admin: Connection;
  let dana: Connection;
  let integration: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    dana = await signIn(running, 'dana@stance.local');
    integration = await signIn(running);
  });

  afterAll(() => running.close());

  it('tells a rep she may read the stance but not write it, and what the Standard User profile gives her', async () => {
    const account = await dana.sobject('Account').describe();
    expect(field(account, 'Stance__c')).toMatchObject({ createable: false, updateable: false });
    expect(field(account, 'Rating')).toMatchObject({ createable: true, updateable: true });
    expect(account).toMatchObject({ createable: true, updateable: true, deletable: false, queryable: true });

    const asAdmin = await admin.sobject('Account').describe();
    expect(field(asAdmin, 'Stance__c')).toMatchObject({ createable: true, updateable: true });
    expect(asAdmin).toMatchObject({ createable: true, updateable: true, deletable: true });
  });

  it('tells the integration user what Stance_Integration gives it, without the fields it cannot read', async () => {
    const account = await integration.sobject('Account').describe();
    expect(account).toMatchObject({ createable: false, updateable: true, deletable: false, retrieveable: true });
    expect(field(account, 'Stance__c')).toMatchObject({ createable: false, updateable: true });
    expect(field(account, 'Industry')).toMatchObject({ updateable: false });
    expect(field(account, 'Website')).toBeUndefined();
    expect(field(await admin.sobject('Account').describe(), 'Website')).toBeDefined();

    const event = await integration.sobject('Stance_Update__e').describe();
    expect(event).toMatchObject({ createable: true, updateable: false, queryable: false });
    expect(await dana.sobject('Stance_Update__e').describe()).toMatchObject({ createable: false });
  });

  it('leaves out of describeGlobal the objects a user cannot read, which answer NOT_FOUND', async () => {
    const names = async (conn: Connection) => (await conn.describeGlobal()).sobjects.map((object) => object.name);
    const seen = await names(integration);
    expect(seen).toEqual(expect.arrayContaining(['Account', 'Stance_Signal__c', 'Stance_Update__e']));
    expect(seen).not.toContain('PermissionSet');
    expect(seen).not.toContain('PermissionSetAssignment');
    // Issue 15 gives the integration user Read and View All on Case.
    expect(seen).toContain('Case');
    expect(await names(admin)).toEqual(expect.arrayContaining(['PermissionSet', 'PermissionSetAssignment', 'Case']));
    await expect(integration.sobject('PermissionSetAssignment').describe()).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
    const global = (await dana.describeGlobal()).sobjects.find((object) => object.name === 'Account');
    expect(global).toMatchObject({ createable: true, updateable: true, deletable: false });
  });
});
