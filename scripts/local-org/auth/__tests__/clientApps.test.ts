/** The External Client App registry: exact callback matches, the env list, clear refusals. */
import { randomBytes } from 'node:crypto';
import { AuthorizationCodes, CODE_LIFETIME_MS, s256 } from '../authorizationCodes';
import {
  CONSOLE_CALLBACK_ENV,
  CONSOLE_CLIENT_ID,
  ClientApps,
  consoleCallbacksFromEnv,
  DEFAULT_CONSOLE_CALLBACKS,
} from '../clientApps';

describe('ClientApps', () => {
  it('has the built-in Stance Console app with its default callbacks and the ones given', () => {
    const apps = new ClientApps([], ['https://stance.example.com/console/oauth/callback']);
    expect(apps.get(CONSOLE_CLIENT_ID)).toEqual({
      name: 'Stance Console',
      clientId: 'stance-console',
      callbackUrls: [...DEFAULT_CONSOLE_CALLBACKS, 'https://stance.example.com/console/oauth/callback'],
    });
  });

  it('matches a redirect_uri character for character, as Salesforce does', () => {
    const apps = new ClientApps([{ name: 'Tool', clientId: 'tool', callbackUrls: ['https://tool.example/cb'] }]);
    expect(apps.accepts('tool', 'https://tool.example/cb')).toBe(true);
    for (const near of [
      'https://tool.example/cb/',
      'https://tool.example/CB',
      'https://TOOL.example/cb',
      'https://tool.example/cb?x=1',
      'http://tool.example/cb',
      'https://tool.example/c',
      '',
    ])
      expect(apps.accepts('tool', near)).toBe(false);
    expect(apps.accepts('someone-else', 'https://tool.example/cb')).toBe(false);
    expect(apps.accepts(CONSOLE_CLIENT_ID, 'https://tool.example/cb')).toBe(false);
  });

  it('adds callbacks to an app registered under the same consumer key, and one at a time', () => {
    const apps = new ClientApps([
      {
        name: 'Stance Console',
        clientId: CONSOLE_CLIENT_ID,
        callbackUrls: ['http://127.0.0.1:4321/console/oauth/callback'],
      },
    ]);
    apps.addCallbackUrl(CONSOLE_CLIENT_ID, 'http://127.0.0.1:9999/console/oauth/callback');
    apps.addCallbackUrl(CONSOLE_CLIENT_ID, 'http://127.0.0.1:9999/console/oauth/callback');
    expect(apps.get(CONSOLE_CLIENT_ID)!.callbackUrls).toEqual([
      ...DEFAULT_CONSOLE_CALLBACKS,
      'http://127.0.0.1:4321/console/oauth/callback',
      'http://127.0.0.1:9999/console/oauth/callback',
    ]);
    expect(apps.list().map((app) => app.clientId)).toEqual([CONSOLE_CLIENT_ID]);
    expect(() => apps.addCallbackUrl('nope', 'http://x.example/cb')).toThrow(
      'No External Client App has the consumer key "nope"',
    );
  });

  it(`reads ${CONSOLE_CALLBACK_ENV} as a comma list and names the variable when an entry is not a URL`, () => {
    expect(
      consoleCallbacksFromEnv({
        [CONSOLE_CALLBACK_ENV]: ' https://a.example/cb , ,http://localhost:7300/console/oauth/callback',
      }),
    ).toEqual(['https://a.example/cb', 'http://localhost:7300/console/oauth/callback']);
    expect(consoleCallbacksFromEnv({})).toEqual([]);
    expect(() => consoleCallbacksFromEnv({ [CONSOLE_CALLBACK_ENV]: '/console/oauth/callback' })).toThrow(
      `${CONSOLE_CALLBACK_ENV}: the callback URL "/console/oauth/callback" is not an absolute URL`,
    );
    expect(() => consoleCallbacksFromEnv({ [CONSOLE_CALLBACK_ENV]: 'https://a.example/cb#top' })).toThrow(
      'has a fragment (#)',
    );
  });
});

describe('AuthorizationCodes', () => {
  const verifier = randomBytes(48).toString('base64url');
  const grant = {
    clientId: 'tool',
    redirectUri: 'https://tool.example/cb',
    userId: '005000000000001AAA',
    codeChallenge: s256(verifier),
    scope: 'api',
  };
  const exchange = (code: string, overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: 'tool',
      redirect_uri: 'https://tool.example/cb',
      code_verifier: verifier,
      ...overrides,
    });

  it('computes S256 as RFC 7636 appendix B does', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('redeems a code once, within 15 minutes, then calls it expired', () => {
    let now = 1_000_000;
    const codes = new AuthorizationCodes(() => now);
    const code = codes.issue(grant);
    now += CODE_LIFETIME_MS - 1;
    expect(codes.redeem(exchange(code))).toEqual({ clientId: 'tool', userId: grant.userId, scope: 'api' });
    expect(() => codes.redeem(exchange(code))).toThrow('expired authorization code');

    const late = codes.issue(grant);
    now += CODE_LIFETIME_MS;
    expect(() => codes.redeem(exchange(late))).toThrow('expired authorization code');
    expect(() => codes.redeem(exchange('aPrxneverissued'))).toThrow('invalid authorization code');
  });

  it('accepts a challenge sent with base64 padding', () => {
    const codes = new AuthorizationCodes();
    const code = codes.issue({ ...grant, codeChallenge: `${s256(verifier)}=` });
    expect(codes.redeem(exchange(code)).userId).toBe(grant.userId);
  });
});
