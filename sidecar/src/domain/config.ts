/**
 * The strategy, rules and triggers an admin keeps in custom metadata, as the engine
 * sees them once parsed. `configFromMetadataRecords` turns raw custom metadata records
 * (from files or from SOQL) into this shape, reporting every problem it finds.
 */
import { z } from 'zod';
import { SIGNAL_SOURCES, STANCES, TRIGGER_CODES, TRIGGER_KINDS, catalogEntry } from './catalog';
import type { Stance, TriggerCode, TriggerKind } from './catalog';
import { compileTextPattern } from './rules/pattern';
import { ruleProblem } from './rules/problems';
import type { RuleProblem } from './rules/problems';

export interface Strategy {
  readonly name: string;
  readonly targetIndustries: readonly string[];
  readonly targetCountries: readonly string[];
  readonly customerTypes: readonly string[];
  readonly largeAccountRevenue: number;
  readonly lookbackDays: number;
  /**
   * Regular expression (case-insensitive, RE2 syntax: no backreferences or lookaround) that marks
   * a contact's title as a key position.
   */
  readonly keyTitlePattern: string;
  /** Threat weight at which a Defend account is at risk. */
  readonly atRiskThreatWeight: number;
  /** Priority added for strategic or large accounts. */
  readonly strategicBonus: number;
  /**
   * The departments (Stance_Signal__c.Source__c values) expected to report on every account, in
   * the admin's order; empty: coverage is not watched.
   */
  readonly monitoredDepartments: readonly string[];
}

export interface RuleDefinition {
  readonly name: string;
  readonly label: string;
  readonly stance: Stance;
  readonly order: number;
  readonly condition: string;
  readonly reason: string;
  readonly basePriority: number;
  readonly active: boolean;
}

export interface TriggerDefinition {
  readonly name: string;
  readonly code: TriggerCode;
  readonly stance: Exclude<Stance, 'None'>;
  readonly kind: TriggerKind;
  /** Empty: reported by people only. */
  readonly detectCondition: string;
  readonly guidance: string;
  readonly weight: number;
}

export interface StanceConfig {
  readonly strategy: Strategy;
  readonly rules: readonly RuleDefinition[];
  readonly triggers: readonly TriggerDefinition[];
}

/** A custom metadata record as read from a file or a SOQL query: API field names to values. */
export interface MetadataRecord {
  readonly DeveloperName: string;
  readonly MasterLabel?: string | null;
  readonly [field: string]: unknown;
}

export interface MetadataRecords {
  readonly strategies: readonly MetadataRecord[];
  readonly rules: readonly MetadataRecord[];
  readonly triggers: readonly MetadataRecord[];
}

/** Splits a list kept in a text field: one value per line or separated by semicolons. */
export function parseList(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/[;\r\n]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

const textOrEmpty = z.union([z.string(), z.null(), z.undefined()]).transform((value) => value ?? '');
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const number = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const strategySchema = z.object({
  DeveloperName: z.string(),
  Active__c: flag.default(true),
  Target_Industries__c: textOrEmpty,
  Target_Countries__c: textOrEmpty,
  Customer_Types__c: textOrEmpty,
  Large_Account_Revenue__c: number.pipe(z.number().nonnegative()),
  Lookback_Days__c: number.pipe(z.number().int().min(1).max(3650)),
  Key_Title_Pattern__c: z.string().min(1),
  At_Risk_Threat_Weight__c: number.pipe(z.number().min(0).max(1000)),
  Strategic_Bonus__c: number.pipe(z.number().min(0).max(100)).default(0),
  // Absent from records read before the field existed: nothing monitored.
  Monitored_Departments__c: z
    .union([z.string(), z.null()])
    .optional()
    .transform((value) => value ?? ''),
});

const ruleSchema = z.object({
  DeveloperName: z.string(),
  MasterLabel: textOrEmpty,
  Stance__c: z.enum(STANCES),
  Order__c: number.pipe(z.number().int()),
  Condition__c: z.string().trim().min(1),
  Reason__c: z.string().trim().min(1),
  Base_Priority__c: number.pipe(z.number().min(0).max(100)).default(0),
  Active__c: flag.default(true),
});

const triggerSchema = z.object({
  DeveloperName: z.string(),
  Code__c: z.enum(TRIGGER_CODES),
  Stance__c: z.enum(['Attack', 'Defend', 'Fire']),
  Kind__c: z.enum(TRIGGER_KINDS),
  Detect_Condition__c: textOrEmpty,
  Guidance__c: textOrEmpty,
  Weight__c: number.pipe(z.number().min(0).max(100)).default(0),
});

/** The fields of each custom metadata type the configuration reads, for the query that reads them. */
export const METADATA_FIELDS: Readonly<Record<keyof MetadataRecords, readonly string[]>> = {
  strategies: Object.keys(strategySchema.shape),
  rules: Object.keys(ruleSchema.shape),
  triggers: Object.keys(triggerSchema.shape),
};

function recordProblems(type: string, record: MetadataRecord, error: z.ZodError): RuleProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.') || '(record)';
    const received = (record as Record<string, unknown>)[field];
    const detail =
      received === undefined || received === null || received === ''
        ? `${field} is required`
        : `${field} ${issue.message.replace(/^Invalid input: /, '').toLowerCase()} (got ${JSON.stringify(received)})`;
    return ruleProblem({ kind: 'INVALID_RECORD', source: `${type}.${record.DeveloperName}`, field, message: detail });
  });
}

const withArticle = (word: string): string => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word.replace('_', ' ')}`;

export interface ConfigResult {
  readonly config: StanceConfig | null;
  readonly problems: readonly RuleProblem[];
}

/** Builds the engine's configuration from custom metadata records, collecting every problem. */
export function configFromMetadataRecords(records: MetadataRecords): ConfigResult {
  const problems: RuleProblem[] = [];

  const strategies = records.strategies.flatMap((record) => {
    const parsed = strategySchema.safeParse(record);
    if (!parsed.success) {
      problems.push(...recordProblems('Stance_Strategy', record, parsed.error));
      return [];
    }
    return parsed.data.Active__c ? [parsed.data] : [];
  });
  if (strategies.length !== 1 && problems.length === 0) {
    problems.push(
      ruleProblem({
        kind: 'INVALID_RECORD',
        source: 'Stance_Strategy',
        message:
          strategies.length === 0
            ? 'no active Stance_Strategy record: exactly one must have Active__c checked'
            : `${strategies.length} active Stance_Strategy records (${strategies.map((s) => s.DeveloperName).join(', ')}): exactly one may be active`,
      }),
    );
  }
  const strategyRecord = strategies[0];
  if (strategyRecord) {
    const compiled = compileTextPattern(strategyRecord.Key_Title_Pattern__c);
    if ('refusal' in compiled) {
      problems.push(
        ruleProblem({
          kind: 'INVALID_RECORD',
          source: `Stance_Strategy.${strategyRecord.DeveloperName}`,
          field: 'Key_Title_Pattern__c',
          message: `Key_Title_Pattern__c ${JSON.stringify(strategyRecord.Key_Title_Pattern__c)}: ${compiled.refusal.message}`,
          hint: compiled.refusal.hint,
        }),
      );
    }
  }

  const monitored = strategyRecord ? monitoredDepartments(strategyRecord, problems) : [];

  const rules: RuleDefinition[] = [];
  const orders = new Map<number, string>();
  for (const record of records.rules) {
    const parsed = ruleSchema.safeParse(record);
    if (!parsed.success) {
      problems.push(...recordProblems('Stance_Rule', record, parsed.error));
      continue;
    }
    const r = parsed.data;
    const clash = orders.get(r.Order__c);
    if (r.Active__c && clash) {
      problems.push(
        ruleProblem({
          kind: 'INVALID_RECORD',
          source: `Stance_Rule.${r.DeveloperName}`,
          field: 'Order__c',
          message: `Order__c ${r.Order__c} is also used by active rule ${clash}: orders decide which rule wins, so they must differ`,
        }),
      );
    }
    if (r.Active__c) orders.set(r.Order__c, r.DeveloperName);
    rules.push({
      name: r.DeveloperName,
      label: r.MasterLabel || r.DeveloperName.replace(/_/g, ' '),
      stance: r.Stance__c,
      order: r.Order__c,
      condition: r.Condition__c,
      reason: r.Reason__c,
      basePriority: r.Base_Priority__c,
      active: r.Active__c,
    });
  }
  if (!rules.some((rule) => rule.active) && problems.length === 0) {
    problems.push(
      ruleProblem({ kind: 'INVALID_RECORD', source: 'Stance_Rule', message: 'no active Stance_Rule record' }),
    );
  }

  const triggers: TriggerDefinition[] = [];
  const pairs = new Set<string>();
  for (const record of records.triggers) {
    const parsed = triggerSchema.safeParse(record);
    if (!parsed.success) {
      problems.push(...recordProblems('Stance_Trigger', record, parsed.error));
      continue;
    }
    const t = parsed.data;
    const source = `Stance_Trigger.${t.DeveloperName}`;
    const expectedKind = catalogEntry(t.Code__c)?.kinds[t.Stance__c];
    if (!expectedKind) {
      problems.push(
        ruleProblem({
          kind: 'INVALID_RECORD',
          source,
          field: 'Stance__c',
          message: `${t.Code__c} is not a trigger of ${t.Stance__c} in the catalog`,
        }),
      );
      continue;
    }
    if (expectedKind !== t.Kind__c) {
      problems.push(
        ruleProblem({
          kind: 'INVALID_RECORD',
          source,
          field: 'Kind__c',
          message: `${t.Code__c} under ${t.Stance__c} is ${withArticle(expectedKind)}, not ${withArticle(t.Kind__c)}`,
        }),
      );
    }
    const pair = `${t.Code__c}/${t.Stance__c}`;
    if (pairs.has(pair)) {
      problems.push(
        ruleProblem({
          kind: 'INVALID_RECORD',
          source,
          message: `a second record for ${pair}: keep one per code and stance`,
        }),
      );
    }
    pairs.add(pair);
    triggers.push({
      name: t.DeveloperName,
      code: t.Code__c,
      stance: t.Stance__c,
      kind: expectedKind,
      detectCondition: t.Detect_Condition__c.trim(),
      guidance: t.Guidance__c,
      weight: t.Weight__c,
    });
  }

  if (problems.length > 0 || !strategyRecord) return { config: null, problems };
  const strategy: Strategy = {
    name: strategyRecord.DeveloperName,
    targetIndustries: parseList(strategyRecord.Target_Industries__c),
    targetCountries: parseList(strategyRecord.Target_Countries__c),
    customerTypes: parseList(strategyRecord.Customer_Types__c),
    largeAccountRevenue: strategyRecord.Large_Account_Revenue__c,
    lookbackDays: strategyRecord.Lookback_Days__c,
    keyTitlePattern: strategyRecord.Key_Title_Pattern__c,
    atRiskThreatWeight: strategyRecord.At_Risk_Threat_Weight__c,
    strategicBonus: strategyRecord.Strategic_Bonus__c,
    monitoredDepartments: monitored,
  };
  return { config: { strategy, rules, triggers }, problems };
}

/**
 * Monitored_Departments__c, one Source__c value a line (letter case forgiven, written as the
 * picklist spells it): a line that names no department is a problem naming the line.
 */
function monitoredDepartments(
  record: { DeveloperName: string; Monitored_Departments__c: string },
  problems: RuleProblem[],
): string[] {
  const departments: string[] = [];
  const lines = record.Monitored_Departments__c.split(/\r?\n/);
  lines.forEach((line, index) => {
    for (const item of line.split(';')) {
      const name = item.trim();
      if (name === '') continue;
      const value = SIGNAL_SOURCES.find((source) => source.toLowerCase() === name.toLowerCase());
      const where = `Monitored_Departments__c line ${index + 1} ${JSON.stringify(name)}`;
      const problem = !value
        ? `${where} is not a Source__c value of Stance_Signal__c (${SIGNAL_SOURCES.join(', ')})`
        : departments.includes(value)
          ? `${where} names ${value} a second time: list each department once`
          : null;
      if (problem) {
        problems.push(
          ruleProblem({
            kind: 'INVALID_RECORD',
            source: `Stance_Strategy.${record.DeveloperName}`,
            field: 'Monitored_Departments__c',
            message: problem,
          }),
        );
      } else departments.push(value!);
    }
  });
  return departments;
}
