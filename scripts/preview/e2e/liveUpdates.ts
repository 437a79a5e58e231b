/**
 * Knowing a page listens before changing what it shows: a record page learns of a new stance from
 * the org's streaming API, so a test waits until the org has confirmed the page's subscription
 * before it makes the change the page must show.
 */
import type { Page } from 'playwright-core';

const subscriptions = new WeakMap<Page, string[]>();

/** Notes each subscription the org confirms to the page (call before the page loads). */
export function noteSubscriptions(page: Page): void {
  page.on('response', (response) => {
    if (!response.url().includes('/cometd/')) return;
    response
      .json()
      .then((replies: Array<{ channel: string; subscription?: string; successful?: boolean }>) => {
        for (const reply of replies) {
          if (reply.channel === '/meta/subscribe' && reply.successful && reply.subscription) {
            subscriptions.set(page, [...(subscriptions.get(page) ?? []), reply.subscription]);
          }
        }
      })
      .catch(() => undefined);
  });
}

/** Resolves once the org has confirmed the page's subscription to `channel`. */
export async function subscribed(page: Page, channel: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(subscriptions.get(page) ?? []).includes(channel)) {
    if (Date.now() > deadline) throw new Error(`the page at ${page.url()} never subscribed to ${channel}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
