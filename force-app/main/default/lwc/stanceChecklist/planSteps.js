/**
 * What marking a plan step done asks for, and what a checklist line says besides its state:
 * the transition's last day on the exit plan, the levers of the value proposition, the
 * competitor a signal names, the departments that report. Pure: no wires, no DOM.
 */
import SIGNAL_STATUS from '@salesforce/schema/Stance_Signal__c.Status__c';
import SIGNAL_VALUE_LEVERS from '@salesforce/schema/Stance_Signal__c.Value_Levers__c';
import { CUSTOMER_TOLD, MONITORING_COVERAGE, VALUE_PROPOSITION, describeCoverage, leverLabels } from 'c/stanceModel';
import { mayCreate, mayUpdate } from 'c/stanceAccess';
import { formatDate, formatLabel, listOf } from 'c/stanceI18n';
import { LABELS } from './labels';
import { CREATED_FIELDS } from './checklistView';

/** The step form's words. */
export const STEP_MESSAGES = {
  transitionLabel: LABELS.transitionLabel,
  transitionMissing: LABELS.transitionMissing,
  transitionPast: LABELS.transitionPast,
  leversLabel: LABELS.leversQuestion,
  leversFailed: LABELS.leversFailed,
  dealsFailed: LABELS.dealsFailed,
  dealsLoading: LABELS.dealsLoading,
};

/** "Choose at least one lever: Technical solution, Price, or Service." with the org's levers. */
export function leversMissing(leverOptions = []) {
  return formatLabel(
    LABELS.leversMissing,
    listOf(
      leverOptions.map((option) => option.label),
      'disjunction',
    ),
  );
}

/**
 * What the rep is asked before a step is marked done, or null when one click does it:
 * EXIT_CUSTOMER_TOLD always asks for the transition's last day (the step's point); the value
 * proposition asks for its levers when the user may set them.
 */
export function stepQuestion(item, leversAllowed) {
  if (item.code === CUSTOMER_TOLD) {
    return { asksDate: true, asksLevers: false };
  }
  if (item.code === VALUE_PROPOSITION && leversAllowed) {
    return { asksDate: false, asksLevers: true };
  }
  return null;
}

/**
 * Whether the rep is asked for the levers: they may record them on this step's signal
 * (field-level security), and the org has levers to offer (an org whose value set is empty
 * would leave the question unanswerable).
 */
export function mayChooseLevers(item, info, leverValues) {
  const values = leverValues && leverValues.data && leverValues.data.values;
  if (values && values.length === 0) {
    return false;
  }
  return item.signal
    ? mayUpdate(info, [SIGNAL_STATUS, SIGNAL_VALUE_LEVERS])
    : mayCreate(info, [...CREATED_FIELDS, SIGNAL_STATUS, SIGNAL_VALUE_LEVERS]);
}

/** Why a transition end is not acceptable ('' when it is): required, not before today. */
export function transitionProblem(value, today) {
  if (!value) {
    return STEP_MESSAGES.transitionMissing;
  }
  return value < today ? STEP_MESSAGES.transitionPast : '';
}

/**
 * Coverage with the departments named by their Source__c picklist labels (the explanation
 * stores the values).
 */
export function labelledCoverage(coverage, sourceLabel = (value) => value) {
  if (!coverage || !Array.isArray(coverage.departments)) {
    return coverage;
  }
  return {
    ...coverage,
    departments: coverage.departments.map((entry) => ({ ...entry, name: sourceLabel(entry.name) })),
    silent: (coverage.silent || []).map(sourceLabel),
  };
}

/**
 * The lines under a checklist item besides who and when; picklist values (competitor, levers,
 * departments) by their labels, the transition's day in the user's locale.
 */
export function itemNotes(item, { leverOptions = [], coverage, competitorLabel = (value) => value } = {}) {
  const signal = item.signal || {};
  const notes = [];
  if (signal.competitor) {
    notes.push({ id: 'competitor', text: formatLabel(LABELS.competitor, competitorLabel(signal.competitor)) });
  }
  const levers = leverLabels(signal.levers, leverOptions);
  if (levers.length > 0) {
    notes.push({ id: 'levers', text: formatLabel(LABELS.levers, listOf(levers)) });
  }
  if (signal.transitionUntil) {
    notes.push({ id: 'transition', text: formatLabel(LABELS.transitionUntil, formatDate(signal.transitionUntil)) });
  }
  if (item.code === MONITORING_COVERAGE) {
    const text = describeCoverage(coverage);
    if (text) {
      notes.push({ id: 'coverage', text });
    }
  }
  return notes;
}
