/**
 * The parser hands a WHERE clause over as a chain (condition, joiner, rest) with parenthesis
 * counts on the conditions. This reads the chain as SOQL means it: NOT applies to the next
 * term, parentheses group, and AND and OR may not be mixed at one level without parentheses
 * (Salesforce refuses `A AND B OR C`).
 */
import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import { malformedQuery } from '../errors';

/** One comparison, as the parser gives it (a field or a function, an operator, literal values or a subquery). */
export interface Comparison {
  readonly field?: string;
  readonly fn?: { rawValue?: string; functionName?: string };
  readonly operator: string;
  readonly literalType?: string | string[];
  readonly value?: string | string[];
  readonly valueQuery?: unknown;
}

export type Condition =
  | { readonly kind: 'comparison'; readonly comparison: Comparison }
  | { readonly kind: 'not'; readonly operand: Condition }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Condition[] };

type Token = '(' | ')' | 'NOT' | 'AND' | 'OR' | Comparison;

export function conditionOf(where: WhereClause): Condition {
  const tokens = tokensOf(where);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];

  const term = (): Condition => {
    const token = tokens[position++];
    if (token === undefined) throw malformedQuery('unexpected end of the WHERE condition');
    if (token === 'NOT') return { kind: 'not', operand: term() };
    if (token === '(') {
      const inner = sequence();
      if (tokens[position++] !== ')') throw malformedQuery('a parenthesis in the WHERE condition is not closed');
      return inner;
    }
    if (typeof token === 'string') throw malformedQuery(`unexpected token: ${token}`);
    return { kind: 'comparison', comparison: token };
  };

  const sequence = (): Condition => {
    const operands = [term()];
    const joiner = peek();
    if (joiner !== 'AND' && joiner !== 'OR') return operands[0]!;
    while (peek() === 'AND' || peek() === 'OR') {
      if (peek() !== joiner)
        throw malformedQuery(`unexpected token: ${String(peek())} (use parentheses to mix AND and OR)`);
      position++;
      operands.push(term());
    }
    return { kind: joiner === 'AND' ? 'and' : 'or', operands };
  };

  const condition = sequence();
  if (position !== tokens.length) throw malformedQuery(`unexpected token: ${String(tokens[position])}`);
  return condition;
}

/** The chain as a flat list of tokens: parentheses, NOT, AND, OR and comparisons. */
function tokensOf(where: WhereClause | undefined): Token[] {
  const tokens: Token[] = [];
  for (let clause = where; clause;) {
    const left = clause.left as (Comparison & { openParen?: number; closeParen?: number }) | null;
    const operator = 'operator' in clause ? clause.operator : undefined;
    for (let i = 0; i < (left?.openParen ?? 0); i++) tokens.push('(');
    // A NOT's left side carries only the parentheses that open before it.
    const isComparison = !!left && (left.field !== undefined || left.fn !== undefined);
    if (operator === 'NOT' && !isComparison) {
      tokens.push('NOT');
    } else if (isComparison) {
      tokens.push(left);
      for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push(')');
      if (operator === 'AND' || operator === 'OR') tokens.push(operator);
      else if ('right' in clause && clause.right)
        throw malformedQuery('unexpected token: two conditions without AND or OR');
    }
    clause = 'right' in clause ? clause.right : undefined;
  }
  return tokens;
}

/** Every comparison in the condition, in order. */
export function comparisonsOf(condition: Condition): Comparison[] {
  if (condition.kind === 'comparison') return [condition.comparison];
  if (condition.kind === 'not') return comparisonsOf(condition.operand);
  return condition.operands.flatMap(comparisonsOf);
}
