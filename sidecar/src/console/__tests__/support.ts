/** What the console's tests share: the shipped rules, a local org with a sidecar, a browser's sign-in. */
import { join } from 'node:path';
import pino from 'pino';
import type { Level } from 'pino';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { readProjectMetadata } from '../../../../scripts/metadata/reader';
import { stanceMetadataRecords } from '../../../../scripts/metadata/stanceConfig';
import { freePort } from '../../../../scripts/testing/ports';
import type { MetadataRecords } from '../../domain';
import { startSidecar } from '../../sidecar';
import type { RunningSidecar } from '../../sidecar';
import { sidecarConfig } from '../../sync/__tests__/support/harness';

const PROJECT_ROOT = join(__dirname, '../../../..');

export interface ConsoleStack {
  readonly org: RunningOrg;
  readonly sidecar: RunningSidecar;
  close(): Promise<void>;
}

/**
 * The demo firm's local org and a sidecar serving the console at a port known before the org
 * starts, so the org's built-in External Client App (stance-console) lists its callback.
 */
export async function startConsoleStack(options: { logLevel?: Level | 'silent' } = {}): Promise<ConsoleStack> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const org = await startLocalOrg({
    seed: 'demo',
    clientApps: [
      { name: 'Stance Console', clientId: 'stance-console', callbackUrls: [`${publicUrl}/console/oauth/callback`] },
    ],
  });
  const sidecar = await startSidecar(
    sidecarConfig(org, { port, console: { clientId: 'stance-console', publicUrl, loginUrl: org.url } }),
    { logger: pino({ level: options.logLevel ?? 'silent' }) },
  ).catch(async (error: unknown) => {
    await org.close();
    throw error;
  });
  return {
    org,
    sidecar,
    close: async () => {
      await sidecar.stop();
      await org.close();
    },
  };
}

/** The shipped rule records (force-app), as the org holds them after a deploy. */
export function shippedRecords(): MetadataRecords {
  return stanceMetadataRecords(readProjectMetadata(join(PROJECT_ROOT, 'force-app/main/default'), PROJECT_ROOT));
}

export interface ConsoleSignIn {
  /** Where the console sent the browser at the end: /console/ or /console/?refused=1. */
  readonly landedOn: string;
  /** The Set-Cookie values of the callback's answer. */
  readonly setCookies: readonly string[];
  /** The Cookie header a browser would send to /console from then on. */
  readonly cookie: string;
}

const cookiePairs = (setCookies: readonly string[]) =>
  setCookies.map((value) => value.split(';')[0]!).filter((pair) => !/=$/.test(pair));

/**
 * A browser's sign-in, over HTTP: /console/oauth/start, the org's sign-in page (its form read,
 * the username and password filled in, posted), back to the console's callback with the code.
 */
export async function signInToConsole(sidecarUrl: string, username: string, password: string): Promise<ConsoleSignIn> {
  const start = await fetch(`${sidecarUrl}/console/oauth/start`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`/console/oauth/start answered ${start.status}: ${await start.text()}`);
  const stateCookie = cookiePairs(start.headers.getSetCookie()).join('; ');
  const authorize = start.headers.get('location')!;
  const page = await fetch(authorize);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the org's sign-in page answered ${page.status}: ${html.slice(0, 300)}`);
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form on the org's sign-in page: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const [input] of form[2]!.matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    const value = /value="([^"]*)"/.exec(input)?.[1] ?? '';
    if (name)
      fields.set(
        name,
        value
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'"),
      );
  }
  fields.set('username', username);
  fields.set('password', password);
  const action = new URL(form[1]!.replace(/&amp;/g, '&'), authorize).toString();
  const posted = await fetch(action, { method: 'POST', body: fields, redirect: 'manual' });
  if (posted.status !== 302)
    throw new Error(`signing in as ${username} answered ${posted.status}: ${(await posted.text()).slice(0, 300)}`);
  const back = await fetch(posted.headers.get('location')!, { redirect: 'manual', headers: { cookie: stateCookie } });
  if (back.status !== 302) throw new Error(`the console's callback answered ${back.status}: ${await back.text()}`);
  const setCookies = back.headers.getSetCookie();
  return { landedOn: back.headers.get('location')!, setCookies, cookie: cookiePairs(setCookies).join('; ') };
}
