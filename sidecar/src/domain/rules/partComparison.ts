/**
 * The comparison a reader can put in words: one fact against one literal (`In_Strategy = false`,
 * `Open_Case_Count >= 3`, `Last_Case_Date >= LAST_N_DAYS:30`), worked out once when a condition
 * compiles. Anything else (IN, LIKE, AND, OR) has none and is read as the rule's own text.
 */
import type { FactDefinition } from '../facts';
import { isoDate } from '../time';
import type { ComparisonOp, PartComparison } from './compiled';
import { dateRange, unquote } from './literals';

const OPS: Readonly<Record<string, ComparisonOp>> = {
  '=': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/** Called with a leaf that already compiled, so its literal fits the fact. */
export function describeComparison(
  fact: FactDefinition,
  operator: string,
  types: readonly string[],
  literals: readonly string[],
): PartComparison | undefined {
  const op = OPS[operator];
  if (op === undefined || types.length !== 1) return undefined;
  const [type, literal] = [types[0]!, literals[0]!];
  const base = { fact: fact.name, type: fact.type };
  if (type === 'NULL') return { ...base, op, value: null };
  switch (fact.type) {
    case 'boolean': {
      const wanted = literal.toUpperCase() === 'TRUE';
      // A boolean fact is never null: `!= TRUE` holds exactly when it is false.
      return { ...base, op: '=', value: op === '=' ? wanted : !wanted };
    }
    case 'number':
      return { ...base, op, value: Number(literal) };
    case 'string': {
      const text = unquote(literal);
      // A fact with a closed set of values compares without case: name the value as the set spells it.
      const canonical = fact.values?.find((value) => value.toLowerCase() === text.toLowerCase());
      return { ...base, op, value: canonical ?? text };
    }
    case 'date':
      return dateComparison(base, op, type, literal);
  }
}

/** A date literal is a range of days; the comparison reads as one bound of it, when it has one. */
function dateComparison(
  base: Pick<PartComparison, 'fact' | 'type'>,
  op: ComparisonOp,
  type: string,
  literal: string,
): PartComparison | undefined {
  const range = dateRange(type, literal);
  if (typeof range === 'string') return undefined;
  // Relative literals are offsets from the evaluation day: resolved against day 0 they are the offsets.
  const [from, to] = range(0);
  let day: number;
  if (op === '=' || op === '!=') {
    if (from !== to) return undefined;
    day = from;
  } else day = op === '<' || op === '>=' ? from : to;
  const relative = type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL';
  return relative ? { ...base, op, value: null, dayOffset: day } : { ...base, op, value: isoDate(day) };
}

/**
 * NOT over a comparison: a boolean reads the other value; = and != swap (they agree with NOT on
 * a missing value too). NOT over an order (< ...) holds on a missing value where its opposite
 * does not, so it has no comparison.
 */
export function negateComparison(comparison: PartComparison | undefined): PartComparison | undefined {
  if (comparison === undefined) return undefined;
  if (comparison.type === 'boolean' && typeof comparison.value === 'boolean')
    return { ...comparison, value: !comparison.value };
  if (comparison.op === '=') return { ...comparison, op: '!=' };
  if (comparison.op === '!=') return { ...comparison, op: '=' };
  return undefined;
}

/** The comparison as the explanation stores it, relative dates resolved against the evaluation day. */
export function comparisonOn(comparison: PartComparison, today: number): Omit<PartComparison, 'dayOffset'> {
  const { dayOffset, ...rest } = comparison;
  return dayOffset === undefined ? rest : { ...rest, value: isoDate(today + dayOffset) };
}
