/**
 * Rule conditions: SOQL WHERE syntax over the facts, parsed by the project's SOQL parser,
 * checked against the fact catalogue, and compiled once into plain closures.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { FACT_DEFINITIONS, factIndex } from '../facts';
import type { FactDefinition, FactPhase, FactValue } from '../facts';
import { dateRange, unquote } from './literals';
import type { DayRange } from './literals';
import { comparisonSubjects, locate, tokenize } from './lexer';
import type { Token } from './lexer';
import { nearestName } from './problems';
import { WhereShapeError, buildWhereTree, leavesOf } from './whereTree';
import type { WhereLeaf, WhereNode, WhereTree } from './whereTree';
import type { ProblemKind, RuleProblem } from './problems';

/** `today` is the evaluation day (epoch days, UTC), for relative date literals. */
export type Predicate = (values: readonly FactValue[], today: number) => boolean;

export interface CompiledPart {
  /** The part as a rep reads it, e.g. `Threat_Count >= 2`. */
  readonly text: string;
  readonly evaluate: Predicate;
  /** Fact slots the part reads, in order of appearance. */
  readonly facts: readonly number[];
  /** True when a relative date literal (TODAY, LAST_N_DAYS:n) makes the answer change with the day. */
  readonly relative: boolean;
}

export interface CompiledCondition extends CompiledPart {
  /** The top-level AND parts (one part when the condition is not a conjunction). */
  readonly conjuncts: readonly CompiledPart[];
  /** The top-level OR parts (one part when the condition is not a disjunction): evidence shows those that hold. */
  readonly disjuncts: readonly CompiledPart[];
}

export interface ConditionContext {
  readonly source: string;
  readonly field: string;
  /** Facts of later phases are not available (trigger conditions cannot read threat counts). */
  readonly phase: FactPhase;
}

const PREFIX = 'SELECT Id FROM Facts WHERE ';

type Leaf = WhereLeaf;
type Tree = WhereTree;

class ConditionError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly token: Token | undefined,
    readonly hint?: string,
    /** Point at the value of the comparison rather than at its fact. */
    readonly atValue = false,
  ) {
    super(message);
  }
}

export function compileCondition(
  text: string,
  context: ConditionContext,
): { condition: CompiledCondition | null; problems: RuleProblem[] } {
  const problem = (kind: ProblemKind, message: string, offset: number, hint?: string): RuleProblem => ({
    kind,
    source: context.source,
    field: context.field,
    ...locate(text, Math.min(offset, text.length)),
    message,
    ...(hint ? { hint } : {}),
  });

  const { tokens, failure } = tokenize(text);
  if (failure) return { condition: null, problems: [problem('SYNTAX', failure.message, failure.offset)] };
  if (tokens.length === 0) return { condition: null, problems: [problem('SYNTAX', 'the condition is empty', 0)] };

  let where: WhereNode;
  try {
    where = parseQuery(PREFIX + text).where as WhereNode;
  } catch (error) {
    return { condition: null, problems: [syntaxProblem(text, tokens, error as Error, problem)] };
  }

  const subjects = comparisonSubjects(tokens);
  const joiners = tokens.filter((t) => t.kind === 'word' && /^(AND|OR)$/i.test(t.text));
  const problems: RuleProblem[] = [];
  try {
    const tree = buildWhereTree(where);
    const leaves = leavesOf(tree);
    const compiledLeaves = new Map<number, CompiledPart>();
    for (const { leaf, index } of leaves) {
      try {
        compiledLeaves.set(index, compileLeaf(leaf, context.phase));
      } catch (error) {
        if (!(error instanceof ConditionError)) throw error;
        const subject = subjects[index] ?? tokens[0]!;
        const at = error.atValue ? valueToken(tokens, subject) : subject;
        problems.push(problem(error.kind, error.message, at.start, error.hint));
      }
    }
    if (problems.length > 0) return { condition: null, problems };
    const compiled = assemble(tree, compiledLeaves, true);
    const conjuncts =
      tree.kind === 'and' ? tree.children.map((child) => assemble(child, compiledLeaves, false)) : [compiled];
    const disjuncts =
      tree.kind === 'or' ? tree.children.map((child) => assemble(child, compiledLeaves, false)) : [compiled];
    return { condition: { ...compiled, conjuncts, disjuncts }, problems };
  } catch (error) {
    if (error instanceof WhereShapeError) {
      const at =
        error.joinerIndex !== undefined
          ? joiners[error.joinerIndex]
          : error.leafIndex !== undefined
            ? subjects[error.leafIndex]
            : undefined;
      return { condition: null, problems: [problem('SYNTAX', error.message, at?.start ?? 0, error.hint)] };
    }
    if (!(error instanceof ConditionError)) throw error;
    return { condition: null, problems: [problem(error.kind, error.message, error.token?.start ?? 0, error.hint)] };
  }
}

/**
 * The parser says what it found but not where. Take the token it names; when that text
 * occurs more than once, the first occurrence whose prefix already fails is the culprit.
 */
function syntaxProblem(
  text: string,
  tokens: readonly Token[],
  error: Error,
  problem: (kind: ProblemKind, message: string, offset: number, hint?: string) => RuleProblem,
): RuleProblem {
  const prefixFails = (token: Token): string | null => {
    try {
      parseQuery(PREFIX + text.slice(0, token.end));
      return null;
    } catch (prefixError) {
      const message = (prefixError as Error).message;
      return foundText(message) === '' ? null : message;
    }
  };
  const tooEarly = () =>
    problem('SYNTAX', 'the condition ends too early', text.trimEnd().length, expectationHint(undefined, error.message));
  const found = foundText(error.message);
  if (found === '') return tooEarly();
  const named = tokens.filter((token) => token.text === found);
  for (const token of [...named, ...tokens]) {
    const message = prefixFails(token);
    if (message === null) continue;
    if (token === tokens[tokens.length - 1] && token.kind === 'open') return tooEarly();
    return problem('SYNTAX', `unexpected ${JSON.stringify(token.text)}`, token.start, expectationHint(token, message));
  }
  return tooEarly();
}

/** The text of the token the parser complains about ('' at the end of the input), if it says. */
function foundText(message: string): string | undefined {
  const match = /but found(?: -->|:) '(.*?)'(?: <--)?\s*$/s.exec(message) ?? /but found(?: -->|:) '(.*)'/.exec(message);
  return match ? match[1] : undefined;
}

/** The first value token after a comparison's operator (IN, NOT IN, LIKE or a symbol). */
function valueToken(tokens: readonly Token[], subject: Token): Token {
  let i = tokens.indexOf(subject) + 1;
  while (
    tokens[i] &&
    (tokens[i]!.kind === 'operator' || tokens[i]!.kind === 'open' || /^(NOT|IN|LIKE)$/i.test(tokens[i]!.text))
  )
    i++;
  return tokens[i] ?? subject;
}

function expectationHint(token: Token | undefined, message: string): string | undefined {
  if (token?.text === '==') return 'compare with a single =';
  if (token?.text === '&&' || token?.text === '||') return 'use AND / OR';
  if (/expecting EOF/i.test(message)) return 'expected AND, OR, a closing parenthesis or the end of the condition';
  const single = /Expecting token of type --> (\w+) <--/.exec(message);
  if (single) return `expected ${TOKEN_WORDS[single[1]!] ?? single[1]}`;
  if (/\[EQUAL\]/.test(message)) return 'expected an operator such as =, !=, <, IN or LIKE';
  if (/NumberIdentifier|StringIdentifier/.test(message))
    return 'expected a value: a number, a quoted text, TRUE, FALSE, NULL or a date';
  if (/Identifier/.test(message)) return 'expected a fact name';
  return undefined;
}

const TOKEN_WORDS: Record<string, string> = {
  R_PAREN: 'a closing parenthesis',
  L_PAREN: 'an opening parenthesis',
  COMMA: 'a comma',
};

function assemble(tree: Tree, leaves: ReadonlyMap<number, CompiledPart>, top: boolean): CompiledPart {
  if (tree.kind === 'leaf') return leaves.get(tree.index)!;
  if (tree.kind === 'not') {
    const child = assemble(tree.child, leaves, false);
    const evaluate = child.evaluate;
    return {
      text: `NOT ${child.text}`,
      evaluate: (v, d) => !evaluate(v, d),
      facts: child.facts,
      relative: child.relative,
    };
  }
  const parts = tree.children.map((child) => assemble(child, leaves, false));
  const evaluators = parts.map((part) => part.evaluate);
  const joined = parts.map((part) => part.text).join(tree.kind === 'and' ? ' AND ' : ' OR ');
  const facts = [...new Set(parts.flatMap((part) => part.facts))];
  const evaluate: Predicate =
    tree.kind === 'and'
      ? (v, d) => {
          for (let i = 0; i < evaluators.length; i++) if (!evaluators[i]!(v, d)) return false;
          return true;
        }
      : (v, d) => {
          for (let i = 0; i < evaluators.length; i++) if (evaluators[i]!(v, d)) return true;
          return false;
        };
  const relative = parts.some((part) => part.relative);
  return { text: top ? joined : `(${joined})`, evaluate, facts, relative };
}

const FACT_NAMES = FACT_DEFINITIONS.map((fact) => fact.name);

function compileLeaf(leaf: Leaf, phase: FactPhase): CompiledPart {
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
      hint ? `did you mean ${hint}?` : 'see the list of facts in the README',
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
  return { text, evaluate, facts: [index], relative };
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
      if (operator === 'LIKE') return like(slot, lowered[0]!);
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

function membership(slot: number, set: readonly number[], negate: boolean): Predicate {
  return (v) => {
    const value = v[slot];
    if (value === null) return negate;
    return set.includes(value as number) !== negate;
  };
}

function textMembership(slot: number, set: readonly string[], negate: boolean): Predicate {
  return (v) => {
    const value = v[slot];
    if (value === null) return negate;
    return set.includes((value as string).toLowerCase()) !== negate;
  };
}

function ordered(slot: number, operator: string, wanted: number): Predicate {
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

function textOrdered(slot: number, operator: string, wanted: string): Predicate {
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

function like(slot: number, pattern: string): Predicate {
  const source = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  const regex = new RegExp(`^${source}$`, 'is');
  return (v) => v[slot] !== null && regex.test(v[slot] as string);
}

function dateOrdered(slot: number, operator: string, range: DayRange): Predicate {
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

function dateMembership(slot: number, ranges: readonly DayRange[], negate: boolean): Predicate {
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
