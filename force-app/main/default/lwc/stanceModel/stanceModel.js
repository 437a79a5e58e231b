/**
 * Reading the explanation the sidecar stores on the account (Stance_Checklist__c), and the
 * words, icons and grouping the Stance components show. Pure functions: no wires, no DOM.
 */

import { planCounts, planTitle } from './framework';

export * from './framework';

export const EXPLANATION_SCHEMA = 'stance.explanation';
export const EXPLANATION_VERSION = 1;
/** The classification counts as stale when the account changed this long after it. */
export const STALE_AFTER_MS = 5 * 60 * 1000;

const STANCES = {
  Attack: {
    label: 'Attack',
    icon: 'utility:target',
    badgeClass: 'stance-badge stance-badge_attack',
    meaning: 'Win it from its current supplier',
  },
  Defend: {
    label: 'Defend',
    icon: 'utility:shield',
    badgeClass: 'stance-badge stance-badge_defend',
    meaning: 'Keep it against a competitor',
  },
  Fire: {
    label: 'Fire',
    icon: 'utility:logout',
    badgeClass: 'stance-badge stance-badge_fire',
    meaning: 'End a relationship that no longer fits',
  },
  None: {
    label: 'No stance',
    icon: 'utility:dash',
    badgeClass: 'stance-badge stance-badge_none',
    meaning: 'Outside the strategy',
  },
};

export function stanceVisual(stance) {
  return STANCES[stance] || STANCES.None;
}

const STATES = {
  confirmed: { label: 'Confirmed', icon: 'utility:success' },
  reported: { label: 'Reported', icon: 'utility:record' },
  detected: { label: 'Detected', icon: 'utility:insights' },
  dismissed: { label: 'Dismissed', icon: 'utility:ban' },
  done: { label: 'Done', icon: 'utility:check' },
  open: { label: 'Nothing seen', icon: 'utility:routing_offline' },
};

/** A plan step detection already meets reads as met: nobody needs to mark it done. */
const MET = { label: 'Met', icon: 'utility:check' };

export function stateVisual(state, kind) {
  if (state === 'detected' && kind === 'plan_step') {
    return MET;
  }
  return STATES[state] || STATES.open;
}

const GROUPS = [
  { kind: 'opening', title: 'Openings' },
  { kind: 'threat', title: 'Threats' },
  { kind: 'misalignment', title: 'Misalignments' },
  { kind: 'plan_step', title: 'Plan steps' },
];

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
    throw new Error(`The stored explanation is not valid JSON (${error.message}).`);
  }
  if (!value || value.schema !== EXPLANATION_SCHEMA || value.version !== EXPLANATION_VERSION) {
    throw new Error(
      `The stored explanation has version ${value && value.version} of ${value && value.schema}; ` +
        `this page reads version ${EXPLANATION_VERSION}. Update the Stance package or the sidecar.`,
    );
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

/** "Threat_Count = 2 · Is_Customer = true" */
export function describeFacts(facts) {
  return Object.entries(facts || {})
    .map(([name, value]) => `${name} = ${value === null ? 'none' : value}`)
    .join(' · ');
}

/**
 * Checklist items grouped by kind, in the order a rep works them; empty groups left out. Under
 * Fire (pass the stance) the plan steps are the exit plan.
 */
export function groupChecklist(items, stance) {
  return GROUPS.map((group) => ({
    ...group,
    title: group.kind === 'plan_step' ? planTitle(stance) : group.title,
    items: (items || []).filter((item) => item.kind === group.kind),
  })).filter((group) => group.items.length > 0);
}

/**
 * "1 of 2 plan steps done", or under Fire "2 of 4 exit steps"; null without plan steps. The
 * explanation's planSteps, when it has them, is the count the account fields carry.
 */
export function planProgress(items, stance, planSteps) {
  const { done, total } = planCounts(items, planSteps);
  if (!total) {
    return null;
  }
  return stance === 'Fire' ? `${done} of ${total} exit steps` : `${done} of ${total} plan steps done`;
}

function labelsOf(codes, labels) {
  const names = codes.map((code) => (labels[code] || code).toLowerCase());
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** What would change the stance, in one sentence, or null. */
export function describeNearMiss(explanation, labels = {}) {
  if (!explanation) {
    return null;
  }
  const gap = explanation.atRiskGap;
  if (gap && gap.wouldTip.length > 0) {
    const one = gap.wouldTip.length === 1 ? 'would' : 'would each';
    return `${capitalise(labelsOf(gap.wouldTip, labels))} ${one} put this account at risk.`;
  }
  const near = explanation.nearMiss;
  if (near) {
    const conditions = near.failing.map((part) => part.text).join(' and ');
    return `${stanceVisual(near.stance).label} (rule "${near.label}") if ${conditions}.`;
  }
  return null;
}

function capitalise(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** "2 minutes ago", "in 3 days", "just now". */
export function relativeTime(iso, now = Date.now()) {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) {
    return '';
  }
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) {
    return 'just now';
  }
  const units = [
    ['year', 31536000],
    ['month', 2592000],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const [unit, size] = units.find(([, length]) => abs >= length) || units[units.length - 1];
  const count = Math.max(1, Math.round(abs / size));
  const phrase = `${count} ${unit}${count === 1 ? '' : 's'}`;
  return seconds < 0 ? `${phrase} ago` : `in ${phrase}`;
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

/** Friendly labels of the trigger codes, from the checklist items and the "elsewhere" list. */
export function triggerLabels(explanation) {
  const labels = {};
  if (explanation) {
    [...explanation.checklist, ...explanation.elsewhere].forEach((item) => {
      labels[item.code] = item.label;
    });
  }
  return labels;
}
