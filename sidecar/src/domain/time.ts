/** Time helpers. The domain never reads the clock: callers pass `now` in epoch milliseconds. */

export const DAY_MS = 86_400_000;

/** The number written by `count` digits at `at`, or NaN when one of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const code = text.charCodeAt(at + i) - 48;
    if (!(code >= 0 && code <= 9)) return NaN;
    value = value * 10 + code;
  }
  return value;
}

/** Days from 1970-01-01 to a civil date (proleptic Gregorian), without allocating a Date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Parses an ISO date or datetime to epoch ms; a bare date is midnight UTC. NaN when absent or
 * invalid. The shapes Salesforce sends (`2026-06-15`, `2026-06-15T12:00:00.000+0000`, `...Z`)
 * take a fast path; anything else falls back to Date.parse.
 */
export function toEpochMs(value: string | null | undefined): number {
  if (!value) return NaN;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    !(month >= 1 && month <= 12 && day >= 1 && day <= 31)
  ) {
    return value.length === 10 ? NaN : Date.parse(value);
  }
  if (day > daysInMonth(year, month)) return NaN;
  const days = daysFromCivil(year, month, day);
  if (value.length === 10) return days * DAY_MS;
  if (value.charCodeAt(10) !== 84 /* T */) return Date.parse(value);
  const hours = digits(value, 11, 2);
  const minutes = digits(value, 14, 2);
  const seconds = digits(value, 17, 2);
  let at = 19;
  let millis = 0;
  if (value.charCodeAt(at) === 46 /* . */) {
    millis = digits(value, 20, 3);
    at = 23;
  }
  // UTC only ('Z', '+0000', '+00:00'), read in place; other zones take Date.parse.
  const zone = value.length - at;
  const utc =
    zone === 1
      ? value.charCodeAt(at) === 90 /* Z */
      : (zone === 5 && value.startsWith('+0000', at)) || (zone === 6 && value.startsWith('+00:00', at));
  if (!utc) return Date.parse(value);
  const ms = days * DAY_MS + hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + millis;
  return hours <= 23 && minutes <= 59 && seconds <= 59 ? ms : NaN;
}

/** Whole days since 1970-01-01 (UTC) for an epoch-ms instant. */
export function epochDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoDateTime(ms: number): string {
  return new Date(ms).toISOString();
}
