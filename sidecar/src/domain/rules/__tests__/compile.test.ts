import { compileCondition } from '../compile';
import type { CompiledCondition } from '../compile';
import { FACT_COUNT, factIndex } from '../../facts';
import type { FactValue } from '../../facts';
import type { RuleProblem } from '../problems';

const context = { source: 'Stance_Rule.Under_Test', field: 'Condition__c', phase: 'trigger' as const };

function compiled(text: string, phase: 'account' | 'trigger' = 'trigger'): CompiledCondition {
  const result = compileCondition(text, { ...context, phase });
  if (!result.condition) throw new Error(JSON.stringify(result.problems));
  return result.condition;
}

function problemOf(text: string, phase: 'account' | 'trigger' = 'trigger'): RuleProblem {
  const result = compileCondition(text, { ...context, phase });
  expect(result.condition).toBeNull();
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

const TODAY = 20_000;
function facts(values: Record<string, FactValue>): FactValue[] {
  const vector: FactValue[] = new Array(FACT_COUNT).fill(null);
  for (const [name, value] of Object.entries(values)) vector[factIndex(name)!] = value;
  return vector;
}
const holds = (text: string, values: Record<string, FactValue>) => compiled(text).evaluate(facts(values), TODAY);

describe('rule conditions: errors an admin can make', () => {
  it('names an unknown fact, its position and the nearest known name', () => {
    expect(problemOf("Is_Customer = true AND Industy IN ('Bakery')")).toMatchObject({
      kind: 'UNKNOWN_FACT',
      source: 'Stance_Rule.Under_Test',
      field: 'Condition__c',
      line: 1,
      column: 24,
      message: 'unknown fact Industy',
      hint: 'did you mean Industry?',
      excerpt: "Is_Customer = true AND Industy IN ('Bakery')\n                       ^",
    });
  });

  it('gives line and column inside a condition written over several lines', () => {
    expect(problemOf('Is_Customer = true\n  AND Threat_Cuont >= 2')).toMatchObject({
      line: 2,
      column: 7,
      hint: 'did you mean Threat_Count?',
    });
  });

  it.each([
    ['Threat_Count == 2', 14, 'compare with a single ='],
    ["Industry = 'Bakery' AND", 24, 'expected a fact name'],
    ["Industry IN ('a' 'b')", 18, 'expected a closing parenthesis'],
    ['Threat_Count >= 2 Is_Customer = true', 19, 'join them with AND or OR'],
    ['Threat_Count >= 2 AND Is_Customer = true Junk', 46, 'expected an operator such as =, !=, <, IN or LIKE'],
    ['Industry IN (', 14, 'expected a value: a number, a quoted text, TRUE, FALSE, NULL or a date'],
  ])('reports a syntax error in %p at column %p', (text, column, hint) => {
    expect(problemOf(text)).toMatchObject({ kind: 'SYNTAX', column, hint });
  });

  it('reports an unclosed quote and a stray character where they stand', () => {
    expect(problemOf("Industry = 'Bakery")).toMatchObject({
      kind: 'SYNTAX',
      column: 12,
      message: 'this text value has no closing quote',
    });
    expect(problemOf('Threat_Count >= 2 & Is_Customer = true')).toMatchObject({ kind: 'SYNTAX', column: 19 });
  });

  it('reports an empty condition', () => {
    expect(problemOf('   ')).toMatchObject({ kind: 'SYNTAX', message: 'the condition is empty' });
  });

  it('refuses AND and OR mixed without parentheses, pointing at the second joiner', () => {
    expect(problemOf('Is_Customer = true AND Threat_Count > 1 OR Strategic_Account = true')).toMatchObject({
      kind: 'SYNTAX',
      column: 41,
      message: 'AND and OR are mixed without parentheses',
    });
  });

  it.each([
    ["Threat_Count = 'two'", 16, 'Threat_Count is a number'],
    ['Industry = 3', 12, 'Industry is a string'],
    ["Is_Customer = 'yes'", 15, 'Is_Customer is a boolean'],
    ['Last_Won_Date > 12', 17, 'Last_Won_Date is a date'],
  ])('reports a type mismatch in %p at the value', (text, column, message) => {
    expect(problemOf(text)).toMatchObject({ kind: 'TYPE_MISMATCH', column, message: expect.stringContaining(message) });
  });

  it('reports operators that do not fit the fact type', () => {
    expect(problemOf('Is_Customer > true')).toMatchObject({ kind: 'TYPE_MISMATCH' });
    expect(problemOf("Threat_Count LIKE '1%'")).toMatchObject({ kind: 'TYPE_MISMATCH' });
    expect(problemOf('Threat_Count > null')).toMatchObject({ kind: 'TYPE_MISMATCH' });
  });

  it('reports bad literals: impossible dates, values outside a closed list, NULL in a list', () => {
    expect(problemOf('Last_Won_Date > 2026-02-30')).toMatchObject({
      kind: 'BAD_LITERAL',
      message: '2026-02-30 is not a real date',
    });
    expect(problemOf("Override_Stance = 'Atack'")).toMatchObject({
      kind: 'BAD_LITERAL',
      hint: "did you mean 'Attack'?",
    });
    expect(problemOf("Industry IN ('a', null)")).toMatchObject({ kind: 'BAD_LITERAL' });
  });

  it.each([
    ['CALENDAR_YEAR(Last_Won_Date) = 2026', 'functions such as CALENDAR_YEAR'],
    ["Account.Industry = 'Bakery'", 'relationship path'],
    ['Last_Won_Date = LAST_MONTH', 'LAST_MONTH is not supported'],
    ["Industry INCLUDES ('Bakery')", 'multi-select'],
    ['Industry IN (SELECT Id FROM Account)', 'subqueries'],
  ])('refuses what the language does not support: %p', (text, message) => {
    expect(problemOf(text)).toMatchObject({ kind: 'UNSUPPORTED', message: expect.stringContaining(message) });
  });

  it('refuses trigger-phase facts in a trigger condition', () => {
    expect(problemOf('Threat_Count >= 1', 'account')).toMatchObject({ kind: 'NOT_AVAILABLE', column: 1 });
    expect(problemOf('Competitor_Approach = true', 'account')).toMatchObject({ kind: 'NOT_AVAILABLE' });
  });

  it('reports every bad comparison of a condition, not only the first', () => {
    const result = compileCondition("Industy = 'a' AND Threat_Count = 'b'", context);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['UNKNOWN_FACT', 'TYPE_MISMATCH']);
  });
});

describe('rule conditions: meaning', () => {
  it('compares text without regard to case, as SOQL does', () => {
    expect(holds("Industry = 'CONFECTIONERY'", { Industry: 'Confectionery' })).toBe(true);
    expect(holds("Industry IN ('bakery', 'confectionery')", { Industry: 'Confectionery' })).toBe(true);
    expect(holds("Industry LIKE 'confec%'", { Industry: 'Confectionery' })).toBe(true);
    expect(holds("Industry LIKE 'c_nfectionery'", { Industry: 'Confectionery' })).toBe(true);
    expect(holds("Industry LIKE 'bak%'", { Industry: 'Confectionery' })).toBe(false);
  });

  it('treats null as SOQL does: only = null and != / NOT IN match it', () => {
    expect(holds('Industry = null', { Industry: null })).toBe(true);
    expect(holds("Industry != 'Bakery'", { Industry: null })).toBe(true);
    expect(holds("Industry NOT IN ('Bakery')", { Industry: null })).toBe(true);
    expect(holds("Industry IN ('Bakery')", { Industry: null })).toBe(false);
    expect(holds('AnnualRevenue < 10', { AnnualRevenue: null })).toBe(false);
    expect(holds('AnnualRevenue != null', { AnnualRevenue: 5 })).toBe(true);
  });

  it('compares numbers, including decimals and negative values', () => {
    expect(holds('AnnualRevenue >= 1.5', { AnnualRevenue: 1.5 })).toBe(true);
    expect(holds('AnnualRevenue > -3', { AnnualRevenue: 0 })).toBe(true);
    expect(holds('AnnualRevenue IN (1, 2, 3)', { AnnualRevenue: 4 })).toBe(false);
  });

  it('reads relative date literals against the evaluation day', () => {
    expect(holds('Last_Won_Date = LAST_N_DAYS:30', { Last_Won_Date: TODAY - 30 })).toBe(true);
    expect(holds('Last_Won_Date = LAST_N_DAYS:30', { Last_Won_Date: TODAY - 31 })).toBe(false);
    expect(holds('Last_Won_Date < LAST_N_DAYS:30', { Last_Won_Date: TODAY - 31 })).toBe(true);
    expect(holds('Last_Won_Date = TODAY', { Last_Won_Date: TODAY })).toBe(true);
    expect(holds('Last_Won_Date = YESTERDAY', { Last_Won_Date: TODAY - 1 })).toBe(true);
    expect(holds('Last_Won_Date = N_DAYS_AGO:7', { Last_Won_Date: TODAY - 7 })).toBe(true);
    expect(holds('Last_Won_Date > 1970-01-02', { Last_Won_Date: 2 })).toBe(true);
    expect(compiled('Last_Won_Date = LAST_N_DAYS:30').relative).toBe(true);
    expect(compiled('Last_Won_Date > 2026-01-01').relative).toBe(false);
  });

  it('applies NOT to the next term and honours parentheses', () => {
    expect(holds('NOT Is_Customer = true', { Is_Customer: false })).toBe(true);
    expect(holds('NOT (Is_Customer = true AND Threat_Count > 1)', { Is_Customer: true, Threat_Count: 1 })).toBe(true);
    expect(
      holds('Is_Customer = true AND (Threat_Count > 1 OR Strategic_Account = true)', {
        Is_Customer: true,
        Threat_Count: 0,
        Strategic_Account: true,
      }),
    ).toBe(true);
  });

  it('splits a conjunction into parts that read like the rule', () => {
    const condition = compiled(
      "Is_Customer = TRUE AND (Threat_Count > 1 OR Strategic_Account = true) AND Industry <> 'x'",
    );
    expect(condition.conjuncts.map((part) => part.text)).toEqual([
      'Is_Customer = true',
      '(Threat_Count > 1 OR Strategic_Account = true)',
      "Industry != 'x'",
    ]);
  });
});
