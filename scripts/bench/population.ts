/**
 * A deterministic population of account snapshots shaped like a mid-size org: most accounts
 * have a few contacts and opportunities, some have signals, a handful of market signals apply.
 */
import type { AccountSnapshot, MarketSignalRecord, SignalRecord } from '../../sidecar/src/domain';
import { TRIGGER_CODES } from '../../sidecar/src/domain';
import {
  COUNTRIES,
  INDUSTRIES,
  random,
  SIGNAL_SOURCES as SOURCES,
  SIGNAL_STATUSES as STATUSES,
  TITLES,
  TYPES,
} from '../local-org/seedValues';

export { random };

const DAY = 86_400_000;

const id = (prefix: string, n: number) => `${prefix}${n.toString(36).padStart(15, '0')}`;

export function marketSignals(now: number): MarketSignalRecord[] {
  const iso = (days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);
  return [
    {
      Id: id('a02', 1),
      Kind__c: 'Macro',
      Effect__c: 'Threat',
      Industry__c: 'Chocolate',
      Active_From__c: iso(-20),
      Active_Until__c: iso(60),
    },
    { Id: id('a02', 2), Kind__c: 'Competitive', Effect__c: 'Threat', Country__c: 'Brazil', Active_From__c: iso(-5) },
    {
      Id: id('a02', 3),
      Kind__c: 'Environment',
      Effect__c: 'Opportunity',
      Industry__c: 'Bakery',
      Active_From__c: iso(-90),
    },
    { Id: id('a02', 4), Kind__c: 'Macro', Effect__c: 'Threat', Country__c: 'Japan', Active_From__c: iso(10) },
  ];
}

export function population(size: number, now: number, seed = 42): AccountSnapshot[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const when = (maxDaysAgo: number) => new Date(now - Math.floor(rnd() * maxDaysAgo * DAY)).toISOString();
  const market = marketSignals(now);
  let sequence = 0;
  return Array.from({ length: size }, (_, index) => {
    const signals: SignalRecord[] = Array.from({ length: rnd() < 0.4 ? Math.floor(rnd() * 6) : 0 }, () => ({
      Id: id('a01', ++sequence),
      Trigger__c: pick(TRIGGER_CODES),
      Status__c: pick(STATUSES),
      Source__c: pick(SOURCES),
      Detail__c: 'Mentioned during the quarterly review that delivery times slipped twice.',
      CreatedDate: when(150),
      CreatedByName: 'Alex Example',
    }));
    return {
      account: {
        Id: id('001', index + 1),
        Name: `Account ${index + 1}`,
        Type: pick(TYPES),
        Industry: pick(INDUSTRIES),
        BillingCountry: pick(COUNTRIES),
        AnnualRevenue: Math.floor(rnd() * 200_000_000),
        Strategic_Account__c: rnd() < 0.05,
        Stance_Override__c: rnd() < 0.03 ? 'Attack' : null,
        Stance_Override_Until__c: new Date(now + 30 * DAY).toISOString().slice(0, 10),
      },
      contacts: Array.from({ length: Math.floor(rnd() * 8) }, () => ({
        Id: id('003', ++sequence),
        Title: pick(TITLES),
        CreatedDate: when(400),
      })),
      opportunities: Array.from({ length: Math.floor(rnd() * 6) }, () => {
        const closed = rnd() < 0.6;
        const won = closed && rnd() < 0.5;
        return {
          Id: id('006', ++sequence),
          Amount: Math.floor(rnd() * 500_000),
          CloseDate: when(300).slice(0, 10),
          IsClosed: closed,
          IsWon: won,
          Lost_To_Competitor__c: closed && !won && rnd() < 0.5 ? 'Cacao Nova' : null,
        };
      }),
      signals,
      keyPersonChanges:
        rnd() < 0.1
          ? [{ contactId: id('003', ++sequence), change: 'left' as const, at: when(60), title: 'Head of Purchasing' }]
          : [],
      marketSignals: market,
    };
  });
}
