import { compileCondition } from '../compile';
import type { CompiledCondition, PartComparison } from '../compile';

function compiled(text: string): CompiledCondition {
  const result = compileCondition(text, { source: 'Stance_Rule.Under_Test', field: 'Condition__c', phase: 'trigger' });
  if (!result.condition) throw new Error(JSON.stringify(result.problems));
  return result.condition;
}
const comparisonOf = (text: string): PartComparison | undefined => compiled(text).conjuncts[0]!.comparison;

describe('the comparison of a condition part, for a reader to put in words', () => {
  it.each<[string, PartComparison]>([
    ['In_Strategy = false', { fact: 'In_Strategy', type: 'boolean', op: '=', value: false }],
    ['In_Strategy = TRUE', { fact: 'In_Strategy', type: 'boolean', op: '=', value: true }],
    ['In_Strategy != true', { fact: 'In_Strategy', type: 'boolean', op: '=', value: false }],
    ['In_Strategy <> false', { fact: 'In_Strategy', type: 'boolean', op: '=', value: true }],
    ['NOT In_Strategy = true', { fact: 'In_Strategy', type: 'boolean', op: '=', value: false }],
    ['NOT NOT Competitor_Approach = true', { fact: 'Competitor_Approach', type: 'boolean', op: '=', value: true }],
    ['Open_Case_Count >= 3', { fact: 'Open_Case_Count', type: 'number', op: '>=', value: 3 }],
    ['AnnualRevenue < 1000000.5', { fact: 'AnnualRevenue', type: 'number', op: '<', value: 1_000_000.5 }],
    ['Threat_Count <> 0', { fact: 'Threat_Count', type: 'number', op: '!=', value: 0 }],
    ['NOT (Open_Case_Count = 3)', { fact: 'Open_Case_Count', type: 'number', op: '!=', value: 3 }],
    ["Industry != 'Bakery'", { fact: 'Industry', type: 'string', op: '!=', value: 'Bakery' }],
    ["Override_Stance = 'attack'", { fact: 'Override_Stance', type: 'string', op: '=', value: 'Attack' }],
    ['Last_Case_Date = NULL', { fact: 'Last_Case_Date', type: 'date', op: '=', value: null }],
    ['NOT Last_Case_Date = NULL', { fact: 'Last_Case_Date', type: 'date', op: '!=', value: null }],
    ['Last_Case_Date >= 2026-01-31', { fact: 'Last_Case_Date', type: 'date', op: '>=', value: '2026-01-31' }],
    ['Last_Case_Date < 2026-01-31T10:00:00Z', { fact: 'Last_Case_Date', type: 'date', op: '<', value: '2026-01-31' }],
  ])('%s', (text, expected) => {
    expect(comparisonOf(text)).toEqual(expected);
  });

  it.each<[string, number]>([
    ['Last_Case_Date >= LAST_N_DAYS:30', -30],
    ['Last_Case_Date > LAST_N_DAYS:30', 0],
    ['Last_Case_Date < LAST_N_DAYS:30', -30],
    ['Last_Case_Date <= NEXT_N_DAYS:7', 7],
    ['Last_Case_Date = YESTERDAY', -1],
    ['Last_Case_Date != N_DAYS_AGO:3', -3],
    ['Last_Case_Date >= TODAY', 0],
  ])('%s is a day relative to the evaluation day', (text, offset) => {
    expect(comparisonOf(text)).toMatchObject({ fact: 'Last_Case_Date', type: 'date', value: null, dayOffset: offset });
  });

  it.each([
    "Industry IN ('Bakery', 'Mining')",
    'Open_Case_Count NOT IN (1, 2)',
    "Industry LIKE 'Bak%'",
    // Equal to a span of days is no one day.
    'Last_Case_Date = LAST_N_DAYS:30',
    // NOT over an order holds on a missing value, where its opposite does not.
    'NOT Open_Case_Count < 3',
    'Threat_Count >= 1 OR Open_Case_Count > 2',
  ])('%s has none', (text) => {
    expect(comparisonOf(text)).toBeUndefined();
  });

  it('is given per conjunct: an OR inside an AND has none', () => {
    const condition = compiled('Is_Customer = true AND (Threat_Count >= 1 OR Open_Case_Count > 2)');
    expect(condition.conjuncts.map((part) => part.comparison)).toEqual([
      { fact: 'Is_Customer', type: 'boolean', op: '=', value: true },
      undefined,
    ]);
  });
});
