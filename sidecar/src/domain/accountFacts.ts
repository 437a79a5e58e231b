/**
 * The account-phase facts of one snapshot, the times behind the time-bound ones, the
 * people's signals per trigger code, and the next moment one of them changes on its own.
 */
import { STANCES, TRIGGER_CODES } from './catalog';
import type { Stance } from './catalog';
import type { CompiledConfig } from './engine';
import { F, FACT_COUNT } from './facts';
import type { FactValue } from './facts';
import type { AccountSnapshot, SignalRecord } from './snapshot';
import { DAY_MS, epochDay, toEpochMs } from './time';

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

export interface AccountFacts {
  readonly values: FactValue[];
  /** Per fact slot, the latest epoch ms of the evidence behind it (0 when it has no time). */
  readonly times: Float64Array;
  readonly signalsByCode: Array<CodeSignals | undefined>;
  nextChangeAt: number;
}

const CODE_INDEX = new Map<string, number>(TRIGGER_CODES.map((code, index) => [code, index]));
const NON_SALES_DEPARTMENTS = new Set(['Customer Support', 'Logistics', 'Technical', 'Finance', 'Management']);

const lowerOrNull = (value: string | null | undefined): string | null => (value ? value.toLowerCase() : null);
const numberOrNull = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export function computeAccountFacts(snapshot: AccountSnapshot, config: CompiledConfig, now: number): AccountFacts {
  const values: FactValue[] = new Array(FACT_COUNT).fill(null);
  const times = new Float64Array(FACT_COUNT);
  const facts: AccountFacts = { values, times, signalsByCode: new Array(TRIGGER_CODES.length), nextChangeAt: Infinity };
  const windowStart = now - config.lookbackMs;
  /** Counts an item inside the lookback and remembers when it leaves it. */
  const inWindow = (at: number): boolean => {
    if (!(at > windowStart)) return false;
    const leaves = at + config.lookbackMs;
    if (leaves > now && leaves < facts.nextChangeAt) facts.nextChangeAt = leaves;
    return true;
  };
  const later = (at: number): void => {
    if (at > now && at < facts.nextChangeAt) facts.nextChangeAt = at;
  };

  const account = snapshot.account;
  values[F.Type] = account.Type ?? null;
  values[F.Industry] = account.Industry ?? null;
  values[F.BillingCountry] = account.BillingCountry ?? null;
  values[F.BillingState] = account.BillingState ?? null;
  values[F.AnnualRevenue] = numberOrNull(account.AnnualRevenue);
  values[F.NumberOfEmployees] = numberOrNull(account.NumberOfEmployees);
  values[F.Rating] = account.Rating ?? null;
  const activity = toEpochMs(account.LastActivityDate);
  values[F.Last_Activity_Date] = Number.isNaN(activity) ? null : epochDay(activity);
  const strategic = account.Strategic_Account__c === true;
  values[F.Strategic_Account] = strategic;

  values[F.Override_Stance] = overrideInForce(snapshot, now, later);

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
    const closed = toEpochMs(opportunity.CloseDate);
    if (opportunity.IsWon) {
      if (closed > lastWon) lastWon = closed;
      if (inWindow(closed)) {
        wonAmount += amount;
        wonCount++;
        if (closed > times[F.Won_Count]!) times[F.Won_Count] = closed;
      }
    } else if (opportunity.Lost_To_Competitor__c && inWindow(closed)) {
      lost++;
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
    const created = toEpochMs(contact.CreatedDate);
    if (inWindow(created)) {
      added++;
      if (created > times[F.Key_Contacts_Added]!) times[F.Key_Contacts_Added] = created;
    }
  }
  let left = 0;
  let retitled = 0;
  for (const change of snapshot.keyPersonChanges ?? []) {
    const title = change.change === 'retitled' ? `${change.title ?? ''} ${change.previousTitle ?? ''}` : (change.title ?? '');
    if (!config.keyTitle.test(title)) continue;
    const at = toEpochMs(change.at);
    if (!inWindow(at)) continue;
    const slot = change.change === 'left' ? F.Key_Contacts_Left : change.change === 'retitled' ? F.Key_Contacts_Retitled : F.Key_Contacts_Added;
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

  collectSignals(snapshot.signals, facts, inWindow);

  // Market signals in force on the account's industry or country.
  const industry = lowerOrNull(account.Industry);
  const country = lowerOrNull(account.BillingCountry);
  let threats = 0;
  let competitive = 0;
  let environment = 0;
  let macro = 0;
  let opportunities = 0;
  for (const signal of snapshot.marketSignals) {
    const signalIndustry = lowerOrNull(signal.Industry__c);
    const signalCountry = lowerOrNull(signal.Country__c);
    if (signalIndustry && signalIndustry !== industry) continue;
    if (signalCountry && signalCountry !== country) continue;
    const from = toEpochMs(signal.Active_From__c);
    const untilDay = toEpochMs(signal.Active_Until__c);
    const until = Number.isNaN(untilDay) ? Infinity : untilDay + DAY_MS;
    if (from > now) {
      later(from);
      continue;
    }
    if (until <= now) continue;
    later(until);
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
  return facts;
}

function overrideInForce(snapshot: AccountSnapshot, now: number, later: (at: number) => void): Stance | null {
  const stance = snapshot.account.Stance_Override__c;
  if (!stance || !(STANCES as readonly string[]).includes(stance)) return null;
  const untilDay = toEpochMs(snapshot.account.Stance_Override_Until__c);
  if (Number.isNaN(untilDay)) return stance;
  const expires = untilDay + DAY_MS;
  if (expires <= now) return null;
  later(expires);
  return stance;
}

function signalTime(signal: SignalRecord): number {
  const created = toEpochMs(signal.CreatedDate);
  const acknowledged = toEpochMs(signal.Acknowledged_At__c);
  return acknowledged > created ? acknowledged : created;
}

function collectSignals(
  signals: readonly SignalRecord[],
  facts: AccountFacts,
  inWindow: (at: number) => boolean,
): void {
  const { values, times, signalsByCode } = facts;
  const entry = (code: number): CodeSignals =>
    (signalsByCode[code] ??= { dismissal: null, dismissedAt: -Infinity, confirmed: null, reported: null, done: null });

  // Dismissals first: they decide which reports still count.
  for (const signal of signals) {
    if (signal.Status__c !== 'Dismissed') continue;
    const code = CODE_INDEX.get(signal.Trigger__c);
    if (code === undefined) continue;
    const at = toEpochMs(signal.Dismissed_At__c ?? signal.CreatedDate);
    const codeSignals = entry(code);
    if (!Number.isNaN(at) && (at > codeSignals.dismissedAt || (at === codeSignals.dismissedAt && signal.Id > codeSignals.dismissal!.Id))) {
      codeSignals.dismissal = signal;
      codeSignals.dismissedAt = at;
    }
  }

  let open = 0;
  let latestOpen = 0;
  const departments = new Set<string>();
  let latestDepartment = 0;
  for (const signal of signals) {
    const code = CODE_INDEX.get(signal.Trigger__c);
    if (code === undefined) continue;
    const status = signal.Status__c;
    const at = signalTime(signal);
    if (status === 'Done') {
      const codeSignals = entry(code);
      if (!codeSignals.done || newer(signal, at, codeSignals.done)) codeSignals.done = signal;
      continue;
    }
    if (status !== 'New' && status !== 'Acknowledged' && status !== 'Confirmed') continue;
    if (!inWindow(at)) continue;
    if (signal.Source__c && NON_SALES_DEPARTMENTS.has(signal.Source__c)) {
      departments.add(signal.Source__c);
      if (at > latestDepartment) latestDepartment = at;
    }
    const codeSignals = entry(code);
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
  values[F.Reporting_Departments] = departments.size;
  times[F.Reporting_Departments] = latestDepartment;
}

/** Latest first; the id breaks ties so the answer never depends on input order. */
function newer(signal: SignalRecord, at: number, than: SignalRecord): boolean {
  const thanAt = signalTime(than);
  return at > thanAt || (at === thanAt && signal.Id > than.Id);
}
