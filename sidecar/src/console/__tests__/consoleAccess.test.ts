/**
 * Who the console lets in and what it shows them, against a real local org (demo firm): a rep
 * signing in through the org's authorize page over HTTP is refused with no session; the sample
 * accounts are filtered with the person's own token, which the org answers under its sharing.
 */
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import { AdminOrg } from '../../salesforce/adminOrg';
import type { RunningSidecar } from '../../sidecar';
import { signInToConsole, startConsoleStack } from './support';
import type { ConsoleStack } from './support';

jest.setTimeout(90_000);

describe('a rep signing in to the console', () => {
  let stack: ConsoleStack;
  let sidecar: RunningSidecar;
  beforeAll(async () => {
    stack = await startConsoleStack();
    sidecar = stack.sidecar;
  });
  afterAll(() => stack?.close());

  it('is refused: no session, and the sentence can name her', async () => {
    const dana = await signInToConsole(sidecar.url, 'dana@stance.local', DEFAULTS.password);
    expect(dana.landedOn).toBe('/console/?refused=1');
    expect(dana.setCookies.some((value) => value.startsWith('stance_console='))).toBe(false);
    const api = (path: string) => fetch(`${sidecar.url}/console/api/${path}`, { headers: { cookie: dana.cookie } });
    expect(await (await api('session')).json()).toEqual({
      signedIn: false,
      refusedAs: expect.stringMatching(/Dana/),
    });
    expect((await api('rules')).status).toBe(401);
  });

  it('with a wrong password stays on the org’s page: no code reaches the console', async () => {
    await expect(signInToConsole(sidecar.url, 'dana@stance.local', 'wrong')).rejects.toThrow(/answered 200/);
  });
});

describe('the accounts a console user may read', () => {
  it('are asked of the org with the person’s own token, under Private sharing', async () => {
    const org = await startLocalOrg({ seed: 'demo', sharing: 'private' });
    try {
      const admin = await signIn(org, DEFAULTS.username);
      const all = (await admin.query<{ Id: string }>('SELECT Id FROM Account')).records.map((account) => account.Id);
      const dana = await signIn(org, 'dana@stance.local');
      const own = (await dana.query<{ Id: string }>('SELECT Id FROM Account')).records.map((account) => account.Id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.length).toBeLessThan(all.length);
      const asDana = new AdminOrg(dana.instanceUrl, dana.accessToken!, '62.0');
      expect([...(await asDana.readableAccountIds(all))].sort()).toEqual([...own].sort());
    } finally {
      await org.close();
    }
  });
});
