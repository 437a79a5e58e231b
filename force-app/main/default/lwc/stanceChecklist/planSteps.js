/**
 * What marking a plan step done asks for, and what a checklist line says besides its state:
 * the transition's last day on the exit plan, the levers of the value proposition, the
 * competitor a signal names, the departments that report. Pure: no wires, no DOM.
 */
import {
  CUSTOMER_TOLD,
  MONITORING_COVERAGE,
  VALUE_PROPOSITION,
  describeCoverage,
  formatDay,
  leverLabels,
} from 'c/stanceModel';

export const STEP_MESSAGES = {
  transitionLabel: 'Last day of the transition period',
  transitionMissing: 'Give the last day you will serve them, so the team can plan the hand-over.',
  transitionPast: 'The transition period cannot end in the past.',
  leversLabel: 'Which levers does the offer pull?',
  leversMissing: 'Choose at least one lever: technical solution, price or service.',
  leversFailed: 'We could not load the value levers.',
};

/**
 * What the rep is asked before a step is marked done, or null when one click does it:
 * EXIT_CUSTOMER_TOLD always asks for the transition's last day (the step's point); the value
 * proposition asks for its levers when the user may set them.
 */
export function stepQuestion(item, mayChooseLevers) {
  if (item.code === CUSTOMER_TOLD) {
    return { asksDate: true, asksLevers: false };
  }
  if (item.code === VALUE_PROPOSITION && mayChooseLevers) {
    return { asksDate: false, asksLevers: true };
  }
  return null;
}

/** Why a transition end is not acceptable ('' when it is): required, not before today. */
export function transitionProblem(value, today) {
  if (!value) {
    return STEP_MESSAGES.transitionMissing;
  }
  return value < today ? STEP_MESSAGES.transitionPast : '';
}

/** The lines under a checklist item besides who and when. */
export function itemNotes(item, { leverOptions = [], locale, coverage } = {}) {
  const signal = item.signal || {};
  const notes = [];
  if (signal.competitor) {
    notes.push({ id: 'competitor', text: `Competitor: ${signal.competitor}` });
  }
  const levers = leverLabels(signal.levers, leverOptions);
  if (levers.length > 0) {
    notes.push({ id: 'levers', text: `Levers: ${levers.join(', ')}` });
  }
  if (signal.transitionUntil) {
    notes.push({ id: 'transition', text: `Transition until ${formatDay(signal.transitionUntil, locale)}` });
  }
  if (item.code === MONITORING_COVERAGE) {
    const text = describeCoverage(coverage);
    if (text) {
      notes.push({ id: 'coverage', text });
    }
  }
  return notes;
}
