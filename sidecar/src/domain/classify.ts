/**
 * classify(snapshot, config, now): the stance of one account, with its reasons, checklist,
 * near miss and the next moment it needs another look. Pure and deterministic.
 *
 * The decision is made eagerly and cheaply; the explanation and its JSON are built on first
 * read, because a writer only needs them for the few accounts whose hash changed.
 */
import { KIND_OF_STANCE as STANCE_KINDS } from './catalog';
import type { Stance } from './catalog';
import { computeAccountFacts as accountFactsOf } from './accountFacts';
import type { Decision, NearMissDecision } from './decision';
import { decisionHash as hashOf } from './decisionHash';
import type { CompiledConfig, CompiledRule } from './engine';
import { displayValue, explain, serialise } from './explain';
import { clip } from './explanation';
import type { Explanation } from './explanation';
import { F, FACT_DEFINITIONS } from './facts';
import type { FactValue } from './facts';
import { tidyPunctuation } from './rules/template';
import type { ListPlaceholder } from './rules/template';
import type { AccountSnapshot } from './snapshot';
import { DAY_MS as DAY, epochDay as dayOf, isoDate, isoDateTime } from './time';
import { detectTriggers as triggerStatesOf, isPresent as presentIn } from './triggers';

// Module-level copies: the hot path reads locals rather than the bindings of other modules.
const SLOTS = F;
const KIND_OF_STANCE = STANCE_KINDS;
const computeAccountFacts = accountFactsOf;
const decisionHash = hashOf;
const DAY_MS = DAY;
const epochDay = dayOf;
const detectTriggers = triggerStatesOf;
const isPresent = presentIn;

export interface ClassifyOptions {
  readonly withFacts?: boolean;
}

export class Classification {
  private explained: Explanation | undefined;
  private serialised: string | undefined;

  constructor(
    private readonly decision: Decision,
    private readonly config: CompiledConfig,
    /** Changes exactly when the stored explanation (and so any written field) changes. */
    readonly hash: string,
    /** Epoch ms at which the answer may change with no new data, or Infinity. */
    readonly nextEvaluationMs: number,
    /** Every fact by name, when asked for with `withFacts`. */
    readonly facts?: Readonly<Record<string, FactValue>>,
  ) {}

  get accountId(): string {
    return this.decision.account.Id;
  }
  get stance(): Stance {
    return this.decision.stance;
  }
  get computedStance(): Stance {
    return this.decision.computedStance;
  }
  get priority(): number {
    return this.decision.priority;
  }
  get atRisk(): boolean {
    return this.decision.atRisk;
  }
  /** As the explanation states it, without building the explanation. */
  get reason(): string {
    return clip(this.decision.reason)!;
  }
  get ruleName(): string | null {
    return this.decision.fired?.definition.name ?? null;
  }

  /** When the answer may change with no new data (an override expires, a signal ages out), or null. */
  get nextEvaluationAt(): string | null {
    return this.nextEvaluationMs === Infinity ? null : isoDateTime(this.nextEvaluationMs);
  }

  get explanation(): Explanation {
    return (this.explained ??= explain(this.decision, this.config));
  }

  /** The explanation as stored in Stance_Checklist__c. */
  get json(): string {
    return (this.serialised ??= serialise(this.explanation));
  }
}

export function classify(
  snapshot: AccountSnapshot,
  config: CompiledConfig,
  now: number,
  options: ClassifyOptions = {},
): Classification {
  const today = epochDay(now);
  const facts = computeAccountFacts(snapshot, config, now);
  const values = facts.values;
  const states = detectTriggers(config, facts, today);

  const rules = config.rules;
  let firedAt = rules.length;
  for (let i = 0; i < rules.length; i++) {
    if (rules[i]!.condition.evaluate(values, today)) {
      firedAt = i;
      break;
    }
  }
  const fired: CompiledRule | null = rules[firedAt] ?? null;
  const computedStance: Stance = fired ? fired.definition.stance : 'None';
  const override = values[SLOTS.Override_Stance] as Stance | null;
  const stance = override ?? computedStance;

  let weight = 0;
  let planSteps = 0;
  let planStepsDone = 0;
  if (stance !== 'None') {
    const kind = KIND_OF_STANCE[stance];
    const triggers = config.triggers;
    for (let i = 0; i < triggers.length; i++) {
      const definition = triggers[i]!.definition;
      if (definition.stance !== stance) continue;
      if (definition.kind === 'plan_step') {
        planSteps++;
        if (isPresent(triggers[i]!, states[i]!)) planStepsDone++;
      } else if (definition.kind === kind && isPresent(triggers[i]!, states[i]!)) weight += definition.weight;
    }
  }
  const base = fired !== null && fired.definition.stance === stance ? fired.definition.basePriority : 50;
  const bonus =
    values[SLOTS.Strategic_Account] === true || values[SLOTS.Large_Account] === true
      ? config.strategy.strategicBonus
      : 0;
  const priority = stance === 'None' ? 0 : Math.max(0, Math.min(100, Math.round(base + weight + bonus)));
  const atRisk =
    stance === 'Defend' &&
    (values[SLOTS.Threat_Count] as number) > 0 &&
    (values[SLOTS.Threat_Weight] as number) >= config.strategy.atRiskThreatWeight;

  // Reasons are composed here and only here, so here their punctuation is made to read once.
  const computedReason = fired
    ? tidyPunctuation(renderReason(fired, values, config, states, snapshot))
    : 'No rule matches this account.';
  const reason = override
    ? tidyPunctuation(
        `Set by hand to ${override}: ${snapshot.account.Stance_Override_Reason__c?.trim() || 'no reason given'}.`,
      )
    : computedReason;

  const decision: Decision = {
    account: snapshot.account,
    facts,
    values,
    today,
    states,
    stance,
    computedStance,
    override,
    fired,
    priority,
    atRisk,
    reason,
    computedReason,
    nearMiss: nearMiss(rules, firedAt, computedStance, values, today),
    planSteps,
    planStepsDone,
    offStrategy:
      (stance === 'Fire' || stance === 'None') &&
      ((values[SLOTS.Open_Opportunity_Count] as number) > 0 ||
        (values[SLOTS.Open_Case_Count] as number) > 0 ||
        (values[SLOTS.Recent_Case_Count] as number) > 0 ||
        values[SLOTS.Recent_Activity] === true),
  };

  let next = facts.nextChangeAt;
  if (config.dependsOnDay) next = Math.min(next, (today + 1) * DAY_MS);
  return new Classification(
    decision,
    config,
    decisionHash(decision, config),
    next,
    options.withFacts ? namedFacts(values) : undefined,
  );
}

/** The earlier rule for another stance that comes closest to matching: the fewest failing parts. */
function nearMiss(
  rules: readonly CompiledRule[],
  firedAt: number,
  computedStance: Stance,
  values: readonly FactValue[],
  today: number,
): NearMissDecision | null {
  let bestRule = -1;
  let bestCount = Infinity;
  for (let i = 0; i < firedAt; i++) {
    const rule = rules[i]!;
    if (rule.definition.stance === computedStance) continue;
    // Counted first; the failing parts are listed only for the closest rule.
    let count = 0;
    const conjuncts = rule.condition.conjuncts;
    for (let c = 0; c < conjuncts.length && count < bestCount; c++) {
      if (!conjuncts[c]!.evaluate(values, today)) count++;
    }
    if (count > 0 && count < bestCount) {
      bestRule = i;
      bestCount = count;
    }
  }
  if (bestRule < 0) return null;
  const failing: number[] = [];
  const conjuncts = rules[bestRule]!.condition.conjuncts;
  for (let c = 0; c < conjuncts.length; c++) if (!conjuncts[c]!.evaluate(values, today)) failing.push(c);
  return { rule: bestRule, failing };
}

function formatForText(slot: number, value: FactValue): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (FACT_DEFINITIONS[slot]!.type === 'date') return isoDate(value);
    const rounded = Math.round(value * 100) / 100;
    return Number.isInteger(rounded) ? String(rounded).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(rounded);
  }
  return value;
}

function renderReason(
  rule: CompiledRule,
  values: readonly FactValue[],
  config: CompiledConfig,
  states: readonly number[],
  snapshot: AccountSnapshot,
): string {
  let out = '';
  for (const part of rule.reason) {
    if (typeof part === 'string') out += part;
    else if ('fact' in part) out += formatForText(part.fact, values[part.fact]!);
    else if (part.list === 'Name') out += snapshot.account.Name ?? 'this account';
    else out += presentLabels(config, states, LIST_KINDS[part.list]);
  }
  // A reason that opens with a placeholder ({Misalignments} ...) still reads as a sentence.
  const first = out.charAt(0);
  const upper = first.toUpperCase();
  return upper === first ? out : upper + out.slice(1);
}

const LIST_KINDS: Readonly<Record<Exclude<ListPlaceholder, 'Name'>, readonly [Stance, string]>> = {
  Openings: ['Attack', 'opening'],
  Threats: ['Defend', 'threat'],
  Misalignments: ['Fire', 'misalignment'],
};

/** "competitor approach and service dissatisfaction": the triggers present of one stance and kind. */
function presentLabels(
  config: CompiledConfig,
  states: readonly number[],
  [stance, kind]: readonly [Stance, string],
): string {
  const names: string[] = [];
  config.triggers.forEach((trigger, index) => {
    if (
      trigger.definition.stance === stance &&
      trigger.definition.kind === kind &&
      isPresent(trigger, states[index]!)
    ) {
      names.push(trigger.entry.label.toLowerCase());
    }
  });
  if (names.length === 0) return 'none';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function namedFacts(values: readonly FactValue[]): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  FACT_DEFINITIONS.forEach((fact, slot) => {
    out[fact.name] = displayValue(slot, values[slot]!);
  });
  return out;
}
