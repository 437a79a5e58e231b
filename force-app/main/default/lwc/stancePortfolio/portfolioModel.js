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

/** Adds one aggregate group (a stance and at-risk value, and their sums) to the counts. */
function addGroup(counts, group) {
  // i18n-exempt: the Stance__c API value an account without a stance counts as
  const stance = STANCES.includes(valueOf(group.Stance__c)) ? valueOf(group.Stance__c) : 'None';
  const count = numberOf(group.Id && group.Id.count);
  const sumOf = (field) => numberOf(group[field] && group[field].sum);
  counts[stance] += count;
  counts.total += count;
  if (valueOf(group.At_Risk__c) === true) counts.atRisk += count;
  if (stance === 'Fire') {
    counts.fireAccounts += count;
    counts.exitSteps += sumOf('Stance_Plan_Steps__c');
    counts.exitStepsDone += sumOf('Stance_Plan_Steps_Done__c');
  }
  if (stance === 'Fire' || stance === 'None') {
    counts.offStrategyDeals += sumOf('Stance_Open_Deals__c');
    counts.offStrategyPipeline += sumOf('Stance_Open_Pipeline__c');
    counts.offStrategyCases += sumOf('Stance_Recent_Cases__c');
  }
}

const groupsOf = (edges) =>
  (edges || []).map((edge) => edge && edge.node && edge.node.aggregate).filter((group) => !!group);

/**
 * The live mix from the Account aggregates: per owner from the groups by OwnerId, Stance__c and
 * At_Risk__c, and for the team from the groups by Stance__c and At_Risk__c alone (eight at most,
 * whatever the team's size; without them, the owners' sum). An account without a stance yet counts
 * as None; effort counts on Fire and None accounts (the stances outside the strategy), exit steps
 * on Fire accounts. When the org left groups out (`partial`), the last owner read may be missing
 * some of theirs and is left out rather than shown short.
 */
export function liveMix(ownerEdges, teamEdges, { partial = false } = {}) {
  const owners = new Map();
  const ownersSum = emptyCounts();
  let lastOwner;
  for (const group of groupsOf(ownerEdges)) {
    lastOwner = valueOf(group.OwnerId);
    if (!owners.has(lastOwner)) owners.set(lastOwner, emptyCounts());
    addGroup(owners.get(lastOwner), group);
    addGroup(ownersSum, group);
  }
  if (partial && lastOwner !== undefined) owners.delete(lastOwner);
  if (!teamEdges) return { team: ownersSum, owners };
  const team = emptyCounts();
  for (const group of groupsOf(teamEdges)) addGroup(team, group);
  return { team, owners };
}

/**
 * The snapshot days from the aggregate grouped by Snapshot_Date__c: each day's counts summed over
 * the owners whose snapshots the user reads, and how many owners had one that day. A day has one
 * group however large the team, so eight weeks are at most 56 groups.
 */
export function snapshotDays(edges) {
  return (edges || [])
    .map((edge) => edge && edge.node && edge.node.aggregate)
    .filter((group) => group && valueOf(group.Snapshot_Date__c))
    .map((group) => {
      const sumOf = (field) => numberOf(group[field] && group[field].sum);
      const day = {
        day: valueOf(group.Snapshot_Date__c),
        owners: numberOf(group.Id && group.Id.count),
        atRisk: sumOf('At_Risk__c'),
      };
      for (const stance of STANCES) day[stance] = sumOf(SNAPSHOT_STANCE_FIELDS[stance]);
      for (const lever of LEVERS) day[lever.field] = sumOf(lever.field);
      return day;
    });
}

/**
 * The day from `from` to `until` that counts the most owners, the latest of those: a day on which
 * the sidecar missed an owner's snapshot does not stand for its week when a fuller one does.
 */
function bestDay(days, from, until) {
  let best = null;
  for (const day of days) {
    if (day.day > until || day.day < from) continue;
    if (!best || day.owners > best.owners || (day.owners === best.owners && day.day > best.day)) best = day;
  }
  return best;
}

/** The best day of the seven that end with the latest snapshot day on or before `until`. */
function latestWeekDay(days, until) {
  const latest = days.reduce((max, day) => (day.day <= until && day.day > max ? day.day : max), '');
  return latest ? bestDay(days, addDays(latest, -6), latest) : null;
}

function countsOf(day) {
  const counts = { atRisk: day.atRisk, owners: day.owners, day: day.day };
  for (const stance of STANCES) counts[stance] = day[stance];
  return counts;
}

/** The team a week ago: the snapshots of a day at least 7 days old; null if none. */
export function lastWeek(days, today) {
  const day = latestWeekDay(days, addDays(today, -7));
  return day ? countsOf(day) : null;
}

/** Each trend week: the snapshots of its best day (null when none). */
export function weeklyTrend(days, today) {
  return trendWeeks(today).map((week) => {
    const day = bestDay(days, week, addDays(week, 6));
    return { week, counts: day ? countsOf(day) : null };
  });
}

/** Wins by value lever from the latest snapshots, and their day; null when there are none. */
export function winsByLever(days, today) {
  const day = latestWeekDay(days, today);
  if (!day) return null;
  return { day: day.day, levers: LEVERS.map((lever) => ({ ...lever, wins: day[lever.field] })) };
}

/** The owners whose portfolio the user reads (the aggregate grouped by OwnerId), and the user. */
export function ownerIds(ownerEdges, userId) {
  const ids = new Set(
    (ownerEdges || [])
      .map((edge) => edge && edge.node && edge.node.aggregate && valueOf(edge.node.aggregate.OwnerId))
      .filter((id) => !!id),
  );
  if (userId) ids.add(userId);
  return [...ids].sort();
}
