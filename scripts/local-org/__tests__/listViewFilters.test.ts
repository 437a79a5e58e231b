/** List view filters (scope, boolean logic, operators, quoting) as the SOQL the local org runs. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { signIn } from '../../testing/signIn';
import { UI, get } from './support/listViews';
import type { Failure, ListInfo, ListRecords } from './support/listViews';

jest.setTimeout(60_000);

const LIST_VIEW = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ListView xmlns="http://soap.sforce.com/2006/04/metadata">
${body}
</ListView>
`;

describe('list view filters translated to SOQL', () => {
  let root: string;
  let running: RunningOrg;
  let conn: Connection;
  let otherUser: string;

  const views: Record<string, string> = {
    My_Bakeries: `<fullName>My_Bakeries</fullName>
    <columns>ACCOUNT.NAME</columns><columns>ACCOUNT.INDUSTRY</columns><columns>CORE.USERS.FULL_NAME</columns>
    <filterScope>Mine</filterScope>
    <filters><field>ACCOUNT.INDUSTRY</field><operation>equals</operation><value>Bakery, Confectionery</value></filters>
    <label>My bakeries</label>`,
    Logic: `<fullName>Logic</fullName>
    <booleanFilter>1 OR (2 AND NOT 3)</booleanFilter>
    <columns>NAME</columns>
    <filterScope>Everything</filterScope>
    <filters><field>NAME</field><operation>startsWith</operation><value>Zeta</value></filters>
    <filters><field>AnnualRevenue</field><operation>greaterOrEqual</operation><value>1000000</value></filters>
    <filters><field>ACCOUNT.NAME</field><operation>contains</operation><value>100%</value></filters>
    <label>Logic</label>`,
    Quoted: `<fullName>Quoted</fullName>
    <columns>NAME</columns>
    <filterScope>Everything</filterScope>
    <filters><field>NAME</field><operation>equals</operation><value>O'Brien's \\ Bakery</value></filters>
    <label>Quoted</label>`,
    Not_Containing: `<fullName>Not_Containing</fullName>
    <columns>NAME</columns>
    <filterScope>Everything</filterScope>
    <filters><field>NAME</field><operation>notContain</operation><value>_x,Bakery</value></filters>
    <filters><field>ACCOUNT.TYPE</field><operation>notContain</operation><value>Other</value></filters>
    <filters><field>ACCOUNT.INDUSTRY</field><operation>notEqual</operation><value></value></filters>
    <label>Not containing</label>`,
    Unmappable: `<fullName>Unmappable</fullName>
    <columns>NAME</columns><columns>ACCOUNT.ADDRESS1_STATE</columns>
    <filterScope>Everything</filterScope>
    <label>Unmappable</label>`,
    Includes: `<fullName>Includes</fullName>
    <columns>NAME</columns>
    <filterScope>Everything</filterScope>
    <filters><field>Industry</field><operation>includes</operation><value>Bakery</value></filters>
    <label>Includes</label>`,
    Bad_Logic: `<fullName>Bad_Logic</fullName>
    <booleanFilter>1 AND 4</booleanFilter>
    <columns>NAME</columns>
    <filterScope>Everything</filterScope>
    <filters><field>NAME</field><operation>equals</operation><value>Beta</value></filters>
    <label>Bad logic</label>`,
    Queue_Scope: `<fullName>Queue_Scope</fullName>
    <columns>NAME</columns>
    <filterScope>Queue</filterScope>
    <label>Queue scope</label>`,
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'list-views-'));
    const dir = join(root, 'force-app/main/default/objects/Account/listViews');
    mkdirSync(dir, { recursive: true });
    for (const [name, body] of Object.entries(views))
      writeFileSync(join(dir, `${name}.listView-meta.xml`), LIST_VIEW(body));
    running = await startLocalOrg({ seed: 'none', projectRoot: root });
    conn = await signIn(running, DEFAULTS.username);
    otherUser = (
      await conn.sobject('User').create({
        Username: 'other@stance.local',
        LastName: 'Other',
        Alias: 'other',
        Email: 'other@stance.local',
        IsActive: true,
      })
    ).id!;
    const accounts = [
      { Name: 'Acme 100% Bakery', Industry: 'Bakery', AnnualRevenue: 5_000_000, Type: 'Prospect' },
      { Name: 'Acme 1000 Bakery', Industry: 'Bakery', AnnualRevenue: 5_000_000 },
      { Name: "O'Brien's \\ Bakery", Industry: 'Confectionery', AnnualRevenue: 2_000_000, Type: 'Other' },
      { Name: 'Zeta_x', Industry: 'Chemicals', AnnualRevenue: 10, Type: 'Other' },
      { Name: 'Beta', Industry: 'Bakery', AnnualRevenue: 2_000_000, Type: 'Prospect', OwnerId: otherUser },
      { Name: 'Gamma', Industry: 'Chemicals', AnnualRevenue: 3_000_000, Type: 'Prospect' },
      { Name: 'Delta Ax', Industry: 'Chemicals' },
      { Name: 'Epsilon' },
    ];
    const created = await conn.sobject('Account').create(accounts);
    expect(created.every((result) => result.success)).toBe(true);
  });

  afterAll(async () => {
    await running.close();
    rmSync(root, { recursive: true, force: true });
  });

  const names = async (view: string, as: Connection = conn) => {
    const answer = await get<ListRecords>(running, as, `${UI}/list-records/Account/${view}?pageSize=2000`);
    expect(answer.status).toBe(200);
    return answer.body.records.map((record) => record.fields.Name!.value);
  };
  const soqlNames = async (where: string) =>
    (await conn.query<{ Name: string }>(`SELECT Name FROM Account WHERE ${where} ORDER BY Name, Id`)).records.map(
      (record) => record.Name,
    );

  it('filterScope Mine keeps the caller’s records; comma-separated values mean IN', async () => {
    expect(await names('My_Bakeries')).toEqual(['Acme 100% Bakery', 'Acme 1000 Bakery', "O'Brien's \\ Bakery"]);
    const info = await get<ListInfo>(running, conn, `${UI}/list-info/Account/My_Bakeries`);
    expect(info.body.scope.apiName).toBe('mine');
    expect(info.body.filteredByInfo).toEqual([
      { fieldApiName: 'Industry', label: 'Industry', operandLabels: ['Bakery', 'Confectionery'], operator: 'Equals' },
    ]);
    expect(info.body.displayColumns.map((column) => column.fieldApiName)).toEqual(['Name', 'Industry', 'Owner.Name']);
    // The other user sees only the account that user owns.
    const other = await conn.sobject('User').retrieve(otherUser);
    expect(other).toMatchObject({ IsActive: true });
    const asOther = await signIn(running, 'other@stance.local');
    expect(await names('My_Bakeries', asOther)).toEqual(['Beta']);
  });

  it('booleanFilter combines the numbered filters; LIKE values match % literally', async () => {
    expect(await names('Logic')).toEqual(
      await soqlNames("(Name LIKE 'Zeta%' OR (AnnualRevenue >= 1000000 AND (NOT Name LIKE '%100\\%%')))"),
    );
    // "Acme 1000 Bakery" does not contain "100%": the % is no wildcard.
    expect(await names('Logic')).toEqual(['Acme 1000 Bakery', 'Beta', 'Gamma', "O'Brien's \\ Bakery", 'Zeta_x']);
    const info = await get<ListInfo>(running, conn, `${UI}/list-info/Account/Logic`);
    expect(info.body.filterLogicString).toBe('1 OR (2 AND NOT 3)');
    expect(info.body.filteredByInfo.map((filter) => filter.operator)).toEqual([
      'StartsWith',
      'GreaterOrEqual',
      'Contains',
    ]);
  });

  it('quotes and escapes text values', async () => {
    expect(await names('Quoted')).toEqual(["O'Brien's \\ Bakery"]);
  });

  it('notContain keeps blanks and matches _ literally; notEqual with no value means not blank', async () => {
    // Delta Ax: no literal "_x" in its name, no Type; Epsilon has no Industry.
    expect(await names('Not_Containing')).toEqual(['Beta', 'Delta Ax', 'Gamma']);
    expect(await names('Not_Containing')).toEqual(
      await soqlNames(
        "(Name = null OR (NOT (Name LIKE '%\\_x%' OR Name LIKE '%Bakery%'))) AND (Type = null OR (NOT Type LIKE '%Other%')) AND Industry != null",
      ),
    );
  });

  it.each([
    ['Unmappable', 'ACCOUNT.ADDRESS1_STATE'],
    ['Includes', 'includes'],
    ['Bad_Logic', '1 AND 4'],
    ['Queue_Scope', 'Queue'],
  ])('refuses %s with a 400 that names %s and the file', async (view, detail) => {
    for (const resource of ['list-info', 'list-records']) {
      const answer = await get<Failure>(running, conn, `${UI}/${resource}/Account/${view}`);
      expect(answer.status).toBe(400);
      expect(answer.body[0]!.errorCode).toBe('INVALID_LIST_VIEW');
      expect(answer.body[0]!.message).toContain(detail);
      expect(answer.body[0]!.message).toContain(`objects/Account/listViews/${view}.listView-meta.xml`);
    }
  });
});
