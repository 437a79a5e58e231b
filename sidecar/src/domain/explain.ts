/** Builds the explanation a rep reads (and the sidecar stores) from a decision. */
import { TRIGGER_CODES } from './catalog';
import type { TriggerCode } from './catalog';
import type { Decision } from './decision';
import type { CompiledConfig } from './engine';
import { EXPLANATION_MAX_CHARS, EXPLANATION_SCHEMA, EXPLANATION_VERSION, clip } from './explanation';
import type { ChecklistItem, ConditionPart, Explanation } from './explanation';
import { F, FACT_DEFINITIONS } from './facts';
import type { FactValue } from './facts';
import type { CompiledCondition, CompiledPart } from './rules/compile';
import { comparisonOn } from './rules/partComparison';
import type { SignalRecord } from './snapshot';
import { isoDate, isoDateTime } from './time';
import { CONFIRMED, DETECTED, DISMISSED, DONE, REPORTED, STATE_NAMES, isPresent } from './triggers';

export function displayValue(slot: number, value: FactValue): FactValue {
  return value !== null && FACT_DEFINITIONS[slot]!.type === 'date' ? isoDate(value as number) : value;
}

function factsOf(slots: readonly number[], values: readonly FactValue[]): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const slot of slots) out[FACT_DEFINITIONS[slot]!.name] = displayValue(slot, values[slot]!);
  return out;
}

function part(compiled: CompiledPart, holds: boolean, decision: Decision): ConditionPart {
  const shown: ConditionPart = { text: compiled.text, holds, facts: factsOf(compiled.facts, decision.values) };
  if (compiled.comparison) shown.comparison = comparisonOn(compiled.comparison, decision.today);
  return shown;
}

function signalRef(signal: SignalRecord | null | undefined): ChecklistItem['signal'] {
  if (!signal) return null;
  return {
    id: signal.Id,
    status: signal.Status__c,
    source: signal.Source__c ?? null,
    reporter: clip(signal.CreatedByName ?? null, 120),
    at: signal.Acknowledged_At__c && signal.Status__c === 'Confirmed' ? signal.Acknowledged_At__c : signal.CreatedDate,
    detail: clip(signal.Detail__c ?? null),
    competitor: clip(signal.Competitor__c ?? null, 120),
    levers: leversOf(signal.Value_Levers__c),
    transitionUntil: signal.Transition_Until__c ?? null,
  };
}

/** An amount to the cent, as a currency field holds it (sums of amounts drift: 0.1 + 0.2). */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** `Technical;Service` -> ['Technical', 'Service']; null when none. */
export function leversOf(value: string | null | undefined): string[] | null {
  if (!value) return null;
  const levers = value
    .split(';')
    .map((lever) => lever.trim())
    .filter((lever) => lever !== '');
  return levers.length === 0 ? null : levers;
}

function coverageOf(decision: Decision, config: CompiledConfig): Explanation['coverage'] {
  const seen = decision.facts.coverage;
  const names = config.strategy.monitoredDepartments;
  if (names.length === 0) return null;
  const departments = names.map((name, index) => ({
    name,
    lastReportedAt: seen?.[index] ? isoDateTime(seen[index]) : null,
  }));
  return {
    lookbackDays: config.strategy.lookbackDays,
    departments,
    silent: departments.filter((department) => department.lastReportedAt === null).map(({ name }) => name),
  };
}

function effortOf(decision: Decision, config: CompiledConfig): NonNullable<Explanation['effort']> {
  const { values } = decision;
  const activity = values[F.Last_Activity_Date] as number | null;
  return {
    openDeals: values[F.Open_Opportunity_Count] as number,
    openPipeline: cents(values[F.Open_Pipeline] as number),
    openCases: values[F.Open_Case_Count] as number,
    recentCases: values[F.Recent_Case_Count] as number,
    lastActivityDate: activity === null ? null : isoDate(activity),
    recentActivity: values[F.Recent_Activity] === true,
    offStrategy: decision.offStrategy,
    lookbackDays: config.strategy.lookbackDays,
  };
}

/** The facts behind a detection: of an OR, only the parts that hold. */
export function evidenceSlots(condition: CompiledCondition, decision: Decision): number[] {
  const slots: number[] = [];
  for (const part of condition.disjuncts) {
    if (condition.disjuncts.length > 1 && !part.evaluate(decision.values, decision.today)) continue;
    for (const slot of part.facts) if (!slots.includes(slot)) slots.push(slot);
  }
  return slots;
}

function checklist(decision: Decision, config: CompiledConfig): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  config.triggers.forEach((trigger, index) => {
    const { definition } = trigger;
    if (definition.stance !== decision.stance) return;
    const state = decision.states[index]!;
    const signals = decision.facts.signalsByCode[trigger.codeIndex];
    const signal =
      state === DONE
        ? signals?.done
        : state === CONFIRMED
          ? signals?.confirmed
          : state === REPORTED
            ? signals?.reported
            : null;
    const dismissal = state === DISMISSED ? (signals?.dismissal ?? null) : null;
    items.push({
      code: definition.code,
      label: trigger.entry.label,
      kind: definition.kind,
      state: STATE_NAMES[state]!,
      weight: definition.weight,
      guidance: clip(definition.guidance)!,
      evidence:
        state === DETECTED && trigger.detect ? factsOf(evidenceSlots(trigger.detect, decision), decision.values) : null,
      signal: signalRef(signal),
      dismissal: dismissal
        ? {
            id: dismissal.Id,
            at: dismissal.Dismissed_At__c ?? dismissal.CreatedDate,
            reason: clip(dismissal.Dismiss_Reason__c ?? null),
            by: clip(dismissal.CreatedByName ?? null, 120),
          }
        : null,
    });
  });
  // Stance triggers first, heaviest first; plan steps last; catalog order breaks ties.
  return items.sort(
    (a, b) =>
      Number(a.kind === 'plan_step') - Number(b.kind === 'plan_step') ||
      b.weight - a.weight ||
      TRIGGER_CODES.indexOf(a.code) - TRIGGER_CODES.indexOf(b.code),
  );
}

function elsewhere(decision: Decision, config: CompiledConfig): Explanation['elsewhere'] {
  const here = config.codesByStance[decision.stance];
  const out: Explanation['elsewhere'] = [];
  config.triggers.forEach((trigger, index) => {
    const { definition } = trigger;
    const state = decision.states[index]!;
    if (!isPresent(trigger, state) || definition.kind === 'plan_step' || here.has(definition.code)) return;
    out.push({
      code: definition.code,
      label: trigger.entry.label,
      stance: definition.stance,
      kind: definition.kind,
      state: STATE_NAMES[state]!,
    });
  });
  return out;
}

/** Threats not yet present whose weight alone would put the account at risk. */
function wouldTip(decision: Decision, config: CompiledConfig, threatWeight: number, bar: number): TriggerCode[] {
  const codes: TriggerCode[] = [];
  config.triggers.forEach((trigger, index) => {
    const { stance, kind, weight, code } = trigger.definition;
    if (stance !== 'Defend' || kind !== 'threat' || isPresent(trigger, decision.states[index]!)) return;
    if (weight > 0 && threatWeight + weight >= bar) codes.push(code);
  });
  return codes;
}

export function explain(decision: Decision, config: CompiledConfig): Explanation {
  const { values, fired, account } = decision;
  const threatWeight = values[F.Threat_Weight] as number;
  const bar = config.strategy.atRiskThreatWeight;
  const why = fired ? fired.condition.conjuncts.map((conjunct) => part(conjunct, true, decision)) : [];
  if (fired && decision.reason !== decision.computedReason)
    why.unshift({ text: clip(decision.computedReason)!, holds: true, facts: {} });
  const nearRule = decision.nearMiss ? config.rules[decision.nearMiss.rule]! : null;
  return {
    schema: EXPLANATION_SCHEMA,
    version: EXPLANATION_VERSION,
    stance: decision.stance,
    computedStance: decision.computedStance,
    conflict: decision.override !== null && decision.override !== decision.computedStance,
    priority: decision.priority,
    atRisk: decision.atRisk,
    rule: fired ? { name: fired.definition.name, label: fired.definition.label } : null,
    reason: clip(decision.reason)!,
    why,
    nearMiss:
      nearRule && decision.nearMiss
        ? {
            rule: nearRule.definition.name,
            label: nearRule.definition.label,
            stance: nearRule.definition.stance,
            failing: decision.nearMiss.failing.map((index) =>
              part(nearRule.condition.conjuncts[index]!, false, decision),
            ),
          }
        : null,
    atRiskGap:
      decision.stance === 'Defend' && !decision.atRisk
        ? { threatWeight, bar, wouldTip: wouldTip(decision, config, threatWeight, bar) }
        : null,
    override: decision.override
      ? {
          stance: decision.override,
          reason: clip(account.Stance_Override_Reason__c ?? null),
          until: account.Stance_Override_Until__c ?? null,
        }
      : null,
    checklist: checklist(decision, config),
    elsewhere: elsewhere(decision, config),
    coverage: coverageOf(decision, config),
    competitors: (decision.facts.competitors ?? []).map((seen) => ({
      name: clip(seen.name, 120)!,
      signals: seen.signals,
      lostDeals: seen.lostDeals,
      lastSeenAt: isoDateTime(seen.lastSeen),
    })),
    effort: effortOf(decision, config),
    planSteps: { done: decision.planStepsDone, total: decision.planSteps },
  };
}

/** JSON within the cap: every text is already clipped, so only pathological configurations need the fallback. */
export function serialise(explanation: Explanation): string {
  const json = JSON.stringify(explanation);
  if (json.length <= EXPLANATION_MAX_CHARS) return json;
  const slim: Explanation = {
    ...explanation,
    why: explanation.why.map((entry) => ({ ...entry, facts: {} })),
    checklist: explanation.checklist.map((item) => ({ ...item, guidance: clip(item.guidance, 120)!, evidence: null })),
  };
  return JSON.stringify(slim);
}
