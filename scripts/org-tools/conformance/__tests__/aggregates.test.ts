/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read as the JSON they are */
/**
 * Aggregate conformance (see ../target.ts): what the portfolio reads, SUM and COUNT grouped by
 * Account.OwnerId, in SOQL and in the UI API's GraphQL aggregate, against the rows they add up.
 * An admin creates three accounts named `Stance conformance aggregate …`, the integration user
 * writes their effort fields as the sidecar does (one left empty: SUM skips a null), both
 * aggregates must agree with the rows read back, and the accounts are deleted. Against a real org
 * where a sidecar runs, it may rewrite the fields meanwhile: the rows are read back just before.
 */
import type { Connection } from 'jsforce';
import { againstRealOrg, itWith } from '../target';
import type { ConformanceTarget } from '../target';
import { conformanceTarget } from '../targets';

jest.setTimeout(120_000);

const PREFIX = 'Stance conformance aggregate';

const GRAPHQL = `
query Effort($name: String) {
  uiapi {
    aggregate {
      Account(where: { Name: { like: $name } }, groupBy: { OwnerId: { group: true } }) {
        edges { node { aggregate {
          OwnerId { value }
          Id { count { value } }
          Stance_Open_Deals__c { sum { value } }
          Stance_Open_Pipeline__c { sum { value } }
        } } }
      }
    }
  }
}`;

interface Row {
  OwnerId: string;
  Stance_Open_Deals__c: number | null;
  Stance_Open_Pipeline__c: number | null;
}

describe('aggregate conformance', () => {
  let target: ConformanceTarget;

  beforeAll(async () => {
    target = await conformanceTarget();
  });
  afterAll(() => target?.close());

  itWith(['admin', 'integration'])(
    'sums and counts accounts grouped by OwnerId alike in SOQL and in the GraphQL aggregate',
    async () => {
      const admin = await target.admin();
      const integration = await target.integration();
      const created = await admin.sobject('Account').create(
        [1, 2, 3].map((n) => ({ Name: `${PREFIX} ${n} ${Date.now()}` })),
        { allOrNone: true },
      );
      const ids = created.map((result) => (result as { id: string }).id);
      try {
        const updated = await integration.sobject('Account').update(
          [
            { Id: ids[0]!, Stance_Open_Deals__c: 2, Stance_Open_Pipeline__c: 100.5 },
            { Id: ids[1]!, Stance_Open_Deals__c: 3, Stance_Open_Pipeline__c: 200.25 },
          ],
          { allOrNone: true },
        );
        expect(updated.every((result) => result.success)).toBe(true);

        const rows = (
          await admin.query<Row>(
            `SELECT OwnerId, Stance_Open_Deals__c, Stance_Open_Pipeline__c FROM Account WHERE Name LIKE '${PREFIX}%'`,
          )
        ).records;
        expect(rows).toHaveLength(3);
        const owners = [...new Set(rows.map((row) => row.OwnerId))].sort();
        const expected = owners.map((owner) => {
          const mine = rows.filter((row) => row.OwnerId === owner);
          const sum = (field: 'Stance_Open_Deals__c' | 'Stance_Open_Pipeline__c') =>
            mine.some((row) => row[field] !== null)
              ? Math.round(mine.reduce((n, row) => n + (row[field] ?? 0), 0) * 100) / 100
              : null;
          return {
            owner,
            count: mine.length,
            deals: sum('Stance_Open_Deals__c'),
            pipeline: sum('Stance_Open_Pipeline__c'),
          };
        });
        // Without a sidecar rewriting them, what the integration user wrote: 5 deals, 300.75, the empty one skipped.
        if (!againstRealOrg()) expect(expected).toEqual([{ owner: owners[0], count: 3, deals: 5, pipeline: 300.75 }]);

        const soql = await admin.query<Record<string, unknown>>(
          `SELECT OwnerId, COUNT(Id) n, SUM(Stance_Open_Deals__c) deals, SUM(Stance_Open_Pipeline__c) FROM Account WHERE Name LIKE '${PREFIX}%' GROUP BY OwnerId ORDER BY OwnerId`,
        );
        expect(soql.records.map((record) => (record.attributes as { type: string }).type)).toEqual(
          owners.map(() => 'AggregateResult'),
        );
        // An aggregate without an alias is named expr0, expr1, ... in the order of the unaliased ones.
        expect(
          soql.records.map((record) => ({
            owner: record.OwnerId,
            count: record.n,
            deals: record.deals,
            pipeline: record.expr0,
          })),
        ).toEqual(expected);

        const answer = await graphql(admin, GRAPHQL, { name: `${PREFIX}%` });
        expect(answer.errors).toBeUndefined();
        const groups = (answer.data!.uiapi.aggregate.Account.edges as any[]).map(({ node }) => ({
          owner: node.aggregate.OwnerId.value,
          count: node.aggregate.Id.count.value,
          deals: node.aggregate.Stance_Open_Deals__c.sum.value,
          pipeline: node.aggregate.Stance_Open_Pipeline__c.sum.value,
        }));
        expect(groups.sort((a, b) => String(a.owner).localeCompare(String(b.owner)))).toEqual(expected);
      } finally {
        await admin.sobject('Account').destroy(ids, { allOrNone: false });
      }
    },
  );
});

function graphql(conn: Connection, query: string, variables: object) {
  return conn.request<{ data: Record<string, any> | null; errors?: Array<{ message: string }> }>({
    method: 'POST',
    url: `/services/data/v${conn.version}/graphql`,
    body: JSON.stringify({ query, variables }),
    headers: { 'Content-Type': 'application/json' },
  });
}
