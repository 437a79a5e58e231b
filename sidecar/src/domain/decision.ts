/**
 * What classify decides for one account, in compact form. The explanation a rep reads is built
 * from it only when needed (most accounts do not change and are never written), and its hash
 * is taken over exactly the inputs the explanation is built from.
 */
import type { Stance } from './catalog';
import type { AccountFacts } from './accountFacts';
import type { CompiledRule } from './engine';
import type { FactValue } from './facts';
import type { AccountRecord } from './snapshot';

export interface NearMissDecision {
  /** Index in config.rules. */
  readonly rule: number;
  /** Indices of the failing conjuncts. */
  readonly failing: readonly number[];
}

export interface Decision {
  readonly account: AccountRecord;
  readonly facts: AccountFacts;
  readonly values: readonly FactValue[];
  /** The evaluation day (epoch days), for conditions with relative dates. */
  readonly today: number;
  /** Per config.triggers entry, one of the states in triggers.ts. */
  readonly states: readonly number[];
  readonly stance: Stance;
  readonly computedStance: Stance;
  readonly override: Stance | null;
  readonly fired: CompiledRule | null;
  readonly priority: number;
  readonly atRisk: boolean;
  readonly reason: string;
  readonly computedReason: string;
  readonly nearMiss: NearMissDecision | null;
  /** The plan steps of the stance in force, and those done (done or detected). */
  readonly planSteps: number;
  readonly planStepsDone: number;
  /** Fire or None, with effort on it: open deals or cases, cases or activity in the lookback. */
  readonly offStrategy: boolean;
}
