/**
 * The demo firm's portfolio history (scripts/demo-data/portfolio.ts) for a real org: the weekly
 * Stance_Portfolio_Snapshot__c records the local org seeds (scripts/local-org/seedSnapshots.ts),
 * keyed `<ownerId18>:<YYYY-MM-DD>` like the sidecar's, dated whole weeks before today (UTC) and
 * upserted on Snapshot_Key__c through sObject Collections (200 a call, all or none). Demo people
 * who map to the same user (by default every one of them: the running user) make one snapshot a
 * week, their counts added up, as the sidecar counts all the accounts an owner has.
 */
import type { Connection } from 'jsforce';
import { PORTFOLIO_HISTORY } from '../demo-data/portfolio';
import type { DemoSnapshot } from '../demo-data/portfolio';

export const SNAPSHOT_OBJECT = 'Stance_Portfolio_Snapshot__c';
const BATCH = 200;
const DAY = 86_400_000;

type NumberKey = { [K in keyof DemoSnapshot]: DemoSnapshot[K] extends number ? K : never }[keyof DemoSnapshot];

/** Each counting field of the snapshot and the demo history's number for it. */
export const SNAPSHOT_COUNTS: ReadonlyArray<readonly [field: string, key: Exclude<NumberKey, 'weeksAgo'>]> = [
  ['Attack__c', 'attack'],
  ['Defend__c', 'defend'],
  ['At_Risk__c', 'atRisk'],
  ['Fire__c', 'fire'],
  ['None__c', 'none'],
  ['Moved_This_Week__c', 'movedThisWeek'],
  ['Off_Strategy_Accounts__c', 'offStrategyAccounts'],
  ['Off_Strategy_Deals__c', 'offStrategyDeals'],
  ['Off_Strategy_Cases__c', 'offStrategyCases'],
  ['Off_Strategy_Pipeline__c', 'offStrategyPipeline'],
  ['Exit_Steps__c', 'exitSteps'],
  ['Exit_Steps_Done__c', 'exitStepsDone'],
  ['Wins_Technical__c', 'winsTechnical'],
  ['Wins_Price__c', 'winsPrice'],
  ['Wins_Service__c', 'winsService'],
];

/** The snapshots to upsert, one per owner (user id, 18 characters) and week. */
export function snapshotRecords(now: number, ownerOf: (demoPerson: string) => string): Array<Record<string, unknown>> {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const snapshot of PORTFOLIO_HISTORY) {
    const owner = ownerOf(snapshot.owner);
    const date = new Date(now - snapshot.weeksAgo * 7 * DAY).toISOString().slice(0, 10);
    const key = `${owner}:${date}`;
    const record = byKey.get(key) ?? { OwnerId: owner, Snapshot_Date__c: date, Snapshot_Key__c: key };
    for (const [field, from] of SNAPSHOT_COUNTS) record[field] = Number(record[field] ?? 0) + snapshot[from];
    byKey.set(key, record);
  }
  return [...byKey.values()];
}

/** Upserts the records on Snapshot_Key__c; answers how many the org created and how many it updated. */
export async function upsertSnapshots(
  conn: Connection,
  records: ReadonlyArray<Record<string, unknown>>,
): Promise<{ created: number; existing: number }> {
  let created = 0;
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH) as Array<Record<string, unknown> & { Snapshot_Key__c: string }>;
    const results = await conn.sobject(SNAPSHOT_OBJECT).upsert(batch, 'Snapshot_Key__c', { allOrNone: true });
    for (const [index, result] of results.entries()) {
      if (!result.success) {
        const first = (result as { errors?: Array<{ statusCode?: string; errorCode?: string; message: string }> })
          .errors?.[0];
        throw new Error(
          `Upserting ${SNAPSHOT_OBJECT} ${batch[index]!.Snapshot_Key__c} failed: ${first?.statusCode ?? first?.errorCode ?? ''} ${first?.message ?? ''}`.trim(),
        );
      }
      if (result.created) created += 1;
    }
  }
  return { created, existing: records.length - created };
}
