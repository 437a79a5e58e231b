/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read as the JSON they are */
/**
 * What the checklist reads and writes when the value proposition's levers go onto the account's
 * open deals, over the wire as the demo people: the component's own open-deals GraphQL query
 * (read from its source, so a change there is tested here), and a UI API PATCH of
 * Opportunity.Value_Levers__c. Dana, the owner, may; Nina, a peer who may read Dana's deals
 * (Public Read Only) but not edit them, is refused with the UI API's Error with Output, and a
 * value outside the restricted set is refused on the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { signIn } from '../../testing/signIn';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

jest.setTimeout(60_000);

const COMPONENT = join(__dirname, '../../../force-app/main/default/lwc/stanceChecklist/dealLevers.js');
/** The OPEN_DEALS_QUERY gql template of the component, as it posts it. */
const OPEN_DEALS_QUERY = (() => {
  const source = readFileSync(COMPONENT, 'utf8');
  const match = /OPEN_DEALS_QUERY = gql`([^`]+)`/.exec(source);
  if (!match) throw new Error(`no OPEN_DEALS_QUERY gql template in ${COMPONENT}`);
  return match[1]!;
})();

type Deal = {
  Id: string;
  Name: { value: string };
  StageName: { value: string };
  CloseDate: { value: string };
  Value_Levers__c: { value: string | null };
};

describe('the levers on the open deals, over the wire', () => {
  let running: RunningOrg;
  let admin: Connection;
  let dana: Connection;
  let nina: Connection;
  let hansa: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    dana = await signIn(running, 'dana@stance.local');
    nina = await signIn(running, 'nina@stance.local');
    hansa = (await admin.query<{ Id: string }>("SELECT Id FROM Account WHERE Name = 'Hansa Schokolade GmbH'"))
      .records[0]!.Id;
  });

  afterAll(() => running.close());

  /** A raw call as a person, so the test sees the status and the body as the browser does. */
  async function call(conn: Connection, method: string, path: string, body?: unknown) {
    const response = await fetch(`${running.url}/services/data/v62.0${path}`, {
      method,
      headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  async function openDeals(conn: Connection, accountId: string): Promise<Deal[]> {
    const answer = await call(conn, 'POST', '/graphql', { query: OPEN_DEALS_QUERY, variables: { accountId } });
    expect(answer).toMatchObject({ status: 200 });
    expect(answer.body.errors).toBeUndefined();
    return answer.body.data.uiapi.query.Opportunity.edges.map((edge: { node: Deal }) => edge.node);
  }

  const leversOf = async (id: string) =>
    (
      await admin.query<{ Value_Levers__c: string | null }>(
        `SELECT Value_Levers__c FROM Opportunity WHERE Id = '${id}'`,
      )
    ).records[0]!.Value_Levers__c;

  it("reads the account's open deals only, as Dana, with their levers", async () => {
    const all = await admin.query<{ Id: string; Name: string; IsClosed: boolean }>(
      `SELECT Id, Name, IsClosed FROM Opportunity WHERE AccountId = '${hansa}' ORDER BY Name`,
    );
    expect(all.records.map((row) => [row.Name, row.IsClosed])).toEqual([
      ['Hansa – 2026 frame contract', true],
      ['Hansa – seasonal range', false],
    ]);
    const deals = await openDeals(dana, hansa);
    expect(deals).toEqual([
      {
        Id: all.records[1]!.Id,
        Name: { value: 'Hansa – seasonal range' },
        StageName: { value: 'Proposal/Price Quote', displayValue: 'Proposal/Price Quote' },
        CloseDate: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
        Value_Levers__c: { value: null },
      },
    ]);
    const info = await call(dana, 'GET', '/ui-api/object-info/Opportunity');
    expect(info.body).toMatchObject({ updateable: true, fields: { Value_Levers__c: { updateable: true } } });
  });

  it('writes the levers on a deal Dana owns, through the UI API as Dana', async () => {
    const [deal] = await openDeals(dana, hansa);
    const saved = await call(dana, 'PATCH', `/ui-api/records/${deal!.Id}`, {
      fields: { Value_Levers__c: 'Technical;Service' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.fields.Value_Levers__c).toEqual({
      value: 'Technical;Service',
      displayValue: 'Technical solution;Service',
    });
    expect(await leversOf(deal!.Id)).toBe('Technical;Service');
    // The checklist offers it again with its levers now (unticked: it has levers).
    expect((await openDeals(dana, hansa))[0]!.Value_Levers__c).toEqual({ value: 'Technical;Service' });
  });

  it("refuses Nina, who may read Dana's deal but not edit it, with the UI API's Error with Output", async () => {
    const [deal] = await openDeals(nina, hansa);
    const before = await leversOf(deal!.Id);
    const refused = await call(nina, 'PATCH', `/ui-api/records/${deal!.Id}`, { fields: { Value_Levers__c: 'Price' } });
    expect(refused).toEqual({
      status: 400,
      body: {
        enhancedErrorType: 'RecordError',
        message: 'An error occurred while trying to update the record. Please try again.',
        output: {
          errors: [
            {
              constituentField: null,
              duplicateRecordError: null,
              errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
              field: null,
              fieldLabel: null,
              message: 'insufficient access rights on object id',
            },
          ],
          fieldErrors: {},
        },
      },
    });
    expect(await leversOf(deal!.Id)).toBe(before);
    // The REST API answers the same refusal as its error list.
    await expect(nina.sobject('Opportunity').update({ Id: deal!.Id, Value_Levers__c: 'Price' })).rejects.toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
    });
  });

  it("answers a customer's validation rule as a record error the component names", async () => {
    const [deal] = await openDeals(dana, hansa);
    running.org.store.validationRules.push({
      object: 'Opportunity',
      message: 'Levers are set by sales operations in the proposal stage',
      failsWhen: (record) => record.StageName === 'Proposal/Price Quote' && record.Value_Levers__c === 'Price',
    });
    try {
      const refused = await call(dana, 'PATCH', `/ui-api/records/${deal!.Id}`, {
        fields: { Value_Levers__c: 'Price' },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.output.errors).toEqual([
        expect.objectContaining({
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'Levers are set by sales operations in the proposal stage',
        }),
      ]);
      expect(await leversOf(deal!.Id)).not.toBe('Price');
    } finally {
      running.org.store.validationRules.length = 0;
    }
  });

  it('refuses a lever outside the restricted set on the field', async () => {
    const [deal] = await openDeals(dana, hansa);
    const refused = await call(dana, 'PATCH', `/ui-api/records/${deal!.Id}`, {
      fields: { Value_Levers__c: 'Price;Charm' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ enhancedErrorType: 'RecordError', output: { errors: [] } });
    expect(refused.body.output.fieldErrors.Value_Levers__c).toEqual([
      expect.objectContaining({
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        field: 'Value_Levers__c',
        fieldLabel: 'Value Levers',
        message: expect.stringContaining('Charm'),
      }),
    ]);
  });
});
