/**
 * The account-phase facts of one snapshot, the times behind the time-bound ones, the
 * people's signals per trigger code, and the next moment one of them changes on its own.
 */
import { STANCES, TRIGGER_CODES } from './catalog';
import type { Stance } from './catalog';
import type { CompiledConfig } from './engine';
import { F as SLOT_OF, FACT_COUNT } from './facts';
import type { FactValue } from './facts';
import type { AccountSnapshot, SignalRecord } from './snapshot';
import { collectCases as casesOf, finishEffort as effortDone, noteCompetitor as competitorSeen } from './effortFacts';
import type { EffortFacts } from './effortFacts';
import { DAY_MS as DAY, epochDay as dayOf, toEpochMs } from './time';
import { lowerOrNull as lowerOf, preparedMarketSignals as preparedOf } from './marketSignals';
import { TimeWindow } from './timeWindow';

// Module-level copies: hot loops read locals rather than the bindings of other modules.
const F = SLOT_OF;
const parseTime = toEpochMs;
const DAY_MS = DAY;
const epochDay = dayOf;
const OVERRIDE_STANCES: readonly string[] = STANCES;
const collectCases = casesOf;
const noteCompetitor = competitorSeen;
const finishEffort = effortDone;
const lowerOrNull = lowerOf;
const preparedMarketSignals = preparedOf;

/** Fresh fact vectors are copies of these: packed arrays, the times already of doubles. */
const NO_VALUES: FactValue[] = Array.from({ length: FACT_COUNT }, () => null);
const NO_TIMES: number[] = Array.from({ length: FACT_COUNT }, () => 0.5).fill(0);

/** What people reported about one trigger code. */
export interface CodeSignals {
  /** The latest dismissal, and when it happened. */
  dismissal: SignalRecord | null;
  dismissedAt: number;
  /** Latest open Confirmed signal newer than the dismissal and inside the lookback. */
  confirmed: SignalRecord | null;
  /** Latest open New or Acknowledged signal newer than the dismissal and inside the lookback. */
  reported: SignalRecord | null;
  /** Latest Done signal (plan steps). */
  done: SignalRecord | null;
}

export interface AccountFacts extends EffortFacts {
  readonly values: FactValue[];
  /** Per fact slot, the latest epoch ms of the evidence behind it (0 when it has no time). */
  readonly times: number[];
  readonly signalsByCode: Array<CodeSignals | undefined>;
  nextChangeAt: number;
}

const CODE_INDEX = new Map<string, number>(TRIGGER_CODES.map((code, index) => [code, index]));
const CODE_COUNT = TRIGGER_CODES.length;

/** Departments other than sales, each a bit, to count distinct reporters without a Set. */
function departmentBit(source: string | null | undefined): number {
  switch (source) {
    case 'Customer Support':
      return 1;
    case 'Logistics':
      return 2;
    case 'Technical':
      return 4;
    case 'Finance':
      return 8;
    case 'Management':
      return 16;
    default:
      return 0;
  }
}
const NO_CHANGES: readonly never[] = [];
const numberOrNull = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export function computeAccountFacts(snapshot: AccountSnapshot, config: CompiledConfig, now: number): AccountFacts {
  const values: FactValue[] = NO_VALUES.slice();
  const times: number[] = NO_TIMES.slice();
  const monitored = config.departmentIndex.size;
  const facts: AccountFacts = {
    values,
    times,
    signalsByCode: new Array(CODE_COUNT),
    nextChangeAt: Infinity,
    coverage: null,
    competitors: null,
  };
  const window = new TimeWindow(now, config.lookbackMs);
  const account = snapshot.account;
  values[F.Type] = account.Type ?? null;
  values[F.Industry] = account.Industry ?? null;
  values[F.BillingCountry] = account.BillingCountry ?? null;
  values[F.BillingState] = account.BillingState ?? null;
  values[F.AnnualRevenue] = numberOrNull(account.AnnualRevenue);
  values[F.NumberOfEmployees] = numberOrNull(account.NumberOfEmployees);
  values[F.Rating] = account.Rating ?? null;
  const activity = parseTime(account.LastActivityDate);
  values[F.Last_Activity_Date] = Number.isNaN(activity) ? null : epochDay(activity);
  values[F.Recent_Activity] = window.counts(activity);
  times[F.Recent_Activity] = Number.isNaN(activity) ? 0 : activity;
  const strategic = account.Strategic_Account__c === true;
  values[F.Strategic_Account] = strategic;

  values[F.Override_Stance] = overrideInForce(snapshot, now, window);

  // Opportunities: pipeline, wins and losses to a competitor in the lookback.
  let pipeline = 0;
  let openCount = 0;
  let wonAmount = 0;
  let wonCount = 0;
  let lastWon = -Infinity;
  let lost = 0;
  for (const opportunity of snapshot.opportunities) {
    const amount = numberOrNull(opportunity.Amount) ?? 0;
    if (!opportunity.IsClosed) {
      pipeline += amount;
      openCount++;
      continue;
    }
    const closed = parseTime(opportunity.CloseDate);
    if (opportunity.IsWon) {
      if (closed > lastWon) lastWon = closed;
      if (window.counts(closed)) {
        wonAmount += amount;
        wonCount++;
        if (closed > times[F.Won_Count]!) times[F.Won_Count] = closed;
      }
    } else if (opportunity.Lost_To_Competitor__c && window.counts(closed)) {
      lost++;
      noteCompetitor(facts, opportunity.Lost_To_Competitor__c, closed, true);
      if (closed > times[F.Lost_To_Competitor_Count]!) times[F.Lost_To_Competitor_Count] = closed;
    }
  }
  values[F.Open_Pipeline] = pipeline;
  values[F.Open_Opportunity_Count] = openCount;
  values[F.Won_Amount] = wonAmount;
  values[F.Won_Count] = wonCount;
  times[F.Won_Amount] = times[F.Won_Count]!;
  values[F.Last_Won_Date] = lastWon === -Infinity ? null : epochDay(lastWon);
  times[F.Last_Won_Date] = lastWon === -Infinity ? 0 : lastWon;
  values[F.Lost_To_Competitor_Count] = lost;

  // Contacts and key people.
  let keyContacts = 0;
  let added = 0;
  for (const contact of snapshot.contacts) {
    if (!contact.Title || !config.keyTitle.test(contact.Title)) continue;
    keyContacts++;
    const created = parseTime(contact.CreatedDate);
    if (window.counts(created)) {
      added++;
      if (created > times[F.Key_Contacts_Added]!) times[F.Key_Contacts_Added] = created;
    }
  }
  let left = 0;
  let retitled = 0;
  for (const change of snapshot.keyPersonChanges ?? NO_CHANGES) {
    const title =
      change.change === 'retitled' ? `${change.title ?? ''} ${change.previousTitle ?? ''}` : (change.title ?? '');
    if (!config.keyTitle.test(title)) continue;
    const at = parseTime(change.at);
    if (!window.counts(at)) continue;
    const slot =
      change.change === 'left'
        ? F.Key_Contacts_Left
        : change.change === 'retitled'
          ? F.Key_Contacts_Retitled
          : F.Key_Contacts_Added;
    if (change.change === 'left') left++;
    else if (change.change === 'retitled') retitled++;
    else added++;
    if (at > times[slot]!) times[slot] = at;
  }
  values[F.Contact_Count] = snapshot.contacts.length;
  values[F.Key_Contact_Count] = keyContacts;
  values[F.Key_Contacts_Added] = added;
  values[F.Key_Contacts_Left] = left;
  values[F.Key_Contacts_Retitled] = retitled;

  collectSignals(snapshot.signals, facts, window, config.departmentIndex);
  collectCases(snapshot.cases, values, times, window);
  finishEffort(facts, values, times, monitored);

  // Market signals in force on the account's industry or country.
  const industry = lowerOrNull(account.Industry);
  const country = lowerOrNull(account.BillingCountry);
  let threats = 0;
  let competitive = 0;
  let environment = 0;
  let macro = 0;
  let opportunities = 0;
  const market = preparedMarketSignals(snapshot.marketSignals);
  for (let m = 0; m < market.length; m++) {
    const signal = market[m]!;
    if (signal.industry && signal.industry !== industry) continue;
    if (signal.country && signal.country !== country) continue;
    const from = signal.from;
    const until = signal.until;
    if (from > now) {
      window.later(from);
      continue;
    }
    if (until <= now) continue;
    window.later(until);
    const since = Number.isNaN(from) ? 0 : from;
    if (signal.Effect__c === 'Opportunity') {
      opportunities++;
      times[F.Market_Opportunities] = Math.max(times[F.Market_Opportunities]!, since);
      continue;
    }
    if (signal.Effect__c !== 'Threat') continue;
    threats++;
    times[F.Market_Threats] = Math.max(times[F.Market_Threats]!, since);
    const slot =
      signal.Kind__c === 'Competitive'
        ? F.Market_Competitive_Threats
        : signal.Kind__c === 'Environment'
          ? F.Market_Environment_Threats
          : signal.Kind__c === 'Macro'
            ? F.Market_Macro_Threats
            : -1;
    if (slot === F.Market_Competitive_Threats) competitive++;
    else if (slot === F.Market_Environment_Threats) environment++;
    else if (slot === F.Market_Macro_Threats) macro++;
    if (slot >= 0) times[slot] = Math.max(times[slot]!, since);
  }
  values[F.Market_Threats] = threats;
  values[F.Market_Competitive_Threats] = competitive;
  values[F.Market_Environment_Threats] = environment;
  values[F.Market_Macro_Threats] = macro;
  values[F.Market_Opportunities] = opportunities;

  // Where the account stands against the strategy.
  const inIndustry = industry !== null && config.targetIndustries.has(industry);
  const inRegion = country !== null && config.targetCountries.has(country);
  const type = lowerOrNull(account.Type);
  values[F.In_Target_Industry] = inIndustry;
  values[F.In_Target_Region] = inRegion;
  values[F.In_Strategy] = strategic || (inIndustry && inRegion);
  const revenue = values[F.AnnualRevenue] as number | null;
  values[F.Large_Account] = revenue !== null && revenue >= config.strategy.largeAccountRevenue;
  values[F.Is_Customer] = (type !== null && config.customerTypes.has(type)) || wonCount > 0;
  times[F.Is_Customer] = times[F.Won_Count]!;
  facts.nextChangeAt = window.nextChangeAt;
  return facts;
}

function overrideInForce(snapshot: AccountSnapshot, now: number, window: TimeWindow): Stance | null {
  const stance = snapshot.account.Stance_Override__c;
  if (!stance || !OVERRIDE_STANCES.includes(stance)) return null;
  const untilDay = parseTime(snapshot.account.Stance_Override_Until__c);
  if (Number.isNaN(untilDay)) return stance;
  const expires = untilDay + DAY_MS;
  if (expires <= now) return null;
  window.later(expires);
  return stance;
}

function codeSignalsFor(signalsByCode: Array<CodeSignals | undefined>, code: number): CodeSignals {
  return (signalsByCode[code] ??= {
    dismissal: null,
    dismissedAt: -Infinity,
    confirmed: null,
    reported: null,
    done: null,
  });
}

function signalTime(signal: SignalRecord): number {
  const created = parseTime(signal.CreatedDate);
  const acknowledged = parseTime(signal.Acknowledged_At__c);
  return acknowledged > created ? acknowledged : created;
}

function collectSignals(
  signals: readonly SignalRecord[],
  facts: AccountFacts,
  window: TimeWindow,
  departmentIndex: ReadonlyMap<string, number>,
): void {
  const { values, times, signalsByCode } = facts;
  const monitored = departmentIndex.size;

  // Dismissals first: they decide which reports still count.
  for (const signal of signals) {
    if (signal.Status__c !== 'Dismissed') continue;
    const code = CODE_INDEX.get(signal.Trigger__c);
    if (code === undefined) continue;
    const at = parseTime(signal.Dismissed_At__c ?? signal.CreatedDate);
    const codeSignals = codeSignalsFor(signalsByCode, code);
    if (
      !Number.isNaN(at) &&
      (at > codeSignals.dismissedAt || (at === codeSignals.dismissedAt && signal.Id > codeSignals.dismissal!.Id))
    ) {
      codeSignals.dismissal = signal;
      codeSignals.dismissedAt = at;
    }
  }

  let open = 0;
  let latestOpen = 0;
  let departments = 0;
  let latestDepartment = 0;
  for (const signal of signals) {
    const status = signal.Status__c;
    const created = parseTime(signal.CreatedDate);
    // Who reported (coverage) and which competitor it names: any status but Dismissed.
    if (status !== 'Dismissed' && window.counts(created)) {
      const department = monitored === 0 ? undefined : departmentIndex.get(signal.Source__c as string);
      if (department !== undefined) {
        // Made on the first report only: most accounts' departments report nothing.
        const coverage = (facts.coverage ??= new Array<number>(monitored).fill(0));
        if (created > coverage[department]!) coverage[department] = created;
      }
      if (signal.Competitor__c) noteCompetitor(facts, signal.Competitor__c, created, false);
    }
    const code = CODE_INDEX.get(signal.Trigger__c);
    if (code === undefined) continue;
    const acknowledged = parseTime(signal.Acknowledged_At__c);
    const at = acknowledged > created ? acknowledged : created;
    if (status === 'Done') {
      const codeSignals = codeSignalsFor(signalsByCode, code);
      if (!codeSignals.done || newer(signal, at, codeSignals.done)) codeSignals.done = signal;
      continue;
    }
    if (status !== 'New' && status !== 'Acknowledged' && status !== 'Confirmed') continue;
    if (!window.counts(at)) continue;
    const department = departmentBit(signal.Source__c);
    if (department !== 0) {
      departments |= department;
      if (at > latestDepartment) latestDepartment = at;
    }
    const codeSignals = codeSignalsFor(signalsByCode, code);
    if (at <= codeSignals.dismissedAt) continue;
    open++;
    if (at > latestOpen) latestOpen = at;
    if (status === 'Confirmed') {
      if (!codeSignals.confirmed || newer(signal, at, codeSignals.confirmed)) codeSignals.confirmed = signal;
    } else if (!codeSignals.reported || newer(signal, at, codeSignals.reported)) {
      codeSignals.reported = signal;
    }
  }
  values[F.Open_Signal_Count] = open;
  times[F.Open_Signal_Count] = latestOpen;
  values[F.Reporting_Departments] = bitCount(departments);
  times[F.Reporting_Departments] = latestDepartment;
}

/** Latest first; the id breaks ties so the answer never depends on input order. */
function newer(signal: SignalRecord, at: number, than: SignalRecord): boolean {
  const thanAt = signalTime(than);
  return at > thanAt || (at === thanAt && signal.Id > than.Id);
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}
