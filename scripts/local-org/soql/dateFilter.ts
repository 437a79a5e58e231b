/**
 * Comparisons on date and datetime fields: dates are stored as YYYY-MM-DD, datetimes as ISO
 * instants, and a date literal (TODAY, LAST_N_DAYS:7) is a range of days.
 */
import { malformedQuery } from '../errors';
import type { OrgField } from '../schema/orgSchema';
import { dayIso, dayStart, literalDays } from './dates';
import type { Param } from './types';

export function dateSql(
  column: string,
  field: OrgField,
  operator: string,
  types: string[],
  values: string[],
  param: Param,
  now: number,
): string {
  const ranges = values.map((value, index) => {
    const type = types[index] ?? types[0]!;
    if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') return literalDays(value, now);
    if (type === 'DATE' || type === 'DATETIME') {
      if (type === 'DATETIME' && field.type === 'date')
        throw malformedQuery(`value of filter criterion for field '${field.name}' must be of type date`);
      if (type === 'DATETIME') {
        const iso = new Date(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))).toISOString();
        return [iso, iso] as const;
      }
      const day = Math.floor(Date.parse(`${value}T00:00:00Z`) / 86_400_000);
      if (Number.isNaN(day)) throw malformedQuery(`${value} is not a valid date`);
      if (field.type === 'datetime')
        throw malformedQuery(
          `value of filter criterion for field '${field.name}' must be of type dateTime and should not be enclosed in quotes`,
        );
      return [day, day] as [number, number];
    }
    throw malformedQuery(`value of filter criterion for field '${field.name}' must be a date or a date literal`);
  });
  // Bounds as stored: dates as YYYY-MM-DD (inclusive), datetimes as ISO instants ([from, to) for day ranges).
  const bounds = ranges.map(([from, to]) => {
    if (typeof from === 'string') return { from, toExclusive: null as string | null, to: to as string };
    if (field.type === 'date') return { from: dayIso(from), to: dayIso(to as number), toExclusive: null };
    return { from: dayStart(from), toExclusive: dayStart((to as number) + 1), to: null };
  });
  const within = (bound: (typeof bounds)[number]) =>
    bound.toExclusive
      ? `(${column} >= ${param(bound.from)} AND ${column} < ${param(bound.toExclusive)})`
      : `(${column} >= ${param(bound.from)} AND ${column} <= ${param(bound.to)})`;
  const bound = bounds[0]!;
  switch (operator) {
    case '=':
      return within(bound);
    case '!=':
    case '<>':
      return `(NOT ${within(bound)} OR ${column} IS NULL)`;
    case '<':
      return `${column} < ${param(bound.from)}`;
    case '>=':
      return `${column} >= ${param(bound.from)}`;
    case '>':
      return bound.toExclusive ? `${column} >= ${param(bound.toExclusive)}` : `${column} > ${param(bound.to)}`;
    case '<=':
      return bound.toExclusive ? `${column} < ${param(bound.toExclusive)}` : `${column} <= ${param(bound.to)}`;
    case 'IN':
      return `(${bounds.map(within).join(' OR ')})`;
    case 'NOT IN':
      return `(NOT (${bounds.map(within).join(' OR ')}) OR ${column} IS NULL)`;
    default:
      throw malformedQuery(`the local org does not support ${operator} on dates`);
  }
}
