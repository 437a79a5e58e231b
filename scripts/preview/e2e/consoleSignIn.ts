/**
 * Signing in to the Stance console as a person would: the console's "Sign in with Salesforce",
 * the org's own sign-in page (the local org's, as Salesforce's: Username, Password, Log In), and
 * back to the console with its session cookie. Each person signs in in their own browser context.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULTS } from '../../local-org/org';

export interface ConsoleVisit {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** Called on the console's sign-in page, then on the org's, before the person goes on. */
export type OnSignInPage = (page: Page, which: 'console-sign-in' | 'org-sign-in') => Promise<void>;

/** A fresh browser context that opened the console and signed in as `username` at the org. */
export async function signInToConsole(
  browser: Browser,
  consoleUrl: string,
  username: string,
  onPage: OnSignInPage = async () => undefined,
): Promise<ConsoleVisit> {
  // bypassCSP: the accessibility check injects axe, which the console's script-src 'self' forbids.
  const context = await browser.newContext({ viewport: { width: 1366, height: 1000 }, bypassCSP: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`console page error (${username}): ${error.message}`));
  await page.goto(consoleUrl);
  const signIn = page.getByRole('link', { name: 'Sign in with Salesforce' });
  await signIn.waitFor();
  await onPage(page, 'console-sign-in');
  await signIn.click();
  // The org's page, on the org's address: the console never sees the password.
  await page.getByLabel('Username').waitFor();
  if (page.url().startsWith(consoleUrl)) throw new Error(`the sign-in page is the console's (${page.url()})`);
  await onPage(page, 'org-sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEFAULTS.password);
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(consoleUrl), { timeout: 20_000 }),
    page.getByRole('button', { name: 'Log In' }).click(),
  ]);
  return { context, page };
}
