/**
 * Trigger detection: each trigger's condition over the account facts, merged with what people
 * reported. States are kept in a byte array indexed like config.triggers, so the hot path
 * allocates nothing per trigger.
 */
import { TRIGGER_CODES } from './catalog';
import type { ChecklistState } from './catalog';
import type { AccountFacts, CodeSignals } from './accountFacts';
import type { CompiledConfig, CompiledTrigger } from './engine';
import { F, TRIGGER_FACT_SLOT } from './facts';

export const OPEN = 0;
export const DETECTED = 1;
export const REPORTED = 2;
export const CONFIRMED = 3;
export const DISMISSED = 4;
export const DONE = 5;

export const STATE_NAMES: readonly ChecklistState[] = [
  'open',
  'detected',
  'reported',
  'confirmed',
  'dismissed',
  'done',
];

const SLOTS = F;
const PRESENCE_SLOTS = TRIGGER_CODES.map((code) => TRIGGER_FACT_SLOT[code]);

export function isPresent(trigger: CompiledTrigger, state: number): boolean {
  return trigger.definition.kind === 'plan_step'
    ? state === DONE || state === DETECTED
    : state === CONFIRMED || state === REPORTED || state === DETECTED;
}

function stateOf(trigger: CompiledTrigger, signals: CodeSignals | undefined, detected: boolean): number {
  const planStep = trigger.definition.kind === 'plan_step';
  if (planStep && signals !== undefined && signals.done !== null) return DONE;
  // A plan step detection meets is met: a report on it leaves nothing to do and must not hide that.
  if (planStep && detected) return DETECTED;
  if (signals !== undefined) {
    if (signals.confirmed !== null) return CONFIRMED;
    if (signals.reported !== null) return REPORTED;
  }
  if (detected) return DETECTED;
  if (signals !== undefined && signals.dismissal !== null) return DISMISSED;
  return OPEN;
}

/** Detects every trigger and fills the trigger-phase facts (counts, weights, presence per code). */
export function detectTriggers(config: CompiledConfig, facts: AccountFacts, today: number): number[] {
  const { values, times, signalsByCode } = facts;
  const triggers = config.triggers;
  // A plain array: every slot is written below, and it is cheaper to make than a typed one.
  const states: number[] = new Array<number>(triggers.length);
  for (let code = 0; code < PRESENCE_SLOTS.length; code++) {
    const signals = signalsByCode[code];
    values[PRESENCE_SLOTS[code]!] = signals !== undefined && (signals.confirmed !== null || signals.reported !== null);
  }
  let openings = 0;
  let openingWeight = 0;
  let threats = 0;
  let threatWeight = 0;
  let confirmedThreats = 0;
  let misalignments = 0;
  let misalignmentWeight = 0;
  for (let i = 0; i < triggers.length; i++) {
    const trigger = triggers[i]!;
    const signals = signalsByCode[trigger.codeIndex];
    let detected = false;
    const detect = trigger.detect;
    if (detect !== null && detect.evaluate(values, today)) {
      let evidenceAt = 0;
      const slots = detect.facts;
      for (let s = 0; s < slots.length; s++) if (times[slots[s]!]! > evidenceAt) evidenceAt = times[slots[s]!]!;
      detected = signals === undefined || signals.dismissal === null || evidenceAt > signals.dismissedAt;
    }
    const state = stateOf(trigger, signals, detected);
    states[i] = state;
    if (!isPresent(trigger, state)) continue;
    const { kind, weight } = trigger.definition;
    values[PRESENCE_SLOTS[trigger.codeIndex]!] = true;
    if (kind === 'opening') {
      openings++;
      openingWeight += weight;
    } else if (kind === 'threat') {
      threats++;
      threatWeight += weight;
      if (state === CONFIRMED) confirmedThreats++;
    } else if (kind === 'misalignment') {
      misalignments++;
      misalignmentWeight += weight;
    }
  }
  values[SLOTS.Opening_Count] = openings;
  values[SLOTS.Opening_Weight] = openingWeight;
  values[SLOTS.Threat_Count] = threats;
  values[SLOTS.Threat_Weight] = threatWeight;
  values[SLOTS.Confirmed_Threat_Count] = confirmedThreats;
  values[SLOTS.Misalignment_Count] = misalignments;
  values[SLOTS.Misalignment_Weight] = misalignmentWeight;
  return states;
}
