/* eslint-disable @typescript-eslint/no-explicit-any -- UI API answers are read as the JSON they are */
/**
 * The UI API answers in the signed-in person's language (User.LanguageLocaleKey) from the
 * package's translations: Lena works in German, Dana in English, over real HTTP through jsforce.
 * Object and field labels and help, picklist values (the field's own and a global value set's),
 * record and related-list display values, related list and list view labels, GraphQL display
 * values (in the person's locale too), REST describe; a language the package lacks reads the
 * master words.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../testing/signIn';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

jest.setTimeout(60_000);

const UI = '/services/data/v62.0/ui-api';
const MASTER = '012000000000000AAA';

describe('the UI API in the person’s language', () => {
  let running: RunningOrg;
  let admin: Connection;
  let lena: Connection;
  let dana: Connection;
  let kakao: string;
  let signal: string;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
    lena = await signIn(running, 'lena@stance.local');
    dana = await signIn(running, 'dana@stance.local');
    kakao = (await admin.query<{ Id: string }>("SELECT Id FROM Account WHERE Name = 'Kakao Werke GmbH'")).records[0]!
      .Id;
    signal = (
      await admin.query<{ Id: string }>(
        `SELECT Id FROM Stance_Signal__c WHERE Account__c = '${kakao}' AND Trigger__c = 'COMPETITOR_APPROACH' AND Status__c = 'Confirmed'`,
      )
    ).records[0]!.Id;
  });

  afterAll(() => running.close());

  const graphql = (conn: Connection, query: string) =>
    conn.request<{ data: any; errors?: unknown[] }>({
      method: 'POST',
      url: '/services/data/v62.0/graphql',
      body: JSON.stringify({ query }),
      headers: { 'Content-Type': 'application/json' },
    });

  it('seeds Lena in German (de, de_DE, Europe/Berlin) and everyone else in en_US', async () => {
    const users = await admin.query<Record<string, string>>(
      "SELECT Username, LanguageLocaleKey, LocaleSidKey, TimeZoneSidKey, DefaultCurrencyIsoCode FROM User WHERE Username IN ('lena@stance.local', 'dana@stance.local', 'integration@stance.local') ORDER BY Username",
    );
    expect(users.records.map(({ attributes: _a, ...user }) => user)).toEqual([
      {
        Username: 'dana@stance.local',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'GMT',
        DefaultCurrencyIsoCode: 'USD',
      },
      {
        Username: 'integration@stance.local',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'GMT',
        DefaultCurrencyIsoCode: 'USD',
      },
      {
        Username: 'lena@stance.local',
        LanguageLocaleKey: 'de',
        LocaleSidKey: 'de_DE',
        TimeZoneSidKey: 'Europe/Berlin',
        DefaultCurrencyIsoCode: 'USD',
      },
    ]);
  });

  it('labels objects and fields in the package’s translations, standard fields in the local org’s', async () => {
    const german = await lena.request<any>(`${UI}/object-info/Stance_Signal__c`);
    const english = await dana.request<any>(`${UI}/object-info/Stance_Signal__c`);
    expect([german.label, german.labelPlural, german.fields.Trigger__c.label, german.fields.Name.label]).toEqual([
      'Stance-Signal',
      'Stance-Signale',
      'Auslöser',
      'Signalnummer',
    ]);
    expect([english.label, english.labelPlural, english.fields.Trigger__c.label, english.fields.Name.label]).toEqual([
      'Stance Signal',
      'Stance Signals',
      'Trigger',
      'Signal Number',
    ]);
    const account = await lena.request<any>(`${UI}/object-info/Account`);
    expect([
      account.label,
      account.fields.Name.label,
      account.fields.Industry.label,
      account.fields.At_Risk__c.label,
    ]).toEqual(['Account', 'Accountname', 'Branche', 'Gefährdet']);
    expect((await dana.request<any>(`${UI}/object-info/Account`)).fields.Industry.label).toBe('Industry');
    expect(account.fields.Stance_Reason__c.inlineHelpText).toBe('Warum der Account diese Stance hat, in einem Satz.');
    expect((await dana.request<any>(`${UI}/object-info/Account`)).fields.Stance_Reason__c.inlineHelpText).toBe(
      'Why the account has this stance, in one sentence.',
    );
  });

  it('answers picklist values with their translated labels, the field’s own and a global value set’s', async () => {
    const labels = async (conn: Connection, field: string) =>
      Object.fromEntries(
        (await conn.request<any>(`${UI}/object-info/Stance_Signal__c/picklist-values/${MASTER}/${field}`)).values.map(
          (entry: { value: string; label: string }) => [entry.value, entry.label],
        ),
      );
    const trigger = await labels(lena, 'Trigger__c');
    expect(trigger.COMPETITOR_APPROACH).toBe('Ansprache durch Wettbewerber');
    expect(trigger.INCUMBENT_DEFENSE).toBe('Abwehr des aktuellen Lieferanten eingeschätzt');
    expect((await labels(dana, 'Trigger__c')).COMPETITOR_APPROACH).toBe('Competitor approach');
    expect((await labels(lena, 'Source__c'))['Customer Support']).toBe('Kundensupport');
    // Stance_Competitors: the competitors are proper nouns, "Other" is not.
    expect(await labels(lena, 'Competitor__c')).toMatchObject({ 'Cacao Nova': 'Cacao Nova', Other: 'Sonstige' });
    expect((await labels(lena, 'Value_Levers__c')).Technical).toBe('Technische Lösung');
  });

  it('gives records’ and related lists’ picklist display values in the person’s language', async () => {
    const fields = 'Stance_Signal__c.Trigger__c,Stance_Signal__c.Status__c,Stance_Signal__c.Source__c';
    const german = await lena.request<any>(`${UI}/records/${signal}?fields=${fields}`);
    expect(german.fields.Trigger__c).toEqual({
      value: 'COMPETITOR_APPROACH',
      displayValue: 'Ansprache durch Wettbewerber',
    });
    expect(german.fields.Status__c).toEqual({ value: 'Confirmed', displayValue: 'Bestätigt' });
    expect((await dana.request<any>(`${UI}/records/${signal}?fields=${fields}`)).fields.Status__c.displayValue).toBe(
      'Confirmed',
    );
    const related = await lena.request<any>(
      `${UI}/related-list-records/${kakao}/Stance_Signals__r?fields=${fields}&sortBy=Stance_Signal__c.Name`,
    );
    expect(related.records.map((record: any) => record.fields.Source__c.displayValue).sort()).toEqual([
      'Kundensupport',
      'Logistik',
      'Vertrieb',
    ]);
  });

  it('labels a related list and its columns in the person’s language', async () => {
    const path = `${UI}/related-list-info/Account/Stance_Signals__r?fields=Stance_Signal__c.Name,Stance_Signal__c.Trigger__c`;
    const german = await lena.request<any>(path);
    const english = await dana.request<any>(path);
    expect([german.label, ...german.displayColumns.map((column: { label: string }) => column.label)]).toEqual([
      'Stance-Signale',
      'Signalnummer',
      'Auslöser',
    ]);
    expect([english.label, ...english.displayColumns.map((column: { label: string }) => column.label)]).toEqual([
      'Stance Signals',
      'Signal Number',
      'Trigger',
    ]);
    // A standard relationship reads as the child object's plural.
    expect((await lena.request<any>(`${UI}/related-list-info/Account/Cases`)).label).toBe('Kundenvorgänge');
    await expect(lena.request(`${UI}/related-list-info/Account/No_Such__r`)).rejects.toMatchObject({
      errorCode: 'NOT_FOUND',
    });
  });

  it('labels list views’ columns and scope in the person’s language (the view’s own label as written)', async () => {
    const info = await lena.request<any>(`${UI}/list-info/Account/Stance_At_Risk`);
    expect(info.label).toBe('At-risk accounts');
    expect(info.scope.label).toBe('Alle Accounts');
    expect(info.displayColumns.map((column: { label: string }) => column.label)).toEqual([
      'Accountname',
      'Stance',
      'Gefährdet',
      'Stance-Priorität',
      'Stance-Grund',
      'Accountinhaber Alias',
      'Stance geändert am',
    ]);
    const english = await dana.request<any>(`${UI}/list-info/Account/Stance_At_Risk`);
    expect([english.scope.label, english.displayColumns[0].label, english.displayColumns[5].label]).toEqual([
      'All Accounts',
      'Account Name',
      'Account Owner Alias',
    ]);
    const listUi = await lena.request<any>(`${UI}/list-ui/Stance_Signal__c/Unacknowledged_On_My_Accounts`);
    expect(listUi.info.scope.label).toMatch(/^(Alle|Meine) Stance-Signale$/);
    const status = (info: any) => info.filteredByInfo.find((filter: any) => filter.fieldApiName === 'Status__c');
    expect(status(listUi.info)).toMatchObject({ label: 'Status', operandLabels: ['Neu'] });
    const fire = await lena.request<any>(`${UI}/list-info/Account/Stance_Fire_Candidates`);
    expect(fire.filteredByInfo[0]).toMatchObject({ fieldApiName: 'Stance__c', operandLabels: ['Beenden'] });
    const englishFire = await dana.request<any>(`${UI}/list-info/Account/Stance_Fire_Candidates`);
    expect(englishFire.filteredByInfo[0].operandLabels).toEqual(['Fire']);
    // A checkbox's value too: "Gefährdet gleich Wahr", never the English "True".
    const atRisk = await lena.request<any>(`${UI}/list-info/Account/Stance_At_Risk`);
    expect(atRisk.filteredByInfo[0]).toMatchObject({ fieldApiName: 'At_Risk__c', operandLabels: ['Wahr'] });
    expect(english.filteredByInfo[0].operandLabels).toEqual(['True']);
  });

  it('answers GraphQL display values in the person’s language and locale', async () => {
    const query = `query { uiapi { query {
      Account(where: { Name: { eq: "Kakao Werke GmbH" } }) {
        edges { node { AnnualRevenue { value displayValue } } }
      }
      Stance_Signal__c(where: { Id: { eq: "${signal}" } }) {
        edges { node { Trigger__c { value displayValue } } }
      }
    } } }`;
    const german = (await graphql(lena, query)).data.uiapi.query;
    const english = (await graphql(dana, query)).data.uiapi.query;
    expect(german.Stance_Signal__c.edges[0].node.Trigger__c.displayValue).toBe('Ansprache durch Wettbewerber');
    expect(english.Stance_Signal__c.edges[0].node.Trigger__c.displayValue).toBe('Competitor approach');
    // The org's currency (USD) in each person's locale.
    expect(german.Account.edges[0].node.AnnualRevenue.displayValue).toBe(
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'USD' }).format(180_000_000),
    );
    expect(english.Account.edges[0].node.AnnualRevenue.displayValue).toBe('$180,000,000.00');
  });

  it('describes objects in the person’s language over REST too (jsforce describe)', async () => {
    const german = await lena.sobject('Stance_Signal__c').describe();
    const english = await dana.sobject('Stance_Signal__c').describe();
    const trigger = (describe: typeof german) => describe.fields.find((field) => field.name === 'Trigger__c')!;
    expect([german.label, trigger(german).label]).toEqual(['Stance-Signal', 'Auslöser']);
    expect(trigger(german).picklistValues!.find((value) => value.value === 'COMPETITOR_APPROACH')!.label).toBe(
      'Ansprache durch Wettbewerber',
    );
    expect([english.label, trigger(english).label]).toEqual(['Stance Signal', 'Trigger']);
    const global = await lena.describeGlobal();
    expect(global.sobjects.find((object) => object.name === 'Stance_Signal__c')!.labelPlural).toBe('Stance-Signale');
  });

  it('reads the master words for a language the package does not translate into', async () => {
    const ivyId = (await admin.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'ivy@stance.local'"))
      .records[0]!.Id;
    await admin.sobject('User').update({ Id: ivyId, LanguageLocaleKey: 'fr' });
    const ivy = await signIn(running, 'ivy@stance.local');
    const info = await ivy.request<any>(`${UI}/object-info/Stance_Signal__c`);
    expect([info.label, info.fields.Trigger__c.label]).toEqual(['Stance Signal', 'Trigger']);
    // And a change of language shows at the next request.
    await admin.sobject('User').update({ Id: ivyId, LanguageLocaleKey: 'de' });
    expect((await ivy.request<any>(`${UI}/object-info/Stance_Signal__c`)).label).toBe('Stance-Signal');
  });
});
