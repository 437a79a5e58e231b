/**
 * The explanation stored on the account (Stance_Checklist__c) and read by the components.
 * Versioned: a reader checks `schema` and `version` before trusting the shape. The field
 * holds 131,072 characters; the serializer keeps well under EXPLANATION_MAX_CHARS.
 */
import { z } from 'zod';
import { CHECKLIST_STATES, STANCES, TRIGGER_CODES, TRIGGER_KINDS } from './catalog';

export const EXPLANATION_SCHEMA = 'stance.explanation';
export const EXPLANATION_VERSION = 1;
export const EXPLANATION_MAX_CHARS = 32_000;
/** Longest signal detail, guidance or reason kept in the explanation. */
export const TEXT_MAX_CHARS = 500;

const stance = z.enum(STANCES);
const factValue = z.union([z.boolean(), z.number(), z.string(), z.null()]);
const facts = z.record(z.string(), factValue);

/**
 * Set when the part is one fact compared with one literal, so a reader can say it in words; a
 * boolean reads `= true` or `= false`; a date's value is YYYY-MM-DD. Optional (issue 17): parts
 * of other shapes, and explanations stored before it, have none and are read as `text`.
 */
const comparison = z.object({
  fact: z.string(),
  type: z.enum(['boolean', 'number', 'string', 'date']),
  op: z.enum(['=', '!=', '<', '<=', '>', '>=']),
  value: factValue,
});

const conditionPart = z.object({
  text: z.string(),
  holds: z.boolean(),
  facts,
  comparison: comparison.optional(),
});

const signalRef = z.object({
  id: z.string(),
  status: z.string(),
  source: z.string().nullable(),
  reporter: z.string().nullable(),
  at: z.string(),
  detail: z.string().nullable(),
  competitor: z.string().nullable().optional(),
  /** Value_Levers__c split on ';' (API names: Technical, Price, Service). */
  levers: z.array(z.string()).nullable().optional(),
  /** YYYY-MM-DD: the last day of the transition period the customer was told. */
  transitionUntil: z.string().nullable().optional(),
});

/** Which monitored departments reported on the account in the lookback, and which are silent. */
const coverage = z.object({
  lookbackDays: z.number().int(),
  departments: z.array(z.object({ name: z.string(), lastReportedAt: z.string().nullable() })),
  silent: z.array(z.string()),
});

/** A competitor active on the account (named on signals or on deals lost in the lookback). */
const competitor = z.object({
  name: z.string(),
  signals: z.number().int().min(0),
  lostDeals: z.number().int().min(0),
  lastSeenAt: z.string(),
});

/** What the account takes: deals, cases, activity; off strategy when it is Fire or None and takes some. */
const effort = z.object({
  openDeals: z.number().int().min(0),
  openPipeline: z.number(),
  openCases: z.number().int().min(0),
  recentCases: z.number().int().min(0),
  lastActivityDate: z.string().nullable(),
  recentActivity: z.boolean(),
  offStrategy: z.boolean(),
  lookbackDays: z.number().int(),
});

const checklistItem = z.object({
  code: z.enum(TRIGGER_CODES),
  label: z.string(),
  kind: z.enum(TRIGGER_KINDS),
  state: z.enum(CHECKLIST_STATES),
  weight: z.number(),
  guidance: z.string(),
  evidence: facts.nullable(),
  signal: signalRef.nullable(),
  dismissal: z
    .object({ id: z.string(), at: z.string(), reason: z.string().nullable(), by: z.string().nullable() })
    .nullable(),
});

export const explanationSchema = z.object({
  schema: z.literal(EXPLANATION_SCHEMA),
  version: z.literal(EXPLANATION_VERSION),
  stance,
  computedStance: stance,
  conflict: z.boolean(),
  priority: z.number().int().min(0).max(100),
  atRisk: z.boolean(),
  rule: z.object({ name: z.string(), label: z.string() }).nullable(),
  reason: z.string(),
  why: z.array(conditionPart),
  nearMiss: z.object({ rule: z.string(), label: z.string(), stance, failing: z.array(conditionPart) }).nullable(),
  atRiskGap: z
    .object({ threatWeight: z.number(), bar: z.number(), wouldTip: z.array(z.enum(TRIGGER_CODES)) })
    .nullable(),
  override: z.object({ stance, reason: z.string().nullable(), until: z.string().nullable() }).nullable(),
  checklist: z.array(checklistItem),
  elsewhere: z.array(
    z.object({
      code: z.enum(TRIGGER_CODES),
      label: z.string(),
      stance,
      kind: z.enum(TRIGGER_KINDS),
      state: z.enum(CHECKLIST_STATES),
    }),
  ),
  // Additions of issue 15, optional so that explanations stored before them still parse.
  /** Null when the strategy monitors no department. */
  coverage: coverage.nullable().optional(),
  competitors: z.array(competitor).optional(),
  effort: effort.optional(),
  planSteps: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).optional(),
});

export type Explanation = z.infer<typeof explanationSchema>;
export type ChecklistItem = z.infer<typeof checklistItem>;
export type ConditionPart = z.infer<typeof conditionPart>;
export type Comparison = z.infer<typeof comparison>;
export type Coverage = z.infer<typeof coverage>;
export type Competitor = z.infer<typeof competitor>;
export type Effort = z.infer<typeof effort>;

/** Parses a stored explanation, rejecting other schemas and versions with a clear message. */
export function parseExplanation(json: string): Explanation {
  const value: unknown = JSON.parse(json);
  const header = value as { schema?: unknown; version?: unknown };
  if (header?.schema !== EXPLANATION_SCHEMA || header.version !== EXPLANATION_VERSION) {
    throw new Error(
      `not a ${EXPLANATION_SCHEMA} v${EXPLANATION_VERSION} document (schema ${String(header?.schema)}, version ${String(header?.version)})`,
    );
  }
  return explanationSchema.parse(value);
}

export function clip(text: string | null | undefined, max = TEXT_MAX_CHARS): string | null {
  if (text === null || text === undefined) return null;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
