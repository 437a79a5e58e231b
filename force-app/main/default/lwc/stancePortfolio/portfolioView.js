import currency from '@salesforce/i18n/currency';
import locale from '@salesforce/i18n/locale';
import { STANCES } from './portfolioModel';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-11-23' as '23 Nov'. */
export function dayLabel(day) {
  if (!day) return '';
  const [, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[month - 1]}`;
}

export function numberText(value) {
  return new Intl.NumberFormat(locale).format(value || 0);
}

export function moneyText(value) {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value || 0);
  } catch {
    return numberText(Math.round(value || 0));
  }
}

/**
 * The change against last week, as an arrow and a number that say it without colour:
 * ▲2 ("up 2 since last week"), ▼1, or "no change". Null without a snapshot to compare with.
 */
export function deltaOf(now, before) {
  if (before === null || before === undefined) return null;
  const change = now - before;
  if (change === 0) return { symbol: '=', text: '0', assistive: 'no change since last week', className: 'delta' };
  const up = change > 0;
  return {
    symbol: up ? '▲' : '▼',
    text: numberText(Math.abs(change)),
    assistive: `${up ? 'up' : 'down'} ${numberText(Math.abs(change))} since last week`,
    className: `delta ${up ? 'delta_up' : 'delta_down'}`,
  };
}

export function plural(count, one, many) {
  return `${numberText(count)} ${count === 1 ? one : many}`;
}

/** "4 deals, 14 cases" (what of them there is), or "none". */
export function effortText(counts) {
  const parts = [];
  if (counts.offStrategyDeals > 0) parts.push(plural(counts.offStrategyDeals, 'deal', 'deals'));
  if (counts.offStrategyCases > 0) parts.push(plural(counts.offStrategyCases, 'case', 'cases'));
  return parts.length ? parts.join(', ') : 'none';
}

/**
 * Stacked bars, one per week, each as tall as its total against the tallest week, with each
 * stance's share as a segment; the same numbers go to the table that screen readers read.
 */
export function trendBars(weeks) {
  const tallest = Math.max(
    1,
    ...weeks.map((week) => (week.counts ? STANCES.reduce((sum, s) => sum + week.counts[s], 0) : 0)),
  );
  return weeks.map((week) => {
    const label = dayLabel(week.week);
    if (!week.counts) {
      return {
        key: week.week,
        label,
        empty: true,
        barStyle: 'height: 0%',
        segments: [],
        cells: STANCES.map((s) => ({ key: s, text: '–' })),
        total: '–',
      };
    }
    const total = STANCES.reduce((sum, stance) => sum + week.counts[stance], 0);
    return {
      key: week.week,
      label,
      empty: false,
      barStyle: `height: ${((100 * total) / tallest).toFixed(1)}%`,
      segments: STANCES.filter((stance) => week.counts[stance] > 0).map((stance) => ({
        key: stance,
        className: `portfolio-segment portfolio-stance_${stance.toLowerCase()}`,
        style: `flex-grow: ${week.counts[stance]}`,
        title: `${stance} ${numberText(week.counts[stance])}`,
      })),
      cells: STANCES.map((stance) => ({ key: stance, text: numberText(week.counts[stance]) })),
      total: numberText(total),
    };
  });
}

/**
 * One row per owner with accounts now or a snapshot, the user first, then by name: the counts
 * now, exit steps and effort outside the strategy. A manager without accounts of their own has no row.
 */
export function ownerRows(ownerIds, mixByOwner, names, userId, snapshotOwners) {
  return ownerIds
    .filter((id) => mixByOwner.has(id) || snapshotOwners.has(id))
    .map((id) => {
      const counts = mixByOwner.get(id) || {};
      const name = names.get(id) || id;
      return {
        id,
        name: id === userId ? `${name} (you)` : name,
        sortKey: `${id === userId ? 0 : 1}${name}`,
        attack: numberText(counts.Attack),
        defend: numberText(counts.Defend),
        atRisk: numberText(counts.atRisk),
        fire: numberText(counts.Fire),
        none: numberText(counts.None),
        exitSteps: counts.exitSteps ? `${numberText(counts.exitStepsDone)} of ${numberText(counts.exitSteps)}` : '–',
        effort: counts.total === undefined ? 'none' : effortText(counts),
      };
    })
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
}
