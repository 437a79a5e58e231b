/**
 * Reading the explanation the sidecar stores on the account (Stance_Checklist__c), and the
 * words, icons and grouping the Stance components show. Pure functions: no wires, no DOM.
 */

import { formatLabel, formatNumber, listOf, plural } from 'c/stanceI18n';
import PLAN_PROGRESS_ONE from '@salesforce/label/c.Stance_Group_Plan_Progress_One';
import PLAN_PROGRESS_OTHER from '@salesforce/label/c.Stance_Group_Plan_Progress_Other';
import EXIT_PROGRESS_ONE from '@salesforce/label/c.Stance_Group_Exit_Progress_One';
import EXIT_PROGRESS_OTHER from '@salesforce/label/c.Stance_Group_Exit_Progress_Other';
import AT_RISK_ONE from '@salesforce/label/c.Stance_NearMiss_At_Risk_One';
import AT_RISK_OTHER from '@salesforce/label/c.Stance_NearMiss_At_Risk_Other';
import NEAR_MISS_SENTENCE from '@salesforce/label/c.Stance_NearMiss_Sentence';
import ERROR_INVALID_JSON from '@salesforce/label/c.Stance_Error_Invalid_Json';
import ERROR_VERSION from '@salesforce/label/c.Stance_Error_Version';
import NONE from '@salesforce/label/c.Stance_Common_None';
import { planCounts, planTitle } from './framework';
import { GROUP_NAMES, STATE_NAMES, stanceName, triggerLabel } from './words';
import { describeComparison } from './facts';

export * from './framework';
export { relativeTime } from 'c/stanceI18n';
export { STANCE_NAMES, stanceName, triggerLabel } from './words';
export { describeComparison, describeFactValues, factName, factValue } from './facts';

export const EXPLANATION_SCHEMA = 'stance.explanation';
export const EXPLANATION_VERSION = 1;
/** The classification counts as stale when the account changed this long after it. */
export const STALE_AFTER_MS = 5 * 60 * 1000;

const STANCES = {
  Attack: { icon: 'utility:target', badgeClass: 'stance-badge stance-badge_attack' },
  Defend: { icon: 'utility:shield', badgeClass: 'stance-badge stance-badge_defend' },
  Fire: { icon: 'utility:logout', badgeClass: 'stance-badge stance-badge_fire' },
  None: { icon: 'utility:dash', badgeClass: 'stance-badge stance-badge_none' },
};

/** The stance's name (a label in the user's language), icon and badge style; an unknown stance is None's. */
export function stanceVisual(stance) {
  const key = STANCES[stance] ? stance : 'None'; // i18n-exempt: the stance's API value
  return { ...STANCES[key], label: stanceName(key) };
}

/** Each checklist state's icon (its words are labels: STATE_NAMES). */
const STATES = {
  confirmed: 'utility:success',
  reported: 'utility:record',
  detected: 'utility:insights',
  dismissed: 'utility:ban',
  done: 'utility:check',
  open: 'utility:routing_offline',
};

/** A checklist state's words and icon. A plan step detection already meets reads as met: nobody needs to mark it done. */
export function stateVisual(state, kind) {
  if (state === 'detected' && kind === 'plan_step') {
    return { label: STATE_NAMES.met, icon: 'utility:check' };
  }
  const key = STATES[state] ? state : 'open';
  return { label: STATE_NAMES[key], icon: STATES[key] };
}

/** The checklist's groups in the order a rep works them (titles are labels: GROUP_NAMES). */
const GROUPS = [{ kind: 'opening' }, { kind: 'threat' }, { kind: 'misalignment' }, { kind: 'plan_step' }];

/**
 * Parses a stored explanation. Answers null when there is none yet; throws an Error with a
 * readable message when it is of another schema or version.
 */
export function parseExplanation(json) {
  if (!json) {
    return null;
  }
  let value;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(formatLabel(ERROR_INVALID_JSON, error.message));
  }
  if (!value || value.schema !== EXPLANATION_SCHEMA || value.version !== EXPLANATION_VERSION) {
    throw new Error(formatLabel(ERROR_VERSION, value && value.version, value && value.schema, EXPLANATION_VERSION));
  }
  return value;
}

/** The explanation stored on a record, or the error that says why it cannot be read. */
export function readExplanation(json) {
  try {
    return { explanation: parseExplanation(json) };
  } catch (error) {
    return { error };
  }
}

/**
 * What a getRecord wire answer leaves a component holding: the record, or the error. An answer
 * with neither (the wire before its first answer) keeps what the component had.
 */
export function wiredRecordState({ data, error }, current) {
  if (data) {
    return { record: data, error: undefined };
  }
  if (error) {
    return { record: undefined, error };
  }
  return { record: current.record, error: current.error };
}

/**
 * "Threat_Count = 2 · Is_Customer = true": the facts by their API names. Components show
 * describeFactValues ("The number of threats: 2") instead.
 */
export function describeFacts(facts) {
  return Object.entries(facts || {})
    .map(([name, value]) => `${name} = ${value === null ? NONE : value}`) // i18n-exempt: fact names and = (kept for stanceChecklist; describeFactValues reads them in words)
    .join(' · ');
}

/**
 * Checklist items grouped by kind, in the order a rep works them; empty groups left out. Under
 * Fire (pass the stance) the plan steps are the exit plan.
 */
export function groupChecklist(items, stance) {
  return GROUPS.map(({ kind }) => ({
    kind,
    title: kind === 'plan_step' ? planTitle(stance) : GROUP_NAMES[kind],
    items: (items || []).filter((item) => item.kind === kind),
  })).filter((group) => group.items.length > 0);
}

/**
 * "1 of 2 plan steps done", or under Fire "2 of 4 exit steps" (plural forms by the total); null without plan steps. The
 * explanation's planSteps, when it has them, is the count the account fields carry.
 */
export function planProgress(items, stance, planSteps) {
  const { done, total } = planCounts(items, planSteps);
  if (!total) {
    return null;
  }
  const [one, other] =
    stance === 'Fire' ? [EXIT_PROGRESS_ONE, EXIT_PROGRESS_OTHER] : [PLAN_PROGRESS_ONE, PLAN_PROGRESS_OTHER];
  return plural(total, one, other, formatNumber(done));
}

/**
 * What would change the stance, in one sentence, or null: the threats that would each put a
 * customer at risk, or the closest rule for another stance with what it still needs ("Fire (rule
 * “Customer outside the strategy”) if the account were outside the strategy."). `labels` are the
 * trigger labels the explanation stored, for codes the package has no label of.
 */
export function describeNearMiss(explanation, labels = {}) {
  if (!explanation) {
    return null;
  }
  const gap = explanation.atRiskGap;
  if (gap && gap.wouldTip.length > 0) {
    const names = gap.wouldTip.map((code) => triggerLabel(code, labels[code]));
    return plural(names.length, AT_RISK_ONE, AT_RISK_OTHER, listOf(names, 'disjunction'));
  }
  const near = explanation.nearMiss;
  if (near) {
    const conditions = near.failing.map((part) => describeComparison(part.comparison, labels) || part.text);
    return formatLabel(NEAR_MISS_SENTENCE, stanceName(near.stance), near.label, listOf(conditions));
  }
  return null;
}

/** True when the account changed well after Stance last classified it (the sidecar may be down). */
export function isStale(computedAt, lastModified) {
  const computed = Date.parse(computedAt);
  const modified = Date.parse(lastModified);
  if (Number.isNaN(modified)) {
    return false;
  }
  return Number.isNaN(computed) || modified - computed > STALE_AFTER_MS;
}

/** The labels the explanation stored for its trigger codes (checklist items and "elsewhere"), for codes the package does not know. */
export function triggerLabels(explanation) {
  const labels = {};
  if (explanation) {
    [...explanation.checklist, ...explanation.elsewhere].forEach((item) => {
      labels[item.code] = item.label;
    });
  }
  return labels;
}
