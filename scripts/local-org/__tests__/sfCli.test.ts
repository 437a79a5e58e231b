/**
 * The official Salesforce CLI against the local org, with the recipe the README gives: log in
 * with an access token, query, create and update records, and call the REST API.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';

jest.setTimeout(180_000);

const SF = join(__dirname, '../../../node_modules/.bin/sf');
const run = promisify(execFile);

describe('the Salesforce CLI (sf) against the local org', () => {
  let running: RunningOrg;
  let env: NodeJS.ProcessEnv;

  const sf = async (...args: string[]): Promise<{ status: number; result: unknown }> => {
    const { stdout } = await run(SF, [...args, '--json'], { env, timeout: 120_000, maxBuffer: 10_000_000 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '{}' }),
    );
    return JSON.parse(stdout) as { status: number; result: unknown };
  };

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    const session = running.org.auth.issue(running.org.adminUserId);
    env = {
      PATH: process.env.PATH,
      HOME: mkdtempSync(join(tmpdir(), 'stance-sf-home-')),
      SF_DISABLE_AUTOUPDATE: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
      SF_DISABLE_TELEMETRY: 'true',
      SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
      SF_ACCESS_TOKEN: session.token,
    };
    const login = await sf(
      'org',
      'login',
      'access-token',
      '--instance-url',
      running.url,
      '--alias',
      'local',
      '--no-prompt',
    );
    expect(login).toMatchObject({ status: 0, result: { username: 'admin@stance.local', orgId: running.org.orgId } });
  });

  afterAll(() => running.close());

  it('queries records', async () => {
    const answer = await sf(
      'data',
      'query',
      '--query',
      "SELECT Name, Type FROM Account WHERE Name = 'Kakao Werke GmbH'",
      '--target-org',
      'local',
    );
    expect(answer).toMatchObject({
      status: 0,
      result: {
        totalSize: 1,
        records: [expect.objectContaining({ Name: 'Kakao Werke GmbH', Type: 'Customer - Direct' })],
      },
    });
  });

  it('creates and updates a record', async () => {
    const created = (await sf(
      'data',
      'create',
      'record',
      '--sobject',
      'Account',
      '--values',
      "Name='Made by sf' Industry=Bakery",
      '--target-org',
      'local',
    )) as {
      status: number;
      result: { id: string };
    };
    expect(created).toMatchObject({ status: 0, result: { success: true } });
    const updated = await sf(
      'data',
      'update',
      'record',
      '--sobject',
      'Account',
      '--where',
      "Name='Made by sf'",
      '--values',
      'Rating=Hot',
      '--target-org',
      'local',
    );
    expect(updated).toMatchObject({ status: 0 });
    // Read back through the REST API, as any other client would.
    const response = await fetch(
      `${running.url}/services/data/v62.0/sobjects/Account/${created.result.id}?fields=Rating`,
      { headers: { Authorization: `Bearer ${env.SF_ACCESS_TOKEN}` } },
    );
    expect(await response.json()).toMatchObject({ Rating: 'Hot' });
  });

  it('calls the REST API', async () => {
    const { stdout } = await run(
      SF,
      ['api', 'request', 'rest', '/services/data/v62.0/limits', '--target-org', 'local'],
      { env, timeout: 120_000 },
    );
    expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toMatchObject({ DailyApiRequests: { Max: 100_000 } });
  });
});
