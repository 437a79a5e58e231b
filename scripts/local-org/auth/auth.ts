/**
 * OAuth for the local org: client credentials, username-password, JWT bearer (RS256, checked
 * against a configured certificate), the authorization code with PKCE (the External Client Apps
 * of ./clientApps.ts, codes of ./authorizationCodes.ts) and refresh tokens; access tokens with a
 * configurable lifetime so clients can exercise refresh; identity and userinfo answers.
 */
import { createPublicKey, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { ApiError } from '../errors';
import { AuthorizationCodes } from './authorizationCodes';
import { ClientApps } from './clientApps';
import { OAuthError } from './oauthError';

export { OAuthError } from './oauthError';

export interface OrgUser {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly name: string;
  readonly email: string;
}

export interface AuthOptions {
  readonly orgId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** PEM certificate (or public key) that JWT bearer assertions must be signed for. */
  readonly jwtCertificate?: string;
  readonly tokenLifetimeSeconds: number;
  readonly users: readonly OrgUser[];
  /**
   * Users beyond `users`, looked up when they sign in or when a session names them: the org's
   * User table, so users created by the demo seed (or through the API) can sign in.
   */
  readonly directory?: UserDirectory;
  /** The user client-credentials tokens run as. */
  readonly runAsUserId: string;
  /** The External Client Apps that may use the authorization code flow (the built-in console app only by default). */
  readonly clientApps?: ClientApps;
}

export interface UserDirectory {
  byId(id: string): OrgUser | undefined;
  /** Usernames compare without regard to case, as in Salesforce. */
  byUsername(username: string): OrgUser | undefined;
}

export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

export class Auth {
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string }>();
  readonly clientApps: ClientApps;
  readonly codes: AuthorizationCodes;

  constructor(
    private readonly options: AuthOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.clientApps = options.clientApps ?? new ClientApps();
    this.codes = new AuthorizationCodes(clock);
  }

  get orgId(): string {
    return this.options.orgId;
  }

  user(id: string): OrgUser | undefined {
    return this.options.users.find((user) => user.id === id) ?? this.options.directory?.byId(id);
  }

  private userNamed(username: string | null | undefined): OrgUser | undefined {
    if (!username) return undefined;
    const lower = username.toLowerCase();
    return (
      this.options.users.find((user) => user.username.toLowerCase() === lower) ??
      this.options.directory?.byUsername(username)
    );
  }

  /**
   * The active user with this username and password, as the password grant checks them, or
   * undefined (a deactivated user is not in the directory, so is refused like a wrong password).
   */
  signIn(username: string | null | undefined, password: string | null | undefined): OrgUser | undefined {
    const user = this.userNamed(username);
    return user && password && user.password === password ? user : undefined;
  }

  /** Answers POST /services/oauth2/token. */
  async token(params: URLSearchParams, instanceUrl: string): Promise<Record<string, string>> {
    const grant = params.get('grant_type');
    let userId: string;
    let clientId = params.get('client_id') ?? '';
    let issueRefresh = false;
    let scope = 'api refresh_token';
    switch (grant) {
      case 'client_credentials':
        this.checkClient(params);
        userId = this.options.runAsUserId;
        break;
      case 'password': {
        this.checkClient(params);
        const user = this.signIn(params.get('username'), params.get('password'));
        if (!user) throw new OAuthError(400, 'invalid_grant', 'authentication failure');
        userId = user.id;
        issueRefresh = true;
        break;
      }
      case 'authorization_code': {
        // Before the code: an unknown consumer key does not use up someone's code.
        if (!this.clientApps.get(clientId)) throw new OAuthError(400, 'invalid_client_id', 'client identifier invalid');
        const redeemed = this.codes.redeem(params);
        // A user deactivated since signing in gets no token.
        if (!this.user(redeemed.userId)) throw new OAuthError(400, 'invalid_grant', 'inactive user');
        userId = redeemed.userId;
        scope = redeemed.scope || scope;
        issueRefresh = /(^|\s)(refresh_token|offline_access)(\s|$)/.test(scope);
        break;
      }
      case 'refresh_token': {
        // The local connected app's, or an External Client App's (its codes' refresh tokens).
        if (!this.clientApps.get(clientId)) this.checkClient(params, false);
        const refresh = this.refreshTokens.get(params.get('refresh_token') ?? '');
        if (!refresh || !this.user(refresh.userId) || refresh.clientId !== clientId)
          throw new OAuthError(400, 'invalid_grant', 'expired access/refresh token');
        userId = refresh.userId;
        clientId = refresh.clientId;
        break;
      }
      case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
        const claims = await this.verifyAssertion(params.get('assertion') ?? '');
        const user = this.userNamed(typeof claims.sub === 'string' ? claims.sub : undefined);
        if (!user) throw new OAuthError(400, 'invalid_grant', "user hasn't approved this consumer");
        userId = user.id;
        clientId = String(claims.iss);
        break;
      }
      default:
        throw new OAuthError(400, 'unsupported_grant_type', 'grant type not supported');
    }
    const session = this.issue(userId, clientId);
    const response: Record<string, string> = {
      access_token: session.token,
      instance_url: instanceUrl,
      id: `${instanceUrl}/id/${this.options.orgId}/${userId}`,
      token_type: 'Bearer',
      issued_at: String(this.clock()),
      signature: randomBytes(32).toString('base64'),
      scope,
    };
    if (issueRefresh || grant === 'refresh_token') {
      const refresh =
        grant === 'refresh_token' ? params.get('refresh_token')! : `5Aep${randomBytes(24).toString('base64url')}`;
      this.refreshTokens.set(refresh, { userId, clientId });
      if (grant !== 'refresh_token') response.refresh_token = refresh;
    }
    return response;
  }

  /** A session for a user without a round trip (tests and the sf CLI recipe). */
  issue(userId: string, clientId = this.options.clientId): Session {
    const token = `${this.options.orgId.slice(0, 15)}!AQ${randomBytes(30).toString('base64url')}`;
    const session = { token, userId, clientId, expiresAt: this.clock() + this.options.tokenLifetimeSeconds * 1000 };
    this.sessions.set(token, session);
    return session;
  }

  /**
   * The session of a bearer token, or INVALID_SESSION_ID (401) as Salesforce answers; also once
   * its user is deactivated.
   */
  authenticate(header: string | undefined): Session {
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
    const session = token ? this.sessions.get(token) : undefined;
    if (!session || session.expiresAt <= this.clock() || !this.user(session.userId)) {
      throw new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    return session;
  }

  /** Expires every access token now (refresh tokens stay valid), to test refresh. */
  expireAll(): void {
    this.sessions.clear();
  }

  private checkClient(params: URLSearchParams, requireSecret = true): void {
    if (params.get('client_id') !== this.options.clientId)
      throw new OAuthError(400, 'invalid_client_id', 'client identifier invalid');
    if (requireSecret && params.get('client_secret') !== this.options.clientSecret)
      throw new OAuthError(400, 'invalid_client', 'invalid client credentials');
  }

  /**
   * Checks a JWT bearer assertion as Salesforce does: RS256, signed for the certificate, our
   * client, a Salesforce login audience, not expired.
   */
  private async verifyAssertion(assertion: string): Promise<Record<string, unknown>> {
    if (!this.options.jwtCertificate)
      throw new OAuthError(400, 'invalid_grant', 'no certificate is configured for JWT bearer');
    try {
      const { payload } = await jwtVerify(assertion, createPublicKey(this.options.jwtCertificate), {
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        currentDate: new Date(this.clock()),
      });
      if (payload.iss !== this.options.clientId)
        throw new OAuthError(400, 'invalid_client_id', 'client identifier invalid');
      // Salesforce takes only its login hosts as the audience (an Experience Cloud site's URL
      // too, which the local org has none of), not the My Domain the request is sent to.
      const audiences = [payload.aud ?? []].flat();
      if (audiences.length !== 1 || !JWT_AUDIENCES.has(audiences[0]!))
        throw new OAuthError(400, 'invalid_grant', 'audience is invalid');
      return payload as Record<string, unknown>;
    } catch (error) {
      throw assertionRefusal(error);
    }
  }
}

/** The JWT bearer audiences Salesforce documents: production and Developer Edition, sandboxes. */
export const JWT_AUDIENCES: ReadonlySet<string> = new Set([
  'https://login.salesforce.com',
  'https://test.salesforce.com',
]);

/** jose's reasons as the OAuth errors Salesforce answers. */
function assertionRefusal(error: unknown): unknown {
  if (error instanceof OAuthError) return error;
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return new OAuthError(400, 'invalid_grant', 'invalid assertion: alg must be RS256');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return new OAuthError(400, 'invalid_grant', 'invalid assertion signature');
  if (
    error instanceof joseErrors.JWTExpired ||
    (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp')
  )
    return new OAuthError(400, 'invalid_grant', 'expired authorization code');
  if (error instanceof joseErrors.JOSEError) return new OAuthError(400, 'invalid_grant', 'invalid assertion');
  return error;
}
