/**
 * The demo firm's portfolio history (scripts/demo-data/portfolio.ts) as Stance_Portfolio_Snapshot__c
 * records: each owned by the owner whose accounts it counts, keyed `<ownerId18>:<YYYY-MM-DD>` like
 * the ones the sidecar writes, dated whole weeks before the day the org is seeded.
 */
import { PORTFOLIO_HISTORY } from '../demo-data/portfolio';
import type { LocalOrg } from './org';

const DAY = 86_400_000;

export function seedPortfolioSnapshots(org: LocalOrg, users: ReadonlyMap<string, string>): void {
  const now = org.clock();
  const base = org.context(org.adminUserId);
  for (const snapshot of PORTFOLIO_HISTORY) {
    const owner = users.get(snapshot.owner);
    if (!owner) throw new Error(`demo portfolio history: no demo user "${snapshot.owner}" to own its snapshot`);
    const date = new Date(now - snapshot.weeksAgo * 7 * DAY).toISOString().slice(0, 10);
    org.store.insertRaw(
      'Stance_Portfolio_Snapshot__c',
      {
        OwnerId: owner,
        Snapshot_Date__c: date,
        Snapshot_Key__c: `${owner}:${date}`,
        Attack__c: snapshot.attack,
        Defend__c: snapshot.defend,
        At_Risk__c: snapshot.atRisk,
        Fire__c: snapshot.fire,
        None__c: snapshot.none,
        Moved_This_Week__c: snapshot.movedThisWeek,
        Off_Strategy_Accounts__c: snapshot.offStrategyAccounts,
        Off_Strategy_Deals__c: snapshot.offStrategyDeals,
        Off_Strategy_Cases__c: snapshot.offStrategyCases,
        Off_Strategy_Pipeline__c: snapshot.offStrategyPipeline,
        Exit_Steps__c: snapshot.exitSteps,
        Exit_Steps_Done__c: snapshot.exitStepsDone,
        Wins_Technical__c: snapshot.winsTechnical,
        Wins_Price__c: snapshot.winsPrice,
        Wins_Service__c: snapshot.winsService,
        CreatedDate: new Date(now - snapshot.weeksAgo * 7 * DAY).toISOString(),
      },
      base,
    );
  }
}
