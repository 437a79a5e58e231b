import { classify, explanationSchema, parseExplanation } from '..';
import type { AccountSnapshot, ChecklistItem, Classification } from '..';
import { NOW, customer, dayOffset, daysAgo, marketSignal, opportunity, signal, snapshot } from './support/builders';
import { shippedCompiled } from './support/shippedConfig';

const run = (account: AccountSnapshot, now = NOW): Classification => classify(account, shippedCompiled(), now);
const item = (result: Classification, code: string): ChecklistItem | undefined =>
  result.explanation.checklist.find((entry) => entry.code === code);

describe('Attack: prospects inside the strategy', () => {
  it('is a target with low priority while no opening is known', () => {
    const result = run(snapshot());
    expect(result.explanation).toMatchObject({ stance: 'Attack', atRisk: false, rule: { name: 'Target_Prospect' } });
    expect(result.explanation.reason).toContain('look for an opening');
    expect(result.explanation.checklist.every((entry) => entry.state === 'open')).toBe(true);
  });

  it('opens on dissatisfaction with the incumbent, naming it in the reason', () => {
    const result = run(snapshot({ signals: [signal('INCUMBENT_DISSATISFACTION', { Source__c: 'Technical' })] }));
    expect(result.explanation.rule?.name).toBe('Prospect_With_Opening');
    expect(result.explanation.reason).toBe(
      'A prospect inside the strategy with an opening to win it: unhappy with current supplier.',
    );
    expect(item(result, 'INCUMBENT_DISSATISFACTION')).toMatchObject({
      state: 'reported',
      signal: { source: 'Technical', reporter: 'Sam Support' },
    });
  });

  it.each(['PROCESS_CHANGE', 'STRATEGY_CHANGE'])('opens on a reported %s', (code) => {
    const result = run(snapshot({ signals: [signal(code)] }));
    expect(result.explanation.rule?.name).toBe('Prospect_With_Opening');
    expect(item(result, code)?.state).toBe('reported');
  });

  it('detects a key-person change from a new contact in a key position, with the evidence', () => {
    const result = run(
      snapshot({ contacts: [{ Id: '003000000000001AAA', Title: 'Head of Purchasing', CreatedDate: daysAgo(20) }] }),
    );
    expect(result.explanation.rule?.name).toBe('Prospect_With_Opening');
    expect(item(result, 'KEY_PERSON_CHANGE')).toMatchObject({ state: 'detected', evidence: { Key_Contacts_Added: 1 } });
  });

  it('ignores contacts in positions that are not key, and key contacts older than the lookback', () => {
    const result = run(
      snapshot({
        contacts: [
          { Id: '003000000000001AAA', Title: 'Lab assistant', CreatedDate: daysAgo(5) },
          { Id: '003000000000002AAA', Title: 'Chief Executive', CreatedDate: daysAgo(200) },
        ],
      }),
    );
    expect(item(result, 'KEY_PERSON_CHANGE')?.state).toBe('open');
  });

  it('raises priority with each opening', () => {
    const one = run(snapshot({ signals: [signal('PROCESS_CHANGE')] }));
    const two = run(snapshot({ signals: [signal('PROCESS_CHANGE'), signal('INCUMBENT_DISSATISFACTION')] }));
    const none = run(snapshot());
    expect(one.explanation.priority).toBeGreaterThan(none.explanation.priority);
    expect(two.explanation.priority).toBeGreaterThan(one.explanation.priority);
  });

  it('marks a plan step done from a Done signal', () => {
    const result = run(snapshot({ signals: [signal('VALUE_PROPOSITION', { Status__c: 'Done', Source__c: 'Sales' })] }));
    expect(item(result, 'VALUE_PROPOSITION')?.state).toBe('done');
    expect(result.explanation.rule?.name).toBe('Target_Prospect');
  });
});

describe('Defend: customers', () => {
  it('keeps a healthy customer on Defend, not at risk, with what would tip it', () => {
    const result = run(customer());
    expect(result.explanation).toMatchObject({ stance: 'Defend', atRisk: false, rule: { name: 'Healthy_Customer' } });
    expect(result.explanation.atRiskGap).toEqual({ threatWeight: 0, bar: 60, wouldTip: [] });
  });

  it('is at risk when a competitor approaches and the customer is dissatisfied', () => {
    const result = run(
      customer({
        signals: [signal('COMPETITOR_APPROACH', { Status__c: 'Confirmed' }), signal('SERVICE_DISSATISFACTION')],
      }),
    );
    expect(result.explanation).toMatchObject({ stance: 'Defend', atRisk: true, rule: { name: 'Threatened_Customer' } });
    expect(result.explanation.reason).toBe(
      'A customer facing competitor approach and service dissatisfaction: act before a competitor turns it.',
    );
    expect(result.explanation.atRiskGap).toBeNull();
    expect(result.explanation.checklist[0]).toMatchObject({ code: 'COMPETITOR_APPROACH', state: 'confirmed' });
  });

  it('is not yet at risk with a competitor approach alone, and names the dissatisfactions that would tip it', () => {
    const result = run(customer({ signals: [signal('COMPETITOR_APPROACH', { Status__c: 'Confirmed' })] }));
    expect(result.explanation.atRisk).toBe(false);
    expect(result.explanation.atRiskGap?.wouldTip).toEqual(
      expect.arrayContaining(['PRODUCT_DISSATISFACTION', 'SERVICE_DISSATISFACTION']),
    );
  });

  it('detects a competitor approach from a deal lost to a competitor', () => {
    const result = run(
      customer({
        opportunities: [opportunity({ IsClosed: true, IsWon: false, Lost_To_Competitor__c: 'ChocoRival AG' })],
      }),
    );
    expect(item(result, 'COMPETITOR_APPROACH')).toMatchObject({
      state: 'detected',
      evidence: { Lost_To_Competitor_Count: 1 },
    });
  });

  it('counts a prospect that won business in the lookback as a customer', () => {
    const result = run(
      snapshot({ opportunities: [opportunity({ IsClosed: true, IsWon: true, CloseDate: daysAgo(30).slice(0, 10) })] }),
    );
    expect(result.explanation.stance).toBe('Defend');
    expect(result.nextEvaluationAt).toBe(
      new Date(Date.parse(`${daysAgo(30).slice(0, 10)}T00:00:00Z`) + 90 * 86_400_000).toISOString(),
    );
  });

  it('sees monitoring coverage when two departments other than sales report', () => {
    const result = run(
      customer({
        signals: [
          signal('PRODUCT_DISSATISFACTION', { Source__c: 'Logistics', Status__c: 'Resolved' }),
          signal('PROCESS_CHANGE', { Source__c: 'Logistics' }),
          signal('STRATEGY_CHANGE', { Source__c: 'Technical' }),
        ],
      }),
    );
    expect(item(result, 'MONITORING_COVERAGE')?.state).toBe('detected');
  });
});

describe('Fire: customers that no longer fit', () => {
  it('fires a customer outside the target markets, with the misalignment detected', () => {
    const result = run(customer({ account: { Industry: 'Mining', BillingCountry: 'Chile' } }));
    expect(result.explanation).toMatchObject({ stance: 'Fire', rule: { name: 'Customer_Outside_Strategy' } });
    expect(result.explanation.reason).toContain('(Mining, Chile)');
    expect(item(result, 'STRATEGIC_MISALIGNMENT')).toMatchObject({
      state: 'detected',
      evidence: { In_Strategy: false },
    });
  });

  it('keeps a strategic account inside the strategy whatever its market', () => {
    const result = run(customer({ account: { Industry: 'Mining', Strategic_Account__c: true } }));
    expect(result.explanation.stance).toBe('Defend');
  });

  it("raises a Fire trigger when a macro shift hits the account's industry", () => {
    const result = run(customer({ marketSignals: [marketSignal({ Kind__c: 'Macro', Industry__c: 'Confectionery' })] }));
    expect(result.explanation.stance).toBe('Defend');
    expect(result.explanation.elsewhere).toEqual([
      { code: 'MACRO_SHIFT', label: 'Macro shift', stance: 'Fire', kind: 'misalignment', state: 'detected' },
    ]);
  });

  it('ignores market signals on other industries or countries, and those not yet or no longer in force', () => {
    const result = run(
      customer({
        marketSignals: [
          marketSignal({ Industry__c: 'Bakery' }),
          marketSignal({ Industry__c: null, Country__c: 'Brazil' }),
          marketSignal({ Active_From__c: dayOffset(10) }),
          marketSignal({ Active_From__c: dayOffset(-30), Active_Until__c: dayOffset(-1) }),
        ],
      }),
    );
    expect(result.explanation.elsewhere).toEqual([]);
    expect(result.nextEvaluationAt).toBe(`${dayOffset(10)}T00:00:00.000Z`);
  });

  it('fires a customer whose misalignments outweigh a relationship with nothing in the pipeline', () => {
    const shifts = [marketSignal({ Kind__c: 'Macro' }), marketSignal({ Kind__c: 'Competitive' })];
    const fired = run(customer({ marketSignals: shifts }));
    expect(fired.explanation).toMatchObject({ stance: 'Fire', rule: { name: 'Misaligned_Customer' } });
    expect(fired.explanation.reason).toBe(
      'Competitive shift and macro shift now outweigh what this relationship brings: plan an orderly exit.',
    );
    const withPipeline = run(customer({ marketSignals: shifts, opportunities: [opportunity()] }));
    expect(withPipeline.explanation.stance).toBe('Defend');
  });
});

describe('None: prospects outside the strategy', () => {
  it('has no stance, no priority and no checklist', () => {
    const result = run(snapshot({ account: { Industry: 'Mining' } }));
    expect(result.explanation).toMatchObject({
      stance: 'None',
      priority: 0,
      rule: { name: 'Prospect_Outside_Strategy' },
    });
    expect(result.explanation.checklist).toEqual([]);
  });
});

describe('signals reported by people', () => {
  it('stops counting a dismissed signal and shows the dismissal with its reason', () => {
    const reported = signal('SERVICE_DISSATISFACTION', { CreatedDate: daysAgo(5) });
    const dismissed = {
      ...reported,
      Status__c: 'Dismissed',
      Dismissed_At__c: daysAgo(1),
      Dismiss_Reason__c: 'Was a one-off',
    };
    const result = run(customer({ signals: [signal('COMPETITOR_APPROACH', { Status__c: 'Confirmed' }), dismissed] }));
    expect(result.explanation.atRisk).toBe(false);
    expect(item(result, 'SERVICE_DISSATISFACTION')).toMatchObject({
      state: 'dismissed',
      dismissal: { reason: 'Was a one-off', at: daysAgo(1) },
    });
  });

  it('counts a report newer than the dismissal again', () => {
    const dismissed = signal('SERVICE_DISSATISFACTION', { Status__c: 'Dismissed', Dismissed_At__c: daysAgo(4) });
    const fresh = signal('SERVICE_DISSATISFACTION', { CreatedDate: daysAgo(1) });
    const result = run(customer({ signals: [dismissed, fresh] }));
    expect(item(result, 'SERVICE_DISSATISFACTION')?.state).toBe('reported');
  });

  it('suppresses a detected trigger until evidence newer than the dismissal', () => {
    const left = (at: string) => ({
      contactId: '003000000000009AAA',
      change: 'left' as const,
      at,
      title: 'Purchasing Director',
    });
    const dismissal = signal('KEY_PERSON_CHANGE', {
      Status__c: 'Dismissed',
      Source__c: 'Sales',
      Dismissed_At__c: daysAgo(2),
    });
    const suppressed = run(customer({ keyPersonChanges: [left(daysAgo(10))], signals: [dismissal] }));
    expect(item(suppressed, 'KEY_PERSON_CHANGE')?.state).toBe('dismissed');
    const newer = run(customer({ keyPersonChanges: [left(daysAgo(10)), left(daysAgo(1))], signals: [dismissal] }));
    expect(item(newer, 'KEY_PERSON_CHANGE')).toMatchObject({ state: 'detected', evidence: { Key_Contacts_Left: 2 } });
  });

  it('treats Resolved signals as absent and ignores reports older than the lookback', () => {
    const result = run(
      customer({
        signals: [
          signal('PRODUCT_DISSATISFACTION', { Status__c: 'Resolved' }),
          signal('COMPETITOR_APPROACH', { CreatedDate: daysAgo(120) }),
        ],
      }),
    );
    expect(result.explanation.rule?.name).toBe('Healthy_Customer');
    expect(item(result, 'PRODUCT_DISSATISFACTION')?.state).toBe('open');
    expect(item(result, 'COMPETITOR_APPROACH')?.state).toBe('open');
  });

  it('says when a report leaves the lookback window', () => {
    const result = run(customer({ signals: [signal('COMPETITOR_APPROACH', { CreatedDate: daysAgo(80) })] }));
    expect(result.nextEvaluationAt).toBe(new Date(NOW + 10 * 86_400_000).toISOString());
    const later = run(
      customer({ signals: [signal('COMPETITOR_APPROACH', { CreatedDate: daysAgo(80) })] }),
      NOW + 10 * 86_400_000,
    );
    expect(later.explanation.rule?.name).toBe('Healthy_Customer');
  });

  it('ignores signals whose trigger code is not in the catalog', () => {
    const result = run(customer({ signals: [signal('NOT_A_TRIGGER')] }));
    expect(result.explanation.rule?.name).toBe('Healthy_Customer');
  });
});

describe('manual override', () => {
  const overridden = customer({
    account: {
      Stance_Override__c: 'Attack',
      Stance_Override_Reason__c: 'New buyer wants us back on every line',
      Stance_Override_Until__c: dayOffset(3),
    },
  });

  it('is the effective stance until it expires, with the computed stance kept and the conflict flagged', () => {
    const result = run(overridden);
    expect(result.explanation).toMatchObject({
      stance: 'Attack',
      computedStance: 'Defend',
      conflict: true,
      override: { stance: 'Attack', reason: 'New buyer wants us back on every line', until: dayOffset(3) },
    });
    expect(result.explanation.reason).toBe('Set by hand to Attack: New buyer wants us back on every line.');
    expect(result.explanation.why[0]?.text).toContain('A customer inside the strategy');
    expect(result.nextEvaluationAt).toBe(`${dayOffset(4)}T00:00:00.000Z`);
  });

  it('stops at the end of its last day', () => {
    const atExpiry = Date.parse(`${dayOffset(4)}T00:00:00Z`);
    expect(run(overridden, atExpiry - 1).explanation.stance).toBe('Attack');
    const expired = run(overridden, atExpiry);
    expect(expired.explanation).toMatchObject({ stance: 'Defend', conflict: false, override: null });
  });

  it('is no conflict when it agrees with the rules', () => {
    const agreeing = customer({ account: { Stance_Override__c: 'Defend' } });
    expect(run(agreeing).explanation).toMatchObject({ stance: 'Defend', conflict: false, override: { until: null } });
  });
});

describe('explanation', () => {
  it('names the closest earlier rule for another stance and the conditions it misses', () => {
    const result = run(snapshot({ account: { Industry: 'Mining' } }));
    expect(result.explanation.nearMiss).toEqual({
      rule: 'Customer_Outside_Strategy',
      label: 'Customer outside the strategy',
      stance: 'Fire',
      failing: [
        {
          text: 'Is_Customer = true',
          holds: false,
          facts: { Is_Customer: false },
          comparison: { fact: 'Is_Customer', type: 'boolean', op: '=', value: true },
        },
      ],
    });
  });

  it('has no near miss when no earlier rule assigns another stance', () => {
    const firstRuleMatches = run(customer({ account: { Industry: 'Mining' } }));
    expect(firstRuleMatches.explanation.nearMiss).toBeNull();
  });

  it('lists why the rule matched with the fact values', () => {
    const result = run(customer({ signals: [signal('COMPETITOR_APPROACH'), signal('PRODUCT_DISSATISFACTION')] }));
    expect(result.explanation.why).toEqual([
      {
        text: 'Is_Customer = true',
        holds: true,
        facts: { Is_Customer: true },
        comparison: { fact: 'Is_Customer', type: 'boolean', op: '=', value: true },
      },
      {
        text: 'Threat_Count >= 1',
        holds: true,
        facts: { Threat_Count: 2 },
        comparison: { fact: 'Threat_Count', type: 'number', op: '>=', value: 1 },
      },
    ]);
  });

  it('is valid against the versioned schema and round-trips through the stored JSON', () => {
    const result = run(customer({ signals: [signal('COMPETITOR_APPROACH')] }));
    expect(explanationSchema.safeParse(result.explanation).success).toBe(true);
    expect(parseExplanation(result.json)).toEqual(result.explanation);
  });

  it('rejects a stored document of another schema version', () => {
    expect(() => parseExplanation(JSON.stringify({ schema: 'stance.explanation', version: 99 }))).toThrow(
      /not a stance.explanation v1 document \(schema stance.explanation, version 99\)/,
    );
  });

  it('stays well under the field size with very long texts', () => {
    const long = 'x'.repeat(100_000);
    const signals = ['COMPETITOR_APPROACH', 'PRODUCT_DISSATISFACTION', 'SERVICE_DISSATISFACTION', 'PROCESS_CHANGE'].map(
      (code) => signal(code, { Detail__c: long, CreatedByName: long }),
    );
    const result = run(customer({ account: { Name: long }, signals }));
    expect(result.json.length).toBeLessThan(32_000);
    expect(item(result, 'SERVICE_DISSATISFACTION')?.signal?.detail).toHaveLength(500);
    const overridden = run(
      customer({ account: { Stance_Override__c: 'Fire', Stance_Override_Reason__c: long }, signals }),
    );
    expect(overridden.json.length).toBeLessThan(32_000);
    expect(overridden.explanation.override?.reason).toHaveLength(500);
  });

  it('gives the same hash for the same facts in any order, and a new hash when a stored field changes', () => {
    const signals = [signal('COMPETITOR_APPROACH'), signal('PROCESS_CHANGE'), signal('STRATEGY_CHANGE')];
    const forward = run(customer({ signals }));
    const backward = run(customer({ signals: [...signals].reverse() }));
    expect(backward.hash).toBe(forward.hash);
    expect(backward.json).toBe(forward.json);
    const changed = run(customer({ signals: [...signals, signal('SERVICE_DISSATISFACTION')] }));
    expect(changed.hash).not.toBe(forward.hash);
  });

  it('reports every fact by name on request', () => {
    const result = classify(customer(), shippedCompiled(), NOW, { withFacts: true });
    expect(result.facts).toMatchObject({
      Is_Customer: true,
      In_Strategy: true,
      Industry: 'Confectionery',
      Threat_Count: 0,
    });
  });
});
