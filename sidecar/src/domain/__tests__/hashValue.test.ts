/**
 * The decision hash is stored with every account: a change in its value (not in the decisions)
 * makes the sidecar rewrite every account once. The fingerprint is pinned so that only what an
 * account's explanation is built from (stance, reason, facts, checklist) enters them.
 *
 * Changed on purpose with issue 15: the explanation gained coverage, competitors, effort and plan
 * progress (and the Fire exit plan's four steps), and the account seven fields built from them, so
 * every account is written once after the upgrade. A change here is never a side effect: it
 * costs a write-back of the whole org.
 */
import { classify } from '..';
import type { AccountSnapshot, CompiledConfig } from '..';
import { NOW, customer, daysAgo, dayOffset, marketSignal, opportunity, signal, snapshot } from './support/builders';
import { shippedCompiled } from './support/shippedConfig';

const pinned = (): CompiledConfig => ({ ...shippedCompiled(), fingerprint: 'pinned-fingerprint' });

const CASES: ReadonlyArray<readonly [string, () => AccountSnapshot]> = [
  ['a prospect inside the strategy', () => snapshot()],
  [
    'a customer with reported and confirmed threats',
    () =>
      customer({
        signals: [
          signal('COMPETITOR_APPROACH', { Id: 'a01000000000000001', CreatedDate: daysAgo(4) }),
          signal('SERVICE_DISSATISFACTION', {
            Id: 'a01000000000000002',
            Status__c: 'Confirmed',
            Acknowledged_At__c: daysAgo(1),
            CreatedDate: daysAgo(6),
          }),
        ],
        opportunities: [opportunity({ Id: '006000000000000001', Amount: 1_234_567.5 })],
      }),
  ],
  [
    'an override with a reason, until a day',
    () =>
      customer({
        account: {
          Stance_Override__c: 'Fire',
          Stance_Override_Reason__c: 'Payment terms broken twice',
          Stance_Override_Until__c: dayOffset(30),
        },
      }),
  ],
  [
    'a market threat and a key person who joined',
    () =>
      snapshot({
        contacts: [{ Id: '003000000000000001', Title: 'Head of Purchasing', CreatedDate: daysAgo(20) }],
        marketSignals: [marketSignal({ Id: 'a02000000000000001' })],
      }),
  ],
  [
    'a customer outside the strategy, with a dismissal',
    () =>
      customer({
        account: { Industry: 'Mining', BillingCountry: 'Chile', AnnualRevenue: null },
        signals: [
          signal('COMPETITOR_APPROACH', {
            Id: 'a01000000000000003',
            Status__c: 'Dismissed',
            Dismissed_At__c: daysAgo(2),
            Dismiss_Reason__c: 'a rumour',
          }),
        ],
      }),
  ],
  [
    'a Fire account with an open case, a competitor and an exit step done',
    () =>
      customer({
        account: { Industry: 'Mining', BillingCountry: 'Chile', LastActivityDate: dayOffset(-3) },
        signals: [
          signal('EXIT_DECISION', { Id: 'a01000000000000004', Status__c: 'Done', Source__c: 'Management' }),
          signal('COMPETITIVE_SHIFT', {
            Id: 'a01000000000000005',
            Competitor__c: 'Cacao Nova',
            Source__c: 'Logistics',
          }),
        ],
        cases: [{ Id: '500000000000000001', IsClosed: false, CreatedDate: daysAgo(8), Status: 'New' }],
      }),
  ],
];

describe('the decision hash value', () => {
  it('is the value stored before: no account is rewritten unless what it shows changed', () => {
    const config = pinned();
    const hashes = Object.fromEntries(CASES.map(([name, build]) => [name, classify(build(), config, NOW).hash]));
    expect(hashes).toEqual(EXPECTED);
  });

  it('states the reason as the explanation does, read without building the explanation', () => {
    for (const [, build] of CASES) {
      const result = classify(build(), pinned(), NOW);
      const reason = result.reason;
      expect(reason).toBe(result.explanation.reason);
    }
  });
});

const EXPECTED: Record<string, string> = {
  'a prospect inside the strategy': 'a1c8914a3d4e74bb',
  'a customer with reported and confirmed threats': 'b37d50f4c72e6508',
  'an override with a reason, until a day': '8b7b8afdbd9c0cb4',
  'a market threat and a key person who joined': 'ccebf269965cdd76',
  'a customer outside the strategy, with a dismissal': 'f7504f43e21866ea',
  'a Fire account with an open case, a competitor and an exit step done': 'bbbc957cf5d16e55',
};
