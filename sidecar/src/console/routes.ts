/**
 * The Stance console at /console: sign-in with Salesforce (authorization code + PKCE), an
 * httpOnly session cookie, CSRF on every change, the JSON API under /console/api, and the
 * console's bundle (sidecar/dist/console) served static.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { ConsoleSettings } from '../config';
import { AdminOrg } from '../salesforce/adminOrg';
import type { SyncView } from '../sync/view';
import { mayUseConsole } from './access';
import { parseCookies, serializeCookie } from './cookies';
import { authorizeUrl, exchangeCode, pkce } from './oauth';
import type { OAuthClient } from './oauth';
import { NOT_BUILT, NOT_CONFIGURED, signInFailed } from './pages';
import { rulesApi } from './rulesApi';
import { Sessions, csrfMatches, randomToken } from './sessions';
import type { Session } from './sessions';

export const SESSION_COOKIE = 'stance_console';
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
const STATE_COOKIE = 'stance_console_state';
const REFUSED_COOKIE = 'stance_console_refused';

/** Where the console's bundle is built: sidecar/dist/console, from src/console and dist/console alike. */
export const DEFAULT_BUNDLE_DIR = resolve(__dirname, '../../dist/console');

export interface ConsoleOptions {
  readonly sync: SyncView;
  readonly console: ConsoleSettings;
  readonly apiVersion: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly sessions?: Sessions;
  readonly bundleDir?: string;
  readonly requestTimeoutMs?: number;
  readonly log?: { warn(details: object, message: string): void };
}

export function consoleRouter(options: ConsoleOptions): express.Router {
  const router = express.Router();
  const sessions = options.sessions ?? new Sessions();
  const secure = options.console.publicUrl.startsWith('https:');
  const client: OAuthClient | null = options.console.clientId
    ? {
        loginUrl: options.console.loginUrl,
        clientId: options.console.clientId,
        redirectUri: `${options.console.publicUrl}/console/oauth/callback`,
      }
    : null;
  const cookie = (name: string, value: string, path: string, maxAge?: number) =>
    serializeCookie(name, value, { path, maxAge, secure, sameSite: 'Lax' });
  const orgOf = (session: Session) =>
    new AdminOrg(
      session.instanceUrl,
      session.accessToken,
      options.apiVersion,
      options.requestTimeoutMs,
      client && session.refreshToken
        ? {
            loginUrl: client.loginUrl,
            clientId: client.clientId,
            refreshToken: session.refreshToken,
            onRefresh: (renewed) => (session.accessToken = renewed),
          }
        : undefined,
    );
  const json = express.json({ limit: '512kb' });

  // The console is never framed; on plain http (a laptop) nothing is upgraded to https.
  router.use(
    helmet.contentSecurityPolicy({
      directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': secure ? [] : null },
    }),
  );
  router.use((_request, response, next) => {
    response.set('Cache-Control', 'no-store');
    next();
  });

  const publicHost = new URL(options.console.publicUrl).host;
  router.get('/oauth/start', (request, response) => {
    if (!client) {
      response.status(503).type('html').send(NOT_CONFIGURED);
      return;
    }
    // The state cookie must be set where the callback lands: localhost and 127.0.0.1 are two sites.
    // (Only between loopback names: behind a proxy the Host may be the proxy's, never the public one.)
    const host = request.get('host') ?? '';
    if (host !== publicHost && LOOPBACK.test(host) && LOOPBACK.test(publicHost)) {
      response.redirect(302, `${options.console.publicUrl}/console/oauth/start`);
      return;
    }
    const { verifier, challenge } = pkce();
    const state = randomToken();
    sessions.startSignIn(state, verifier);
    response
      .append('Set-Cookie', cookie(STATE_COOKIE, state, '/console/oauth', 600))
      .redirect(302, authorizeUrl(client, state, challenge));
  });

  router.get('/oauth/callback', async (request, response) => {
    if (!client) {
      response.status(503).type('html').send(NOT_CONFIGURED);
      return;
    }
    const { code, state, error, error_description: described } = request.query as Record<string, string | undefined>;
    response.append('Set-Cookie', cookie(STATE_COOKIE, '', '/console/oauth', 0));
    if (error) {
      response
        .status(400)
        .type('html')
        .send(signInFailed(`The org refused the sign-in: ${error} ${described ?? ''}`));
      return;
    }
    const expected = parseCookies(request.get('cookie'))[STATE_COOKIE];
    const verifier = state && state === expected ? sessions.finishSignIn(state) : null;
    if (!code || !verifier) {
      response
        .status(400)
        .type('html')
        .send(signInFailed('This sign-in expired or was started in another browser: start it again.'));
      return;
    }
    try {
      const grant = await exchangeCode(client, code, verifier, options.requestTimeoutMs);
      const org = new AdminOrg(grant.instanceUrl, grant.accessToken, options.apiVersion, options.requestTimeoutMs);
      const allowed = await mayUseConsole(org, grant.userId);
      const user = await org
        .user(grant.userId)
        .catch(() => ({ id: grant.userId, name: grant.userId, username: grant.userId }));
      if (!allowed) {
        options.log?.warn({ user: user.username }, 'console sign-in refused: no Stance_Console custom permission');
        response
          .append('Set-Cookie', cookie(REFUSED_COOKIE, user.name, '/console', 600))
          .redirect(302, '/console/?refused=1');
        return;
      }
      const session = sessions.create(user, grant.accessToken, grant.instanceUrl, grant.refreshToken);
      response
        .append('Set-Cookie', cookie(REFUSED_COOKIE, '', '/console', 0))
        .append('Set-Cookie', cookie(SESSION_COOKIE, session.id, '/console'))
        .redirect(302, '/console/');
    } catch (failure) {
      options.log?.warn({ error: (failure as Error).message }, 'console sign-in failed');
      response
        .status(502)
        .type('html')
        .send(signInFailed((failure as Error).message));
    }
  });

  const sessionFor = (request: Request): Session | null =>
    sessions.get(parseCookies(request.get('cookie'))[SESSION_COOKIE]);
  const signedIn = (request: Request, response: Response, next: NextFunction) => {
    const session = sessionFor(request);
    if (!session) {
      response.status(401).json({ error: 'sign in first: /console/oauth/start' });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD' && !csrfMatches(session, request.get('x-csrf-token'))) {
      response.status(403).json({ error: 'missing or wrong X-CSRF-Token header (GET /console/api/session gives it)' });
      return;
    }
    response.locals.session = session;
    next();
  };

  router.post('/oauth/signout', signedIn, (_request, response) => {
    sessions.end((response.locals.session as Session).id);
    response.append('Set-Cookie', cookie(SESSION_COOKIE, '', '/console', 0)).json({ signedIn: false });
  });

  router.get('/api/session', (request, response) => {
    const session = sessionFor(request);
    if (!session) {
      const refusedAs = parseCookies(request.get('cookie'))[REFUSED_COOKIE];
      response.json({ signedIn: false, ...(refusedAs ? { refusedAs } : {}) });
      return;
    }
    response.json({ signedIn: true, user: session.user, csrfToken: session.csrfToken });
  });

  router.use(
    '/api',
    signedIn,
    json,
    rulesApi({
      sync: options.sync,
      settings: options.settings,
      orgOf,
      endSession: (session) => sessions.end(session.id),
      log: options.log,
    }),
  );
  router.use('/api', (_request: Request, response: Response) => {
    response.status(404).json({ error: 'no such console route' });
  });

  const bundle = options.bundleDir ?? DEFAULT_BUNDLE_DIR;
  if (existsSync(join(bundle, 'index.html'))) {
    // The sidecar's own compiled modules share dist/console with the bundle: never served.
    // (tsc writes a .d.ts beside each of them; the bundle has none).
    router.use((request, response, next) => {
      const module = /^\/([\w.-]+?)\.(js|js\.map|d\.ts|d\.ts\.map)$/.exec(request.path)?.[1];
      if (module && existsSync(join(bundle, `${module}.d.ts`))) response.status(404).type('text').send('not found');
      else next();
    });
    router.use(express.static(bundle, { index: 'index.html', redirect: true }));
  } else {
    router.get('/', (_request, response) => {
      response.status(200).type('html').send(NOT_BUILT);
    });
  }
  return router;
}
