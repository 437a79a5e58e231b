/**
 * Portfolio snapshots: one Stance_Portfolio_Snapshot__c per owner per day, counted from what the
 * org holds (aggregate SOQL rows, grouped by owner) so trends need no history reconstruction.
 * Pure: the rows come in, the records to upsert go out.
 */
import { STANCES } from './catalog';
import type { Stance } from './catalog';
import { DAY_MS } from './time';

export const SNAPSHOT_OBJECT = 'Stance_Portfolio_Snapshot__c';
export const SNAPSHOT_KEY_FIELD = 'Snapshot_Key__c';

/** The value levers of Stance_Value_Levers (API names), and the snapshot field counting each one's wins. */
export const VALUE_LEVERS = ['Technical', 'Price', 'Service'] as const;
export type ValueLever = (typeof VALUE_LEVERS)[number];
export const WINS_FIELD: Readonly<Record<ValueLever, string>> = {
  Technical: 'Wins_Technical__c',
  Price: 'Wins_Price__c',
  Service: 'Wins_Service__c',
};

const STANCE_FIELD: Readonly<Record<Stance, string>> = {
  Attack: 'Attack__c',
  Defend: 'Defend__c',
  Fire: 'Fire__c',
  None: 'None__c',
};

/** One group of an owner's accounts: the same stance, at-risk flag and off-strategy flag. */
export interface AccountGroup {
  readonly ownerId: string;
  /** Null for accounts not classified yet: counted in no stance. */
  readonly stance: string | null;
  readonly atRisk: boolean;
  readonly offStrategy: boolean;
  readonly accounts: number;
  readonly planSteps: number;
  readonly planStepsDone: number;
  readonly openDeals: number;
  readonly recentCases: number;
  readonly openPipeline: number;
}

export interface SnapshotInput {
  /** The snapshot's day, YYYY-MM-DD (UTC). */
  readonly day: string;
  readonly groups: readonly AccountGroup[];
  /** Accounts whose Stance_Changed_At__c is within the 7 days before the snapshot, by owner. */
  readonly movedThisWeek: ReadonlyMap<string, number>;
  /** Won opportunities in the lookback whose Value_Levers__c includes the lever, by account owner. */
  readonly winsByLever: Readonly<Record<ValueLever, ReadonlyMap<string, number>>>;
}

export interface SnapshotRecord {
  readonly ownerId: string;
  /** The fields to upsert on Snapshot_Key__c, OwnerId included. */
  readonly fields: Readonly<Record<string, string | number>>;
}

/** YYYY-MM-DD of an instant, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `days` before (negative: after) a YYYY-MM-DD day. */
export function dayBefore(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS);
}

/** `<ownerId18>:<YYYY-MM-DD>`: the same owner and day always give the same key, so a second run updates. */
export function snapshotKey(ownerId: string, day: string): string {
  if (!/^[a-zA-Z0-9]{18}$/.test(ownerId))
    throw new Error(`snapshot key: owner id ${ownerId} is not an 18-character id`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`snapshot key: ${day} is not a YYYY-MM-DD day`);
  return `${ownerId}:${day}`;
}

interface Counts {
  stances: Record<Stance, number>;
  atRisk: number;
  offStrategyAccounts: number;
  offStrategyDeals: number;
  offStrategyCases: number;
  offStrategyPipeline: number;
  exitSteps: number;
  exitStepsDone: number;
}

function emptyCounts(): Counts {
  return {
    stances: { Attack: 0, Defend: 0, Fire: 0, None: 0 },
    atRisk: 0,
    offStrategyAccounts: 0,
    offStrategyDeals: 0,
    offStrategyCases: 0,
    offStrategyPipeline: 0,
    exitSteps: 0,
    exitStepsDone: 0,
  };
}

function isStance(value: string | null): value is Stance {
  return (STANCES as readonly (string | null)[]).includes(value);
}

/**
 * One record per owner with accounts (every owner in `groups`), in owner id order: counts per
 * stance, at risk, moved this week, effort off-strategy (accounts flagged, their open deals,
 * recent cases and open pipeline), exit steps (plan steps of Fire accounts, and done), wins by lever.
 */
export function portfolioSnapshots(input: SnapshotInput): SnapshotRecord[] {
  const byOwner = new Map<string, Counts>();
  for (const group of input.groups) {
    let counts = byOwner.get(group.ownerId);
    if (!counts) byOwner.set(group.ownerId, (counts = emptyCounts()));
    if (isStance(group.stance)) counts.stances[group.stance] += group.accounts;
    if (group.atRisk) counts.atRisk += group.accounts;
    if (group.offStrategy) {
      counts.offStrategyAccounts += group.accounts;
      counts.offStrategyDeals += group.openDeals;
      counts.offStrategyCases += group.recentCases;
      counts.offStrategyPipeline += group.openPipeline;
    }
    if (group.stance === 'Fire') {
      counts.exitSteps += group.planSteps;
      counts.exitStepsDone += group.planStepsDone;
    }
  }
  return [...byOwner.keys()].sort().map((ownerId) => {
    const counts = byOwner.get(ownerId)!;
    const fields: Record<string, string | number> = {
      [SNAPSHOT_KEY_FIELD]: snapshotKey(ownerId, input.day),
      OwnerId: ownerId,
      Snapshot_Date__c: input.day,
    };
    for (const stance of STANCES) fields[STANCE_FIELD[stance]] = counts.stances[stance];
    Object.assign(fields, {
      At_Risk__c: counts.atRisk,
      Moved_This_Week__c: input.movedThisWeek.get(ownerId) ?? 0,
      Off_Strategy_Accounts__c: counts.offStrategyAccounts,
      Off_Strategy_Deals__c: counts.offStrategyDeals,
      Off_Strategy_Cases__c: counts.offStrategyCases,
      Off_Strategy_Pipeline__c: Math.round(counts.offStrategyPipeline * 100) / 100,
      Exit_Steps__c: counts.exitSteps,
      Exit_Steps_Done__c: counts.exitStepsDone,
    });
    for (const lever of VALUE_LEVERS) fields[WINS_FIELD[lever]] = input.winsByLever[lever].get(ownerId) ?? 0;
    return { ownerId, fields };
  });
}
