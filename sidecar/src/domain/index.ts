/** The pure core of Stance: no I/O, no clock, no globals. Adapters import from here only. */
export * from './catalog';
export * from './snapshot';
export * from './config';
export * from './facts';
export * from './engine';
export * from './classify';
export * from './explanation';
export { stableHash } from './hash';
export { formatProblem, PROBLEM_KINDS } from './rules/problems';
export type { ProblemKind, RuleProblem } from './rules/problems';
export { SUPPORTED_DATE_LITERALS } from './rules/literals';
export { LIST_PLACEHOLDERS } from './rules/template';
export { DAY_MS } from './time';
export { computeAccountFacts } from './accountFacts';
export type { AccountFacts } from './accountFacts';
export * from './accountFields';
export * from './snapshotFields';
export * from './keyPeople';
