/**
 * The words for what the framework adds to the explanation (schema stance.explanation v1,
 * optional parts): the exit plan, value levers, monitoring coverage, active competitors and
 * effort spent off-strategy. Pure functions: no wires, no DOM. A document without these parts
 * (written by an older sidecar) gives null everywhere, and the components show what they did.
 * Words are custom labels; counts, lists, money and dates go through c/stanceI18n.
 */
import { formatDate, formatLabel, formatMoney, formatNumber, listOf, plural } from 'c/stanceI18n';
import EXIT_PLAN from '@salesforce/label/c.Stance_Group_Exit_Plan';
import PLAN_STEPS from '@salesforce/label/c.Stance_Group_Plan_Steps';
import COVERAGE_REPORTED_ONE from '@salesforce/label/c.Stance_Group_Coverage_Reported_One';
import COVERAGE_REPORTED_OTHER from '@salesforce/label/c.Stance_Group_Coverage_Reported_Other';
import COVERAGE_NOBODY_ONE from '@salesforce/label/c.Stance_Group_Coverage_Nobody_One';
import COVERAGE_NOBODY_OTHER from '@salesforce/label/c.Stance_Group_Coverage_Nobody_Other';
import COVERAGE_SILENT from '@salesforce/label/c.Stance_Group_Coverage_Silent';
import SIGNALS_ONE from '@salesforce/label/c.Stance_Group_Competitor_Signals_One';
import SIGNALS_OTHER from '@salesforce/label/c.Stance_Group_Competitor_Signals_Other';
import LOST_DEAL from '@salesforce/label/c.Stance_Group_Competitor_Lost_Deal';
import LOST_DEALS_ONE from '@salesforce/label/c.Stance_Group_Competitor_Lost_Deals_One';
import LOST_DEALS_OTHER from '@salesforce/label/c.Stance_Group_Competitor_Lost_Deals_Other';
import WITH_DETAIL from '@salesforce/label/c.Stance_Common_With_Detail';
import OPEN_DEALS_ONE from '@salesforce/label/c.Stance_Panel_Effort_Open_Deals_One';
import OPEN_DEALS_OTHER from '@salesforce/label/c.Stance_Panel_Effort_Open_Deals_Other';
import CASES_ONE from '@salesforce/label/c.Stance_Panel_Effort_Cases_One';
import CASES_OTHER from '@salesforce/label/c.Stance_Panel_Effort_Cases_Other';
import STILL_OPEN from '@salesforce/label/c.Stance_Panel_Effort_Still_Open';
import OPEN_CASES_ONE from '@salesforce/label/c.Stance_Panel_Effort_Open_Cases_One';
import OPEN_CASES_OTHER from '@salesforce/label/c.Stance_Panel_Effort_Open_Cases_Other';
import ACTIVITY_ON from '@salesforce/label/c.Stance_Panel_Effort_Activity_On';
import RECENT_ACTIVITY from '@salesforce/label/c.Stance_Panel_Effort_Recent_Activity';
import EFFORT_SENTENCE from '@salesforce/label/c.Stance_Panel_Effort_Sentence';
import EFFORT_LIST_VIEW_LABEL from '@salesforce/label/c.Stance_Panel_Effort_List_View';

/** The Fire plan steps, in the order the exit is worked. */
export const EXIT_PLAN_CODES = ['EXIT_DECISION', 'EXIT_CUSTOMER_TOLD', 'EXIT_HANDOVER', 'EXIT_EFFORT_MOVED'];

/** The plan step that records the levers of the superior offer. */
export const VALUE_PROPOSITION = 'VALUE_PROPOSITION';
/** The exit step done with the last day of the transition period. */
export const CUSTOMER_TOLD = 'EXIT_CUSTOMER_TOLD';
/** The plan step whose line names the departments that report and those that are silent. */
export const MONITORING_COVERAGE = 'MONITORING_COVERAGE';
/** The trigger a competitor is named on. */
export const COMPETITOR_APPROACH = 'COMPETITOR_APPROACH';

/** The list view of Fire accounts that still take effort (Account.Stance_Effort_On_Fire). */
export const EFFORT_LIST_VIEW = {
  label: EFFORT_LIST_VIEW_LABEL,
  url: '/lightning/o/Account/list?filterName=Stance_Effort_On_Fire',
};

/** The heading of a stance's plan steps: under Fire they are the exit plan. */
export function planTitle(stance) {
  return stance === 'Fire' ? EXIT_PLAN : PLAN_STEPS;
}

/** Done and total plan steps: the explanation's own count when it has one, else counted from the list. */
export function planCounts(items, planSteps) {
  if (planSteps && Number.isFinite(planSteps.total)) {
    return { done: planSteps.done, total: planSteps.total };
  }
  const steps = (items || []).filter((item) => item.kind === 'plan_step');
  const done = steps.filter((item) => item.state === 'done' || item.state === 'detected').length;
  return { done, total: steps.length };
}

/** "A, B, C": names side by side, as the user's language lists units. */
function series(names) {
  return listOf(names, 'unit');
}

/**
 * "Reported in the last 90 days: Customer Support, Technical. Silent: Logistics." Silent
 * departments are named, never only counted. Null when the strategy monitors no department.
 */
export function describeCoverage(coverage) {
  if (!coverage || !Array.isArray(coverage.departments) || coverage.departments.length === 0) {
    return null;
  }
  const silent = new Set(coverage.silent || []);
  const reported = coverage.departments.map((entry) => entry.name).filter((name) => !silent.has(name));
  const days = coverage.lookbackDays;
  const parts = [
    reported.length > 0
      ? plural(days, COVERAGE_REPORTED_ONE, COVERAGE_REPORTED_OTHER, series(reported))
      : plural(days, COVERAGE_NOBODY_ONE, COVERAGE_NOBODY_OTHER),
  ];
  if (silent.size > 0) {
    parts.push(formatLabel(COVERAGE_SILENT, series([...silent])));
  }
  return parts.join(' ');
}

/** "Cacao Nova (2 signals), Valdor Ingredients (lost deal)"; null when no competitor is active. */
export function describeCompetitors(competitors) {
  if (!Array.isArray(competitors) || competitors.length === 0) {
    return null;
  }
  const named = competitors.map((entry) => {
    const seen = [];
    if (entry.signals > 0) {
      seen.push(plural(entry.signals, SIGNALS_ONE, SIGNALS_OTHER));
    }
    if (entry.lostDeals === 1) {
      seen.push(LOST_DEAL);
    } else if (entry.lostDeals > 1) {
      seen.push(plural(entry.lostDeals, LOST_DEALS_ONE, LOST_DEALS_OTHER));
    }
    return seen.length > 0 ? formatLabel(WITH_DETAIL, entry.name, series(seen)) : entry.name;
  });
  return series(named);
}

/**
 * The effort still spent on an account outside the strategy, in one sentence: "3 open deals
 * (€180k), 5 cases in 90 days on an account outside the strategy." Null unless the stance in
 * force is Fire or None and the explanation says the effort is off-strategy.
 */
export function describeEffort(effort, stance) {
  if (!effort || !effort.offStrategy || (stance !== 'Fire' && stance !== 'None')) {
    return null;
  }
  const parts = [];
  if (effort.openDeals > 0) {
    const deals = plural(effort.openDeals, OPEN_DEALS_ONE, OPEN_DEALS_OTHER);
    parts.push(
      effort.openPipeline > 0
        ? formatLabel(WITH_DETAIL, deals, formatMoney(effort.openPipeline, { compact: true }))
        : deals,
    );
  }
  if (effort.recentCases > 0) {
    const cases = plural(effort.recentCases, CASES_ONE, CASES_OTHER, formatNumber(effort.lookbackDays));
    const open = formatLabel(STILL_OPEN, formatNumber(effort.openCases));
    parts.push(effort.openCases > 0 ? formatLabel(WITH_DETAIL, cases, open) : cases);
  } else if (effort.openCases > 0) {
    parts.push(plural(effort.openCases, OPEN_CASES_ONE, OPEN_CASES_OTHER));
  }
  if (effort.recentActivity) {
    parts.push(
      effort.lastActivityDate ? formatLabel(ACTIVITY_ON, formatDate(effort.lastActivityDate)) : RECENT_ACTIVITY,
    );
  }
  return parts.length > 0 ? formatLabel(EFFORT_SENTENCE, listOf(parts)) : null;
}

/** The labels of stored levers ("Technical;Service" or ['Technical', 'Service']), from the picklist when known. */
export function leverLabels(levers, options = []) {
  const values = Array.isArray(levers) ? levers : String(levers || '').split(';');
  const labels = new Map(options.map((option) => [option.value, option.label]));
  return values.filter(Boolean).map((value) => labels.get(value) || value);
}

/** The levers chosen, in the picklist's order, as a multi-select picklist stores them ("Technical;Service"). */
export function leverValue(chosen, options) {
  const picked = new Set(chosen || []);
  return options
    .map((option) => option.value)
    .filter((value) => picked.has(value))
    .join(';');
}
