/**
 * The account facts about effort and watching: cases (open, recent), the departments the strategy
 * monitors (who reported last, who is silent) and the competitors active on the account. Filled
 * in the passes accountFacts already makes; nothing is allocated for an account that no monitored
 * department reported on and no competitor is seen on.
 */
import { F as SLOT_OF } from './facts';
import type { FactValue } from './facts';
import type { CaseRecord } from './snapshot';
import { toEpochMs } from './time';
import type { TimeWindow } from './timeWindow';

const F = SLOT_OF;
const parseTime = toEpochMs;
const NO_CASES: readonly CaseRecord[] = [];

/** A competitor active on the account: named on signals or on deals lost, within the lookback. */
export interface CompetitorSeen {
  readonly name: string;
  signals: number;
  lostDeals: number;
  /** Epoch ms it was last seen (a signal's creation, a lost deal's close date). */
  lastSeen: number;
}

/** At most this many competitors are kept per account (the picklist has four; the data may have more). */
export const COMPETITORS_MAX = 20;

export interface EffortFacts {
  /**
   * Per monitored department (strategy order), epoch ms of its latest report in the lookback, 0
   * when none; null when none reported (or none is monitored).
   */
  coverage: number[] | null;
  /** Active competitors, most recently seen first (then by name), or null when none. */
  competitors: CompetitorSeen[] | null;
}

/** Open cases, cases created in the lookback and the latest one's day. */
export function collectCases(
  cases: readonly CaseRecord[] | undefined,
  values: FactValue[],
  times: number[],
  window: TimeWindow,
): void {
  const list = cases ?? NO_CASES;
  let open = 0;
  let recent = 0;
  let latest = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const record = list[i]!;
    if (record.IsClosed !== true) open++;
    const created = parseTime(record.CreatedDate);
    if (created > latest) latest = created;
    if (window.counts(created)) recent++;
  }
  values[F.Open_Case_Count] = open;
  values[F.Recent_Case_Count] = recent;
  values[F.Last_Case_Date] = latest === -Infinity ? null : Math.floor(latest / 86_400_000);
  const at = latest === -Infinity ? 0 : latest;
  times[F.Recent_Case_Count] = at;
  times[F.Last_Case_Date] = at;
}

/** Notes a competitor seen at `at` (already inside the lookback). */
export function noteCompetitor(effort: EffortFacts, name: string, at: number, lostDeal: boolean): void {
  let list = effort.competitors;
  if (list === null) list = effort.competitors = [];
  let seen: CompetitorSeen | undefined;
  for (let i = 0; i < list.length; i++) {
    if (list[i]!.name === name) {
      seen = list[i];
      break;
    }
  }
  if (seen === undefined) {
    seen = { name, signals: 0, lostDeals: 0, lastSeen: at };
    list.push(seen);
  }
  if (lostDeal) seen.lostDeals++;
  else seen.signals++;
  if (at > seen.lastSeen) seen.lastSeen = at;
}

const byRecency = (a: CompetitorSeen, b: CompetitorSeen): number =>
  b.lastSeen - a.lastSeen || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The competitor and coverage facts, once every signal and deal was seen. */
export function finishEffort(effort: EffortFacts, values: FactValue[], times: number[], monitored: number): void {
  const competitors = effort.competitors;
  let competitorSignals = 0;
  values[F.Competitor_Count] = competitors === null ? 0 : competitors.length;
  if (competitors !== null) {
    competitors.sort(byRecency);
    for (let i = 0; i < competitors.length; i++) competitorSignals += competitors[i]!.signals;
    times[F.Competitor_Count] = competitors[0]!.lastSeen;
    times[F.Competitor_Signal_Count] = competitors[0]!.lastSeen;
    if (competitors.length > COMPETITORS_MAX) competitors.length = COMPETITORS_MAX;
  }
  values[F.Competitor_Signal_Count] = competitorSignals;
  const coverage = effort.coverage;
  let silent = monitored;
  let latest = 0;
  if (coverage !== null) {
    for (let i = 0; i < coverage.length; i++) {
      if (coverage[i] === 0) continue;
      silent--;
      if (coverage[i]! > latest) latest = coverage[i]!;
    }
  }
  values[F.Monitored_Department_Count] = monitored;
  values[F.Silent_Department_Count] = silent;
  times[F.Silent_Department_Count] = latest;
}
