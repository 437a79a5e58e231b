/**
 * The one jsforce Connection the sidecar uses: signed in by client credentials, JWT bearer or a
 * given access token; every request carries Sforce-Call-Options client=<name> so change events
 * of our own writes can be recognised; an expired session is renewed by running the same grant
 * again (client credentials and JWT bearer issue no refresh tokens). Every request has a deadline.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { Connection } from 'jsforce';
import type { Auth, Config } from '../config';
import { RequestTimeoutError, installDeadlines } from './deadlines';

type TokenResponse = { access_token: string; instance_url: string; id: string };

/**
 * An RS256-signed JWT bearer assertion (jsforce does not sign one itself), valid three minutes.
 * The key may be PKCS#8 or PKCS#1 PEM, as openssl writes either.
 */
export async function jwtAssertion(
  auth: Extract<Auth, { kind: 'jwt-bearer' }>,
  privateKey: string,
  now = Date.now(),
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(auth.clientId)
    .setSubject(auth.username)
    .setAudience(auth.audience)
    .setExpirationTime(Math.floor(now / 1000) + 180)
    .sign(createPrivateKey(privateKey));
}

async function grant(auth: Exclude<Auth, { kind: 'access-token' }>, timeoutMs: number): Promise<TokenResponse> {
  const body = new URLSearchParams(
    auth.kind === 'client-credentials'
      ? { grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret }
      : {
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: await jwtAssertion(auth, readFileSync(auth.keyFile, 'utf8')),
        },
  );
  const tokenUrl = `${auth.loginUrl}/services/oauth2/token`;
  let response: Response;
  try {
    response = await fetch(tokenUrl, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error;
    throw new RequestTimeoutError(`POST ${tokenUrl}`, timeoutMs);
  }
  const answer = (await response.json()) as Partial<TokenResponse> & { error?: string; error_description?: string };
  if (!response.ok || !answer.access_token) {
    throw new Error(
      `Salesforce refused the ${auth.kind} sign-in at ${auth.loginUrl}: ${answer.error ?? response.status} ${answer.error_description ?? ''}`.trim(),
    );
  }
  return answer as TokenResponse;
}

/** jsforce's default is 30 minutes. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Signs in and answers a ready Connection, every request of which has a deadline
 * (`requestTimeoutMs`) and reports to the Connection's RequestWatch (see ./deadlines).
 */
export async function connect(
  config: Pick<Config, 'auth' | 'apiVersion' | 'clientName'> & Partial<Pick<Config, 'requestTimeoutMs'>>,
): Promise<Connection> {
  const { auth } = config;
  const timeoutMs = config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const callOptions = { client: config.clientName };
  if (auth.kind === 'access-token') {
    const conn = new Connection({
      instanceUrl: auth.instanceUrl,
      accessToken: auth.accessToken,
      version: config.apiVersion,
      callOptions,
    });
    installDeadlines(conn, timeoutMs);
    return conn;
  }
  const token = await grant(auth, timeoutMs);
  const conn = new Connection({
    instanceUrl: token.instance_url,
    accessToken: token.access_token,
    version: config.apiVersion,
    callOptions,
    refreshFn: (_conn, callback) => {
      grant(auth, timeoutMs).then(
        (renewed) => callback(null, renewed.access_token, renewed as never),
        (error: Error) => callback(error),
      );
    },
  });
  // The identity URL names the org and the user: /id/<org>/<user>.
  const [organizationId, userId] = token.id.split('/').slice(-2) as [string, string];
  conn.userInfo = { id: userId, organizationId, url: token.id };
  installDeadlines(conn, timeoutMs);
  return conn;
}
