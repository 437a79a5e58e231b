/** Compiling an admin's configuration once, so classifying an account is plain function calls. */
import { STANCES, TRIGGER_CODES, catalogEntry } from './catalog';
import type { CatalogEntry, Stance, TriggerCode } from './catalog';
import type { RuleDefinition, StanceConfig, Strategy, TriggerDefinition } from './config';
import { stableHash } from './hash';
import { compileCondition } from './rules/compile';
import type { CompiledCondition } from './rules/compile';
import type { RuleProblem } from './rules/problems';
import { compileTextPattern } from './rules/pattern';
import type { TextPattern } from './rules/pattern';
import { compileTemplate } from './rules/template';
import type { TemplatePart } from './rules/template';
import { DAY_MS } from './time';

export interface CompiledTrigger {
  readonly definition: TriggerDefinition;
  readonly entry: CatalogEntry;
  /** Position of the code in TRIGGER_CODES, for array-indexed lookups. */
  readonly codeIndex: number;
  readonly detect: CompiledCondition | null;
}

export interface CompiledRule {
  readonly definition: RuleDefinition;
  readonly condition: CompiledCondition;
  readonly reason: readonly TemplatePart[];
}

export interface CompiledConfig {
  readonly strategy: Strategy;
  readonly targetIndustries: ReadonlySet<string>;
  readonly targetCountries: ReadonlySet<string>;
  readonly customerTypes: ReadonlySet<string>;
  /** The strategy's key-title pattern, on a linear-time engine. */
  readonly keyTitle: TextPattern;
  readonly lookbackMs: number;
  /** Position of each monitored department (a Source__c value) in strategy.monitoredDepartments. */
  readonly departmentIndex: ReadonlyMap<string, number>;
  /** Active rules, first to try first. */
  readonly rules: readonly CompiledRule[];
  /** Every trigger record, in catalog order then stance order. */
  readonly triggers: readonly CompiledTrigger[];
  readonly triggersByStance: Readonly<Record<Stance, readonly CompiledTrigger[]>>;
  /** The trigger codes on each stance's checklist. */
  readonly codesByStance: Readonly<Record<Stance, ReadonlySet<string>>>;
  /** True when some condition's answer changes with the calendar day alone. */
  readonly dependsOnDay: boolean;
  /** Changes whenever anything in the configuration changes. */
  readonly fingerprint: string;
}

const lower = (values: readonly string[]): Set<string> => new Set(values.map((value) => value.toLowerCase()));

export function compileConfig(config: StanceConfig): { compiled: CompiledConfig | null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];

  const rules: CompiledRule[] = [];
  for (const rule of [...config.rules].filter((r) => r.active).sort((a, b) => a.order - b.order)) {
    const source = `Stance_Rule.${rule.name}`;
    const condition = compileCondition(rule.condition, { source, field: 'Condition__c', phase: 'trigger' });
    const reason = compileTemplate(rule.reason, source, 'Reason__c');
    problems.push(...condition.problems, ...reason.problems);
    if (condition.condition) rules.push({ definition: rule, condition: condition.condition, reason: reason.parts });
  }

  const triggers: CompiledTrigger[] = [];
  for (const definition of config.triggers) {
    const source = `Stance_Trigger.${definition.name}`;
    let detect: CompiledCondition | null = null;
    if (definition.detectCondition) {
      const result = compileCondition(definition.detectCondition, {
        source,
        field: 'Detect_Condition__c',
        phase: 'account',
      });
      problems.push(...result.problems);
      detect = result.condition;
    }
    triggers.push({
      definition,
      entry: catalogEntry(definition.code)!,
      codeIndex: TRIGGER_CODES.indexOf(definition.code as TriggerCode),
      detect,
    });
  }
  const stanceRank = (stance: Stance) => STANCES.indexOf(stance);
  triggers.sort(
    (a, b) => a.codeIndex - b.codeIndex || stanceRank(a.definition.stance) - stanceRank(b.definition.stance),
  );

  const keyTitle = compileTextPattern(config.strategy.keyTitlePattern);
  if ('refusal' in keyTitle) {
    problems.push({
      kind: 'INVALID_RECORD',
      source: `Stance_Strategy.${config.strategy.name}`,
      field: 'Key_Title_Pattern__c',
      message: keyTitle.refusal.message,
      hint: keyTitle.refusal.hint,
    });
  }

  if (problems.length > 0 || 'refusal' in keyTitle) return { compiled: null, problems };

  const triggersByStance = Object.fromEntries(
    STANCES.map((stance) => [stance, triggers.filter((trigger) => trigger.definition.stance === stance)]),
  ) as Record<Stance, CompiledTrigger[]>;
  const dependsOnDay =
    rules.some((rule) => rule.condition.relative) || triggers.some((trigger) => trigger.detect?.relative === true);

  return {
    compiled: {
      strategy: config.strategy,
      targetIndustries: lower(config.strategy.targetIndustries),
      targetCountries: lower(config.strategy.targetCountries),
      customerTypes: lower(config.strategy.customerTypes),
      keyTitle: keyTitle.pattern,
      lookbackMs: config.strategy.lookbackDays * DAY_MS,
      departmentIndex: new Map((config.strategy.monitoredDepartments ?? []).map((name, index) => [name, index])),
      rules,
      triggers,
      triggersByStance,
      codesByStance: Object.fromEntries(
        STANCES.map((stance) => [stance, new Set(triggersByStance[stance].map((trigger) => trigger.definition.code))]),
      ) as Record<Stance, Set<string>>,
      dependsOnDay,
      fingerprint: stableHash(JSON.stringify(config)),
    },
    problems,
  };
}
