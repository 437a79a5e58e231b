/** A comparison that parses but cannot be compiled; compileCondition turns it into a RuleProblem. */
import type { Token } from './lexer';
import type { ProblemKind } from './problems';

export class ConditionError extends Error {
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
