import { formatDate, formatLabel, formatNumber, listOf, plural, userLocale } from 'c/stanceI18n';
import { STANCES } from './portfolioModel';
import { stanceName } from 'c/stanceModel';
import { LABELS } from './portfolioLabels';

const NO_VALUE = '–'; // i18n-exempt: a dash for "no number", the same in every language

/**
 * '2026-11-23' as the locale writes a day of the year: short under the trend's bars ("Nov 23",
 * "23. Nov."), long inside a sentence ("November 23", "23. November"), where a short German
 * month's period would meet the sentence's own.
 */
export function dayLabel(day, month = 'short') {
  return day ? formatDate(day, { day: 'numeric', month }) : '';
}

export function numberText(value) {
  return formatNumber(value || 0);
}

/** An amount in the user's currency and locale, in whole units: "$210,000", "210.000 €". */
export function moneyText(value) {
  return formatNumber(value || 0, {
    style: 'currency',
    currency: userLocale.currency || 'USD', // i18n-exempt: ISO currency code when the org gives none
    maximumFractionDigits: 0,
  });
}

/**
 * The change against last week, as an arrow and a number that say it without colour:
 * ▲2 ("up 2 since last week"), ▼1, or "no change". Null without a snapshot to compare with.
 */
export function deltaOf(now, before) {
  if (before === null || before === undefined) return null;
  const change = now - before;
  if (change === 0) return { symbol: '=', text: numberText(0), assistive: LABELS.noChange, className: 'delta' };
  const up = change > 0;
  return {
    symbol: up ? '▲' : '▼',
    text: numberText(Math.abs(change)),
    assistive: formatLabel(up ? LABELS.up : LABELS.down, numberText(Math.abs(change))),
    className: `delta ${up ? 'delta_up' : 'delta_down'}`, // i18n-exempt: CSS classes
  };
}

/** "4 deals and 4 cases" (what of them there is), or "none". */
export function effortText(counts) {
  const parts = [];
  if (counts.offStrategyDeals > 0) parts.push(plural(counts.offStrategyDeals, LABELS.dealsOne, LABELS.dealsOther));
  if (counts.offStrategyCases > 0) parts.push(plural(counts.offStrategyCases, LABELS.casesOne, LABELS.casesOther));
  return parts.length ? listOf(parts) : LABELS.effortNone;
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
        barStyle: 'height: 0%', // i18n-exempt: CSS
        segments: [],
        cells: STANCES.map((s) => ({ key: s, text: NO_VALUE })),
        total: NO_VALUE,
      };
    }
    const total = STANCES.reduce((sum, stance) => sum + week.counts[stance], 0);
    return {
      key: week.week,
      label,
      empty: false,
      barStyle: `height: ${((100 * total) / tallest).toFixed(1)}%`, // i18n-exempt: CSS
      segments: STANCES.filter((stance) => week.counts[stance] > 0).map((stance) => ({
        key: stance,
        className: `portfolio-segment portfolio-stance_${stance.toLowerCase()}`, // i18n-exempt: CSS classes
        style: `flex-grow: ${week.counts[stance]}`, // i18n-exempt: CSS
        title: formatLabel(LABELS.namedCount, stanceName(stance), numberText(week.counts[stance])),
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
        name: id === userId ? formatLabel(LABELS.you, name) : name,
        sortKey: `${id === userId ? 0 : 1}${name}`,
        attack: numberText(counts.Attack),
        defend: numberText(counts.Defend),
        atRisk: numberText(counts.atRisk),
        fire: numberText(counts.Fire),
        none: numberText(counts.None),
        exitSteps: counts.exitSteps
          ? formatLabel(LABELS.of, numberText(counts.exitStepsDone), numberText(counts.exitSteps))
          : NO_VALUE,
        effort: counts.total === undefined ? LABELS.effortNone : effortText(counts),
      };
    })
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
}
