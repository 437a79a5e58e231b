import { createHash } from 'node:crypto';
import { parseCookies, serializeCookie } from '../cookies';
import { challengeOf, pkce } from '../oauth';
import { SESSION_IDLE_MS, SIGN_IN_MS, Sessions, csrfMatches } from '../sessions';

const USER = { id: '005000000000001AAA', name: 'Sofia Marin', username: 'sofia@stance.local' };

describe('console sessions', () => {
  let now: number;
  let sessions: Sessions;
  beforeEach(() => {
    now = Date.parse('2026-11-30T09:00:00Z');
    sessions = new Sessions(() => now);
  });

  it('gives each session its own random id and CSRF token', () => {
    const a = sessions.create(USER, 'token-a', 'http://org');
    const b = sessions.create(USER, 'token-b', 'http://org');
    expect(a.id).not.toBe(b.id);
    expect(a.csrfToken).not.toBe(b.csrfToken);
    expect(a.id).toMatch(/^[\w-]{43}$/);
    expect(sessions.get(a.id)?.accessToken).toBe('token-a');
    expect(sessions.get('not-a-session')).toBeNull();
    expect(sessions.get(undefined)).toBeNull();
  });

  it('ends a session after 8 hours without a request, and not while it is used', () => {
    const session = sessions.create(USER, 'token', 'http://org');
    now += SESSION_IDLE_MS - 1_000;
    expect(sessions.get(session.id)).not.toBeNull();
    now += SESSION_IDLE_MS - 1_000; // used just before: the idle time started again
    expect(sessions.get(session.id)).not.toBeNull();
    now += SESSION_IDLE_MS + 1;
    expect(sessions.get(session.id)).toBeNull();
    expect(sessions.size).toBe(0);
  });

  it('ends a session at sign-out', () => {
    const session = sessions.create(USER, 'token', 'http://org');
    sessions.end(session.id);
    expect(sessions.get(session.id)).toBeNull();
  });

  it('accepts only the session’s own CSRF token', () => {
    const session = sessions.create(USER, 'token', 'http://org');
    const other = sessions.create(USER, 'token', 'http://org');
    expect(csrfMatches(session, session.csrfToken)).toBe(true);
    expect(csrfMatches(session, other.csrfToken)).toBe(false);
    expect(csrfMatches(session, undefined)).toBe(false);
    expect(csrfMatches(session, '')).toBe(false);
    expect(csrfMatches(session, session.csrfToken.slice(1))).toBe(false);
  });

  it('hands a sign-in’s verifier back once, within 10 minutes', () => {
    sessions.startSignIn('state-1', 'verifier-1');
    expect(sessions.finishSignIn('state-1')).toBe('verifier-1');
    expect(sessions.finishSignIn('state-1')).toBeNull();
    sessions.startSignIn('state-2', 'verifier-2');
    now += SIGN_IN_MS + 1;
    expect(sessions.finishSignIn('state-2')).toBeNull();
  });
});

describe('PKCE', () => {
  it('makes a 43-character verifier and its S256 challenge: base64url of SHA-256, unpadded', () => {
    const verifier = 'dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const standard = createHash('sha256').update(verifier, 'ascii').digest('base64');
    expect(challengeOf(verifier)).toBe(standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    const { verifier: made, challenge } = pkce();
    expect(made).toMatch(/^[\w-]{43}$/);
    expect(challenge).toBe(challengeOf(made));
    expect(pkce().verifier).not.toBe(made);
  });
});

describe('cookies', () => {
  it('are always httpOnly, with the path, SameSite and Secure asked for', () => {
    expect(serializeCookie('stance_console', 'abc', { path: '/console', secure: false, sameSite: 'Lax' })).toBe(
      'stance_console=abc; Path=/console; HttpOnly; SameSite=Lax',
    );
    expect(serializeCookie('s', 'a b;c', { path: '/console', secure: true, sameSite: 'Lax', maxAge: 0 })).toBe(
      's=a%20b%3Bc; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    );
  });

  it('are read from the Cookie header, the first of a name winning, malformed ones skipped', () => {
    expect(parseCookies('a=1; b=x%20y; a=2; junk; c="q"; d=%E0%A4%A')).toEqual({ a: '1', b: 'x y', c: 'q' });
    expect(parseCookies(undefined)).toEqual({});
  });
});
