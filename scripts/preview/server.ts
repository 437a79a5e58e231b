/**
 * The preview server: the page (a Lightning-like shell around the real force-app components),
 * the bundle and SLDS, and the org's APIs forwarded with the chosen demo person's session.
 * Addresses follow Lightning's: /lightning/o/Account/list?filterName=..., /lightning/r/Account/<id>/view.
 * `/preview/as/<key>` switches the person the page acts as (dana the rep, sam support, max the manager ...).
 */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import type { Request, Response } from 'express';
import { labelTable, lightningLabelTable, pageI18n, quickActionLabels } from './labels';
import { fail, OrgProxy } from './proxy';
import { OrgSessions } from './sessions';
import type { DemoPerson, OrgClient } from './sessions';

const SLDS_ASSETS = join(__dirname, '../../node_modules/@salesforce-ux/design-system/assets');
const PERSON_COOKIE = 'stance_preview_user';
/** Set by `?pseudo=1` on any page (cleared by `?pseudo=0`): every label marked, see labels.ts. */
const PSEUDO_COOKIE = 'stance_preview_pseudo';
const DEFAULT_PERSON = 'dana';
const HOME = '/lightning/o/Account/list?filterName=Stance_At_Risk';

export interface PreviewOptions extends OrgClient {
  readonly port: number;
  readonly host?: string;
  /** The built bundle (buildPreview's dir). */
  readonly bundleDir: string;
  /** Who the page acts as until someone picks another person. */
  readonly defaultPerson?: string;
}

export interface RunningPreview {
  readonly url: string;
  close(): Promise<void>;
}

function cookiePerson(request: Request): string | null {
  const cookies = request.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${PERSON_COOKIE}=([a-z0-9_-]+)`).exec(cookies);
  return match?.[1] ?? null;
}

function personKey(request: Request, fallback: string): string {
  return cookiePerson(request) ?? fallback;
}

/**
 * Where `next` points, if it is inside the preview: its path and query, else null. Parsed as a
 * URL against the preview's own origin, so `//host`, `/\host` and `https:` all fall out.
 */
function insideRedirect(next: string): string | null {
  const origin = 'http://preview.invalid';
  try {
    const target = new URL(next, origin);
    return target.origin === origin ? `${target.pathname}${target.search}` : null;
  } catch {
    return null;
  }
}

/** Host names the preview answers to: anything else is a DNS-rebinding page posing as it. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether the page is in the pseudo-locale: its `pseudo` query parameter, else the cookie it set. */
function pseudoLocale(request: Request, response: Response): boolean {
  const asked = request.query.pseudo;
  if (asked === undefined) return /(?:^|;\s*)stance_preview_pseudo=1/.test(request.headers.cookie ?? '');
  const on = asked === '1' || asked === 'true';
  response.cookie(PSEUDO_COOKIE, on ? '1' : '0', { httpOnly: true, sameSite: 'lax', path: '/' });
  return on;
}

function page(settings: Record<string, unknown>, lang: string): string {
  // The settings go into a script element: keep "</script>" and friends out of it.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${lang.replace(/[^\w-]/g, '')}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Stance · local preview</title>
    <link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css" />
    <script>window.__STANCE_PREVIEW__ = ${json};</script>
    <script type="module" src="/app/app.js"></script>
  </head>
  <body>
    <div id="root"><p class="slds-p-around_medium">Loading Stance ...</p></div>
  </body>
</html>`;
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const fallbackPerson = options.defaultPerson ?? DEFAULT_PERSON;
  const sessions = new OrgSessions(options);
  const proxy = new OrgProxy(options.orgUrl, sessions);
  const app = express();
  app.disable('x-powered-by');

  const personFor = async (request: Request): Promise<{ person: DemoPerson | null; people: readonly DemoPerson[] }> => {
    const key = personKey(request, fallbackPerson);
    const people = await sessions.directory().catch(() => [] as DemoPerson[]);
    return { person: people.find((candidate) => candidate.key === key) ?? null, people };
  };

  app.get('/', (_request, response) => response.redirect(HOME));
  app.get('/preview/healthz', (_request, response) => response.json({ ok: true }));
  app.get('/preview/as/:key', async (request: Request, response: Response) => {
    const key = String(request.params.key);
    const people = await sessions.directory().catch(() => [] as DemoPerson[]);
    if (!people.some((person) => person.key === key)) {
      response
        .status(404)
        .type('text')
        .send(`No demo person "${key}". Try: ${people.map((p) => p.key).join(', ')}`);
      return;
    }
    response.cookie(PERSON_COOKIE, key, { httpOnly: true, sameSite: 'lax', path: '/' });
    // Only addresses inside the preview: never an open redirect.
    response.redirect(insideRedirect(String(request.query.next ?? HOME)) ?? HOME);
  });
  app.get(/^\/lightning\//, async (request: Request, response: Response) => {
    const { person, people } = await personFor(request);
    // The page's own calls carry the person: the org's APIs answer only requests that do.
    if (!cookiePerson(request)) {
      response.cookie(PERSON_COOKIE, personKey(request, fallbackPerson), {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
      });
    }
    // What Lightning serves a person's page with: their labels, language, locale, currency, time zone.
    const pseudo = pseudoLocale(request, response);
    const i18n = pageI18n(
      {
        languageLocaleKey: person?.languageLocaleKey,
        localeSidKey: person?.localeSidKey,
        timeZoneSidKey: person?.timeZoneSidKey,
        currencyIsoCode: person?.currencyIsoCode,
      },
      pseudo,
    );
    response.type('html').send(
      page(
        {
          apiVersion: options.apiVersion,
          userId: person?.userId,
          user: person ?? {
            key: personKey(request, fallbackPerson),
            name: 'Unknown (the org did not answer)',
            department: '',
          },
          users: people,
          i18n,
          labels: labelTable(person?.languageLocaleKey, pseudo),
          lightningLabels: lightningLabelTable(person?.languageLocaleKey),
          quickActionLabels: quickActionLabels(person?.languageLocaleKey, pseudo),
        },
        i18n.lang,
      ),
    );
  });
  app.use('/app', express.static(options.bundleDir, { index: false, fallthrough: false }));
  app.use('/assets', express.static(SLDS_ASSETS, { index: false, fallthrough: false, maxAge: '1h' }));
  app.all(/^\/(services\/data|cometd)\//, async (request: Request, response: Response) => {
    // Only the preview's own pages may act as someone in the org: the person cookie (SameSite=Lax,
    // so other sites' requests come without it), a local Host, and no foreign Origin.
    const key = cookiePerson(request);
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const origin = request.headers.origin;
    if (!key || !LOCAL_HOSTS.has(host) || (origin !== undefined && origin !== `http://${request.headers.host}`)) {
      fail(response, 403, 'INSUFFICIENT_ACCESS', 'Only pages of the preview itself may call the org through it.');
      return;
    }
    await proxy.forward(request, response, `${key}@stance.local`);
  });

  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
    listening.once('error', reject);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
