/** The UI API subset Lightning Data Service uses, in the shapes LDS reads. */
import type { Connection } from 'jsforce';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { signIn } from '../../testing/signIn';
import { DEFAULTS } from '../org';

type FieldValue = { value: unknown; displayValue: string | null };
type RecordRep = { apiName: string; id: string; fields: Record<string, FieldValue & { value: unknown }> };

describe('the UI API subset', () => {
  let running: RunningOrg;
  let conn: Connection;
  let kakao: string;
  const base = '/services/data/v62.0/ui-api';

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    // The admin (System Administrator): these tests are about the API, not about one user's rights.
    conn = await signIn(running, DEFAULTS.username);
    kakao = (await conn.query<{ Id: string }>("SELECT Id FROM Account WHERE Name = 'Kakao Werke GmbH'")).records[0]!.Id;
  });

  afterAll(() => running.close());

  it('reads a record with fields, spanning fields and optional fields', async () => {
    const record = await conn.request<RecordRep>(
      `${base}/records/${kakao}?fields=Account.Name,Account.Type,Account.Owner.Name&optionalFields=Account.Stance__c,Account.No_Such_Field__c`,
    );
    expect(record).toMatchObject({ apiName: 'Account', id: kakao });
    expect(record.fields.Name).toEqual({ value: 'Kakao Werke GmbH', displayValue: null });
    expect(record.fields.Type).toEqual({ value: 'Customer - Direct', displayValue: 'Customer - Direct' });
    expect(record.fields.Owner).toMatchObject({
      value: { apiName: 'User', fields: { Name: { value: 'Dana Reyes' } } },
    });
    expect(record.fields.Stance__c).toEqual({ value: null, displayValue: null });
    expect(record.fields).not.toHaveProperty('No_Such_Field__c');
  });

  it('answers INVALID_FIELD for a required field that does not exist', async () => {
    await expect(conn.request(`${base}/records/${kakao}?fields=Account.Nmae`)).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
  });

  it('creates and updates records, answering the record representation', async () => {
    const created = await conn.request<RecordRep>({
      method: 'POST',
      url: `${base}/records`,
      body: JSON.stringify({
        apiName: 'Stance_Signal__c',
        fields: {
          Account__c: kakao,
          Trigger__c: 'PROCESS_CHANGE',
          Status__c: 'New',
          Source__c: 'Logistics',
          Detail__c: 'New warehouse',
        },
      }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(created).toMatchObject({
      apiName: 'Stance_Signal__c',
      fields: { Trigger__c: { value: 'PROCESS_CHANGE', displayValue: 'Process change' } },
    });
    const updated = await conn.request<RecordRep>({
      method: 'PATCH',
      url: `${base}/records/${created.id}`,
      body: JSON.stringify({ fields: { Status__c: 'Dismissed', Dismiss_Reason__c: 'Duplicate' } }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(updated.fields.Status__c).toEqual({ value: 'Dismissed', displayValue: 'Dismissed' });
    await expect(
      conn.request({
        method: 'PATCH',
        url: `${base}/records/${created.id}`,
        body: JSON.stringify({ fields: { Status__c: 'Gone' } }),
        headers: { 'Content-Type': 'application/json' },
      }),
    ).rejects.toMatchObject({
      // A refused save answers the UI API's Error with Output, the refusal under the field.
      data: {
        enhancedErrorType: 'RecordError',
        output: {
          errors: [],
          fieldErrors: {
            Status__c: [expect.objectContaining({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' })],
          },
        },
      },
    });
  });

  it('describes objects and their picklists for the components', async () => {
    const info = await conn.request<{
      apiName: string;
      fields: Record<string, { dataType: string; updateable: boolean; required: boolean }>;
    }>(`${base}/object-info/Stance_Signal__c`);
    expect(info.fields.Trigger__c).toMatchObject({ dataType: 'Picklist', required: true });
    expect(info.fields.Is_My_Account__c).toMatchObject({ dataType: 'Boolean', updateable: false });
    const values = await conn.request<{ values: Array<{ value: string; label: string }> }>(
      `${base}/object-info/Stance_Signal__c/picklist-values/012000000000000AAA/Source__c`,
    );
    expect(values.values.map((entry) => entry.value)).toEqual([
      'Sales',
      'Customer Support',
      'Logistics',
      'Technical',
      'Finance',
      'Management',
      'Detected',
      'Other',
    ]);
  });

  it('lists related records of an account', async () => {
    const list = await conn.request<{ count: number; records: RecordRep[] }>(
      `${base}/related-list-records/${kakao}/Stance_Signals__r?fields=Stance_Signal__c.Trigger__c,Stance_Signal__c.Status__c,Stance_Signal__c.CreatedBy.Name&sortBy=Stance_Signal__c.CreatedDate`,
    );
    expect(list.count).toBeGreaterThanOrEqual(2);
    expect(list.records[0]!.fields.Trigger__c!.value).toBe('COMPETITOR_APPROACH');
    expect(list.records[0]!.fields.CreatedBy).toMatchObject({ value: { fields: { Name: { value: 'Dana Reyes' } } } });
  });
});
