/** Validates the strategy, rules and triggers kept in custom metadata files, collecting every problem. */
import { compileConfig, configFromMetadataRecords } from '../../sidecar/src/domain';
import type { CompiledConfig, RuleProblem } from '../../sidecar/src/domain';
import { readProjectMetadata } from '../metadata/reader';
import { STANCE_METADATA_TYPES, stanceMetadataRecords } from '../metadata/stanceConfig';

export interface LocatedProblem extends RuleProblem {
  /** The file the problem is in, relative to the project root. */
  readonly file?: string;
}

export interface RulesCheckResult {
  readonly problems: readonly LocatedProblem[];
  readonly compiled: CompiledConfig | null;
  readonly counts: { readonly rules: number; readonly triggers: number; readonly strategies: number };
}

export function checkRules(sourceDir: string, projectRoot = process.cwd()): RulesCheckResult {
  const metadata = readProjectMetadata(sourceDir, projectRoot);
  const records = stanceMetadataRecords(metadata);
  const problems: LocatedProblem[] = metadata.xmlProblems.map((problem) => ({
    kind: 'SYNTAX',
    source: problem.file,
    line: problem.line,
    column: problem.column,
    message: `not well-formed XML: ${problem.message}`,
    file: problem.file,
  }));

  // A value for a field the type does not have would be dropped by a deployment.
  for (const record of metadata.customMetadata) {
    if (!(Object.values(STANCE_METADATA_TYPES) as string[]).includes(record.type)) continue;
    const type = metadata.objects.get(record.type);
    if (!type) continue;
    for (const field of Object.keys(record.values)) {
      if (!type.fields.has(field)) {
        problems.push({
          kind: 'INVALID_RECORD',
          source: `${record.type.replace(/__mdt$/, '')}.${record.developerName}`,
          field,
          message: `${field} is not a field of ${record.type}`,
          file: record.file,
        });
      }
    }
  }

  const { config, problems: recordProblems } = configFromMetadataRecords(records);
  const compiled = config ? compileConfig(config) : { compiled: null, problems: [] };
  const locate = (problem: RuleProblem): LocatedProblem => {
    const file = records.files.get(problem.source);
    return file ? { ...problem, file } : problem;
  };
  problems.push(...recordProblems.map(locate), ...compiled.problems.map(locate));
  return {
    problems,
    compiled: problems.length === 0 ? compiled.compiled : null,
    counts: { rules: records.rules.length, triggers: records.triggers.length, strategies: records.strategies.length },
  };
}
