/**
 * GET/POST /services/oauth2/authorize: the web server flow's sign-in, as Salesforce's:
 * the page asks for a username and password; a right pair redirects (302) to the app's callback
 * with `code` and `state`, a wrong one shows the page again with Salesforce's sentence and no
 * code. A request whose app is unknown or whose redirect_uri is not one of its callback URLs gets
 * a 400 page (it cannot be sent back: the callback is not trusted); the other refusals go to the
 * callback as `error`, `error_description` and `state` (RFC 6749 4.1.2.1), e.g. Salesforce's
 * `error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration`
 * for the former kind. No cookie is set: every authorize request asks for the password.
 */
import express from 'express';
import type { Request, Response } from 'express';
import type { Auth } from '../auth/auth';
import { errorPage, signInPage, WRONG_CREDENTIALS } from '../auth/signInPage';
import type { Page } from '../auth/signInPage';

/** The authorize request's parameters that travel with the sign-in form. */
const CARRIED = [
  'response_type',
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'state',
  'scope',
] as const;

type Refusal = { readonly page: Page } | { readonly redirect: string };

function send(response: Response, page: Page): void {
  response.status(page.status).set(page.headers).send(page.html);
}

/** The callback URL with the given query parameters added (its own query kept). */
function callback(redirectUri: string, values: Readonly<Record<string, string>>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(values)) if (value !== '') url.searchParams.append(name, value);
  return url.toString();
}

/** Why this authorize request cannot be served, or undefined when it can. */
function refusal(auth: Auth, params: URLSearchParams): Refusal | undefined {
  const clientId = params.get('client_id') ?? '';
  if (!auth.clientApps.get(clientId)) return { page: errorPage('invalid_client_id', 'client identifier invalid') };
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!auth.clientApps.accepts(clientId, redirectUri))
    return { page: errorPage('redirect_uri_mismatch', 'redirect_uri must match configuration') };
  const back = (error: string, description: string) => ({
    redirect: callback(redirectUri, { error, error_description: description, state: params.get('state') ?? '' }),
  });
  if (params.get('response_type') !== 'code') return back('unsupported_response_type', 'response type not supported');
  // PKCE is required of the apps (./auth/clientApps.ts); S256 is the method Salesforce documents.
  if (!params.get('code_challenge')) return back('invalid_request', 'missing required code challenge');
  const method = params.get('code_challenge_method');
  if (method && method !== 'S256') return back('invalid_request', 'code_challenge_method must be S256');
  return undefined;
}

function carried(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(CARRIED.map((name) => [name, params.get(name) ?? '']));
}

function refuse(response: Response, refused: Refusal): void {
  if ('page' in refused) send(response, refused.page);
  else response.redirect(302, refused.redirect);
}

/** The authorize endpoint's routes, mounted before the org's JSON body parser. */
export function authorizeRoutes(auth: Auth): express.Router {
  const router = express.Router();
  const page = (params: URLSearchParams, username: string, error?: string) =>
    signInPage({
      appName: auth.clientApps.get(params.get('client_id'))!.name,
      callbackUrl: params.get('redirect_uri')!,
      hidden: carried(params),
      username,
      ...(error ? { error } : {}),
    });

  router.get('/services/oauth2/authorize', (request: Request, response: Response) => {
    const params = new URLSearchParams(request.originalUrl.split('?')[1] ?? '');
    const refused = refusal(auth, params);
    if (refused) return refuse(response, refused);
    send(response, page(params, params.get('login_hint') ?? ''));
  });

  // Read as text, so a repeated field counts once (its first value) instead of becoming a list.
  router.post(
    '/services/oauth2/authorize',
    express.text({ type: 'application/x-www-form-urlencoded', limit: '16kb' }),
    (request: Request, response: Response) => {
      const params = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      const refused = refusal(auth, params);
      if (refused) return refuse(response, refused);
      const username = params.get('username') ?? '';
      const user = auth.signIn(username, params.get('password'));
      if (!user) return send(response, page(params, username, WRONG_CREDENTIALS));
      const code = auth.codes.issue({
        clientId: params.get('client_id')!,
        redirectUri: params.get('redirect_uri')!,
        userId: user.id,
        codeChallenge: params.get('code_challenge')!,
        scope: params.get('scope') ?? '',
      });
      response.set('Cache-Control', 'no-store');
      response.redirect(302, callback(params.get('redirect_uri')!, { code, state: params.get('state') ?? '' }));
    },
  );
  return router;
}
