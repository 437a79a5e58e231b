/**
 * A hash of everything the stored explanation is built from, so writers can skip accounts
 * whose explanation did not change without serialising it. The configuration's fingerprint
 * stands for labels, guidance and rule texts (and so for the parts' comparisons, read from them). A property test holds this in step with
 * explain(): equal hashes mean equal explanations, and different hashes different ones.
 */
import type { CodeSignals } from './accountFacts';
import { STANCES as ALL_STANCES } from './catalog';
import type { Stance } from './catalog';
import type { Decision } from './decision';
import type { CompiledConfig } from './engine';
import { cents as toCents, evidenceSlots as evidenceOf, leversOf as leversIn } from './explain';
import { clip as clipText } from './explanation';
import { F } from './facts';
import type { FactValue } from './facts';
import type { SignalRecord } from './snapshot';
import * as TRIGGER_STATES from './triggers';

// Module-level copies: the hot path reads locals rather than the bindings of other modules.
const SLOTS = F;
const STANCES = ALL_STANCES;
const evidenceSlots = evidenceOf;
const clip = clipText;
const leversOf = leversIn;
const cents = toCents;
const { CONFIRMED, DETECTED, DISMISSED, DONE, REPORTED, isPresent } = TRIGGER_STATES;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex32 = (word: number): string =>
  HEX[word >>> 24]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;

/**
 * Two 32-bit FNV-style lanes over a stream of codes. The hot loops keep the lanes in locals and
 * step them inline: this runs over every character of every reason, for every account.
 */
class Hasher {
  constructor(
    private a = 0x811c9dc5,
    private b = 0x5bd1e995 ^ 0x01000193,
  ) {}

  str(text: string | null | undefined): this {
    if (text === null || text === undefined) return this.mark(1);
    let a = Math.imul(this.a ^ 0x10002, 0x01000193);
    let b = Math.imul(this.b ^ 0x10002, 0x5bd1e995);
    b ^= b >>> 15;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.a = a;
    this.b = b;
    return this.mark(3);
  }

  num(value: number): this {
    // Integers (the usual case) hash their 32-bit halves; others their text.
    if ((value | 0) === value) {
      // A 32-bit integer (states, indices, most counts): its high half is its sign.
      this.mark(4);
      this.step(value);
      return this.step(value < 0 ? -1 : 0);
    }
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 52) {
      this.mark(4);
      this.step(value | 0);
      return this.step(Math.floor(value / 4294967296));
    }
    return this.str(String(value));
  }

  value(value: FactValue): this {
    if (value === null) return this.mark(5);
    if (value === true) return this.mark(6);
    if (value === false) return this.mark(7);
    return typeof value === 'number' ? this.num(value) : this.str(value);
  }

  mark(code: number): this {
    return this.step(0x10000 + code);
  }

  private step(code: number): this {
    this.a = Math.imul(this.a ^ code, 0x01000193);
    const b = Math.imul(this.b ^ code, 0x5bd1e995);
    this.b = b ^ (b >>> 15);
    return this;
  }

  /** A hasher that continues from this one's state. */
  fork(): Hasher {
    return new Hasher(this.a, this.b);
  }

  digest(): string {
    return hex32(this.a >>> 0) + hex32(this.b >>> 0);
  }
}

/** What every account of a configuration hashes alike, worked out once per configuration. */
interface Prepared {
  readonly fingerprint: string;
  /** The hasher state after the configuration's fingerprint. */
  readonly seed: Hasher;
  /** Per stance, per trigger: 1 when the trigger, if present, shows under "elsewhere" on that stance's page. */
  readonly elsewhere: Readonly<Record<Stance, Uint8Array>>;
}

const preparedConfigs = new WeakMap<CompiledConfig, Prepared>();

function prepared(config: CompiledConfig): Prepared {
  let entry = preparedConfigs.get(config);
  if (entry === undefined || entry.fingerprint !== config.fingerprint) {
    const elsewhere = Object.fromEntries(
      STANCES.map((stance) => {
        const here = config.codesByStance[stance];
        const flags = new Uint8Array(config.triggers.length);
        config.triggers.forEach(({ definition }, i) => {
          flags[i] =
            definition.stance !== stance && definition.kind !== 'plan_step' && !here.has(definition.code) ? 1 : 0;
        });
        return [stance, flags];
      }),
    ) as Record<Stance, Uint8Array>;
    entry = { fingerprint: config.fingerprint, seed: new Hasher().str(config.fingerprint), elsewhere };
    preparedConfigs.set(config, entry);
  }
  return entry;
}

/** The signal as explain() shows it: the same fields, clipped the same way. */
function signal(hasher: Hasher, record: SignalRecord | null | undefined): void {
  if (!record) {
    hasher.mark(8);
    return;
  }
  const at =
    record.Acknowledged_At__c && record.Status__c === 'Confirmed' ? record.Acknowledged_At__c : record.CreatedDate;
  hasher
    .str(record.Id)
    .str(record.Status__c)
    .str(record.Source__c)
    .str(clip(record.CreatedByName ?? null, 120))
    .str(at)
    .str(clip(record.Detail__c ?? null))
    .str(clip(record.Competitor__c ?? null, 120))
    .str(leversOf(record.Value_Levers__c)?.join(';') ?? null)
    .str(record.Transition_Until__c ?? null);
}

/** Coverage, competitors, effort and plan progress, as explain() shows them. */
function effort(hasher: Hasher, decision: Decision, config: CompiledConfig): void {
  const { values, facts } = decision;
  hasher.mark(11);
  const coverage = facts.coverage;
  const monitored = config.strategy.monitoredDepartments.length;
  if (monitored === 0) hasher.mark(5);
  else for (let i = 0; i < monitored; i++) hasher.num(coverage === null ? 0 : coverage[i]!);
  const competitors = facts.competitors;
  hasher.num(competitors === null ? 0 : competitors.length);
  if (competitors !== null) {
    for (let i = 0; i < competitors.length; i++) {
      const seen = competitors[i]!;
      hasher.str(clip(seen.name, 120)).num(seen.signals).num(seen.lostDeals).num(seen.lastSeen);
    }
  }
  hasher
    .value(values[SLOTS.Open_Opportunity_Count]!)
    .num(cents(values[SLOTS.Open_Pipeline] as number))
    .value(values[SLOTS.Open_Case_Count]!)
    .value(values[SLOTS.Recent_Case_Count]!)
    .value(values[SLOTS.Last_Activity_Date]!)
    .value(values[SLOTS.Recent_Activity]!)
    .value(decision.offStrategy)
    .num(decision.planSteps)
    .num(decision.planStepsDone);
}

function dismissal(hasher: Hasher, record: SignalRecord | null | undefined): void {
  if (!record) {
    hasher.mark(8);
    return;
  }
  hasher
    .str(record.Id)
    .str(record.Dismissed_At__c ?? record.CreatedDate)
    .str(clip(record.Dismiss_Reason__c ?? null))
    .str(clip(record.CreatedByName ?? null, 120));
}

function slotsOf(hasher: Hasher, slots: readonly number[], values: readonly FactValue[]): void {
  hasher.mark(9);
  for (let i = 0; i < slots.length; i++) hasher.value(values[slots[i]!]!);
}

export function decisionHash(decision: Decision, config: CompiledConfig): string {
  const { values, states, facts } = decision;
  const { seed, elsewhere } = prepared(config);
  const hasher = seed
    .fork()
    .str(decision.stance)
    .str(decision.computedStance)
    .str(decision.override)
    .num(decision.priority)
    .value(decision.atRisk)
    .str(decision.fired?.definition.name)
    .str(clip(decision.reason))
    .str(decision.reason === decision.computedReason ? null : clip(decision.computedReason));
  if (decision.override !== null) {
    hasher
      .str(clip(decision.account.Stance_Override_Reason__c ?? null))
      .str(decision.account.Stance_Override_Until__c ?? null);
  }
  // A part's comparison is the rule's text (in the fingerprint) read once, except a relative date,
  // whose day moves with the evaluation day: that day is hashed only where such a part is shown.
  let datedComparison = false;
  if (decision.fired !== null) {
    slotsOf(hasher, decision.fired.condition.facts, values);
    const conjuncts = decision.fired.condition.conjuncts;
    for (let i = 0; i < conjuncts.length; i++)
      if (conjuncts[i]!.comparison?.dayOffset !== undefined) datedComparison = true;
  }
  if (decision.nearMiss !== null) {
    const rule = config.rules[decision.nearMiss.rule]!;
    hasher.num(decision.nearMiss.rule);
    for (const index of decision.nearMiss.failing) {
      hasher.num(index);
      const conjunct = rule.condition.conjuncts[index]!;
      slotsOf(hasher, conjunct.facts, values);
      if (conjunct.comparison?.dayOffset !== undefined) datedComparison = true;
    }
  }
  if (datedComparison) hasher.mark(12).num(decision.today);
  if (decision.stance === 'Defend') hasher.value(values[SLOTS.Threat_Weight]!);
  hasher.mark(10);
  const shownElsewhere = elsewhere[decision.stance];
  const triggers = config.triggers;
  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    const trigger = triggers[i]!;
    if (trigger.definition.stance !== decision.stance) {
      // Another stance's trigger shows only when present and not on this checklist ("elsewhere").
      const shown = shownElsewhere[i] === 1 && isPresent(trigger, state);
      hasher.num(shown ? state : -1);
      continue;
    }
    hasher.num(state);
    const signals: CodeSignals | undefined = facts.signalsByCode[trigger.codeIndex];
    if (state === DETECTED && trigger.detect !== null) {
      const slots = evidenceSlots(trigger.detect, decision);
      hasher.num(slots.length);
      slotsOf(hasher, slots, values);
    } else if (state === DONE) signal(hasher, signals?.done);
    else if (state === CONFIRMED) signal(hasher, signals?.confirmed);
    else if (state === REPORTED) signal(hasher, signals?.reported);
    else if (state === DISMISSED) dismissal(hasher, signals?.dismissal);
  }
  effort(hasher, decision, config);
  return hasher.digest();
}
