/** SOQL date literals as ranges of days (UTC), for date and datetime fields. */
import { malformedQuery } from '../errors';

const DAY = 86_400_000;

/** [first day, last day] as epoch days, for a literal relative to `now`. */
export function literalDays(literal: string, now: number): [number, number] {
  const today = Math.floor(now / DAY);
  const upper = literal.toUpperCase();
  const fixed: Record<string, [number, number]> = { TODAY: [0, 0], YESTERDAY: [-1, -1], TOMORROW: [1, 1] };
  if (fixed[upper]) return [today + fixed[upper][0], today + fixed[upper][1]];
  const match = /^(LAST_N_DAYS|NEXT_N_DAYS|N_DAYS_AGO):(\d+)$/.exec(upper);
  if (match) {
    const n = Number(match[2]);
    if (match[1] === 'LAST_N_DAYS') return [today - n, today];
    if (match[1] === 'NEXT_N_DAYS') return [today + 1, today + n];
    return [today - n, today - n];
  }
  const date = new Date(now);
  const weekStart = today - date.getUTCDay();
  const monthStart = Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY);
  const nextMonthStart = Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY);
  const lastMonthStart = Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1) / DAY);
  const calendar: Record<string, [number, number]> = {
    THIS_WEEK: [weekStart, weekStart + 6],
    LAST_WEEK: [weekStart - 7, weekStart - 1],
    NEXT_WEEK: [weekStart + 7, weekStart + 13],
    THIS_MONTH: [monthStart, nextMonthStart - 1],
    LAST_MONTH: [lastMonthStart, monthStart - 1],
  };
  if (calendar[upper]) return calendar[upper];
  throw malformedQuery(
    `the date literal ${literal} is not supported by the local org (supported: TODAY, YESTERDAY, TOMORROW, LAST_N_DAYS:n, NEXT_N_DAYS:n, N_DAYS_AGO:n, THIS_WEEK, LAST_WEEK, NEXT_WEEK, THIS_MONTH, LAST_MONTH)`,
  );
}

export const dayStart = (day: number) => new Date(day * DAY).toISOString();
export const dayIso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
