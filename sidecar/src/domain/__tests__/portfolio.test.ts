import { dayBefore, portfolioSnapshots, snapshotKey, utcDay, VALUE_LEVERS } from '../portfolio';
import type { AccountGroup, ValueLever } from '../portfolio';

const DANA = '005000000000001AAA';
const NINA = '005000000000002AAA';

function group(partial: Partial<AccountGroup> & Pick<AccountGroup, 'ownerId' | 'accounts'>): AccountGroup {
  return {
    stance: 'None',
    atRisk: false,
    offStrategy: false,
    planSteps: 0,
    planStepsDone: 0,
    openDeals: 0,
    recentCases: 0,
    openPipeline: 0,
    ...partial,
  };
}

const noWins = (): Record<ValueLever, Map<string, number>> =>
  Object.fromEntries(VALUE_LEVERS.map((lever) => [lever, new Map<string, number>()])) as Record<
    ValueLever,
    Map<string, number>
  >;

describe('portfolio snapshots', () => {
  it('counts each owner’s accounts by stance, at risk, effort off-strategy, exit steps and wins', () => {
    const wins = noWins();
    wins.Service.set(DANA, 2);
    wins.Technical.set(NINA, 1);
    const records = portfolioSnapshots({
      day: '2026-11-30',
      groups: [
        group({ ownerId: DANA, stance: 'Attack', accounts: 3 }),
        group({ ownerId: DANA, stance: 'Defend', atRisk: true, accounts: 2 }),
        group({ ownerId: DANA, stance: 'Defend', accounts: 4 }),
        group({
          ownerId: DANA,
          stance: 'Fire',
          offStrategy: true,
          accounts: 2,
          planSteps: 8,
          planStepsDone: 3,
          openDeals: 3,
          recentCases: 5,
          openPipeline: 1200.5,
        }),
        group({ ownerId: DANA, stance: 'Fire', accounts: 1, planSteps: 4, planStepsDone: 4 }),
        group({ ownerId: DANA, stance: 'None', offStrategy: true, accounts: 1, openDeals: 1, openPipeline: 99.5 }),
        // Not classified yet: counted in no stance.
        group({ ownerId: NINA, stance: null, accounts: 7 }),
        group({ ownerId: NINA, stance: 'Attack', accounts: 1 }),
      ],
      movedThisWeek: new Map([[DANA, 4]]),
      winsByLever: wins,
    });
    expect(records.map((record) => record.ownerId)).toEqual([DANA, NINA]);
    expect(records[0]!.fields).toEqual({
      Snapshot_Key__c: `${DANA}:2026-11-30`,
      OwnerId: DANA,
      Snapshot_Date__c: '2026-11-30',
      Attack__c: 3,
      Defend__c: 6,
      Fire__c: 3,
      None__c: 1,
      At_Risk__c: 2,
      Moved_This_Week__c: 4,
      Off_Strategy_Accounts__c: 3,
      Off_Strategy_Deals__c: 4,
      Off_Strategy_Cases__c: 5,
      Off_Strategy_Pipeline__c: 1300,
      Exit_Steps__c: 12,
      Exit_Steps_Done__c: 7,
      Wins_Technical__c: 0,
      Wins_Price__c: 0,
      Wins_Service__c: 2,
    });
    expect(records[1]!.fields).toMatchObject({
      Attack__c: 1,
      Defend__c: 0,
      Fire__c: 0,
      None__c: 0,
      Moved_This_Week__c: 0,
      Wins_Technical__c: 1,
    });
  });

  it('gives the same keys for the same owners and day, so a second run updates the same records', () => {
    const input = {
      day: '2026-11-30',
      groups: [group({ ownerId: DANA, accounts: 1 })],
      movedThisWeek: new Map(),
      winsByLever: noWins(),
    };
    expect(portfolioSnapshots(input)).toEqual(portfolioSnapshots(input));
  });

  it('refuses a key that would not be unique: a 15-character id or a day that is not YYYY-MM-DD', () => {
    expect(() => snapshotKey('005000000000001', '2026-11-30')).toThrow(/005000000000001 is not an 18-character id/);
    expect(() => snapshotKey(DANA, '30/11/2026')).toThrow(/30\/11\/2026 is not a YYYY-MM-DD day/);
  });

  it('names days in UTC', () => {
    expect(utcDay(Date.parse('2026-11-30T23:59:59.999Z'))).toBe('2026-11-30');
    expect(utcDay(Date.parse('2026-12-01T00:00:00Z'))).toBe('2026-12-01');
    expect(dayBefore('2026-03-01', 90)).toBe('2025-12-01');
    expect(dayBefore('2026-12-31', -1)).toBe('2027-01-01');
  });
});
