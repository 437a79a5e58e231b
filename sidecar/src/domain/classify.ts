/**
 * classify(snapshot, config, now): the stance of one account, with its reasons, checklist,
 * near miss and the next moment it needs another look. Pure and deterministic.
 */
import { KIND_OF_STANCE, TRIGGER_CODES } from './catalog';
import type { ChecklistState, Stance, TriggerCode } from './catalog';
import type { CompiledConfig, CompiledRule, CompiledTrigger } from './engine';
import { EXPLANATION_MAX_CHARS, EXPLANATION_SCHEMA, EXPLANATION_VERSION, clip } from './explanation';
import type { ChecklistItem, ConditionPart, Explanation } from './explanation';
import { FACT_DEFINITIONS, TRIGGER_FACT_SLOT } from './facts';
import type { FactValue } from './facts';
import { computeAccountFacts } from './accountFacts';
import type { AccountFacts, CodeSignals } from './accountFacts';
import { stableHash } from './hash';
import type { CompiledPart } from './rules/compile';
import { renderTemplate } from './rules/template';
import type { ListPlaceholder } from './rules/template';
import { F } from './facts';
import type { AccountSnapshot, SignalRecord } from './snapshot';
import { DAY_MS, epochDay, isoDate, isoDateTime } from './time';

export interface Classification {
  readonly accountId: string;
  readonly explanation: Explanation;
  /** The explanation as stored in Stance_Checklist__c. */
  readonly json: string;
  /** Changes exactly when what would be written to the account changes. */
  readonly hash: string;
  /** When the answer may change with no new data (an override expires, a signal ages out), or null. */
  readonly nextEvaluationAt: string | null;
  /** Every fact by name, when asked for with `withFacts`. */
  readonly facts?: Readonly<Record<string, FactValue>>;
}

export interface ClassifyOptions {
  readonly withFacts?: boolean;
}

interface TriggerOutcome {
  readonly trigger: CompiledTrigger;
  readonly state: ChecklistState;
  readonly present: boolean;
}

export function classify(
  snapshot: AccountSnapshot,
  config: CompiledConfig,
  now: number,
  options: ClassifyOptions = {},
): Classification {
  const today = epochDay(now);
  const facts = computeAccountFacts(snapshot, config, now);
  const { values } = facts;

  const outcomes = detectTriggers(config, facts, today);
  summariseTriggers(outcomes, facts);

  let fired: CompiledRule | null = null;
  let firedAt = config.rules.length;
  for (let i = 0; i < config.rules.length; i++) {
    if (config.rules[i]!.condition.evaluate(values, today)) {
      fired = config.rules[i]!;
      firedAt = i;
      break;
    }
  }
  const computedStance: Stance = fired ? fired.definition.stance : 'None';
  const overrideStance = values[F.Override_Stance] as Stance | null;
  const stance = overrideStance ?? computedStance;

  const stanceKind = stance === 'None' ? null : KIND_OF_STANCE[stance];
  let weight = 0;
  for (const outcome of outcomes) {
    if (outcome.present && outcome.trigger.definition.stance === stance && outcome.trigger.definition.kind === stanceKind) {
      weight += outcome.trigger.definition.weight;
    }
  }
  const base = fired && fired.definition.stance === stance ? fired.definition.basePriority : 50;
  const bonus = values[F.Strategic_Account] === true || values[F.Large_Account] === true ? config.strategy.strategicBonus : 0;
  const priority = stance === 'None' ? 0 : Math.max(0, Math.min(100, Math.round(base + weight + bonus)));

  const threatWeight = values[F.Threat_Weight] as number;
  const bar = config.strategy.atRiskThreatWeight;
  const atRisk = stance === 'Defend' && (values[F.Threat_Count] as number) > 0 && threatWeight >= bar;

  const lists = listPlaceholders(outcomes, snapshot);
  const computedReason = fired
    ? renderTemplate(fired.reason, { values, lists }, (slot) => formatForText(slot, values[slot]!))
    : 'No rule matches this account.';
  const account = snapshot.account;
  const reason = overrideStance
    ? `Set by hand to ${overrideStance}: ${account.Stance_Override_Reason__c?.trim() || 'no reason given'}.`
    : computedReason;

  const explanation: Explanation = {
    schema: EXPLANATION_SCHEMA,
    version: EXPLANATION_VERSION,
    stance,
    computedStance,
    conflict: overrideStance !== null && overrideStance !== computedStance,
    priority,
    atRisk,
    rule: fired ? { name: fired.definition.name, label: fired.definition.label } : null,
    reason: clip(reason)!,
    why: fired ? fired.condition.conjuncts.map((part) => describePart(part, values, today)) : [],
    nearMiss: nearMiss(config.rules, firedAt, computedStance, values, today),
    atRiskGap:
      stance === 'Defend' && !atRisk
        ? { threatWeight, bar, wouldTip: wouldTip(outcomes, threatWeight, bar) }
        : null,
    override: overrideStance
      ? {
          stance: overrideStance,
          reason: clip(account.Stance_Override_Reason__c ?? null),
          until: account.Stance_Override_Until__c ?? null,
        }
      : null,
    checklist: checklist(outcomes, stance, facts),
    elsewhere: elsewhere(outcomes, stance),
  };
  if (fired && explanation.reason !== computedReason) {
    explanation.why.unshift({ text: clip(computedReason)!, holds: true, facts: {} });
  }

  const json = serialise(explanation);
  let next = facts.nextChangeAt;
  if (config.dependsOnDay) next = Math.min(next, (today + 1) * DAY_MS);
  return {
    accountId: account.Id,
    explanation,
    json,
    hash: stableHash(json),
    nextEvaluationAt: Number.isFinite(next) ? isoDateTime(next) : null,
    ...(options.withFacts ? { facts: namedFacts(values) } : {}),
  };
}

function detectTriggers(config: CompiledConfig, facts: AccountFacts, today: number): TriggerOutcome[] {
  const outcomes: TriggerOutcome[] = new Array(config.triggers.length);
  for (let i = 0; i < config.triggers.length; i++) {
    const trigger = config.triggers[i]!;
    const signals = facts.signalsByCode[trigger.codeIndex];
    let detected = false;
    if (trigger.detect && trigger.detect.evaluate(facts.values, today)) {
      let evidenceAt = 0;
      for (const slot of trigger.detect.facts) evidenceAt = Math.max(evidenceAt, facts.times[slot]!);
      detected = !signals?.dismissal || evidenceAt > signals.dismissedAt;
    }
    const state = triggerState(trigger, signals, detected);
    const present =
      trigger.definition.kind === 'plan_step'
        ? state === 'done' || state === 'detected'
        : state === 'confirmed' || state === 'reported' || state === 'detected';
    outcomes[i] = { trigger, state, present };
  }
  return outcomes;
}

function triggerState(trigger: CompiledTrigger, signals: CodeSignals | undefined, detected: boolean): ChecklistState {
  if (trigger.definition.kind === 'plan_step' && signals?.done) return 'done';
  if (signals?.confirmed) return 'confirmed';
  if (signals?.reported) return 'reported';
  if (detected) return 'detected';
  if (signals?.dismissal) return 'dismissed';
  return 'open';
}

/** Fills the trigger-phase facts: counts and weights per kind, and presence per code. */
function summariseTriggers(outcomes: readonly TriggerOutcome[], facts: AccountFacts): void {
  const { values } = facts;
  let openings = 0;
  let openingWeight = 0;
  let threats = 0;
  let threatWeight = 0;
  let confirmedThreats = 0;
  let misalignments = 0;
  let misalignmentWeight = 0;
  for (const code of TRIGGER_CODES) {
    const signals = facts.signalsByCode[TRIGGER_CODES.indexOf(code)];
    values[TRIGGER_FACT_SLOT[code]] = Boolean(signals?.confirmed || signals?.reported);
  }
  for (const { trigger, state, present } of outcomes) {
    if (!present) continue;
    const { kind, weight, code } = trigger.definition;
    if (kind !== 'plan_step') values[TRIGGER_FACT_SLOT[code]] = true;
    if (kind === 'opening') {
      openings++;
      openingWeight += weight;
    } else if (kind === 'threat') {
      threats++;
      threatWeight += weight;
      if (state === 'confirmed') confirmedThreats++;
    } else if (kind === 'misalignment') {
      misalignments++;
      misalignmentWeight += weight;
    } else {
      values[TRIGGER_FACT_SLOT[code]] = true;
    }
  }
  values[F.Opening_Count] = openings;
  values[F.Opening_Weight] = openingWeight;
  values[F.Threat_Count] = threats;
  values[F.Threat_Weight] = threatWeight;
  values[F.Confirmed_Threat_Count] = confirmedThreats;
  values[F.Misalignment_Count] = misalignments;
  values[F.Misalignment_Weight] = misalignmentWeight;
}

function displayValue(slot: number, value: FactValue): FactValue {
  return value !== null && FACT_DEFINITIONS[slot]!.type === 'date' ? isoDate(value as number) : value;
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

function factsOf(part: CompiledPart, values: readonly FactValue[]): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const slot of part.facts) out[FACT_DEFINITIONS[slot]!.name] = displayValue(slot, values[slot]!);
  return out;
}

function describePart(part: CompiledPart, values: readonly FactValue[], today: number): ConditionPart {
  return { text: part.text, holds: part.evaluate(values, today), facts: factsOf(part, values) };
}

/** The earlier rule for another stance that comes closest to matching: the fewest failing parts. */
function nearMiss(
  rules: readonly CompiledRule[],
  firedAt: number,
  computedStance: Stance,
  values: readonly FactValue[],
  today: number,
): Explanation['nearMiss'] {
  let best: { rule: CompiledRule; failing: CompiledPart[] } | null = null;
  for (let i = 0; i < firedAt; i++) {
    const rule = rules[i]!;
    if (rule.definition.stance === computedStance) continue;
    const failing: CompiledPart[] = [];
    for (const part of rule.condition.conjuncts) {
      if (!part.evaluate(values, today)) failing.push(part);
      if (best && failing.length >= best.failing.length) break;
    }
    if (failing.length > 0 && (!best || failing.length < best.failing.length)) best = { rule, failing };
  }
  if (!best) return null;
  return {
    rule: best.rule.definition.name,
    label: best.rule.definition.label,
    stance: best.rule.definition.stance,
    failing: best.failing.map((part) => ({ text: part.text, holds: false, facts: factsOf(part, values) })),
  };
}

/** Threats not yet present whose weight alone would put the account at risk. */
function wouldTip(outcomes: readonly TriggerOutcome[], threatWeight: number, bar: number): TriggerCode[] {
  const codes: TriggerCode[] = [];
  for (const { trigger, present } of outcomes) {
    const { stance, kind, weight, code } = trigger.definition;
    if (stance === 'Defend' && kind === 'threat' && !present && weight > 0 && threatWeight + weight >= bar) codes.push(code);
  }
  return codes;
}

function listPlaceholders(outcomes: readonly TriggerOutcome[], snapshot: AccountSnapshot): Record<ListPlaceholder, string> {
  const labels = (stance: Stance, kind: string): string => {
    const names = outcomes
      .filter((o) => o.present && o.trigger.definition.stance === stance && o.trigger.definition.kind === kind)
      .map((o) => o.trigger.entry.label.toLowerCase());
    if (names.length === 0) return 'none';
    return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  };
  // Getters: most reasons use none of these, so build them only when read.
  return {
    get Openings() {
      return labels('Attack', 'opening');
    },
    get Threats() {
      return labels('Defend', 'threat');
    },
    get Misalignments() {
      return labels('Fire', 'misalignment');
    },
    get Name() {
      return snapshot.account.Name ?? 'this account';
    },
  };
}

function signalRef(signal: SignalRecord | null): ChecklistItem['signal'] {
  if (!signal) return null;
  return {
    id: signal.Id,
    status: signal.Status__c,
    source: signal.Source__c ?? null,
    reporter: clip(signal.CreatedByName ?? null, 120),
    at: signal.Acknowledged_At__c && signal.Status__c === 'Confirmed' ? signal.Acknowledged_At__c : signal.CreatedDate,
    detail: clip(signal.Detail__c ?? null),
  };
}

function checklist(outcomes: readonly TriggerOutcome[], stance: Stance, facts: AccountFacts): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const { trigger, state } of outcomes) {
    const { definition } = trigger;
    if (definition.stance !== stance) continue;
    const signals = facts.signalsByCode[trigger.codeIndex];
    const signal =
      state === 'done' ? signals?.done : state === 'confirmed' ? signals?.confirmed : state === 'reported' ? signals?.reported : null;
    const dismissal = state === 'dismissed' && signals?.dismissal ? signals.dismissal : null;
    items.push({
      code: definition.code,
      label: trigger.entry.label,
      kind: definition.kind,
      state,
      weight: definition.weight,
      guidance: clip(definition.guidance)!,
      evidence: state === 'detected' && trigger.detect ? factsOf(trigger.detect, facts.values) : null,
      signal: signalRef(signal ?? null),
      dismissal: dismissal
        ? {
            id: dismissal.Id,
            at: dismissal.Dismissed_At__c ?? dismissal.CreatedDate,
            reason: clip(dismissal.Dismiss_Reason__c ?? null),
            by: clip(dismissal.CreatedByName ?? null, 120),
          }
        : null,
    });
  }
  // Stance triggers first, heaviest first; plan steps last; catalog order breaks ties.
  return items.sort(
    (a, b) =>
      Number(a.kind === 'plan_step') - Number(b.kind === 'plan_step') ||
      b.weight - a.weight ||
      TRIGGER_CODES.indexOf(a.code) - TRIGGER_CODES.indexOf(b.code),
  );
}

function elsewhere(outcomes: readonly TriggerOutcome[], stance: Stance): Explanation['elsewhere'] {
  const here = new Set<string>();
  for (const { trigger } of outcomes) if (trigger.definition.stance === stance) here.add(trigger.definition.code);
  const out: Explanation['elsewhere'] = [];
  for (const { trigger, state, present } of outcomes) {
    const { definition } = trigger;
    if (!present || definition.kind === 'plan_step' || definition.stance === stance || here.has(definition.code)) continue;
    out.push({ code: definition.code, label: trigger.entry.label, stance: definition.stance, kind: definition.kind, state });
  }
  return out;
}

function namedFacts(values: readonly FactValue[]): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  FACT_DEFINITIONS.forEach((fact, slot) => {
    out[fact.name] = displayValue(slot, values[slot]!);
  });
  return out;
}

/** JSON within the cap: every text is already clipped, so only pathological configurations need the fallback. */
function serialise(explanation: Explanation): string {
  const json = JSON.stringify(explanation);
  if (json.length <= EXPLANATION_MAX_CHARS) return json;
  const slim: Explanation = {
    ...explanation,
    why: explanation.why.map((part) => ({ ...part, facts: {} })),
    checklist: explanation.checklist.map((item) => ({ ...item, guidance: clip(item.guidance, 120)!, evidence: null })),
  };
  return JSON.stringify(slim);
}

