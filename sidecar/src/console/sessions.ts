/**
 * The console's sessions, in memory: a random id (the cookie), the signed-in admin, their own
 * access token (every console action runs with it) and a CSRF token. A session ends after 8 hours
 * without a request, or at sign-out; a restart signs everyone out (the tokens are never stored).
 * Sign-ins under way (state -> PKCE verifier) live here too, for 10 minutes.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SIGN_IN_MS = 10 * 60 * 1000;

export interface ConsoleUser {
  readonly id: string;
  readonly name: string;
  readonly username: string;
}

export interface Session {
  readonly id: string;
  readonly user: ConsoleUser;
  /** Renewed with the refresh token when it expires. */
  accessToken: string;
  readonly refreshToken: string | null;
  readonly instanceUrl: string;
  readonly csrfToken: string;
  lastSeen: number;
}

interface SignInUnderWay {
  readonly verifier: string;
  readonly started: number;
}

/** 32 random bytes, base64url: ids, CSRF tokens, states and verifiers. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly signIns = new Map<string, SignInUnderWay>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly idleMs = SESSION_IDLE_MS,
  ) {}

  create(user: ConsoleUser, accessToken: string, instanceUrl: string, refreshToken: string | null = null): Session {
    this.sweep();
    const session: Session = {
      id: randomToken(),
      user,
      accessToken,
      refreshToken,
      instanceUrl,
      csrfToken: randomToken(),
      lastSeen: this.now(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session for a cookie value (its idle time restarts), or null. */
  get(id: string | undefined): Session | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    const now = this.now();
    if (now - session.lastSeen > this.idleMs) {
      this.sessions.delete(id);
      return null;
    }
    session.lastSeen = now;
    return session;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Remembers a sign-in's state with its PKCE verifier. */
  startSignIn(state: string, verifier: string): void {
    this.sweep();
    this.signIns.set(state, { verifier, started: this.now() });
  }

  /** The verifier of a sign-in under way, once (a state is single-use), or null. */
  finishSignIn(state: string): string | null {
    const found = this.signIns.get(state);
    this.signIns.delete(state);
    if (!found || this.now() - found.started > SIGN_IN_MS) return null;
    return found.verifier;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (now - session.lastSeen > this.idleMs) this.sessions.delete(id);
    for (const [state, signIn] of this.signIns) if (now - signIn.started > SIGN_IN_MS) this.signIns.delete(state);
  }
}

/** Whether a presented CSRF token is the session's, in constant time. */
export function csrfMatches(session: Session, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
