/**
 * A rule set as read from custom metadata, compiled, with a fingerprint that changes when any
 * record changes (whatever order the org returns them in).
 */
import { compileConfig, configFromMetadataRecords, formatProblem, stableHash } from '../domain';
import type { CompiledConfig, MetadataRecords, RuleProblem } from '../domain';

export interface RuleSet {
  readonly fingerprint: string;
  readonly records: MetadataRecords;
  readonly compiled: CompiledConfig | null;
  readonly problems: readonly RuleProblem[];
}

export function fingerprintOf(records: MetadataRecords): string {
  const sorted = (list: MetadataRecords['rules']) =>
    [...list]
      .sort((a, b) => a.DeveloperName.localeCompare(b.DeveloperName))
      .map((record) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b))));
  return stableHash(JSON.stringify([sorted(records.strategies), sorted(records.rules), sorted(records.triggers)]));
}

export function compileRuleSet(records: MetadataRecords): RuleSet {
  const fingerprint = fingerprintOf(records);
  const { config, problems } = configFromMetadataRecords(records);
  if (!config || problems.length > 0) return { fingerprint, records, compiled: null, problems };
  const compiled = compileConfig(config);
  return { fingerprint, records, compiled: compiled.compiled, problems: compiled.problems };
}

/** Every problem on its own line: record, field, position and hint, as rules:check prints them. */
export function describeProblems(problems: readonly RuleProblem[]): string[] {
  return problems.map(formatProblem);
}
