/**
 * --target-org through the real Salesforce CLI: an alias logged in to a local org with an access
 * token (as scripts/local-org/README.md shows), resolved by `sf org display`, then org:demo and
 * org:doctor run against it by alias alone.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalOrg } from '../../local-org/server';
import type { RunningOrg } from '../../local-org/server';
import { main as demo } from '../demo';
import { main as doctor } from '../doctor';
import { resolveTarget } from '../target';
import { adminTarget, captured } from './support';

jest.setTimeout(240_000);

const SF = join(__dirname, '../../../node_modules/.bin/sf');

describe('--target-org, through the Salesforce CLI', () => {
  let running: RunningOrg;
  const home = mkdtempSync(join(tmpdir(), 'stance-sf-home-'));
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'none' });
    env = {
      PATH: process.env.PATH,
      HOME: home,
      SF_DISABLE_AUTOUPDATE: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
      SF_DISABLE_TELEMETRY: 'true',
      SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    };
    await promisify(execFile)(
      SF,
      [
        'org',
        'login',
        'access-token',
        '--instance-url',
        running.url,
        '--alias',
        'stance-local',
        '--no-prompt',
        '--json',
      ],
      { env: { ...env, SF_ACCESS_TOKEN: adminTarget(running).accessToken }, timeout: 120_000 },
    );
  });
  afterAll(async () => {
    await running.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('resolves an alias to its instance URL and token, and names an alias the CLI does not know', async () => {
    const target = await resolveTarget({ targetOrg: 'stance-local' }, env);
    expect(target).toMatchObject({ instanceUrl: running.url, source: 'org stance-local (sf org display)' });
    expect(running.org.auth.authenticate(`Bearer ${target.accessToken}`).userId).toBe(running.org.adminUserId);
    await expect(resolveTarget({ targetOrg: 'nowhere' }, env)).rejects.toThrow(
      /The Salesforce CLI knows no org nowhere.*\(sf org login web --alias nowhere\)/,
    );
  });

  it('runs org:demo and org:doctor against the alias', async () => {
    const loaded = await captured(() =>
      demo(['--target-org', 'stance-local', '--integration-user', 'integration@stance.local'], env),
    );
    expect(loaded.out[0]).toBe('org:demo: loading the demo firm into org stance-local (sf org display)');
    expect(loaded.code).toBe(0);
    const checked = await captured(() =>
      doctor(['--target-org', 'stance-local'], { ...env, SF_USERNAME: 'integration@stance.local' }),
    );
    expect(checked.out).toEqual([
      'org:doctor: org stance-local (sf org display)',
      expect.stringMatching(/^org:doctor: \d+ checks passed$/),
    ]);
    expect(checked.code).toBe(0);
  });
});
