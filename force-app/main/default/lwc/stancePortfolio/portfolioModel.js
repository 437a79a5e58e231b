/**
 * The portfolio's arithmetic, apart from the component: the live mix from the GraphQL aggregate
 * over Account, and weeks, baselines and wins from Stance_Portfolio_Snapshot__c. Dates are
 * calendar dates (YYYY-MM-DD) in the user's time zone; weeks start on Monday.
 */
export const STANCES = ['Attack', 'Defend', 'Fire', 'None']; // i18n-exempt: Stance__c API values
export const TREND_WEEKS = 8;
/** The snapshot's win counts by the Stance_Value_Levers value they count. */
export const LEVERS = [
  { field: 'Wins_Technical__c', value: 'Technical' }, // i18n-exempt: picklist API value
  { field: 'Wins_Price__c', value: 'Price' }, // i18n-exempt: picklist API value
  { field: 'Wins_Service__c', value: 'Service' }, // i18n-exempt: picklist API value
];
const SNAPSHOT_STANCE_FIELDS = { Attack: 'Attack__c', Defend: 'Defend__c', Fire: 'Fire__c', None: 'None__c' };

function pad(number) {
  return String(number).padStart(2, '0');
}

/** A Date's calendar day in the local time zone, as YYYY-MM-DD. */
export function isoDay(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** YYYY-MM-DD plus `days` (negative goes back), across months and years. */
export function addDays(day, days) {
  const [year, month, date] = day.split('-').map(Number);
  return isoDay(new Date(year, month - 1, date + days));
}

/** The Monday on or before the day. */
export function weekStart(day) {
  const [year, month, date] = day.split('-').map(Number);
  const weekday = new Date(year, month - 1, date).getDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The Mondays of the last TREND_WEEKS weeks, oldest first, ending with today's week. */
export function trendWeeks(today) {
  const current = weekStart(today);
  return Array.from({ length: TREND_WEEKS }, (_, index) => addDays(current, -7 * (TREND_WEEKS - 1 - index)));
}

function valueOf(node) {
  return node && node.value !== undefined ? node.value : null;
}

function numberOf(node) {
  const value = valueOf(node);
  return typeof value === 'number' ? value : Number(value) || 0;
}

const emptyCounts = () => ({
  Attack: 0,
  Defend: 0,
  Fire: 0,
  None: 0,
  atRisk: 0,
  exitSteps: 0,
  exitStepsDone: 0,
  fireAccounts: 0,
  offStrategyDeals: 0,
  offStrategyPipeline: 0,
  offStrategyCases: 0,
  total: 0,
});

/**
 * The live mix, per owner and for the team, from the Account aggregate grouped by OwnerId,
 * Stance__c and At_Risk__c. An account without a stance yet counts as None; effort counts on
 * Fire and None accounts (the stances outside the strategy), exit steps on Fire accounts.
 */
export function liveMix(aggregateEdges) {
  const team = emptyCounts();
  const owners = new Map();
  for (const edge of aggregateEdges || []) {
    const group = edge && edge.node && edge.node.aggregate;
    if (!group) continue;
    const ownerId = valueOf(group.OwnerId);
    // i18n-exempt: the Stance__c API value an account without a stance counts as
    const stance = STANCES.includes(valueOf(group.Stance__c)) ? valueOf(group.Stance__c) : 'None';
    const count = numberOf(group.Id && group.Id.count);
    if (!owners.has(ownerId)) owners.set(ownerId, emptyCounts());
    for (const counts of [team, owners.get(ownerId)]) {
      counts[stance] += count;
      counts.total += count;
      if (valueOf(group.At_Risk__c) === true) counts.atRisk += count;
      if (stance === 'Fire') {
        counts.fireAccounts += count;
        counts.exitSteps += numberOf(group.Stance_Plan_Steps__c && group.Stance_Plan_Steps__c.sum);
        counts.exitStepsDone += numberOf(group.Stance_Plan_Steps_Done__c && group.Stance_Plan_Steps_Done__c.sum);
      }
      if (stance === 'Fire' || stance === 'None') {
        counts.offStrategyDeals += numberOf(group.Stance_Open_Deals__c && group.Stance_Open_Deals__c.sum);
        counts.offStrategyPipeline += numberOf(group.Stance_Open_Pipeline__c && group.Stance_Open_Pipeline__c.sum);
        counts.offStrategyCases += numberOf(group.Stance_Recent_Cases__c && group.Stance_Recent_Cases__c.sum);
      }
    }
  }
  return { team, owners };
}

/** The snapshot edges as plain rows: { ownerId, day, Attack, Defend, Fire, None, atRisk, ... }. */
export function snapshotRows(edges) {
  return (edges || [])
    .map((edge) => edge && edge.node)
    .filter((node) => node && valueOf(node.Snapshot_Date__c))
    .map((node) => {
      const row = {
        ownerId: valueOf(node.OwnerId),
        day: valueOf(node.Snapshot_Date__c),
        atRisk: numberOf(node.At_Risk__c),
      };
      for (const stance of STANCES) row[stance] = numberOf(node[SNAPSHOT_STANCE_FIELDS[stance]]);
      for (const lever of LEVERS) row[lever.field] = numberOf(node[lever.field]);
      return row;
    });
}

/** For each owner, their latest snapshot on or before `until` and on or after `from` (when given). */
function latestPerOwner(rows, until, from) {
  const latest = new Map();
  for (const row of rows) {
    if (row.day > until || (from && row.day < from)) continue;
    const seen = latest.get(row.ownerId);
    if (!seen || seen.day < row.day) latest.set(row.ownerId, row);
  }
  return [...latest.values()];
}

function sumRows(rows) {
  const sum = { Attack: 0, Defend: 0, Fire: 0, None: 0, atRisk: 0, owners: rows.length };
  for (const row of rows) {
    for (const stance of STANCES) sum[stance] += row[stance];
    sum.atRisk += row.atRisk;
  }
  return sum;
}

/** The team a week ago: each owner's latest snapshot at least 7 days old, summed; null if none. */
export function lastWeek(rows, today) {
  const latest = latestPerOwner(rows, addDays(today, -7));
  return latest.length
    ? { ...sumRows(latest), day: latest.reduce((max, row) => (row.day > max ? row.day : max), '') }
    : null;
}

/** Each trend week: the latest snapshot per owner within the week, summed (null when none). */
export function weeklyTrend(rows, today) {
  return trendWeeks(today).map((week) => {
    const latest = latestPerOwner(rows, addDays(week, 6), week);
    return { week, counts: latest.length ? sumRows(latest) : null };
  });
}

/** Wins by value lever from each owner's latest snapshot; null when there is none. */
export function winsByLever(rows, today) {
  const latest = latestPerOwner(rows, today);
  if (!latest.length) return null;
  return LEVERS.map((lever) => ({
    ...lever,
    wins: latest.reduce((sum, row) => sum + row[lever.field], 0),
  }));
}

/** The owners whose portfolio the user reads: everyone with a readable snapshot, and the user. */
export function ownerIds(rows, userId) {
  const ids = new Set(rows.map((row) => row.ownerId).filter((id) => !!id));
  if (userId) ids.add(userId);
  return [...ids].sort();
}
