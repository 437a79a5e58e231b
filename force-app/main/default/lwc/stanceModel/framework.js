/**
 * The words for what the framework adds to the explanation (schema stance.explanation v1,
 * optional parts): the exit plan, value levers, monitoring coverage, active competitors and
 * effort spent off-strategy. Pure functions: no wires, no DOM. A document without these parts
 * (written by an older sidecar) gives null everywhere, and the components show what they did.
 */

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
  label: 'Effort on accounts to fire',
  url: '/lightning/o/Account/list?filterName=Stance_Effort_On_Fire',
};

/** The heading of a stance's plan steps: under Fire they are the exit plan. */
export function planTitle(stance) {
  return stance === 'Fire' ? 'Exit plan' : 'Plan steps';
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

function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** "A, B and C" */
export function listOf(names) {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
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
  const window = `in the last ${coverage.lookbackDays} days`;
  const parts = [reported.length > 0 ? `Reported ${window}: ${reported.join(', ')}.` : `Nobody reported ${window}.`];
  if (silent.size > 0) {
    parts.push(`Silent: ${[...silent].join(', ')}.`);
  }
  return parts.join(' ');
}

/** "Cacao Nova (2 signals), Valdor Ingredients (lost deal)"; null when no competitor is active. */
export function describeCompetitors(competitors) {
  if (!Array.isArray(competitors) || competitors.length === 0) {
    return null;
  }
  return competitors
    .map((entry) => {
      const seen = [];
      if (entry.signals > 0) {
        seen.push(plural(entry.signals, 'signal'));
      }
      if (entry.lostDeals === 1) {
        seen.push('lost deal');
      } else if (entry.lostDeals > 1) {
        seen.push(plural(entry.lostDeals, 'lost deal'));
      }
      return seen.length > 0 ? `${entry.name} (${seen.join(', ')})` : entry.name;
    })
    .join(', ');
}

/** An amount in the user's currency and locale, short: "€180k", "1,8 Mio. €". */
export function formatMoney(amount, { locale, currency } = {}) {
  try {
    return new Intl.NumberFormat(locale || undefined, {
      style: 'currency',
      currency: currency || 'USD',
      notation: 'compact',
    }).format(amount);
  } catch {
    return String(amount);
  }
}

/** A calendar date (YYYY-MM-DD) in the user's locale: "31 Mar 2027". */
export function formatDay(isoDay, locale) {
  const at = Date.parse(`${isoDay}T00:00:00Z`);
  if (!isoDay || Number.isNaN(at)) {
    return isoDay || '';
  }
  try {
    return new Intl.DateTimeFormat(locale || undefined, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(at);
  } catch {
    return isoDay;
  }
}

/** Today in the user's browser, as a Date field wants it (YYYY-MM-DD). */
export function localDay(now = new Date()) {
  const pad = (value) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The effort still spent on an account outside the strategy, in one sentence: "3 open deals
 * (€180k), 5 cases in 90 days on an account outside the strategy." Null unless the stance in
 * force is Fire or None and the explanation says the effort is off-strategy.
 */
export function describeEffort(effort, stance, format = {}) {
  if (!effort || !effort.offStrategy || (stance !== 'Fire' && stance !== 'None')) {
    return null;
  }
  const parts = [];
  if (effort.openDeals > 0) {
    const pipeline = effort.openPipeline > 0 ? ` (${formatMoney(effort.openPipeline, format)})` : '';
    parts.push(`${plural(effort.openDeals, 'open deal')}${pipeline}`);
  }
  if (effort.recentCases > 0) {
    const open = effort.openCases > 0 ? ` (${effort.openCases} still open)` : '';
    parts.push(`${plural(effort.recentCases, 'case')} in ${effort.lookbackDays} days${open}`);
  } else if (effort.openCases > 0) {
    parts.push(plural(effort.openCases, 'open case'));
  }
  if (effort.recentActivity) {
    parts.push(
      effort.lastActivityDate ? `activity on ${formatDay(effort.lastActivityDate, format.locale)}` : 'recent activity',
    );
  }
  return parts.length > 0 ? `${listOf(parts)} on an account outside the strategy.` : null;
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
