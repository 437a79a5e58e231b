/**
 * The whole demo for a browser test: npm start's stack on free ports (the local org with the demo
 * firm, the sidecar, the preview), Chromium, and the org's admin token for reading what the pages
 * must agree with. People open pages in their own browser contexts, as on their own machines.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULTS } from '../../local-org/org';
import { startStack } from '../../start/stack';
import type { Stack } from '../../start/stack';
import { signIn } from '../../testing/signIn';
import { launchChromium } from './browser';

export const SCREENSHOTS = join(__dirname, '../../../test-results/e2e');

export class DemoSession {
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    readonly stack: Stack,
    readonly browser: Browser,
    readonly adminToken: string,
  ) {}

  static async start(): Promise<DemoSession> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const stack = await startStack({
      orgPort: 0,
      sidecarPort: 0,
      previewPort: 0,
      sidecar: { coalesceMs: 200 },
      environment: { ...process.env, LOG_LEVEL: 'warn' },
    });
    const browser = await launchChromium();
    const adminToken = (await signIn(stack.org, DEFAULTS.username)).accessToken!;
    return new DemoSession(stack, browser, adminToken);
  }

  /** A SOQL query as the org's admin, through its REST API: what the pages must agree with. */
  async query<T>(soql: string): Promise<T[]> {
    const response = await fetch(`${this.stack.org.url}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, {
      headers: { Authorization: `Bearer ${this.adminToken}` },
    });
    if (!response.ok) throw new Error(`${soql}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { records: T[] }).records;
  }

  /** A page signed in as a demo person (dana, sam, max ...), opened at `path`; `prepare` sees it first. */
  async openAs(person: string, path: string, prepare?: (page: Page) => void): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1366, height: 1000 } });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error (${person}): ${error.message}`));
    prepare?.(page);
    await page.goto(`${this.stack.preview.url}/preview/as/${person}?next=${encodeURIComponent(path)}`);
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
    await this.stack.stop();
  }
}
