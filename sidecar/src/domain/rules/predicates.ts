/** The predicates a comparison compiles to, one per fact type and operator, over a fact vector. */
import type { FactValue } from '../facts';
import type { Predicate } from './compiled';
import { ConditionError } from './conditionError';
import type { DayRange } from './literals';
import { likeMatcher } from './like';

export function membership(slot: number, set: readonly number[], negate: boolean): Predicate {
  return (v) => {
    const value = v[slot];
    if (value === null) return negate;
    return set.includes(value as number) !== negate;
  };
}

export function textMembership(slot: number, set: readonly string[], negate: boolean): Predicate {
  return (v) => {
    const value = v[slot];
    if (value === null) return negate;
    return set.includes((value as string).toLowerCase()) !== negate;
  };
}

export function ordered(slot: number, operator: string, wanted: number): Predicate {
  switch (operator) {
    case '=':
      return (v) => v[slot] === wanted;
    case '!=':
    case '<>':
      return (v) => v[slot] !== wanted;
    case '<':
      return (v) => v[slot] !== null && (v[slot] as number) < wanted;
    case '<=':
      return (v) => v[slot] !== null && (v[slot] as number) <= wanted;
    case '>':
      return (v) => v[slot] !== null && (v[slot] as number) > wanted;
    case '>=':
      return (v) => v[slot] !== null && (v[slot] as number) >= wanted;
    default:
      throw new ConditionError('UNSUPPORTED', `operator ${operator} is not supported`, undefined);
  }
}

export function textOrdered(slot: number, operator: string, wanted: string): Predicate {
  const read = (v: readonly FactValue[]): string | null =>
    v[slot] === null ? null : (v[slot] as string).toLowerCase();
  switch (operator) {
    case '=':
      return (v) => read(v) === wanted;
    case '!=':
    case '<>':
      return (v) => read(v) !== wanted;
    case '<':
      return (v) => v[slot] !== null && read(v)! < wanted;
    case '<=':
      return (v) => v[slot] !== null && read(v)! <= wanted;
    case '>':
      return (v) => v[slot] !== null && read(v)! > wanted;
    case '>=':
      return (v) => v[slot] !== null && read(v)! >= wanted;
    default:
      throw new ConditionError('UNSUPPORTED', `operator ${operator} is not supported`, undefined);
  }
}

/** LIKE over text, in time linear in the text for a given pattern (see like.ts), written as between the quotes. */
export function like(slot: number, pattern: string): Predicate {
  const matches = likeMatcher(pattern);
  return (v) => v[slot] !== null && matches(v[slot] as string);
}

export function dateOrdered(slot: number, operator: string, range: DayRange): Predicate {
  const test =
    (compare: (day: number, from: number, to: number) => boolean): Predicate =>
    (v, today) => {
      const day = v[slot];
      if (day === null) return operator === '!=' || operator === '<>';
      const [from, to] = range(today);
      return compare(day as number, from, to);
    };
  switch (operator) {
    case '=':
      return test((day, from, to) => day >= from && day <= to);
    case '!=':
    case '<>':
      return test((day, from, to) => day < from || day > to);
    case '<':
      return test((day, from) => day < from);
    case '<=':
      return test((day, _from, to) => day <= to);
    case '>':
      return test((day, _from, to) => day > to);
    case '>=':
      return test((day, from) => day >= from);
    default:
      throw new ConditionError('UNSUPPORTED', `operator ${operator} is not supported for dates`, undefined);
  }
}

export function dateMembership(slot: number, ranges: readonly DayRange[], negate: boolean): Predicate {
  return (v, today) => {
    const day = v[slot];
    if (day === null) return negate;
    const hit = ranges.some((range) => {
      const [from, to] = range(today);
      return (day as number) >= from && (day as number) <= to;
    });
    return hit !== negate;
  };
}
