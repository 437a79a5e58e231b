/**
 * What the engine reads about one account: its own fields, its children and the
 * market signals that might apply. Field names follow the Salesforce API names so
 * adapters copy records across without a mapping table. Dates and datetimes are
 * ISO-8601 strings as the REST API returns them.
 */
import type { MarketSignalEffect, MarketSignalKind, SignalSource, SignalStatus, Stance } from './catalog';

export interface AccountRecord {
  readonly Id: string;
  readonly Name?: string | null;
  readonly Type?: string | null;
  readonly Industry?: string | null;
  readonly BillingCountry?: string | null;
  readonly BillingState?: string | null;
  readonly AnnualRevenue?: number | null;
  readonly NumberOfEmployees?: number | null;
  readonly Rating?: string | null;
  readonly OwnerId?: string | null;
  readonly LastActivityDate?: string | null;
  readonly Strategic_Account__c?: boolean | null;
  readonly Stance_Override__c?: Stance | null;
  readonly Stance_Override_Reason__c?: string | null;
  /** Last day (inclusive) the override is in force. */
  readonly Stance_Override_Until__c?: string | null;
}

export interface ContactRecord {
  readonly Id: string;
  readonly Name?: string | null;
  readonly Title?: string | null;
  readonly CreatedDate?: string | null;
}

export interface OpportunityRecord {
  readonly Id: string;
  readonly Amount?: number | null;
  readonly CloseDate?: string | null;
  readonly IsClosed?: boolean | null;
  readonly IsWon?: boolean | null;
  /** Set when the deal was lost to a named competitor (a Stance_Competitors value). */
  readonly Lost_To_Competitor__c?: string | null;
  /** The levers a won deal pulled, `Technical;Service` (Stance_Value_Levers API names). */
  readonly Value_Levers__c?: string | null;
}

/** A support case: what it costs to serve the account (open cases, cases in the lookback). */
export interface CaseRecord {
  readonly Id: string;
  readonly IsClosed?: boolean | null;
  readonly CreatedDate?: string | null;
  readonly ClosedDate?: string | null;
  readonly Status?: string | null;
}

export interface SignalRecord {
  readonly Id: string;
  readonly Trigger__c: string;
  readonly Status__c: SignalStatus | string;
  readonly Source__c?: SignalSource | string | null;
  readonly Detail__c?: string | null;
  readonly CreatedDate: string;
  /** Display name of the reporter, when the adapter knows it. */
  readonly CreatedByName?: string | null;
  readonly Acknowledged_At__c?: string | null;
  readonly Dismissed_At__c?: string | null;
  readonly Dismiss_Reason__c?: string | null;
  /** The competitor the report names (a Stance_Competitors value). */
  readonly Competitor__c?: string | null;
  /** The levers of a value proposition, `Technical;Service`. */
  readonly Value_Levers__c?: string | null;
  /** Customer told: the last day of the transition period. */
  readonly Transition_Until__c?: string | null;
}

export interface MarketSignalRecord {
  readonly Id: string;
  readonly Kind__c: MarketSignalKind | string;
  readonly Effect__c: MarketSignalEffect | string;
  /** Blank means every industry. */
  readonly Industry__c?: string | null;
  /** Blank means every country. */
  readonly Country__c?: string | null;
  readonly Active_From__c?: string | null;
  readonly Active_Until__c?: string | null;
  readonly Description__c?: string | null;
}

/**
 * A key person joining, leaving or changing title. The sidecar derives these from
 * change history (and persists them as Detected signals); contacts created inside the
 * lookback count as joined without one.
 */
export interface KeyPersonChange {
  readonly contactId: string;
  readonly change: 'joined' | 'left' | 'retitled';
  readonly at: string;
  readonly title?: string | null;
  readonly previousTitle?: string | null;
}

export interface AccountSnapshot {
  readonly account: AccountRecord;
  readonly contacts: readonly ContactRecord[];
  readonly opportunities: readonly OpportunityRecord[];
  readonly signals: readonly SignalRecord[];
  /** The account's cases; absent reads as none. */
  readonly cases?: readonly CaseRecord[];
  readonly keyPersonChanges?: readonly KeyPersonChange[];
  /** Market signals to consider; the engine keeps those that match the account and are in force. */
  readonly marketSignals: readonly MarketSignalRecord[];
}
