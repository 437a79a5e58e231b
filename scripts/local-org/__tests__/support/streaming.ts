/**
 * Waiting on a streaming client by what it is told, never by the clock: a subscription the org
 * has acknowledged (events after it are the client's), and a condition polled up to a deadline
 * generous enough for a loaded machine (a fast machine never waits it out).
 */

/** Resolves once the org acknowledged the subscription (faye's Subscription is thenable). */
export function subscribed(subscription: unknown): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    (subscription as PromiseLike<unknown>).then(
      () => resolve(),
      (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

/** Polls check every 25 ms until it holds; fails naming what it waited for once timeoutMs ran out. */
export async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
