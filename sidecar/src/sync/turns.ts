/**
 * Work over every account (a simulation, a full recompute) is done in slices, with a turn of
 * the event loop between two: health checks, timers and change events are served while it runs,
 * where one pass over 5,000 accounts held them for over a second.
 */

/** Accounts classified between two turns: a few milliseconds of work. */
export const ACCOUNTS_PER_TURN = 20;

/** Resolves on the next turn of the event loop, after pending I/O (requests) has been served. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The items in slices of `size`, with a turn of the event loop before each slice after the first. */
export async function* inTurns<T>(items: readonly T[], size = ACCOUNTS_PER_TURN): AsyncGenerator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await nextTurn();
    yield items.slice(start, start + size);
  }
}
