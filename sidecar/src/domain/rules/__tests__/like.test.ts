import fc from 'fast-check';
import { compileCondition } from '../compile';
import { FACT_COUNT, factIndex } from '../../facts';
import type { FactValue } from '../../facts';
import { likeMatcher } from '../like';
import type { LikeMeter } from '../like';

/** LIKE as a (backtracking) regular expression, the meaning to keep, for small inputs only. */
function reference(pattern: string, text: string): boolean {
  const source = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${source}$`, 'is').test(text);
}

describe('LIKE', () => {
  it('means what SOQL means: % any run, _ any one character, the whole value, any case', () => {
    const cases: Array<[string, string, boolean]> = [
      ['confec%', 'Confectionery', true],
      ['c_nfectionery', 'Confectionery', true],
      ['bak%', 'Confectionery', false],
      ['%ery', 'Bakery', true],
      ['%ak%', 'Bakery', true],
      ['%a%a%', 'Bakery', false],
      ['b%y', 'by', true],
      ['b%y', 'b', false],
      ['ab%ba', 'aba', false],
      ['%', '', true],
      ['_', '', false],
      ['', '', true],
      ['a.c', 'abc', false],
      ['(x)%', '(X)yz', true],
      ['%\n%', 'two\nlines', true],
      ['CONFEC%', 'confectionery', true],
      ['50\\%%', '50% off', true],
      ['50\\%%', '500 off', false],
      ['a\\_b', 'a_b', true],
      ['a\\_b', 'axb', false],
      ['a\\\\b', 'a\\b', true],
      ['%\\n%', 'two\nlines', true],
    ];
    for (const [pattern, text, expected] of cases)
      expect({ pattern, text, matches: likeMatcher(pattern)(text) }).toEqual({ pattern, text, matches: expected });
  });

  it('agrees with the regular expression it replaces on small random patterns and values', () => {
    const alphabet = fc.constantFrom('a', 'b', '%', '_');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 7 }).map((chars) => chars.join('')),
        fc.array(fc.constantFrom('a', 'b', 'A'), { maxLength: 10 }).map((chars) => chars.join('')),
        (pattern, text) => likeMatcher(pattern)(text) === reference(pattern, text),
      ),
      { numRuns: 3000 },
    );
  });

  it('tests %a%a%a%a%a%a%a%a%b over a long value in one pass (a backtracking regex takes minutes)', () => {
    const value = 'a'.repeat(100_000);
    const meter: LikeMeter = { steps: 0 };
    expect(likeMatcher('%a%a%a%a%a%a%a%a%b')(value, meter)).toBe(false);
    // At most one comparison per character for each one-character piece, and far fewer in fact.
    expect(meter.steps).toBeLessThanOrEqual(value.length * 2);
    const hit: LikeMeter = { steps: 0 };
    expect(likeMatcher('%a%a%a%a%a%a%a%a%b')(`${value}b`, hit)).toBe(true);
    expect(hit.steps).toBeLessThanOrEqual(value.length * 2);
  });

  it('costs at most text length x longest piece, whatever the pattern', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '%', '_'), { maxLength: 30 }).map((chars) => chars.join('')),
        fc.array(fc.constantFrom('a', 'b'), { maxLength: 400 }).map((chars) => chars.join('')),
        (pattern, text) => {
          const meter: LikeMeter = { steps: 0 };
          likeMatcher(pattern)(text, meter);
          const longest = Math.max(1, ...pattern.split('%').map((piece) => piece.length));
          return meter.steps <= (text.length + 2) * longest;
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a rule's LIKE over a long value answers (the predicate no longer builds a regular expression)", () => {
    const result = compileCondition("Industry LIKE '%a%a%a%a%a%a%a%a%b'", {
      source: 'Stance_Rule.Under_Test',
      field: 'Condition__c',
      phase: 'trigger',
    });
    expect(result.problems).toEqual([]);
    const vector: FactValue[] = new Array(FACT_COUNT).fill(null);
    vector[factIndex('Industry')!] = 'a'.repeat(50_000);
    expect(result.condition!.evaluate(vector, 20_000)).toBe(false);
    vector[factIndex('Industry')!] = `${'A'.repeat(50_000)}B`;
    expect(result.condition!.evaluate(vector, 20_000)).toBe(true);
  });

  it("reads SOQL's escapes in a rule: \\% is a percent sign, \\_ an underscore", () => {
    const holds = (condition: string, industry: string) => {
      const vector: FactValue[] = new Array(FACT_COUNT).fill(null);
      vector[factIndex('Industry')!] = industry;
      const result = compileCondition(condition, { source: 'S', field: 'Condition__c', phase: 'trigger' });
      return result.condition!.evaluate(vector, 20_000);
    };
    expect(holds("Industry LIKE '100\\%%'", '100% Cocoa')).toBe(true);
    expect(holds("Industry LIKE '100\\%%'", '1000 Cocoa')).toBe(false);
    expect(holds("Industry LIKE 'x\\_%'", 'X_Ray')).toBe(true);
    expect(holds("Industry LIKE 'x\\_%'", 'XRay')).toBe(false);
    expect(holds("Industry LIKE 'O\\'Brien%'", "O'Brien Foods")).toBe(true);
  });
});
