/** A precise complaint about the admin's configuration: what is wrong, where, and a hint. */

export const PROBLEM_KINDS = [
  'SYNTAX',
  'UNKNOWN_FACT',
  'TYPE_MISMATCH',
  'BAD_LITERAL',
  'UNSUPPORTED',
  'NOT_AVAILABLE',
  'UNKNOWN_PLACEHOLDER',
  'INVALID_RECORD',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface RuleProblem {
  readonly kind: ProblemKind;
  /** The record at fault, as Type.DeveloperName (e.g. Stance_Rule.Threatened_Customer). */
  readonly source: string;
  /** The field at fault (e.g. Condition__c). */
  readonly field?: string;
  /** 1-based position inside that field's text. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** "did you mean Industry?" and the like. */
  readonly hint?: string;
  /** The offending line with a caret under the position. */
  readonly excerpt?: string;
}

export function ruleProblem(problem: RuleProblem): RuleProblem {
  return problem;
}

/** One line for logs and the console: `Stance_Rule.X Condition__c 1:14 UNKNOWN_FACT: ... (did you mean ...?)`. */
export function formatProblem(problem: RuleProblem): string {
  const where = [problem.source, problem.field, problem.line ? `${problem.line}:${problem.column}` : undefined]
    .filter(Boolean)
    .join(' ');
  const hint = problem.hint ? ` (${problem.hint})` : '';
  return `${where} ${problem.kind}: ${problem.message}${hint}`;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** The closest name within a sensible distance, or undefined. */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= allowed ? best : undefined;
}
