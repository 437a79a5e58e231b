/**
 * The one jsforce Connection the sidecar uses: signed in by client credentials, JWT bearer or a
 * given access token; every request carries Sforce-Call-Options client=<name> so change events
 * of our own writes can be recognised; an expired session is renewed by running the same grant
 * again (client credentials and JWT bearer issue no refresh tokens).
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { Connection } from 'jsforce';
import type { Auth, Config } from '../config';

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

async function grant(auth: Exclude<Auth, { kind: 'access-token' }>): Promise<TokenResponse> {
  const body = new URLSearchParams(
    auth.kind === 'client-credentials'
      ? { grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret }
      : {
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: await jwtAssertion(auth, readFileSync(auth.keyFile, 'utf8')),
        },
  );
  const response = await fetch(`${auth.loginUrl}/services/oauth2/token`, { method: 'POST', body });
  const answer = (await response.json()) as Partial<TokenResponse> & { error?: string; error_description?: string };
  if (!response.ok || !answer.access_token) {
    throw new Error(
      `Salesforce refused the ${auth.kind} sign-in at ${auth.loginUrl}: ${answer.error ?? response.status} ${answer.error_description ?? ''}`.trim(),
    );
  }
  return answer as TokenResponse;
}

/** Signs in and answers a ready Connection. */
export async function connect(config: Pick<Config, 'auth' | 'apiVersion' | 'clientName'>): Promise<Connection> {
  const { auth } = config;
  const callOptions = { client: config.clientName };
  if (auth.kind === 'access-token') {
    return new Connection({
      instanceUrl: auth.instanceUrl,
      accessToken: auth.accessToken,
      version: config.apiVersion,
      callOptions,
    });
  }
  const token = await grant(auth);
  const conn = new Connection({
    instanceUrl: token.instance_url,
    accessToken: token.access_token,
    version: config.apiVersion,
    callOptions,
    refreshFn: (_conn, callback) => {
      grant(auth).then(
        (renewed) => callback(null, renewed.access_token, renewed as never),
        (error: Error) => callback(error),
      );
    },
  });
  // The identity URL names the org and the user: /id/<org>/<user>.
  const [organizationId, userId] = token.id.split('/').slice(-2) as [string, string];
  conn.userInfo = { id: userId, organizationId, url: token.id };
  return conn;
}
