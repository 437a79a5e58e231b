import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSync, serveApi } from '../../api/__tests__/support/fakeSync';
import type { RunningApi } from '../../api/__tests__/support/fakeSync';
import type { ConsoleSettings } from '../../config';
import { challengeOf } from '../oauth';
import { Sessions } from '../sessions';
import { shippedRecords } from './support';

const SOFIA = { id: '005000000000001AAA', name: 'Sofia Marin', username: 'sofia@stance.local' };
const SETTINGS: ConsoleSettings = {
  clientId: 'stance-console',
  publicUrl: 'http://localhost:7200',
  loginUrl: 'http://127.0.0.1:7100',
};

/** A GET as a browser on another address would send it (fetch does not let a test set Host). */
function getAs(
  url: string,
  host: string,
  cookie?: string,
): Promise<{ status: number; location: string; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { headers: { host, ...(cookie ? { cookie } : {}) } }, (answer) => {
      answer.resume();
      resolve({
        status: answer.statusCode!,
        location: answer.headers.location ?? '',
        setCookie: answer.headers['set-cookie'] ?? [],
      });
    });
    sent.once('error', reject);
    sent.end();
  });
}

describe('the console router (no org behind it)', () => {
  let api: RunningApi;
  let sessions: Sessions;
  const start = async (settings = SETTINGS, bundleDir = mkdtempSync(join(tmpdir(), 'console-bundle-'))) => {
    sessions = new Sessions();
    api = await serveApi(new FakeSync(), {
      console: { console: settings, apiVersion: '62.0', sessions, bundleDir },
    });
  };
  afterEach(() => api.close());
  const signedIn = () => sessions.create(SOFIA, 'token', 'http://127.0.0.1:1');
  const call = (path: string, init: RequestInit & { session?: string } = {}) =>
    fetch(`${api.url}${path}`, {
      redirect: 'manual',
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.session ? { cookie: `stance_console=${init.session}` } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  it('says how to build the console when its bundle is missing, and serves the bundle when built', async () => {
    await start();
    const missing = await call('/console/');
    expect(missing.status).toBe(200);
    expect(await missing.text()).toMatch(/not built[\s\S]*npm run build/);
    await api.close();
    const bundle = mkdtempSync(join(tmpdir(), 'console-bundle-'));
    writeFileSync(join(bundle, 'index.html'), '<!doctype html><title>Stance console</title>');
    writeFileSync(join(bundle, 'console.js'), 'export {};');
    // The sidecar's compiled modules share the directory (dist/console): never served.
    for (const file of ['routes.js', 'routes.d.ts', 'routes.js.map']) writeFileSync(join(bundle, file), '//');
    await start(SETTINGS, bundle);
    const served = await call('/console/');
    expect(await served.text()).toContain('<title>Stance console</title>');
    expect((await call('/console/console.js')).status).toBe(200);
    const bare = await call('/console?refused=1');
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/console/?refused=1']);
    for (const file of ['routes.js', 'routes.d.ts', 'routes.js.map'])
      expect((await call(`/console/${file}`)).status).toBe(404);
    expect(served.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(served.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('explains how to turn sign-in on when STANCE_CONSOLE_CLIENT_ID is not set', async () => {
    await start({ ...SETTINGS, clientId: null });
    const answer = await call('/console/oauth/start');
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain('STANCE_CONSOLE_CLIENT_ID');
  });

  it('sends the browser to the org’s authorize page with PKCE S256 and a state in a short-lived httpOnly cookie', async () => {
    await start();
    // Opened on another host than STANCE_CONSOLE_URL's: sent there first, where the callback lands.
    const elsewhere = await call('/console/oauth/start');
    expect([elsewhere.status, elsewhere.headers.get('location')]).toEqual([
      302,
      'http://localhost:7200/console/oauth/start',
    ]);
    expect(elsewhere.headers.get('set-cookie')).toBeNull();
    // Behind a proxy (Host is the proxy's, not a loopback name): no redirect loop, the sign-in goes on.
    expect((await getAs(`${api.url}/console/oauth/start`, 'internal.proxy:8080')).location).toMatch(
      /^http:\/\/127\.0\.0\.1:7100\/services\/oauth2\/authorize\?/,
    );
    const answer = await getAs(`${api.url}/console/oauth/start`, 'localhost:7200');
    expect(answer.status).toBe(302);
    const location = new URL(answer.location);
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:7100/services/oauth2/authorize');
    const query = Object.fromEntries(location.searchParams);
    expect(query).toMatchObject({
      response_type: 'code',
      client_id: 'stance-console',
      redirect_uri: 'http://localhost:7200/console/oauth/callback',
      code_challenge_method: 'S256',
    });
    expect(query.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(answer.setCookie).toEqual([
      `stance_console_state=${query.state}; Path=/console/oauth; HttpOnly; SameSite=Lax; Max-Age=600`,
    ]);
    // The challenge is the S256 of the verifier the sidecar keeps for this state.
    expect(challengeOf(sessions.finishSignIn(query.state!)!)).toBe(query.code_challenge);
  });

  it('refuses a callback whose state is not the one this browser started', async () => {
    await start();
    const started = await getAs(`${api.url}/console/oauth/start`, 'localhost:7200');
    const state = new URL(started.location).searchParams.get('state')!;
    const answer = await call(`/console/oauth/callback?code=abc&state=${state}`, {
      headers: { cookie: 'stance_console_state=another' },
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toMatch(/expired or was started in another browser/);
    expect(sessions.size).toBe(0);
  });

  it('answers 401 without a session, and the session with its CSRF token', async () => {
    await start();
    expect((await call('/console/api/rules')).status).toBe(401);
    expect(await (await call('/console/api/session')).json()).toEqual({ signedIn: false });
    const session = signedIn();
    expect(await (await call('/console/api/session', { session: session.id })).json()).toEqual({
      signedIn: true,
      user: SOFIA,
      csrfToken: session.csrfToken,
    });
  });

  it('refuses every change without the session’s X-CSRF-Token (403), and checks a draft with it', async () => {
    await start();
    const session = signedIn();
    const records = shippedRecords();
    const broken = {
      ...records,
      rules: records.rules.map((rule) =>
        rule.DeveloperName === 'Target_Prospect'
          ? { ...rule, Condition__c: 'Is_Customer = false\nAND In_Strategi = true' }
          : rule,
      ),
    };
    const body = JSON.stringify({ records: broken });
    expect((await call('/console/api/check', { method: 'POST', body, session: session.id })).status).toBe(403);
    const wrong = { 'x-csrf-token': signedIn().csrfToken };
    expect(
      (await call('/console/api/check', { method: 'POST', body, session: session.id, headers: wrong })).status,
    ).toBe(403);
    const csrf = { 'x-csrf-token': session.csrfToken };
    const checked = await call('/console/api/check', { method: 'POST', body, session: session.id, headers: csrf });
    expect(checked.status).toBe(200);
    const { problems } = (await checked.json()) as { problems: Array<Record<string, unknown>> };
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'UNKNOWN_FACT',
        source: 'Stance_Rule.Target_Prospect',
        field: 'Condition__c',
        line: 2,
        column: 5,
        hint: expect.stringContaining('In_Strategy'),
      }),
    ]);
    const clean = await call('/console/api/check', {
      method: 'POST',
      body: JSON.stringify({ records }),
      session: session.id,
      headers: csrf,
    });
    expect(await clean.json()).toEqual({ problems: [] });
  });

  it('signs out with the CSRF token: the session ends and its cookie is cleared', async () => {
    await start({ ...SETTINGS, publicUrl: 'https://stance.example.com' });
    const session = signedIn();
    expect((await call('/console/oauth/signout', { method: 'POST', session: session.id })).status).toBe(403);
    const out = await call('/console/oauth/signout', {
      method: 'POST',
      session: session.id,
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toBe(
      'stance_console=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    );
    expect((await call('/console/api/history', { session: session.id })).status).toBe(401);
  });
});
