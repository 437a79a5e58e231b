/** A JWT bearer token request (RFC 7523) as Salesforce takes it: an RS256 assertion posted to /services/oauth2/token. */
import { createSign } from 'node:crypto';
import type { TokenAnswer } from './target';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export function signAssertion(privateKey: string, claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'RS256' }));
  const payload = base64url(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 180, ...claims }));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

export async function postAssertion(
  loginUrl: string,
  privateKey: string,
  claims: { iss: string; sub: string; aud: string },
): Promise<TokenAnswer> {
  const response = await fetch(`${loginUrl.replace(/\/+$/, '')}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signAssertion(privateKey, claims),
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
