/**
 * One comparison of a condition (`Threat_Count >= 2`): the fact checked against the catalogue
 * and the phase, the literal against the fact's type, then compiled into a predicate.
 */
import { FACT_DEFINITIONS, factIndex } from '../facts';
import type { FactDefinition, FactPhase } from '../facts';
import type { CompiledPart, Predicate } from './compiled';
import { ConditionError } from './conditionError';
import { dateRange, unquote } from './literals';
import { describeComparison } from './partComparison';
import { nearestName } from './problems';
import { dateMembership, dateOrdered, like, membership, ordered, textMembership, textOrdered } from './predicates';
import type { WhereLeaf } from './whereTree';

const FACT_NAMES = FACT_DEFINITIONS.map((fact) => fact.name);

export function compileLeaf(leaf: WhereLeaf, phase: FactPhase): CompiledPart {
  if (leaf.fn) {
    throw new ConditionError(
      'UNSUPPORTED',
      `functions such as ${leaf.fn.functionName ?? leaf.fn.rawValue} are not supported in conditions`,
      undefined,
      'compare a fact with a value',
    );
  }
  const name = leaf.field ?? '';
  if (name.includes('.')) {
    const hint = nearestName(name.split('.').pop()!, FACT_NAMES);
    throw new ConditionError(
      'UNSUPPORTED',
      `${name} is a relationship path; conditions read facts, not related records`,
      undefined,
      hint ? `did you mean ${hint}?` : undefined,
    );
  }
  const index = factIndex(name);
  if (index === undefined) {
    const hint = nearestName(name, FACT_NAMES);
    throw new ConditionError(
      'UNKNOWN_FACT',
      `unknown fact ${name}`,
      undefined,
      hint ? `did you mean ${hint}?` : 'see the list of facts in docs/rules-and-facts.md',
    );
  }
  const fact = FACT_DEFINITIONS[index]!;
  if (phase === 'account' && fact.phase === 'trigger') {
    throw new ConditionError(
      'NOT_AVAILABLE',
      `${name} is worked out from the triggers, so a trigger's condition cannot read it`,
      undefined,
      'use the account facts that detect it instead',
    );
  }
  if (leaf.valueQuery) throw new ConditionError('UNSUPPORTED', 'subqueries are not supported in conditions', undefined);
  const operator = leaf.operator.toUpperCase();
  if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
    throw new ConditionError(
      'UNSUPPORTED',
      `${operator} is for multi-select picklists; no fact is one`,
      undefined,
      'use IN',
    );
  }
  const types = Array.isArray(leaf.literalType) ? leaf.literalType : [leaf.literalType ?? ''];
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value ?? ''];
  const shown = values.map((value, i) => (types[i] === 'BOOLEAN' || types[i] === 'NULL' ? value.toLowerCase() : value));
  const text = `${name} ${operator === '<>' ? '!=' : operator} ${Array.isArray(leaf.value) ? `(${shown.join(', ')})` : shown[0]}`;
  const evaluate = comparison(fact, index, operator, types, values);
  const relative = types.some((type) => type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL');
  const described = describeComparison(fact, operator, types, values);
  return { text, evaluate, facts: [index], relative, ...(described ? { comparison: described } : {}) };
}

function typeMismatch(fact: FactDefinition, literal: string): ConditionError {
  const article =
    fact.type === 'number'
      ? 'a number'
      : fact.type === 'boolean'
        ? 'TRUE or FALSE'
        : fact.type === 'date'
          ? 'a date'
          : 'a quoted text';
  return new ConditionError(
    'TYPE_MISMATCH',
    `${fact.name} is a ${fact.type}, but ${literal} is not`,
    undefined,
    `compare it with ${article}`,
    true,
  );
}

function comparison(
  fact: FactDefinition,
  slot: number,
  operator: string,
  types: readonly string[],
  literals: readonly string[],
): Predicate {
  const isList = operator === 'IN' || operator === 'NOT IN';
  if (types.length === 1 && types[0] === 'NULL') {
    if (operator === '=') return (v) => v[slot] === null;
    if (operator === '!=' || operator === '<>') return (v) => v[slot] !== null;
    throw new ConditionError('TYPE_MISMATCH', `NULL can only be compared with = or !=`, undefined);
  }
  if (types.includes('NULL'))
    throw new ConditionError('BAD_LITERAL', 'NULL cannot stand in a list', undefined, `use ${fact.name} = NULL`);
  if (operator === 'LIKE' && fact.type !== 'string') {
    throw new ConditionError('TYPE_MISMATCH', `LIKE compares text, but ${fact.name} is a ${fact.type}`, undefined);
  }
  switch (fact.type) {
    case 'boolean': {
      if (types.some((t) => t !== 'BOOLEAN')) throw typeMismatch(fact, literals.join(', '));
      if (operator !== '=' && operator !== '!=' && operator !== '<>') {
        throw new ConditionError('TYPE_MISMATCH', `${fact.name} is TRUE or FALSE; compare it with = or !=`, undefined);
      }
      const wanted = literals[0]!.toUpperCase() === 'TRUE';
      return operator === '=' ? (v) => v[slot] === wanted : (v) => v[slot] !== wanted;
    }
    case 'number': {
      if (types.some((t) => t !== 'INTEGER' && t !== 'DECIMAL')) throw typeMismatch(fact, literals.join(', '));
      const numbers = literals.map(Number);
      return isList ? membership(slot, numbers, operator === 'NOT IN') : ordered(slot, operator, numbers[0]!);
    }
    case 'string': {
      if (types.some((t) => t !== 'STRING')) throw typeMismatch(fact, literals.join(', '));
      const texts = literals.map((literal) => unquote(literal));
      if (fact.values) {
        for (const value of texts) {
          if (!fact.values.some((allowed) => allowed.toLowerCase() === value.toLowerCase())) {
            const hint = nearestName(value, fact.values);
            throw new ConditionError(
              'BAD_LITERAL',
              `'${value}' is not a value of ${fact.name} (${fact.values.join(', ')})`,
              undefined,
              hint ? `did you mean '${hint}'?` : undefined,
              true,
            );
          }
        }
      }
      const lowered = texts.map((value) => value.toLowerCase());
      if (isList) return textMembership(slot, lowered, operator === 'NOT IN');
      // LIKE reads its own escapes (\% and \_ are a percent sign and an underscore).
      if (operator === 'LIKE') return like(slot, literals[0]!.slice(1, -1));
      return textOrdered(slot, operator, lowered[0]!);
    }
    case 'date': {
      const ranges = types.map((type, i) => {
        const range = dateRange(type, literals[i]!);
        if (typeof range === 'string') {
          if (type === 'DATE' || type === 'DATETIME')
            throw new ConditionError('BAD_LITERAL', range, undefined, undefined, true);
          if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL')
            throw new ConditionError('UNSUPPORTED', range, undefined, undefined, true);
          throw typeMismatch(fact, literals[i]!);
        }
        return range;
      });
      return isList ? dateMembership(slot, ranges, operator === 'NOT IN') : dateOrdered(slot, operator, ranges[0]!);
    }
  }
}
