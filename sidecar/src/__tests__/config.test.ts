import { ConfigError, describeConfig, loadConfig } from '../config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('sidecar configuration', () => {
  it('turns the console on against the local org (its app is built in), off against a real one until its app is set', () => {
    expect(loadConfig({}).console).toEqual({
      clientId: 'stance-console',
      publicUrl: 'http://localhost:7200',
      loginUrl: 'http://127.0.0.1:7100',
    });
    const real = { SF_LOGIN_URL: 'https://acme.my.salesforce.com', SF_CLIENT_ID: 'key', SF_CLIENT_SECRET: 'secret' };
    expect(loadConfig({ ...real, STANCE_PORT: '8080' }).console).toEqual({
      clientId: null,
      publicUrl: 'http://localhost:8080',
      loginUrl: 'https://acme.my.salesforce.com',
    });
    expect(
      loadConfig({
        ...real,
        STANCE_CONSOLE_CLIENT_ID: 'console-key',
        STANCE_CONSOLE_URL: 'https://stance.acme.com/',
        STANCE_CONSOLE_LOGIN_URL: 'https://acme--admin.my.salesforce.com',
      }).console,
    ).toEqual({
      clientId: 'console-key',
      publicUrl: 'https://stance.acme.com',
      loginUrl: 'https://acme--admin.my.salesforce.com',
    });
    expect(problems({ STANCE_CONSOLE_URL: 'stance.acme.com' })).toEqual([
      expect.stringMatching(/^STANCE_CONSOLE_URL: must be a URL/),
    ]);
  });

  it('defaults to the local org with its local client credentials', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      auth: {
        kind: 'client-credentials',
        loginUrl: 'http://127.0.0.1:7100',
        clientId: 'stance-local',
        clientSecret: 'stance-local-secret',
      },
      apiVersion: '62.0',
      port: 7200,
      dbFile: '.data/stance.db',
      coalesceMs: 500,
      adminToken: null,
    });
  });

  it('asks for client credentials when the org is not local', () => {
    expect(problems({ SF_LOGIN_URL: 'https://acme.my.salesforce.com' })).toEqual([
      expect.stringMatching(/^SF_CLIENT_ID: /),
      expect.stringMatching(/^SF_CLIENT_SECRET: /),
    ]);
  });

  it('takes the JWT bearer flow with a username and key file', () => {
    const config = loadConfig({
      SF_LOGIN_URL: 'https://acme.my.salesforce.com/',
      SF_CLIENT_ID: 'key',
      SF_USERNAME: 'stance@acme.com',
      SF_JWT_KEY_FILE: '/etc/stance/key.pem',
    });
    expect(config.auth).toEqual({
      kind: 'jwt-bearer',
      loginUrl: 'https://acme.my.salesforce.com',
      clientId: 'key',
      username: 'stance@acme.com',
      keyFile: '/etc/stance/key.pem',
      audience: 'https://login.salesforce.com',
    });
  });

  it('signs JWTs for the login host Salesforce expects: test for sandboxes, login otherwise, or as set', () => {
    const audience = (env: Record<string, string>) => {
      const { auth } = loadConfig({ SF_CLIENT_ID: 'key', SF_USERNAME: 'u', SF_JWT_KEY_FILE: 'k', ...env });
      return auth.kind === 'jwt-bearer' ? auth.audience : null;
    };
    expect(audience({ SF_LOGIN_URL: 'https://acme.my.salesforce.com' })).toBe('https://login.salesforce.com');
    expect(audience({ SF_LOGIN_URL: 'https://login.salesforce.com' })).toBe('https://login.salesforce.com');
    expect(audience({})).toBe('https://login.salesforce.com');
    expect(audience({ SF_LOGIN_URL: 'https://test.salesforce.com' })).toBe('https://test.salesforce.com');
    expect(audience({ SF_LOGIN_URL: 'https://acme--uat.sandbox.my.salesforce.com' })).toBe(
      'https://test.salesforce.com',
    );
    expect(
      audience({ SF_LOGIN_URL: 'https://acme.my.salesforce.com', SF_JWT_AUDIENCE: 'https://test.salesforce.com/' }),
    ).toBe('https://test.salesforce.com');
    expect(problems({ SF_JWT_AUDIENCE: 'login.salesforce.com' })).toEqual([
      expect.stringMatching(/^SF_JWT_AUDIENCE: must be an https URL/),
    ]);
    expect(problems({ SF_JWT_AUDIENCE: 'http://login.salesforce.com' })).toEqual([
      expect.stringMatching(/^SF_JWT_AUDIENCE: /),
    ]);
  });

  it('takes the idle heartbeat in seconds: 60 by default, 0 turns it off, anything else is refused by name', () => {
    expect(loadConfig({}).heartbeatMs).toBe(60_000);
    expect(loadConfig({ STANCE_HEARTBEAT_S: '0' }).heartbeatMs).toBe(0);
    expect(loadConfig({ STANCE_HEARTBEAT_S: '300' }).heartbeatMs).toBe(300_000);
    for (const bad of ['-1', '1.5', 'often', '86401'])
      expect(problems({ STANCE_HEARTBEAT_S: bad })).toEqual([expect.stringMatching(/^STANCE_HEARTBEAT_S: /)]);
  });

  it("follows Account on the package's filtered channel unless told otherwise, and refuses a channel that carries no accounts", () => {
    expect(loadConfig({}).accountChannel).toBe('/data/Stance_Accounts__chn');
    expect(loadConfig({ STANCE_ACCOUNT_CHANNEL: '/data/AccountChangeEvent' }).accountChannel).toBe(
      '/data/AccountChangeEvent',
    );
    expect(problems({ STANCE_ACCOUNT_CHANNEL: '/data/ContactChangeEvent' })).toEqual([
      expect.stringMatching(
        /^STANCE_ACCOUNT_CHANNEL: must be a custom data channel such as \/data\/Stance_Accounts__chn, or \/data\/AccountChangeEvent/,
      ),
    ]);
  });

  it('lists every problem in one message that names what to set', () => {
    let message = '';
    try {
      loadConfig({
        SF_LOGIN_URL: 'not a url',
        STANCE_PORT: '99999',
        SF_INSTANCE_URL: 'https://acme.my.salesforce.com',
        LOG_LEVEL: 'loud',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^The Stance sidecar cannot start\. Set:\n/);
    for (const name of ['SF_LOGIN_URL', 'STANCE_PORT', 'SF_ACCESS_TOKEN', 'LOG_LEVEL'])
      expect(message).toContain(`  - ${name}: `);
  });

  it('refuses half-configured flows', () => {
    expect(problems({ SF_USERNAME: 'x@y.z' })).toEqual([
      expect.stringMatching(/^SF_JWT_KEY_FILE: is required with SF_USERNAME/),
    ]);
    expect(problems({ SF_ACCESS_TOKEN: 'token' })).toEqual([expect.stringMatching(/^SF_INSTANCE_URL: is required/)]);
    expect(problems({ STANCE_ADMIN_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^STANCE_ADMIN_TOKEN: must be at least 16/),
    ]);
  });

  it('never shows secrets when it describes itself', () => {
    const config = loadConfig({ SF_CLIENT_SECRET: 'very-secret-value', STANCE_ADMIN_TOKEN: 'admin-token-0123456789' });
    const text = JSON.stringify(describeConfig(config));
    expect(text).not.toContain('very-secret-value');
    expect(text).not.toContain('admin-token-0123456789');
    expect(text).toContain('"adminRoutes":"enabled"');
  });
});
