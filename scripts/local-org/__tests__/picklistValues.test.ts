/** The UI API's picklist values resource, as getPicklistValues reads it, from force-app's field metadata. */
import type { Connection } from 'jsforce';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { signIn } from '../../testing/signIn';
import { DEFAULTS } from '../org';
import { readProjectMetadata } from '../../metadata/reader';
import { join } from 'node:path';

type Value = { attributes: null; label: string; validFor: number[]; value: string };
type Values = { controllerValues: object; defaultValue: Value | null; eTag: string; url: string; values: Value[] };

const ROOT = join(__dirname, '../../..');
const MASTER = '012000000000000AAA';

describe('GET ui-api/object-info/{object}/picklist-values/{recordTypeId}/{field}', () => {
  let running: RunningOrg;
  let conn: Connection;
  const base = '/services/data/v62.0/ui-api/object-info';

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none' });
    // The admin (System Administrator): these tests are about the API, not about one user's rights.
    conn = await signIn(running, DEFAULTS.username);
  });

  afterAll(() => running.close());

  it("answers a field's values and labels as force-app defines them, in Salesforce's shape", async () => {
    const answer = await conn.request<Values>(`${base}/Stance_Signal__c/picklist-values/${MASTER}/Trigger__c`);
    const metadata = readProjectMetadata(join(ROOT, 'force-app/main/default'), ROOT);
    const field = metadata.objects.get('Stance_Signal__c')!.fields.get('Trigger__c')!;
    expect(answer.values).toEqual(
      field.picklistValues!.map((entry) => ({
        attributes: null,
        label: entry.label,
        validFor: [],
        value: entry.apiName,
      })),
    );
    expect(answer.values).toContainEqual({
      attributes: null,
      label: 'Competitor approach',
      validFor: [],
      value: 'COMPETITOR_APPROACH',
    });
    expect(answer).toMatchObject({
      controllerValues: {},
      defaultValue: null,
      url: `/services/data/v62.0/ui-api/object-info/Stance_Signal__c/picklist-values/${MASTER}/Trigger__c`,
    });
    expect(answer.eTag).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps the eTag while the values stay, and gives each picklist its own', async () => {
    const read = (field: string) => conn.request<Values>(`${base}/Account/picklist-values/${MASTER}/${field}`);
    const [first, again, other] = await Promise.all([
      read('Stance_Override__c'),
      read('Stance_Override__c'),
      read('Type'),
    ]);
    expect(first.values.map((entry) => entry.value)).toEqual(['Attack', 'Defend', 'Fire', 'None']);
    expect(again.eTag).toBe(first.eTag);
    expect(other.eTag).not.toBe(first.eTag);
  });

  it('names the API version it was asked in and takes the 15-character record type id', async () => {
    const answer = await conn.request<Values>(
      `/services/data/v60.0/ui-api/object-info/Account/picklist-values/${MASTER.slice(0, 15)}/Stance__c`,
    );
    expect(answer.url).toBe(`/services/data/v60.0/ui-api/object-info/Account/picklist-values/${MASTER}/Stance__c`);
  });

  it.each([
    ['an unknown object', `No_Such__c/picklist-values/${MASTER}/Stance__c`],
    ['an unknown field', `Account/picklist-values/${MASTER}/No_Such__c`],
    ['a field that is no picklist', `Account/picklist-values/${MASTER}/At_Risk__c`],
    ['an unknown record type', 'Account/picklist-values/012000000000001AAA/Stance__c'],
  ])("answers 404 with Salesforce's error body for %s", async (_case, path) => {
    const response = await fetch(`${running.url}${base}/${path}`, {
      headers: { Authorization: `Bearer ${conn.accessToken}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] },
    ]);
  });
});
