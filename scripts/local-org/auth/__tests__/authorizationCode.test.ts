/**
 * The authorization code flow with PKCE through HTTP, as a browser and an app do it: fetch the
 * sign-in page, post its form, follow the 302 to the app's callback, exchange the code with the
 * verifier (through unmodified jsforce), then act as the user who signed in.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Connection, OAuth2 } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { s256 } from '../authorizationCodes';
import { CONSOLE_CALLBACK_ENV, CONSOLE_CLIENT_ID } from '../clientApps';
import { WRONG_CREDENTIALS } from '../signInPage';

jest.setTimeout(60_000);

const CLIENT_ID = 'stance-test-app';

/** The app's callback: a real HTTP server that records what the browser brings it. */
async function startCallback(): Promise<{ url: string; hits: URL[]; server: Server }> {
  const hits: URL[] = [];
  const server = createServer((request, response) => {
    hits.push(new URL(request.url ?? '/', 'http://callback'));
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end('signed in');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/callback`, hits, server };
}

/** The hidden inputs of the sign-in form, as a browser would post them back. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[name!] = value!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return fields;
}

describe('OAuth authorization code with PKCE', () => {
  let running: RunningOrg;
  let app: Awaited<ReturnType<typeof startCallback>>;
  const verifier = randomBytes(48).toString('base64url');
  const envBefore = process.env[CONSOLE_CALLBACK_ENV];

  const authorizeUrl = (overrides: Record<string, string | undefined> = {}) => {
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: app.url,
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
      state: 'state with spaces & signs=1',
      ...overrides,
    };
    const url = new URL(`${running.url}/services/oauth2/authorize`);
    for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  };

  /** Fetches the page and posts its form; the answer, not followed. */
  async function postForm(
    username: string,
    password: string,
    url = authorizeUrl(),
    tamper: Record<string, string> = {},
  ) {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const form = new URLSearchParams({ ...hiddenFields(await page.text()), username, password, ...tamper });
    return fetch(`${running.url}/services/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  }

  /** A code for a user: the form posted, the 302's Location read. */
  async function codeFor(username: string, url = authorizeUrl()): Promise<string> {
    const answer = await postForm(username, DEFAULTS.password, url);
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location')!).searchParams.get('code')!;
  }

  async function exchange(overrides: Record<string, string>) {
    const response = await fetch(`${running.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        redirect_uri: app.url,
        code_verifier: verifier,
        ...overrides,
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  }

  beforeAll(async () => {
    app = await startCallback();
    process.env[CONSOLE_CALLBACK_ENV] = 'https://console.example.com/console/oauth/callback';
    running = await startLocalOrg({
      seed: 'demo',
      clientApps: [{ name: 'Stance Test App', clientId: CLIENT_ID, callbackUrls: [app.url] }],
    });
  });

  afterAll(async () => {
    if (envBefore === undefined) delete process.env[CONSOLE_CALLBACK_ENV];
    else process.env[CONSOLE_CALLBACK_ENV] = envBefore;
    await running.close();
    await new Promise((resolve) => app.server.close(resolve));
  });

  it('signs dana in through the page, redirects with the code and state, and her token acts as her', async () => {
    // jsforce as an app uses it: its own verifier, the authorize URL, then requestToken(code).
    const oauth2 = new OAuth2({ loginUrl: running.url, clientId: CLIENT_ID, redirectUri: app.url, useVerifier: true });
    const state = 'b1n/state?x=1&y=2';
    const page = await fetch(
      oauth2.getAuthorizationUrl({ state, code_challenge_method: 'S256', scope: 'api refresh_token' }),
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<label for="username">Username<\/label>\s*<input id="username"/);
    expect(html).toMatch(
      /<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/,
    );
    expect(html).toContain('<button type="submit">Log In</button>');
    expect(html).toContain('role="alert"');
    expect(html).toContain('to continue to Stance Test App');

    const form = new URLSearchParams({
      ...hiddenFields(html),
      username: 'dana@stance.local',
      password: DEFAULTS.password,
    });
    const followed = await fetch(`${running.url}/services/oauth2/authorize`, { method: 'POST', body: form });
    // fetch followed the 302 to the app's callback, which got the code and the state unchanged.
    expect(followed.status).toBe(200);
    expect(await followed.text()).toBe('signed in');
    const hit = app.hits.at(-1)!;
    expect(hit.pathname).toBe('/oauth/callback');
    expect(hit.searchParams.get('state')).toBe(state);
    const code = hit.searchParams.get('code')!;
    expect(code).toMatch(/^aPrx[\w-]{40,}$/);

    const token = await oauth2.requestToken(code);
    expect(token).toMatchObject({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      instance_url: running.url,
      token_type: 'Bearer',
      issued_at: expect.stringMatching(/^\d+$/),
      signature: expect.any(String),
      scope: 'api refresh_token',
    });
    const userinfo = (await (
      await fetch(`${running.url}/services/oauth2/userinfo`, {
        headers: { Authorization: `Bearer ${token.access_token}` },
      })
    ).json()) as Record<string, string>;
    expect(userinfo).toMatchObject({ username: 'dana@stance.local', name: 'Dana Reyes' });
    expect(token.id).toBe(`${running.url}/id/${running.org.orgId}/${userinfo.user_id}`);

    // SOQL with her token sees what her password-grant session sees (her sharing, not the admin's).
    const conn = new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: '62.0' });
    const mine = await conn.query<{ Id: string }>('SELECT Id FROM Account ORDER BY Id');
    const viaPassword = await (
      await signIn(running, 'dana@stance.local')
    ).query<{ Id: string }>('SELECT Id FROM Account ORDER BY Id');
    expect(mine.totalSize).toBeGreaterThan(0);
    expect(mine.records.map((record) => record.Id)).toEqual(viaPassword.records.map((record) => record.Id));
    const [me] = (await conn.query<{ Username: string }>(`SELECT Username FROM User WHERE Id = '${userinfo.user_id}'`))
      .records;
    expect(me!.Username).toBe('dana@stance.local');

    // The refresh token works for the app (no secret), and only for it.
    const refreshed = await oauth2.refreshToken(token.refresh_token!);
    expect(refreshed.access_token).toEqual(expect.any(String));
    const stolen = await fetch(`${running.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: CONSOLE_CLIENT_ID,
        refresh_token: token.refresh_token!,
      }),
    });
    expect(stolen.status).toBe(400);
  });

  it('answers the page with a strict Content-Security-Policy, no cookie and nothing from elsewhere', async () => {
    const page = await fetch(authorizeUrl({ prompt: 'login' }));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).toContain(`form-action 'self' ${new URL(app.url).origin}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('set-cookie')).toBeNull();
    const html = await page.text();
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).not.toContain('<script');
    expect(html).toContain('<html lang="en">');
  });

  it('shows the page again with Salesforce sentence, and no code, for a wrong password or a deactivated user', async () => {
    const hitsBefore = app.hits.length;
    const wrong = await postForm('dana@stance.local', 'not-the-password');
    expect(wrong.status).toBe(200);
    expect(wrong.headers.get('location')).toBeNull();
    const html = await wrong.text();
    expect(html).toContain(
      `<div id="error" class="error" role="alert">${WRONG_CREDENTIALS.replace("'", '&#39;')}</div>`,
    );
    expect(html).toContain('value="dana@stance.local" aria-invalid="true" aria-describedby="error"');
    expect(html).not.toContain('not-the-password');
    // The page posts the same request again: the right password then gets through.
    const retry = new URLSearchParams({
      ...hiddenFields(html),
      username: 'dana@stance.local',
      password: DEFAULTS.password,
    });
    const again = await fetch(`${running.url}/services/oauth2/authorize`, {
      method: 'POST',
      body: retry,
      redirect: 'manual',
    });
    expect(again.status).toBe(302);

    expect((await postForm('nobody@stance.local', DEFAULTS.password)).status).toBe(200);
    expect((await postForm('integration@stance.local', DEFAULTS.password)).status).toBe(200);
    const admin = await signIn(running, DEFAULTS.username);
    const [ivy] = (await admin.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'ivy@stance.local'"))
      .records;
    const ivyCode = await codeFor('ivy@stance.local');
    await admin.sobject('User').update({ Id: ivy!.Id, IsActive: false });
    const refused = await postForm('ivy@stance.local', DEFAULTS.password);
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain('Please check your username and password.');
    // A code taken before the deactivation gets no token either.
    expect(await exchange({ code: ivyCode })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'inactive user' },
    });
    expect(app.hits.length).toBe(hitsBefore);
  });

  it('refuses a wrong verifier, then the code is used up', async () => {
    const code = await codeFor('max@stance.local');
    expect(await exchange({ code, code_verifier: randomBytes(48).toString('base64url') })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'invalid code verifier' },
    });
    expect((await exchange({ code })).body.error_description).toBe('expired authorization code');
    const other = await codeFor('max@stance.local');
    expect((await exchange({ code: other, code_verifier: '' })).body.error_description).toBe('invalid code verifier');
  });

  it('takes a code once', async () => {
    const code = await codeFor('max@stance.local');
    expect((await exchange({ code })).status).toBe(200);
    expect(await exchange({ code })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'expired authorization code' },
    });
    expect(await exchange({ code: 'aPrxmadeup' })).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'invalid authorization code' },
    });
  });

  it('takes only the exact redirect_uri, on the page and in the exchange', async () => {
    for (const near of [`${app.url}/`, app.url.toUpperCase(), `${app.url}?next=1`, 'https://evil.example/cb']) {
      const page = await fetch(authorizeUrl({ redirect_uri: near }), { redirect: 'manual' });
      expect(page.status).toBe(400);
      expect(page.headers.get('location')).toBeNull();
      const html = await page.text();
      expect(html).toContain('error=<code>redirect_uri_mismatch</code>');
      expect(html).toContain('redirect_uri must match configuration');
    }
    // The form's hidden fields are checked again when posted.
    const tampered = await postForm('dana@stance.local', DEFAULTS.password, authorizeUrl(), {
      redirect_uri: 'https://evil.example/cb',
    });
    expect(tampered.status).toBe(400);
    const code = await codeFor('dana@stance.local');
    expect(await exchange({ code, redirect_uri: `${app.url}/` })).toEqual({
      status: 400,
      body: { error: 'redirect_uri_mismatch', error_description: 'redirect_uri must match configuration' },
    });
  });

  it('refuses an unknown client on the page and in the exchange', async () => {
    const page = await fetch(authorizeUrl({ client_id: 'who-knows' }), { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('error=<code>invalid_client_id</code>');
    const code = await codeFor('dana@stance.local');
    expect(await exchange({ code, client_id: 'who-knows' })).toEqual({
      status: 400,
      body: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
    });
    // The unknown client did not use the code up; the app it was issued to still can.
    expect((await exchange({ code })).status).toBe(200);
    // Issued to one registered app, redeemed by another: refused.
    const another = await codeFor('dana@stance.local');
    expect((await exchange({ code: another, client_id: CONSOLE_CLIENT_ID })).body.error).toBe('invalid_client_id');
  });

  it('sends the other refusals to the callback with the state: no PKCE challenge, another response type', async () => {
    const noChallenge = await fetch(authorizeUrl({ code_challenge: undefined, state: 's1' }), { redirect: 'manual' });
    expect(noChallenge.status).toBe(302);
    const location = new URL(noChallenge.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(app.url);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: 'invalid_request',
      error_description: 'missing required code challenge',
      state: 's1',
    });
    const plain = await fetch(authorizeUrl({ code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(new URL(plain.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const token = await fetch(authorizeUrl({ response_type: 'token' }), { redirect: 'manual' });
    expect(new URL(token.headers.get('location')!).searchParams.get('error')).toBe('unsupported_response_type');
  });

  it(`lets the built-in Stance Console app use the callbacks ${CONSOLE_CALLBACK_ENV} adds`, async () => {
    const consoleCallback = 'https://console.example.com/console/oauth/callback';
    const url = authorizeUrl({ client_id: CONSOLE_CLIENT_ID, redirect_uri: consoleCallback });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('to continue to Stance Console');
    const signedIn = await postForm('dana@stance.local', DEFAULTS.password, url);
    expect(signedIn.status).toBe(302);
    const location = new URL(signedIn.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(consoleCallback);
    const code = location.searchParams.get('code')!;
    const granted = await exchange({ code, client_id: CONSOLE_CLIENT_ID, redirect_uri: consoleCallback });
    expect(granted.status).toBe(200);
    expect(granted.body.scope).toBe('api refresh_token');
  });
});

describe('an authorization code expires after 15 minutes', () => {
  it('is taken at 14:59 and refused at 15:00', async () => {
    let now = Date.parse('2026-11-30T12:00:00Z');
    const callback = 'http://127.0.0.1:1/cb';
    const running = await startLocalOrg({
      seed: 'none',
      clock: () => now,
      clientApps: [{ name: 'Clocked', clientId: 'clocked', callbackUrls: [callback] }],
    });
    try {
      const verifier = randomBytes(48).toString('base64url');
      const code = async () => {
        const form = new URLSearchParams({
          response_type: 'code',
          client_id: 'clocked',
          redirect_uri: callback,
          code_challenge: s256(verifier),
          username: DEFAULTS.username,
          password: DEFAULTS.password,
        });
        const answer = await fetch(`${running.url}/services/oauth2/authorize`, {
          method: 'POST',
          body: form,
          redirect: 'manual',
        });
        return new URL(answer.headers.get('location')!).searchParams.get('code')!;
      };
      const exchange = async (value: string) =>
        (
          await fetch(`${running.url}/services/oauth2/token`, {
            method: 'POST',
            body: new URLSearchParams({
              grant_type: 'authorization_code',
              code: value,
              client_id: 'clocked',
              redirect_uri: callback,
              code_verifier: verifier,
            }),
          })
        ).json() as Promise<Record<string, string>>;
      const early = await code();
      now += 15 * 60_000 - 1_000;
      expect(await exchange(early)).toMatchObject({ token_type: 'Bearer' });
      const late = await code();
      now += 15 * 60_000;
      expect(await exchange(late)).toEqual({ error: 'invalid_grant', error_description: 'expired authorization code' });
    } finally {
      await running.close();
    }
  });
});
