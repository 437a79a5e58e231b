/**
 * test:org: with no org named it says it skipped; given one (here a local org standing in for a
 * real one, reached only through the sidecar's SF_* variables and access tokens, as a real org
 * would be) it runs the conformance tests against it, skipping those whose user it lacks.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import type { RunningOrg } from '../../local-org/server';
import { main, SKIPPED } from '../testOrg';
import { captured } from './support';

jest.setTimeout(240_000);

interface JestReport {
  numPassedTests: number;
  numPendingTests: number;
  numFailedTests: number;
  testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
}

describe('test:org', () => {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'stance-test-org-'));
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo', jwtCertificate: keys.publicKey });
    writeFileSync(join(dir, 'key.pem'), keys.privateKey);
  });
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tokenOf = (username: string) => {
    const row = running.org.store.db.prepare(`SELECT "Id" FROM "o_User" WHERE "Username" = ?`).get(username) as {
      Id: string;
    };
    return running.org.auth.issue(row.Id).token;
  };

  async function runAgainst(env: NodeJS.ProcessEnv, name: string): Promise<{ code: number; report: JestReport }> {
    const outputFile = join(dir, `${name}.json`);
    const code = await main(['--json', `--outputFile=${outputFile}`], { PATH: process.env.PATH, ...env });
    return { code, report: JSON.parse(readFileSync(outputFile, 'utf8')) as JestReport };
  }

  it('says it skipped, and exits 0, when no org is named', async () => {
    expect(await captured(() => main([], { PATH: process.env.PATH }))).toEqual({ code: 0, out: [SKIPPED] });
  });

  it('runs every conformance test when given an admin, a rep and the sidecar’s JWT settings', async () => {
    const { code, report } = await runAgainst(
      {
        SF_LOGIN_URL: running.url,
        SF_CLIENT_ID: DEFAULTS.clientId,
        SF_USERNAME: 'integration@stance.local',
        SF_JWT_KEY_FILE: join(dir, 'key.pem'),
        STANCE_ORG_INSTANCE_URL: running.url,
        STANCE_ORG_ACCESS_TOKEN: tokenOf(DEFAULTS.username),
        STANCE_REP_INSTANCE_URL: running.url,
        STANCE_REP_ACCESS_TOKEN: tokenOf('dana@stance.local'),
      },
      'all',
    );
    expect(report).toMatchObject({ numFailedTests: 0, numPendingTests: 0, numPassedTests: 7 });
    expect(code).toBe(0);
  });

  it('skips, naming what is missing, the tests whose users the sidecar’s access token alone does not give', async () => {
    const { code, report } = await runAgainst(
      { SF_INSTANCE_URL: running.url, SF_ACCESS_TOKEN: tokenOf('integration@stance.local') },
      'token',
    );
    expect(report).toMatchObject({ numFailedTests: 0, numPendingTests: 5, numPassedTests: 2 });
    const skipped = report.testResults
      .flatMap((file) => file.assertionResults)
      .filter((result) => result.status === 'pending')
      .map((result) => result.title);
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          '(skipped: needs a rep holding Stance_User only (npm run test:org -- --rep-org <rep alias>))',
        ),
        expect.stringContaining('(skipped: needs the JWT bearer flow (SF_USERNAME, SF_JWT_KEY_FILE, SF_CLIENT_ID))'),
        expect.stringContaining('(skipped: needs an admin (npm run test:org -- --target-org <admin alias>))'),
      ]),
    );
    expect(code).toBe(0);
  });
});
