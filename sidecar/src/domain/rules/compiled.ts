/** What a rule condition compiles to: plain closures over a fact vector, with the text a rep reads. */
import type { FactPhase, FactType, FactValue } from '../facts';

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
  /** Set when the part is one fact compared with one literal (see PartComparison). */
  readonly comparison?: PartComparison;
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * One fact against one literal, as a reader can put it in words ("the number of open cases were
 * at least 3"). Booleans are never null, so `!= TRUE` and `NOT ... = TRUE` read `= FALSE`.
 * Dates: `value` is YYYY-MM-DD; a relative date (TODAY, LAST_N_DAYS:n ...) that bounds the
 * comparison by one day has `dayOffset` instead, the day being the evaluation day plus it.
 */
export interface PartComparison {
  readonly fact: string;
  readonly type: FactType;
  readonly op: ComparisonOp;
  readonly value: boolean | number | string | null;
  readonly dayOffset?: number;
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
