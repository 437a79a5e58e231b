/**
 * Wire conformance: what the local org claims to do as Salesforce does, in a form that runs against
 * either (see ../target.ts). Under `npm test` they run against a local org; under `npm run test:org`
 * against a real one. The local org's own tests (scripts/local-org/__tests__/access.test.ts,
 * operations.test.ts, rest/__tests__/collation.test.ts) check the same and more; these are their
 * portable form, and may replace the overlapping parts of them later.
 */
import type { Connection } from 'jsforce';
import { itWith } from '../target';
import type { ConformanceTarget } from '../target';
import { conformanceTarget } from '../targets';

jest.setTimeout(120_000);

const VERSION = '62.0';

function failureOf(promise: PromiseLike<unknown>): Promise<{ errorCode?: string; message?: string }> {
  return Promise.resolve(promise).then(
    () => ({ errorCode: 'no error' }),
    (error: { errorCode?: string; message?: string }) => error,
  );
}

describe('wire conformance', () => {
  let target: ConformanceTarget;

  beforeAll(async () => {
    target = await conformanceTarget();
  });
  afterAll(() => target?.close());

  itWith(['integration'])('refuses in SOQL a field the user may not read: INVALID_FIELD, No such column', async () => {
    const integration = await target.integration();
    expect(await failureOf(integration.query('SELECT Id, Website FROM Account LIMIT 1'))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Website' on entity 'Account'"),
    });
    // What Stance_Integration grants reads fine.
    await integration.query('SELECT Id, Stance__c, Stance_Reason__c FROM Account LIMIT 1');
  });

  itWith(['integration'])(
    'keeps PermissionSetAssignment from the integration user: INVALID_TYPE, not supported',
    async () => {
      const integration = await target.integration();
      expect(await failureOf(integration.query('SELECT Id FROM PermissionSetAssignment LIMIT 1'))).toMatchObject({
        errorCode: 'INVALID_TYPE',
        message: expect.stringContaining("sObject type 'PermissionSetAssignment' is not supported"),
      });
    },
  );

  itWith(['rep'])(
    'refuses a rep writing the stance on an account of theirs: INVALID_FIELD_FOR_INSERT_UPDATE',
    async () => {
      const rep = await target.rep();
      const me = await rep.request<{ user_id: string }>('/services/oauth2/userinfo');
      const owned = await rep.query<{ Id: string; Stance__c: string | null }>(
        `SELECT Id, Stance__c FROM Account WHERE OwnerId = '${me.user_id}' LIMIT 1`,
      );
      if (owned.records.length === 0) throw new Error('The rep owns no account: give them one to run this check');
      const account = owned.records[0]!;
      const other = account.Stance__c === 'Fire' ? 'Attack' : 'Fire';
      expect(await failureOf(rep.sobject('Account').update({ Id: account.Id, Stance__c: other }))).toMatchObject({
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: expect.stringContaining('Unable to create/update fields: Stance__c.'),
      });
      const after = await rep.sobject('Account').retrieve(account.Id);
      expect(after.Stance__c).toBe(account.Stance__c);
    },
  );

  itWith(['rep'])(
    'refuses a rep updating an object Stance_User only reads: INSUFFICIENT_ACCESS_OR_READONLY',
    async () => {
      const rep = await target.rep();
      const signals = await rep.query<{ Id: string; Description__c: string | null }>(
        'SELECT Id, Description__c FROM Market_Signal__c LIMIT 1',
      );
      if (signals.records.length === 0) throw new Error('No market signal to try: load the demo (npm run org:demo)');
      const signal = signals.records[0]!;
      expect(
        await failureOf(
          rep.sobject('Market_Signal__c').update({ Id: signal.Id, Description__c: 'Not mine to change' }),
        ),
      ).toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
      expect((await rep.sobject('Market_Signal__c').retrieve(signal.Id)).Description__c).toBe(signal.Description__c);
    },
  );

  itWith(['jwt'])('refuses a JWT bearer assertion whose audience is the My Domain: invalid_grant', async () => {
    expect(await target.jwtToken(target.myDomain)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'audience is invalid' },
    });
    const accepted = await target.jwtToken();
    expect(accepted).toMatchObject({ status: 200, body: { access_token: expect.any(String) } });
  });

  itWith(['admin'])(
    'answers collated /composite subrequests under their referenceIds, in whatever order they ran',
    async () => {
      const admin: Connection = await target.admin();
      const run = `Stance conformance ${Date.now().toString(36)}`;
      const refs = Array.from({ length: 6 }, (_, index) => `account${index}`);
      const answer = (await admin.request({
        method: 'POST',
        url: `/services/data/v${VERSION}/composite`,
        body: JSON.stringify({
          allOrNone: false,
          collateSubrequests: true,
          compositeRequest: refs.map((referenceId, index) => ({
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/Account`,
            referenceId,
            body: { Name: `${run} ${index}` },
          })),
        }),
        headers: { 'Content-Type': 'application/json' },
      })) as { compositeResponse: Array<{ referenceId: string; httpStatusCode: number; body: { id: string } }> };
      const byRef = new Map(answer.compositeResponse.map((sub) => [sub.referenceId, sub]));
      expect([...byRef.keys()].sort()).toEqual([...refs].sort());
      const ids = refs.map((ref) => byRef.get(ref)!.body.id);
      try {
        for (const ref of refs) expect(byRef.get(ref)!.httpStatusCode).toBe(201);
        const names = await admin.query<{ Id: string; Name: string }>(
          `SELECT Id, Name FROM Account WHERE Id IN (${ids.map((id) => `'${id}'`).join(',')})`,
        );
        const nameOf = new Map(names.records.map((row) => [row.Id, row.Name]));
        refs.forEach((ref, index) => expect(nameOf.get(byRef.get(ref)!.body.id)).toBe(`${run} ${index}`));
      } finally {
        await admin.sobject('Account').destroy(ids.filter(Boolean));
      }
    },
  );
});
