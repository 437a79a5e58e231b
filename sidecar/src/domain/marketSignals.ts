/** Market signals as every account reads them, and the lower-cased picklist values they are matched on. */
import type { MarketSignalRecord } from './snapshot';
import { DAY_MS, toEpochMs as parseTime } from './time';

/**
 * Picklist values (industries, countries, types) repeat across an org: each distinct one is
 * lower-cased once, and the same string then serves every account (bounded, forgotten when full).
 */
const LOWER = new Map<string, string>();
const LOWER_MAX = 10_000;
export function lowerOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  let lower = LOWER.get(value);
  if (lower === undefined) {
    lower = value.toLowerCase();
    if (LOWER.size >= LOWER_MAX) LOWER.clear();
    LOWER.set(value, lower);
  }
  return lower;
}

/** A market signal as every account reads it: lower-cased scope and parsed dates. */
interface PreparedMarketSignal {
  readonly industry: string | null;
  readonly country: string | null;
  readonly from: number;
  /** The end of its last day, or Infinity. */
  readonly until: number;
  readonly Effect__c: string;
  readonly Kind__c: string;
}

/**
 * The same market signals reach every account of a pass: they are prepared once per list (a
 * snapshot's lists are read-only; the mirror hands out a new one whenever they change).
 */
const prepared = new WeakMap<readonly MarketSignalRecord[], readonly PreparedMarketSignal[]>();

export function preparedMarketSignals(signals: readonly MarketSignalRecord[]): readonly PreparedMarketSignal[] {
  let list = prepared.get(signals);
  if (list === undefined || list.length !== signals.length) {
    list = signals.map((signal) => {
      const untilDay = parseTime(signal.Active_Until__c);
      return {
        industry: lowerOrNull(signal.Industry__c),
        country: lowerOrNull(signal.Country__c),
        from: parseTime(signal.Active_From__c),
        until: Number.isNaN(untilDay) ? Infinity : untilDay + DAY_MS,
        Effect__c: signal.Effect__c,
        Kind__c: signal.Kind__c,
      };
    });
    prepared.set(signals, list);
  }
  return list;
}
