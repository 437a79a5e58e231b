/**
 * The decision hash is stored with every account: a change in its value (not in the decisions)
 * makes the sidecar rewrite every account once. These values were taken before the hash was
 * made faster and must stay as they are; the fingerprint is pinned so that only what an
 * account's explanation is built from (stance, reason, facts, checklist) enters them.
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
];

describe('the decision hash value', () => {
  it('is the value stored before: no account is rewritten because the hash was made faster', () => {
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
  'a prospect inside the strategy': 'd6486d66dd2d2ca7',
  'a customer with reported and confirmed threats': 'c0f10034558e5ea9',
  'an override with a reason, until a day': '3d2e641a00fc0d93',
  'a market threat and a key person who joined': '2db69dfd375fe79c',
  'a customer outside the strategy, with a dismissal': '088ddd500c3074e1',
};
