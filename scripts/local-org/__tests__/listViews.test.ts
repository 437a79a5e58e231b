/** List views through the UI API, built from force-app's ListView metadata and run as SOQL. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { signIn } from '../../testing/signIn';

jest.setTimeout(60_000);

const VERSION = '62.0';
const UI = `/services/data/v${VERSION}/ui-api`;
const DAY = 86_400_000;

type FieldValue = { value: unknown; displayValue: string | null };
type RecordRep = { apiName: string; id: string; fields: Record<string, FieldValue> };
type ListRecords = {
  count: number;
  currentPageToken: string;
  nextPageToken: string | null;
  previousPageToken: string | null;
  pageSize: number;
  sortBy: string;
  listInfoETag: string;
  listReference: { id: string; listViewApiName: string; objectApiName: string; type: string };
  records: RecordRep[];
};
type ListInfo = {
  eTag: string;
  label: string;
  listReference: { id: string; listViewApiName: string; objectApiName: string; type: string };
  displayColumns: Array<{ fieldApiName: string; label: string; sortable: boolean }>;
  filteredByInfo: Array<{ fieldApiName: string; label: string; operandLabels: string[]; operator: string }>;
  filterLogicString: string | null;
  orderedByInfo: Array<{ fieldApiName: string; isAscending: boolean; label: string }>;
  scope: { apiName: string };
};
type Failure = Array<{ errorCode: string; message: string }>;

/** A GET with the connection's token, answering the status and the parsed body. */
async function get<T>(running: RunningOrg, conn: Connection, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${running.url}${path}`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
  return { status: response.status, body: (await response.json()) as T };
}

async function ids(conn: Connection, soql: string): Promise<string[]> {
  return (await conn.query<{ Id: string }>(soql)).records.map((record) => record.Id);
}

describe("force-app's list views through the UI API", () => {
  const now = Date.parse('2026-06-15T12:00:00Z');
  let running: RunningOrg;
  let conn: Connection;

  async function records(path: string, as: Connection = conn): Promise<ListRecords> {
    const answer = await get<ListRecords>(running, as, `${UI}/list-records/${path}`);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo', clock: () => now });
    conn = await signIn(running);
    // The sidecar sets stances; here the test does, so each list view selects some accounts but not all.
    const accounts = await ids(conn, 'SELECT Id FROM Account ORDER BY Name');
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    await conn.sobject('Account').update(
      accounts.slice(0, 14).map((Id, index) => ({
        Id,
        Stance__c: index < 5 ? 'Attack' : index < 8 ? 'Fire' : 'Defend',
        At_Risk__c: index >= 8 && index < 11,
        Stance_Priority__c: (index * 7) % 5,
        Stance_Reason__c: `Reason ${index}`,
        Stance_Changed_At__c: index % 3 === 0 ? at(2) : index % 3 === 1 ? at(6.9) : at(9),
      })),
    );
  });

  afterAll(() => running.close());

  it('maps every column and filter of every list view in force-app', async () => {
    const views = [...running.org.metadata.objects.values()].flatMap((object) => object.listViews);
    expect(views.length).toBeGreaterThanOrEqual(5);
    for (const view of views) {
      const info = await get<ListInfo>(running, conn, `${UI}/list-info/${view.object}/${view.apiName}`);
      expect(info.status).toBe(200);
      expect(info.body.label).toBe(view.label);
      expect(info.body.displayColumns).toHaveLength(view.columns.length);
      expect(info.body.filteredByInfo).toHaveLength(view.filters.length);
      for (const column of info.body.displayColumns) {
        // Field paths as the schema spells them, never the metadata's tokens (CORE.USERS.ALIAS).
        expect(column.fieldApiName).toMatch(/^([A-Z][A-Za-z0-9_]*\.)*[A-Z][A-Za-z0-9_]*$/);
        expect(column.fieldApiName).not.toMatch(/^[A-Z_]+(\.[A-Z_]+)*$/);
      }
      const page = await get<ListRecords>(
        running,
        conn,
        `${UI}/list-records/${view.object}/${view.apiName}?pageSize=1`,
      );
      expect(page.status).toBe(200);
    }
  });

  it.each([
    ['Stance_At_Risk', 'At_Risk__c = true', 'At-risk accounts', { operator: 'Equals', operandLabels: ['True'] }],
    ['Stance_Attack_Targets', "Stance__c = 'Attack'", 'Attack targets', { operandLabels: ['Attack'] }],
    ['Stance_Fire_Candidates', "Stance__c = 'Fire'", 'Fire candidates', { operandLabels: ['Fire'] }],
    [
      'Stance_Changed_Last_7_Days',
      'Stance_Changed_At__c = LAST_N_DAYS:7',
      'Stance changed in the last 7 days',
      { fieldApiName: 'Stance_Changed_At__c', operandLabels: ['LAST_N_DAYS:7'] },
    ],
  ])('%s selects exactly the accounts of "WHERE %s"', async (apiName, where, label, filter) => {
    const expected = await ids(conn, `SELECT Id FROM Account WHERE ${where} ORDER BY Name, Id`);
    const all = await ids(conn, 'SELECT Id FROM Account');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);

    const info = await get<ListInfo>(running, conn, `${UI}/list-info/Account/${apiName}`);
    expect(info.body).toMatchObject({
      label,
      listReference: { listViewApiName: apiName, objectApiName: 'Account', type: 'listView' },
      scope: { apiName: 'everything' },
      filterLogicString: null,
      orderedByInfo: [{ fieldApiName: 'Name', isAscending: true, label: 'Account Name' }],
    });
    expect(info.body.listReference.id).toMatch(/^00B\w{15}$/);
    expect(info.body.filteredByInfo).toEqual([expect.objectContaining(filter)]);
    expect(info.body.displayColumns.map((column) => column.fieldApiName)).toEqual([
      'Name',
      'Stance__c',
      'At_Risk__c',
      'Stance_Priority__c',
      'Stance_Reason__c',
      'Owner.Alias',
      'Stance_Changed_At__c',
    ]);
    expect(info.body.displayColumns[5]).toEqual({
      fieldApiName: 'Owner.Alias',
      label: 'Account Owner Alias',
      sortable: true,
    });

    const list = await records(`Account/${apiName}?pageSize=2000`);
    expect(list.records.map((record) => record.id)).toEqual(expected);
    expect(list).toMatchObject({
      count: expected.length,
      currentPageToken: '0',
      nextPageToken: null,
      previousPageToken: null,
      pageSize: 2000,
      sortBy: 'Name',
      listInfoETag: info.body.eTag,
      listReference: info.body.listReference,
    });
    const first = list.records[0]!;
    expect(first.apiName).toBe('Account');
    expect(Object.keys(first.fields).sort()).toEqual(
      [
        'At_Risk__c',
        'Name',
        'Owner',
        'Stance_Changed_At__c',
        'Stance_Priority__c',
        'Stance_Reason__c',
        'Stance__c',
      ].sort(),
    );
    expect(first.fields.Owner).toMatchObject({
      value: { apiName: 'User', fields: { Alias: { value: expect.any(String) } } },
    });
  });

  it('pages with pageToken, forwards and back', async () => {
    const expected = await ids(conn, "SELECT Id FROM Account WHERE Stance__c = 'Attack' ORDER BY Name, Id");
    expect(expected).toHaveLength(5);
    const seen: string[] = [];
    const pages: ListRecords[] = [];
    let token: string | null = '0';
    while (token !== null) {
      const page = await records(`Account/Stance_Attack_Targets?pageSize=2&pageToken=${token}`);
      pages.push(page);
      seen.push(...page.records.map((record) => record.id));
      token = page.nextPageToken;
    }
    expect(seen).toEqual(expected);
    expect(pages.map((page) => page.count)).toEqual([2, 2, 1]);
    expect(pages.map((page) => [page.previousPageToken, page.currentPageToken, page.nextPageToken])).toEqual([
      [null, '0', '2'],
      ['0', '2', '4'],
      ['2', '4', null],
    ]);
    const back = await records(`Account/Stance_Attack_Targets?pageSize=2&pageToken=${pages[2]!.previousPageToken}`);
    expect(back.records.map((record) => record.id)).toEqual(expected.slice(2, 4));
  });

  it('sorts by sortBy, ascending or descending, on display columns and other fields', async () => {
    const byName = await records('Account/Stance_Attack_Targets?sortBy=-Name');
    expect(byName.sortBy).toBe('-Name');
    expect(byName.records.map((record) => record.id)).toEqual(
      await ids(conn, "SELECT Id FROM Account WHERE Stance__c = 'Attack' ORDER BY Name DESC, Id"),
    );
    const byPriority = await records('Account/Stance_Attack_Targets?sortBy=Account.Stance_Priority__c');
    expect(byPriority.sortBy).toBe('Stance_Priority__c');
    expect(byPriority.records.map((record) => record.id)).toEqual(
      await ids(conn, "SELECT Id FROM Account WHERE Stance__c = 'Attack' ORDER BY Stance_Priority__c, Id"),
    );
    const byRevenue = await records('Account/Stance_Attack_Targets?sortBy=-AnnualRevenue');
    expect(byRevenue.records.map((record) => record.id)).toEqual(
      await ids(conn, "SELECT Id FROM Account WHERE Stance__c = 'Attack' ORDER BY AnnualRevenue DESC, Id"),
    );
    const wrong = await get<Failure>(running, conn, `${UI}/list-records/Account/Stance_Attack_Targets?sortBy=Nmae`);
    expect(wrong.status).toBe(400);
    expect(wrong.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringContaining('Nmae') });
  });

  it('adds requested fields to the records; a missing optional field is left out, a missing field refused', async () => {
    const list = await records(
      'Account/Stance_Fire_Candidates?fields=Account.Industry,Account.Owner.Name&optionalFields=Account.No_Such__c,Type',
    );
    const record = list.records[0]!;
    expect(record.fields.Industry).toBeDefined();
    expect(record.fields.Type).toBeDefined();
    expect(record.fields).not.toHaveProperty('No_Such__c');
    expect(record.fields.Owner).toMatchObject({
      value: { fields: { Alias: { value: expect.any(String) }, Name: { value: expect.any(String) } } },
    });
    const wrong = await get<Failure>(
      running,
      conn,
      `${UI}/list-records/Account/Stance_Fire_Candidates?fields=Account.Nope`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body[0]!.errorCode).toBe('INVALID_FIELD');
  });

  it('refuses a page size or page token out of range', async () => {
    for (const query of ['pageSize=0', 'pageSize=2001', 'pageSize=ten', 'pageToken=abc', 'pageToken=2001']) {
      const answer = await get<Failure>(running, conn, `${UI}/list-records/Account/Stance_At_Risk?${query}`);
      expect(answer.status).toBe(400);
    }
  });

  it('answers 404 NOT_FOUND naming an unknown list view or object', async () => {
    const view = await get<Failure>(running, conn, `${UI}/list-records/Account/No_Such_View`);
    expect(view.status).toBe(404);
    expect(view.body[0]).toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(view.body[0]!.message).toContain('No_Such_View');
    expect(view.body[0]!.message).toContain('Account');
    const info = await get<Failure>(running, conn, `${UI}/list-info/Account/No_Such_View`);
    expect(info.status).toBe(404);
    const object = await get<Failure>(running, conn, `${UI}/list-info/No_Such__c/Stance_At_Risk`);
    expect(object.status).toBe(404);
    expect(object.body[0]!.message).toContain('No_Such__c');
    const views = await get<Failure>(running, conn, `${UI}/list-ui/No_Such__c`);
    expect(views.status).toBe(404);
  });

  it('has the standard All Accounts list view every org has, with every account', async () => {
    const all = await records('Account/AllAccounts?pageSize=2000');
    expect(all.records.map((record) => record.id).sort()).toEqual((await ids(conn, 'SELECT Id FROM Account')).sort());
    const info = await get<ListInfo>(running, conn, `${UI}/list-info/Account/AllAccounts`);
    expect(info.body.label).toBe('All Accounts');
    expect(info.body.displayColumns.map((column) => column.fieldApiName)).toEqual([
      'Name',
      'Type',
      'Industry',
      'Owner.Alias',
    ]);
  });

  it("lists an object's list views, whose URLs and ids answer as the names do", async () => {
    const listUi = await get<{
      count: number;
      objectApiName: string;
      lists: Array<{ apiName: string; id: string; label: string; listUiUrl: string }>;
    }>(running, conn, `${UI}/list-ui/Account`);
    expect(listUi.status).toBe(200);
    expect(listUi.body.objectApiName).toBe('Account');
    expect(listUi.body.lists.map((list) => list.apiName)).toEqual([
      'AllAccounts',
      'Stance_At_Risk',
      'Stance_Attack_Targets',
      'Stance_Changed_Last_7_Days',
      'Stance_Fire_Candidates',
    ]);
    expect(listUi.body.count).toBe(5);
    const atRisk = listUi.body.lists.find((list) => list.apiName === 'Stance_At_Risk')!;
    expect(atRisk.label).toBe('At-risk accounts');

    const whole = await get<{ info: ListInfo; records: ListRecords }>(running, conn, atRisk.listUiUrl);
    expect(whole.status).toBe(200);
    expect(whole.body.info.listReference.id).toBe(atRisk.id);
    expect(whole.body.records.records.map((record) => record.id)).toEqual(
      await ids(conn, 'SELECT Id FROM Account WHERE At_Risk__c = true ORDER BY Name, Id'),
    );
    const byId = await records(atRisk.id);
    expect(byId.records).toEqual(whole.body.records.records);

    const infos = await get<{ lists: Array<{ apiName: string; url: string }> }>(
      running,
      conn,
      `${UI}/list-info/Account`,
    );
    expect(infos.body.lists).toHaveLength(5);
    const info = await get<ListInfo>(running, conn, infos.body.lists[2]!.url);
    expect(info.body.label).toBe('Attack targets');

    const search = await get<{ lists: Array<{ apiName: string }> }>(running, conn, `${UI}/list-ui/Account?q=fire`);
    expect(search.body.lists.map((list) => list.apiName)).toEqual(['Stance_Fire_Candidates']);
    const signals = await get<{ lists: Array<{ apiName: string }> }>(running, conn, `${UI}/list-ui/Stance_Signal__c`);
    expect(signals.body.lists.map((list) => list.apiName)).toEqual(['Unacknowledged_On_My_Accounts']);
  });

  it('shows each user the new signals on the accounts that user owns (Is_My_Account__c)', async () => {
    const soqlFor = async (username: string) => {
      const [user] = await ids(conn, `SELECT Id FROM User WHERE Username = '${username}'`);
      return ids(
        conn,
        `SELECT Id FROM Stance_Signal__c WHERE Status__c = 'New' AND Account__r.OwnerId = '${user}' ORDER BY Name, Id`,
      );
    };
    const listFor = async (username: string) => {
      const user = await signIn(running, username);
      const list = await records('Stance_Signal__c/Unacknowledged_On_My_Accounts?pageSize=2000', user);
      return list.records.map((record) => record.id);
    };
    const dana = await listFor('dana@stance.local');
    const nina = await listFor('nina@stance.local');
    const sam = await listFor('sam@stance.local');
    expect(dana.length).toBeGreaterThan(0);
    expect(dana).toEqual(await soqlFor('dana@stance.local'));
    expect(nina).toEqual(await soqlFor('nina@stance.local'));
    expect(nina.filter((id) => dana.includes(id))).toEqual([]);
    // Sam works in customer support and owns no accounts: the signals Sam reported are not Sam's accounts'.
    expect(sam).toEqual([]);

    const danaConn = await signIn(running, 'dana@stance.local');
    const list = await records('Stance_Signal__c/Unacknowledged_On_My_Accounts', danaConn);
    const record = list.records[0]!;
    expect(Object.keys(record.fields)).toEqual(
      expect.arrayContaining(['Name', 'Account__c', 'Trigger__c', 'Source__c', 'CreatedBy', 'CreatedDate']),
    );
    // A lookup column also brings the account's name, to show instead of its id.
    expect(record.fields.Account__r).toMatchObject({
      value: { apiName: 'Account', fields: { Name: expect.anything() } },
    });
    expect(record.fields.CreatedBy).toMatchObject({ value: { fields: { Alias: { value: expect.any(String) } } } });
  });
});

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
    conn = await signIn(running);
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
