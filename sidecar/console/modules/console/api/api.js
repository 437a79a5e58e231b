/**
 * The console's JSON API (/console/api/, see the console contract): every call sends the session
 * cookie, every POST the session's CSRF token in `X-CSRF-Token`. A refusal is an ApiError with the
 * HTTP status and the answer's JSON, so pages can tell a conflict (409) or problems (422) apart.
 */
/** Absolute: the console is served at /console/, with or without the trailing slash typed. */
const BASE = '/console/';
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body, path) {
    const detail = body && typeof body.error === 'string' ? body.error : `HTTP ${status}`;
    super(`${path}: ${detail}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.path = path;
  }
}

async function call(path, init = {}) {
  let response;
  try {
    response = await fetch(BASE + path, { credentials: 'same-origin', ...init });
  } catch (error) {
    throw new ApiError(0, { error: `the sidecar did not answer (${error.message})` }, path);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { error: text.slice(0, 200) };
  }
  if (!response.ok) throw new ApiError(response.status, body, path);
  return body;
}

function post(path, payload) {
  return call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken || '' },
    body: JSON.stringify(payload ?? {}),
  });
}

/** `{ signedIn: false }` or `{ signedIn: true, user, csrfToken }`; keeps the token for the POSTs. */
export async function getSession() {
  const session = await call('api/session');
  csrfToken = session && session.signedIn ? session.csrfToken : null;
  return session;
}

export function getRules() {
  return call('api/rules');
}

export function checkDraft(records) {
  return post('api/check', { records });
}

export function simulateDraft(records) {
  return post('api/simulate', { records });
}

export function activateDraft(records, baseFingerprint, reason) {
  return post('api/activate', { records, baseFingerprint, reason });
}

export function getHistory() {
  return call('api/history');
}

export function rollBack(historyId, baseFingerprint, reason) {
  return post('api/rollback', { historyId, baseFingerprint, reason });
}

export function getHealth() {
  return call('api/health');
}

/** Ends the session (POST with the CSRF token); the cookie goes with it. */
export async function signOut() {
  await call('oauth/signout', {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrfToken || '' },
  });
  csrfToken = null;
}
