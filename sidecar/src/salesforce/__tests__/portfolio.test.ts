/**
 * The portfolio's reads and writes through unmodified jsforce against the local org, as the
 * integration user: aggregate SOQL grouped by owner (paged by owner), wins by lever with INCLUDES,
 * the stance history and exit steps by the account's owner, the role hierarchy, and the snapshot
 * upsert on Snapshot_Key__c, shared like the accounts it counts.
 */
import type { Connection } from 'jsforce';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import { loadConfig } from '../../config';
import { managersAbove } from '../../domain/digest';
import { portfolioSnapshots, utcDay, VALUE_LEVERS } from '../../domain/portfolio';
import type { AccountGroup, ValueLever } from '../../domain/portfolio';
import { connect } from '../connection';
import { SalesforceOrg } from '../org';
import { PortfolioOrg } from '../portfolio';

jest.setTimeout(60_000);

describe('the portfolio in the org', () => {
  let running: RunningOrg;
  let org: SalesforceOrg;
  let admin: Connection;
  let dana: Connection;
  const ids = new Map<string, string>();
  const accounts = new Map<string, string>();
  const today = utcDay(Date.now());

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    org = new SalesforceOrg(await connect(loadConfig({ SF_LOGIN_URL: running.url })), {
      apiVersion: '62.0',
      bulkThreshold: 2_000,
    });
    admin = await signIn(running, DEFAULTS.username);
    dana = await signIn(running, 'dana@stance.local');
    const users = await admin.query<{ Id: string; Username: string }>('SELECT Id, Username FROM User');
    for (const user of users.records) ids.set(user.Username.split('@')[0]!, user.Id);
    const list = await admin.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account');
    for (const account of list.records) accounts.set(account.Name, account.Id);
    // What the sidecar writes on the accounts, written as it would (the integration user).
    const stances: Array<[string, Record<string, unknown>]> = [
      [
        'Andes Mining Supplies',
        {
          Stance__c: 'Fire',
          Stance_Plan_Steps__c: 4,
          Stance_Plan_Steps_Done__c: 1,
          Stance_Effort_Off_Strategy__c: true,
          Stance_Open_Deals__c: 2,
          Stance_Recent_Cases__c: 3,
          Stance_Open_Pipeline__c: 1500.25,
        },
      ],
      [
        'Pacific Paper Co.',
        {
          Stance__c: 'None',
          Stance_Effort_Off_Strategy__c: true,
          Stance_Open_Deals__c: 1,
          Stance_Open_Pipeline__c: 100,
        },
      ],
      ['Kakao Werke GmbH', { Stance__c: 'Defend', At_Risk__c: true }],
      ['Chocolaterie Lumière', { Stance__c: 'Defend' }],
      ['Alpen Confiserie AG', { Stance__c: 'Attack' }],
      ['Northern Biscuit Ltd', { Stance__c: 'Fire', Stance_Plan_Steps__c: 4, Stance_Plan_Steps_Done__c: 4 }],
    ];
    const outcomes = await org.write(
      stances.map(([name, fields]) => ({ type: 'Account', id: accounts.get(name)!, fields })),
    );
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
  });

  afterAll(() => running.close());

  /** The groups as plain rows would give them, read as the integration user: what the aggregate must equal. */
  async function groupsFromRows(): Promise<AccountGroup[]> {
    const { records } = await org.read(
      'SELECT OwnerId, Stance__c, At_Risk__c, Stance_Effort_Off_Strategy__c, Stance_Plan_Steps__c, Stance_Plan_Steps_Done__c, Stance_Open_Deals__c, Stance_Recent_Cases__c, Stance_Open_Pipeline__c FROM Account',
      { kinds: {} },
    );
    const groups = new Map<string, AccountGroup>();
    for (const row of records) {
      const key = [row.OwnerId, row.Stance__c, row.At_Risk__c, row.Stance_Effort_Off_Strategy__c].join('|');
      const was = groups.get(key);
      const n = (field: string) => Number(row[field] ?? 0);
      groups.set(key, {
        ownerId: String(row.OwnerId),
        stance: (row.Stance__c as string | null) ?? null,
        atRisk: row.At_Risk__c === true,
        offStrategy: row.Stance_Effort_Off_Strategy__c === true,
        accounts: (was?.accounts ?? 0) + 1,
        planSteps: (was?.planSteps ?? 0) + n('Stance_Plan_Steps__c'),
        planStepsDone: (was?.planStepsDone ?? 0) + n('Stance_Plan_Steps_Done__c'),
        openDeals: (was?.openDeals ?? 0) + n('Stance_Open_Deals__c'),
        recentCases: (was?.recentCases ?? 0) + n('Stance_Recent_Cases__c'),
        openPipeline: (was?.openPipeline ?? 0) + n('Stance_Open_Pipeline__c'),
      });
    }
    return [...groups.values()];
  }

  const sorted = (groups: readonly AccountGroup[]) =>
    [...groups].sort((a, b) =>
      [a.ownerId, a.stance, a.atRisk, a.offStrategy]
        .join('|')
        .localeCompare([b.ownerId, b.stance, b.atRisk, b.offStrategy].join('|')),
    );

  it('counts every owner’s accounts with one aggregate call, the same as the rows say', async () => {
    const reads = new PortfolioOrg(org);
    const groups = await reads.accountGroups();
    expect(reads.calls).toBe(1);
    expect(sorted(groups)).toEqual(sorted(await groupsFromRows()));
    const dana = groups.filter((group) => group.ownerId === ids.get('dana'));
    expect(dana.find((group) => group.stance === 'Fire')).toMatchObject({
      accounts: 1,
      planSteps: 4,
      planStepsDone: 1,
      offStrategy: true,
      openDeals: 2,
      recentCases: 3,
      openPipeline: 1500.25,
    });
  });

  it('pages by owner when the groups pass a page, cutting no owner in two', async () => {
    const whole = await new PortfolioOrg(org).accountGroups();
    // Dana's accounts fall in 5 groups, Nina's in 3: a page of 6 ends inside the second owner.
    const paged = new PortfolioOrg(org, 6);
    expect(sorted(await paged.accountGroups())).toEqual(sorted(whole));
    expect(paged.calls).toBe(2);
    // A page smaller than one owner's groups cannot make progress: said, not looped on.
    await expect(new PortfolioOrg(org, 3).accountGroups()).rejects.toThrow(
      /^Account grouped by OwnerId, Stance__c, At_Risk__c, Stance_Effort_Off_Strategy__c: owner \w{18} alone has 3 groups or more$/,
    );
  });

  it('counts wins by lever among deals won in the lookback, by the account’s owner', async () => {
    const reads = new PortfolioOrg(org);
    const from = utcDay(Date.now() - 90 * 86_400_000);
    const before = Object.fromEntries(
      await Promise.all(VALUE_LEVERS.map(async (lever) => [lever, await reads.winsWith(lever, from, today)] as const)),
    ) as Record<ValueLever, Map<string, number>>;
    const kakao = accounts.get('Kakao Werke GmbH')!;
    const won = (name: string, levers: string, closeDate: string) =>
      dana.sobject('Opportunity').create({
        Name: name,
        AccountId: kakao,
        StageName: 'Closed Won',
        CloseDate: closeDate,
        Amount: 1000,
        Value_Levers__c: levers,
      });
    await won('Kakao – service win', 'Service;Technical', today);
    await won('Kakao – old price win', 'Price', utcDay(Date.now() - 200 * 86_400_000));
    const danaId = ids.get('dana')!;
    for (const lever of VALUE_LEVERS) {
      const after = await reads.winsWith(lever, from, today);
      expect([lever, after.get(danaId) ?? 0]).toEqual([
        lever,
        (before[lever].get(danaId) ?? 0) + (lever === 'Price' ? 0 : 1),
      ]);
    }
  });

  it('reads the day’s stance history and exit steps done by the account’s owner, and who manages whom', async () => {
    const since = Date.now() - 60_000;
    const reads = new PortfolioOrg(org);
    const andes = accounts.get('Andes Mining Supplies')!;
    const lumiere = accounts.get('Chocolaterie Lumière')!;
    const at = new Date().toISOString();
    const history = (account: string, from: string, to: string, atRisk: boolean) => ({
      type: 'Stance_Change__c',
      createKey: 'Change_Key__c',
      fields: {
        Change_Key__c: `${account}:${at}`,
        Account__c: account,
        From__c: from,
        To__c: to,
        At_Risk__c: atRisk,
        Changed_At__c: at,
      },
    });
    // The demo firm has exit steps done already: counted before, then one more.
    const doneBefore = await reads.exitStepsDoneSince(since);
    const written = await org.write([
      history(andes, 'Defend', 'Fire', false),
      history(lumiere, 'Defend', 'Defend', true),
    ]);
    expect(written.filter((outcome) => !outcome.ok)).toEqual([]);
    await dana.sobject('Stance_Signal__c').create({
      Account__c: andes,
      Trigger__c: 'EXIT_DECISION',
      Source__c: 'Sales',
      Status__c: 'Done',
    });
    const danaId = ids.get('dana')!;
    const changes = await reads.changesSince(since);
    expect(changes.filter((change) => change.ownerId === danaId).sort((a, b) => a.to!.localeCompare(b.to!))).toEqual([
      { ownerId: danaId, from: 'Defend', to: 'Defend', atRisk: true, count: 1 },
      { ownerId: danaId, from: 'Defend', to: 'Fire', atRisk: false, count: 1 },
    ]);
    expect(await reads.exitStepsDoneSince(since)).toEqual(
      new Map([...doneBefore, [danaId, (doneBefore.get(danaId) ?? 0) + 1]]),
    );
    const { users, roles } = await reads.hierarchy();
    expect(managersAbove(users, roles, [danaId, ids.get('nina')!])).toEqual(
      new Map([
        [danaId, [ids.get('max')]],
        [ids.get('nina'), [ids.get('max')]],
      ]),
    );
  });

  it('upserts one snapshot per owner on its key, twice the same, owned and shared like the accounts', async () => {
    const reads = new PortfolioOrg(org);
    const records = portfolioSnapshots({
      day: today,
      groups: await reads.accountGroups(),
      movedThisWeek: new Map(),
      winsByLever: { Technical: new Map(), Price: new Map(), Service: new Map() },
    });
    for (let run = 0; run < 2; run++) {
      const outcomes = await reads.writeSnapshots(records);
      expect(outcomes.map((outcome) => outcome.ok)).toEqual(records.map(() => true));
    }
    expect(reads.calls).toBe(1 + 2);
    const stored = await admin.query<{ OwnerId: string; Snapshot_Key__c: string; Fire__c: number }>(
      `SELECT OwnerId, Snapshot_Key__c, Fire__c FROM Stance_Portfolio_Snapshot__c WHERE Snapshot_Date__c = ${today}`,
    );
    expect(stored.records.map((record) => record.Snapshot_Key__c).sort()).toEqual(
      [ids.get('dana'), ids.get('nina')].map((id) => `${id}:${today}`).sort(),
    );
    for (const record of stored.records) expect(record.Snapshot_Key__c.startsWith(`${record.OwnerId}:`)).toBe(true);
    // Private sharing: Dana reads her own; Max, above her and Nina in the role hierarchy, reads both.
    // The demo firm's past weeks are there too: today's are the ones written here.
    const ofToday = `SELECT OwnerId FROM Stance_Portfolio_Snapshot__c WHERE Snapshot_Date__c = ${today}`;
    const mine = await dana.query<{ OwnerId: string }>(ofToday);
    expect(mine.records.map((record) => record.OwnerId)).toEqual([ids.get('dana')]);
    const max = await signIn(running, 'max@stance.local');
    const team = await max.query<{ OwnerId: string }>(ofToday);
    expect(team.records).toHaveLength(2);
    const sam = await signIn(running, 'sam@stance.local');
    expect((await sam.query('SELECT Id FROM Stance_Portfolio_Snapshot__c')).records).toEqual([]);
  });
});
