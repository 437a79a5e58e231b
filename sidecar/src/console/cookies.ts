/**
 * Cookies by hand (no cookie-parser dependency): read the request's Cookie header, write one
 * Set-Cookie value with the flags the console needs.
 */

/** The request's cookies by name; a malformed pair or value is skipped, never thrown on. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    let value = pair.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      if (!(name in cookies)) cookies[name] = decodeURIComponent(value);
    } catch {
      // Not percent-encoded as we write it: not ours.
    }
  }
  return cookies;
}

export interface CookieOptions {
  readonly path: string;
  /** Seconds; 0 deletes the cookie; absent: a session cookie (gone when the browser closes). */
  readonly maxAge?: number;
  readonly secure: boolean;
  readonly sameSite: 'Lax' | 'Strict';
}

/** One Set-Cookie value: always HttpOnly (no script reads the console's cookies). */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
  ];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
