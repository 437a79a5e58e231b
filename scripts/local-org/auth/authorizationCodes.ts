/**
 * Authorization codes of the web server flow with PKCE: issued when a user signs in on the
 * authorize page, redeemed once at the token endpoint within 15 minutes, for the same client and
 * the same redirect_uri, with the verifier whose S256 hash is the challenge.
 *
 * The refusals are Salesforce's, as reported publicly:
 * - a verifier that does not hash to the challenge: `{"error":"invalid_grant","error_description":
 *   "invalid code verifier"}` (salesforce.stackexchange.com/questions/330168, "PCKE flow
 *   salesforce for OAuth 2.0"; Salesforce support as quoted in n8n-io/n8n#32421: "Salesforce
 *   compares the code verifier with the original code challenge. If they don't match, it throws
 *   an 'Invalid Code Verifier' error");
 * - a code used before or too old: `{"error":"invalid_grant","error_description":"expired
 *   authorization code"}` (omniphx/forrest#169: "because I already used my authorization token
 *   before");
 * - a redirect_uri that is not the one the code was issued for: `redirect_uri_mismatch`,
 *   "redirect_uri must match configuration" (the wording of Salesforce's authorize errors, e.g.
 *   petewarden/salesforce_restphp_example#1, StevenMMortimer/salesforcer#107);
 * - a code that was never issued: `invalid_grant` "invalid authorization code" (ours: the
 *   wording we could not confirm publicly).
 * Any redemption attempt uses the code up, also a refused one (RFC 6749 4.1.2: a code used more
 * than once MUST be denied).
 */
import { createHash, randomBytes } from 'node:crypto';
import { OAuthError } from './oauthError';

/** How long a code can be exchanged: Salesforce's codes are valid for 15 minutes. */
export const CODE_LIFETIME_MS = 15 * 60 * 1000;

export interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly userId: string;
  /** base64url(SHA-256(code_verifier)), as the client sent it to the authorize page. */
  readonly codeChallenge: string;
  /** The scopes asked for (space separated), or '' for the app's defaults. */
  readonly scope: string;
}

export interface RedeemedCode {
  readonly clientId: string;
  readonly userId: string;
  readonly scope: string;
}

/** base64url(SHA-256(verifier)) without padding: RFC 7636's S256 transformation. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export class AuthorizationCodes {
  private readonly pending = new Map<string, CodeGrant & { expiresAt: number }>();
  /** Codes already redeemed, until they would have expired: a second use is told "expired". */
  private readonly spent = new Map<string, number>();

  constructor(private readonly clock: () => number = Date.now) {}

  issue(grant: CodeGrant): string {
    this.sweep();
    // Salesforce's codes look like `aPrx...==` (base64); ours are base64url, safe in a query.
    const code = `aPrx${randomBytes(32).toString('base64url')}`;
    this.pending.set(code, { ...grant, expiresAt: this.clock() + CODE_LIFETIME_MS });
    return code;
  }

  /** The grant of a code exchange (`grant_type=authorization_code`), or the OAuth error. */
  redeem(params: URLSearchParams): RedeemedCode {
    const code = params.get('code') ?? '';
    const grant = this.pending.get(code);
    if (!grant) {
      if (this.spent.has(code)) throw new OAuthError(400, 'invalid_grant', 'expired authorization code');
      throw new OAuthError(400, 'invalid_grant', 'invalid authorization code');
    }
    this.pending.delete(code);
    this.spent.set(code, grant.expiresAt);
    if (grant.expiresAt <= this.clock()) throw new OAuthError(400, 'invalid_grant', 'expired authorization code');
    if (params.get('client_id') !== grant.clientId)
      throw new OAuthError(400, 'invalid_client_id', 'client identifier invalid');
    if (params.get('redirect_uri') !== grant.redirectUri)
      throw new OAuthError(400, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
    const verifier = params.get('code_verifier');
    if (!verifier || s256(verifier) !== grant.codeChallenge.replace(/=+$/, ''))
      throw new OAuthError(400, 'invalid_grant', 'invalid code verifier');
    return { clientId: grant.clientId, userId: grant.userId, scope: grant.scope };
  }

  /** Forgets expired codes and the spent ones that would have expired. */
  private sweep(): void {
    const now = this.clock();
    for (const [code, grant] of this.pending) if (grant.expiresAt <= now) this.pending.delete(code);
    for (const [code, expiresAt] of this.spent) if (expiresAt <= now) this.spent.delete(code);
  }
}
