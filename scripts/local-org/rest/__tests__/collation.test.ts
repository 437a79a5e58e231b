/** /composite as Salesforce may run it: collated subrequests in no guaranteed order, through jsforce. */
import type { Connection } from 'jsforce';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { signIn } from '../../../testing/signIn';
import { executionOrder, SeededSequence } from '../collation';

const VERSION = '62.0';
type CompositeAnswer = {
  compositeResponse: Array<{ httpStatusCode: number; body: { id?: string }; referenceId: string }>;
};

const creates = (names: readonly string[]) =>
  names.map((name) => ({
    method: 'POST',
    url: `/services/data/v${VERSION}/sobjects/Account`,
    referenceId: name,
    body: { Name: `Collated ${name}` },
  }));

describe('/composite collation', () => {
  let running: RunningOrg;
  let conn: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none' });
    // The org's admin, who may create accounts (the integration user may not).
    conn = await signIn(running, DEFAULTS.username);
  });

  afterAll(() => running.close());

  /** The accounts the answers name, in the order the org created them. */
  const createdOrder = async (answer: CompositeAnswer) => {
    const ids = answer.compositeResponse.map((sub) => sub.body.id!);
    const rows = await conn.query<{ Id: string; Name: string }>(
      `SELECT Id, Name FROM Account WHERE Id IN ('${ids.join("','")}') ORDER BY CreatedDate, Id`,
    );
    return rows.records.map((row) => row.Name.replace('Collated ', ''));
  };

  it('runs unrelated subrequests out of the given order by default, answering each under its referenceId', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const answer = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
      allOrNone: false,
      compositeRequest: creates(names),
    });
    const answered = answer.compositeResponse.map((sub) => sub.referenceId);
    expect([...answered].sort()).toEqual(names);
    expect(answered).not.toEqual(names);
    // The answers come in the order the subrequests ran, and each carries its own record.
    expect(await createdOrder(answer)).toEqual(answered);
    for (const sub of answer.compositeResponse) {
      expect(sub.httpStatusCode).toBe(201);
      expect(await conn.sobject('Account').retrieve(sub.body.id!)).toMatchObject({
        Name: `Collated ${sub.referenceId}`,
      });
    }
  });

  it('rolls back every collated subrequest with allOrNone, whatever order they ran in', async () => {
    const subs = creates(['k', 'l', 'm', 'n']);
    subs[2] = { ...subs[2]!, body: { Name: 'Collated m', Stance__c: 'Atack' } } as (typeof subs)[number];
    const answer = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
      allOrNone: true,
      compositeRequest: subs,
    });
    const codes = Object.fromEntries(
      answer.compositeResponse.map((sub) => [
        sub.referenceId,
        (sub.body as unknown as Array<{ errorCode: string }>)[0]!.errorCode,
      ]),
    );
    expect(codes).toEqual({
      k: 'PROCESSING_HALTED',
      l: 'PROCESSING_HALTED',
      m: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      n: 'PROCESSING_HALTED',
    });
    expect(
      (await conn.query(`SELECT COUNT() FROM Account WHERE Name IN ('Collated k', 'Collated l', 'Collated n')`))
        .totalSize,
    ).toBe(0);
  });

  it('keeps the given order with collateSubrequests false', async () => {
    const names = ['f', 'g', 'h', 'i', 'j'];
    const answer = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
      allOrNone: false,
      collateSubrequests: false,
      compositeRequest: creates(names),
    });
    expect(answer.compositeResponse.map((sub) => sub.referenceId)).toEqual(names);
    expect(await createdOrder(answer)).toEqual(names);
  });

  it('keeps in place what Salesforce may not collate: references between subrequests, headers of their own', async () => {
    const [parent, , , withHeaders] = creates(['parent', 'child', 'check', 'headed']);
    const answer = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
      allOrNone: true,
      compositeRequest: [
        parent,
        {
          method: 'POST',
          url: `/services/data/v${VERSION}/sobjects/Contact`,
          referenceId: 'child',
          body: { LastName: 'Child', AccountId: '@{parent.id}' },
        },
        {
          method: 'GET',
          url: `/services/data/v${VERSION}/query?q=SELECT+Id+FROM+Contact+WHERE+AccountId='@{parent.id}'`,
          referenceId: 'check',
        },
        { ...withHeaders, httpHeaders: { 'Sforce-Auto-Assign': 'FALSE' } },
      ],
    });
    expect(answer.compositeResponse.map((sub) => [sub.referenceId, sub.httpStatusCode])).toEqual([
      ['parent', 201],
      ['child', 201],
      ['check', 200],
      ['headed', 201],
    ]);
  });

  it('orders from a seed: the same seed gives the same orders, and never the given one when another exists', () => {
    const subs = [
      ...creates(['a', 'b']),
      { method: 'PATCH', url: `/services/data/v${VERSION}/composite/sobjects`, referenceId: 'c', body: {} },
      { method: 'POST', url: `/services/data/v${VERSION}/sobjects/Ping__e`, referenceId: 'd', body: {} },
    ];
    const orders = (seed: number) => {
      const sequence = new SeededSequence(seed);
      return Array.from({ length: 20 }, () => executionOrder(subs, true, sequence).join(''));
    };
    expect(orders(7)).toEqual(orders(7));
    expect(orders(7)).not.toEqual(orders(8));
    for (const order of [...orders(7), ...orders(8)]) {
      expect(order).not.toBe('0123');
      expect([...order].sort().join('')).toBe('0123');
    }
    // One subrequest on its own cannot move; two unrelated ones of different methods can.
    expect(executionOrder(subs.slice(0, 1), true, new SeededSequence(1))).toEqual([0]);
    expect(executionOrder(subs.slice(2), true, new SeededSequence(1))).toEqual([1, 0]);
    expect(executionOrder(subs, false, new SeededSequence(1))).toEqual([0, 1, 2, 3]);
  });
});
