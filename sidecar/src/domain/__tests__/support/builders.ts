/** Small builders for account snapshots, so each test states only what matters to it. */
import type {
  AccountRecord,
  AccountSnapshot,
  CaseRecord,
  ContactRecord,
  KeyPersonChange,
  MarketSignalRecord,
  OpportunityRecord,
  SignalRecord,
} from '../..';

export const NOW = Date.parse('2026-06-15T12:00:00Z');
export const daysAgo = (days: number): string => new Date(NOW - days * 86_400_000).toISOString();
export const dayOffset = (days: number): string => new Date(NOW + days * 86_400_000).toISOString().slice(0, 10);

let sequence = 0;
const id = (prefix: string) => `${prefix}${String(++sequence).padStart(15, '0')}`;

export interface SnapshotParts {
  account?: Partial<AccountRecord>;
  contacts?: ContactRecord[];
  opportunities?: OpportunityRecord[];
  signals?: SignalRecord[];
  cases?: CaseRecord[];
  keyPersonChanges?: KeyPersonChange[];
  marketSignals?: MarketSignalRecord[];
}

/** A German confectionery maker with no history: a prospect inside the default strategy. */
export function snapshot(parts: SnapshotParts = {}): AccountSnapshot {
  return {
    account: {
      Id: '001000000000001AAA',
      Name: 'Kakao Werke GmbH',
      Type: 'Prospect',
      Industry: 'Confectionery',
      BillingCountry: 'Germany',
      AnnualRevenue: 20_000_000,
      ...parts.account,
    },
    contacts: parts.contacts ?? [],
    opportunities: parts.opportunities ?? [],
    signals: parts.signals ?? [],
    cases: parts.cases ?? [],
    keyPersonChanges: parts.keyPersonChanges ?? [],
    marketSignals: parts.marketSignals ?? [],
  };
}

export const customer = (parts: SnapshotParts = {}): AccountSnapshot =>
  snapshot({ ...parts, account: { Type: 'Customer - Direct', ...parts.account } });

export function signal(trigger: string, fields: Partial<SignalRecord> = {}): SignalRecord {
  return {
    Id: id('a01'),
    Trigger__c: trigger,
    Status__c: 'New',
    Source__c: 'Customer Support',
    Detail__c: `${trigger} noticed`,
    CreatedDate: daysAgo(3),
    CreatedByName: 'Sam Support',
    ...fields,
  };
}

export function opportunity(fields: Partial<OpportunityRecord> = {}): OpportunityRecord {
  return {
    Id: id('006'),
    Amount: 100_000,
    CloseDate: daysAgo(10).slice(0, 10),
    IsClosed: false,
    IsWon: false,
    ...fields,
  };
}

export function marketSignal(fields: Partial<MarketSignalRecord> = {}): MarketSignalRecord {
  return {
    Id: id('a02'),
    Kind__c: 'Macro',
    Effect__c: 'Threat',
    Industry__c: 'Confectionery',
    Active_From__c: dayOffset(-5),
    Description__c: 'World cocoa prices doubled',
    ...fields,
  };
}
