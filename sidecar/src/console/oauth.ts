/**
 * Sign-in with Salesforce for the console: OAuth 2.0 authorization code with PKCE (S256). The
 * browser is sent to the org's authorize page; the org sends it back to the callback with a code,
 * which is exchanged (with the verifier only the sidecar knows) for the admin's own token.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

/** RFC 7636: a 43-character verifier from 32 random bytes, and its S256 challenge. */
export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: challengeOf(verifier) };
}

export const challengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export interface OAuthClient {
  /** Where the authorize page and the token endpoint are (My Domain, or the local org). */
  readonly loginUrl: string;
  readonly clientId: string;
  /** The console's callback, exactly as registered on the External Client App. */
  readonly redirectUri: string;
}

export function authorizeUrl(client: OAuthClient, state: string, challenge: string): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    scope: 'api refresh_token',
  });
  return `${client.loginUrl}/services/oauth2/authorize?${query.toString()}`;
}

export interface Grant {
  readonly accessToken: string;
  readonly instanceUrl: string;
  /** The identity URL, /id/<org>/<user>. */
  readonly identityUrl: string;
  readonly userId: string;
  /** Present when the app grants the refresh_token scope: renews the session's access token. */
  readonly refreshToken: string | null;
}

export class SignInError extends Error {}

/** Exchanges the code for the admin's token; a refusal throws SignInError with the org's words. */
export async function exchangeCode(
  client: OAuthClient,
  code: string,
  verifier: string,
  timeoutMs = 30_000,
): Promise<Grant> {
  const tokenUrl = `${client.loginUrl}/services/oauth2/token`;
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    client_id: client.clientId,
    code_verifier: verifier,
  });
  const response = await fetch(tokenUrl, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Reported below with the status.
  }
  const { access_token: accessToken, instance_url: instanceUrl, id, refresh_token: refreshToken } = answer;
  if (!response.ok || typeof accessToken !== 'string' || typeof instanceUrl !== 'string' || typeof id !== 'string') {
    const why = [answer.error ?? response.status, answer.error_description].filter(Boolean).join(' ');
    throw new SignInError(`the org at ${client.loginUrl} refused the sign-in code: ${String(why)}`);
  }
  const userId = id.split('/').pop() ?? '';
  return {
    accessToken,
    instanceUrl: instanceUrl.replace(/\/+$/, ''),
    identityUrl: id,
    userId,
    refreshToken: typeof refreshToken === 'string' ? refreshToken : null,
  };
}
