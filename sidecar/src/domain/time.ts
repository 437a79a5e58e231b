/** Time helpers. The domain never reads the clock: callers pass `now` in epoch milliseconds. */

export const DAY_MS = 86_400_000;

/** Parses an ISO date or datetime to epoch ms; a bare date is midnight UTC. NaN when absent or invalid. */
export function toEpochMs(value: string | null | undefined): number {
  if (!value) return NaN;
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
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
