/** Turning SOQL literals (as the parser hands them over, quotes included) into values. */
import { epochDay, toEpochMs } from '../time';

export function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, (_, ch: string) => {
    switch (ch) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return ch;
    }
  });
}

/** A date literal as an inclusive range of epoch days, resolved against today. */
export type DayRange = (today: number) => readonly [number, number];

const FIXED_RELATIVE: Record<string, readonly [number, number]> = {
  TODAY: [0, 0],
  YESTERDAY: [-1, -1],
  TOMORROW: [1, 1],
};

const N_LITERALS: Record<string, (n: number) => readonly [number, number]> = {
  LAST_N_DAYS: (n) => [-n, 0],
  NEXT_N_DAYS: (n) => [1, n],
  N_DAYS_AGO: (n) => [-n, -n],
};

export const SUPPORTED_DATE_LITERALS = [
  ...Object.keys(FIXED_RELATIVE),
  ...Object.keys(N_LITERALS).map((k) => `${k}:n`),
];

/** Returns a day range, or an error text naming what is wrong with the literal. */
export function dateRange(literalType: string, value: string): DayRange | string {
  if (literalType === 'DATE' || literalType === 'DATETIME') {
    const valid = literalType === 'DATE' ? isRealDate(value) : isRealDate(value.slice(0, 10));
    const ms = toEpochMs(value);
    if (!valid || Number.isNaN(ms))
      return `${value} is not a real ${literalType === 'DATE' ? 'date' : 'date and time'}`;
    const day = epochDay(ms);
    return () => [day, day];
  }
  const upper = value.toUpperCase();
  if (literalType === 'DATE_LITERAL') {
    const offsets = FIXED_RELATIVE[upper];
    if (!offsets) return `${value} is not supported; use one of ${SUPPORTED_DATE_LITERALS.join(', ')}`;
    return (today) => [today + offsets[0], today + offsets[1]];
  }
  if (literalType === 'DATE_N_LITERAL') {
    const [name, count] = upper.split(':') as [string, string];
    const make = N_LITERALS[name];
    if (!make) return `${name}:n is not supported; use one of ${SUPPORTED_DATE_LITERALS.join(', ')}`;
    const offsets = make(Number(count));
    return (today) => [today + offsets[0], today + offsets[1]];
  }
  return `expected a date, got ${value}`;
}

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.getUTCDate() === Number(match[3]) &&
    date.getUTCMonth() + 1 === Number(match[2])
  );
}
