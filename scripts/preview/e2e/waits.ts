/**
 * Waiting on what a person sees: the page updates on its own (data loads, change events), so
 * each check waits until it holds or its time is up, then says what the page showed instead.
 */
import type { Locator } from 'playwright-core';

const POLL_MS = 100;

/** The element's text once it matches `expected`; throws with the text it had at the deadline. */
export async function textMatching(locator: Locator, expected: RegExp | string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '(not on the page)';
  for (;;) {
    if ((await locator.count()) > 0) {
      last = ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
      if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${String(locator)} to show ${String(expected)}; it showed "${last}"`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Resolves once `locator` matches no element (e.g. an "at risk" mark that went away). */
export async function gone(locator: Locator, timeoutMs = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'detached', timeout: timeoutMs });
}

/** The texts of every element `locator` matches, once there are `count` of them (or any, without a count). */
export async function textsOf(locator: Locator, timeoutMs = 10_000): Promise<string[]> {
  await locator.first().waitFor({ timeout: timeoutMs });
  return (await locator.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}
