/**
 * Rule conditions: SOQL WHERE syntax over the facts, parsed by the project's SOQL parser,
 * checked against the fact catalogue, and compiled once into plain closures. The jobs live
 * beside it: syntax.ts (parsing and syntax problems), comparison.ts (one comparison),
 * predicates.ts (the closures), compiled.ts (what a compiled condition is).
 */
import type { CompiledCondition, CompiledPart, ConditionContext, Predicate } from './compiled';
import { compileLeaf } from './comparison';
import { ConditionError } from './conditionError';
import { negateComparison } from './partComparison';
import { comparisonSubjects, locate, tokenize, valueToken } from './lexer';
import type { ProblemKind, RuleProblem } from './problems';
import { parseWhere, syntaxProblem } from './syntax';
import { WhereShapeError, buildWhereTree, leavesOf } from './whereTree';
import type { WhereNode, WhereTree } from './whereTree';

export type {
  CompiledCondition,
  CompiledPart,
  ComparisonOp,
  ConditionContext,
  PartComparison,
  Predicate,
} from './compiled';

type Tree = WhereTree;

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
    where = parseWhere(text);
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

function assemble(tree: Tree, leaves: ReadonlyMap<number, CompiledPart>, top: boolean): CompiledPart {
  if (tree.kind === 'leaf') return leaves.get(tree.index)!;
  if (tree.kind === 'not') {
    const child = assemble(tree.child, leaves, false);
    const evaluate = child.evaluate;
    const comparison = negateComparison(child.comparison);
    return {
      text: `NOT ${child.text}`,
      evaluate: (v, d) => !evaluate(v, d),
      facts: child.facts,
      relative: child.relative,
      ...(comparison ? { comparison } : {}),
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
