import { classify, parseExplanation } from '..';
import type { CaseRecord, CompiledConfig, RuleDefinition } from '..';
import { NOW, customer, dayOffset, daysAgo } from './support/builders';
import { compile, shippedCompiled, shippedConfig } from './support/shippedConfig';

const DAY = 86_400_000;

/** The shipped configuration with one more rule, tried before all of them. */
function withFirstRule(condition: string): CompiledConfig {
  const base = shippedConfig();
  const rule: RuleDefinition = {
    name: 'Under_Test',
    label: 'Rule under test',
    stance: 'Fire',
    order: -1,
    condition,
    reason: 'The rule under test matched.',
    basePriority: 10,
    active: true,
  };
  return compile({ ...base, rules: [rule, ...base.rules] });
}

const openCases = (count: number): CaseRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    Id: `500${String(i).padStart(15, '0')}`,
    IsClosed: false,
    CreatedDate: daysAgo(400),
  }));

describe('the comparison each condition part states', () => {
  it('is In_Strategy = false for a customer outside the strategy', () => {
    const result = classify(customer({ account: { Industry: 'Mining' } }), shippedCompiled(), NOW);
    expect(result.explanation.rule?.name).toBe('Customer_Outside_Strategy');
    expect(result.explanation.why).toEqual([
      {
        text: 'Is_Customer = true',
        holds: true,
        facts: { Is_Customer: true },
        comparison: { fact: 'Is_Customer', type: 'boolean', op: '=', value: true },
      },
      {
        text: 'In_Strategy = false',
        holds: true,
        facts: { In_Strategy: false },
        comparison: { fact: 'In_Strategy', type: 'boolean', op: '=', value: false },
      },
    ]);
    expect(parseExplanation(result.json)).toEqual(result.explanation);
  });

  it('is Open_Case_Count >= 3 in a near miss and when it matches; an OR part has none', () => {
    const config = withFirstRule('Open_Case_Count >= 3 AND (Won_Count >= 5 OR Is_Customer = true)');
    const openCasesPart = (count: number, holds: boolean) => ({
      text: 'Open_Case_Count >= 3',
      holds,
      facts: { Open_Case_Count: count },
      comparison: { fact: 'Open_Case_Count', type: 'number', op: '>=', value: 3 },
    });
    const near = classify(customer({ cases: openCases(1) }), config, NOW);
    expect(near.explanation.rule?.name).toBe('Healthy_Customer');
    expect(near.explanation.nearMiss).toEqual({
      rule: 'Under_Test',
      label: 'Rule under test',
      stance: 'Fire',
      failing: [openCasesPart(1, false)],
    });
    const matched = classify(customer({ cases: openCases(3) }), config, NOW);
    expect(matched.explanation.rule?.name).toBe('Under_Test');
    expect(matched.explanation.why).toEqual([
      openCasesPart(3, true),
      { text: '(Won_Count >= 5 OR Is_Customer = true)', holds: true, facts: { Won_Count: 0, Is_Customer: true } },
    ]);
  });

  it('names the day a relative date stands for on the evaluation day, and the hash moves with it', () => {
    const config = withFirstRule('Is_Customer = true AND Last_Activity_Date >= LAST_N_DAYS:30');
    const account = customer({ account: { LastActivityDate: daysAgo(3).slice(0, 10) } });
    const today = classify(account, config, NOW);
    const tomorrow = classify(account, config, NOW + DAY);
    expect(today.explanation.rule?.name).toBe('Under_Test');
    expect(today.explanation.why[1]?.comparison).toEqual({
      fact: 'Last_Activity_Date',
      type: 'date',
      op: '>=',
      value: dayOffset(-30),
    });
    expect(tomorrow.explanation.why[1]?.comparison?.value).toBe(dayOffset(-29));
    expect(tomorrow.json).not.toBe(today.json);
    expect(tomorrow.hash).not.toBe(today.hash);
  });

  it('keeps the hash from one day to the next where no shown part moves with the day', () => {
    // The relative part is in a rule that neither matches nor is the near miss: nothing shown moves.
    const config = withFirstRule('Is_Customer = false AND Last_Activity_Date >= LAST_N_DAYS:30');
    const account = customer({ account: { LastActivityDate: daysAgo(3).slice(0, 10) } });
    const today = classify(account, config, NOW);
    const tomorrow = classify(account, config, NOW + DAY);
    expect(today.explanation.rule?.name).toBe('Healthy_Customer');
    expect(today.explanation.nearMiss?.failing.map((part) => part.text)).toEqual(['Is_Customer = false']);
    expect(tomorrow.json).toBe(today.json);
    expect(tomorrow.hash).toBe(today.hash);
  });

  it('has equal hashes exactly when the explanations are equal, across days and rules with relative dates', () => {
    const configs = [
      withFirstRule('Is_Customer = true AND Last_Activity_Date >= LAST_N_DAYS:30'),
      withFirstRule('Is_Customer = true AND Last_Activity_Date = LAST_N_DAYS:30'),
      withFirstRule('Is_Customer = false AND Last_Activity_Date > YESTERDAY'),
    ];
    const accounts = [null, 2, 29, 31, 60].map((ago) =>
      customer({ account: { LastActivityDate: ago === null ? null : daysAgo(ago).slice(0, 10) } }),
    );
    let equal = 0;
    let compared = 0;
    for (const config of configs) {
      const results = accounts.flatMap((account) =>
        [0, 1, 2, 40].map((day) => classify(account, config, NOW + day * DAY)),
      );
      compared += results.length;
      for (const a of results) {
        for (const b of results) {
          if (a.json === b.json) equal++;
          expect(a.hash === b.hash).toBe(a.json === b.json);
        }
      }
    }
    // Equal explanations came up beyond each one with itself (the rule whose bound moves has none:
    // shown as the match or the near miss, its day is in every explanation): the check means something.
    expect(equal).toBeGreaterThan(compared);
  });
});
