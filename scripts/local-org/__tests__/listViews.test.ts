/** List views through the UI API, built from force-app's ListView metadata and run as SOQL. */
import type { Connection } from 'jsforce';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { DEFAULTS } from '../org';
import { signIn } from '../../testing/signIn';

import { DAY, UI, get, ids } from './support/listViews';
import type { Failure, ListInfo, ListRecords } from './support/listViews';

jest.setTimeout(60_000);

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
    conn = await signIn(running, DEFAULTS.username);
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
      'Stance_Effort_On_Fire',
      'Stance_Fire_Candidates',
    ]);
    expect(listUi.body.count).toBe(6);
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
    expect(infos.body.lists).toHaveLength(6);
    const info = await get<ListInfo>(running, conn, infos.body.lists[2]!.url);
    expect(info.body.label).toBe('Attack targets');

    const search = await get<{ lists: Array<{ apiName: string }> }>(running, conn, `${UI}/list-ui/Account?q=fire`);
    expect(search.body.lists.map((list) => list.apiName)).toEqual(['Stance_Effort_On_Fire', 'Stance_Fire_Candidates']);
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
