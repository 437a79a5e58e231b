/**
 * CI's rehearsal of org:demo (tsx scripts/org-tools/ciDemo.ts): starts a local org with nothing in
 * it, takes an admin's access token as `sf org display` would give one, runs `org:demo` against it
 * twice through its command line (--instance-url with SF_ACCESS_TOKEN), and checks the counts: the
 * whole demo firm after the first run, nothing new after the second. Then org:doctor must pass.
 * Exits 1 on any difference.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ACCOUNTS, MARKET_SIGNALS } from '../demo-data/firm';
import { SNAPSHOT_WEEKS } from '../demo-data/portfolio';
import { startLocalOrg } from '../local-org/server';
import { runCli } from './cli';
import { INTEGRATION_GROUP } from './demoLoad';
import { connectTo } from './target';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

const EXPECTED: Record<string, number> = {
  Account: ACCOUNTS.length,
  Contact: ACCOUNTS.reduce((n, account) => n + account.contacts.length, 0),
  Opportunity: ACCOUNTS.reduce((n, account) => n + account.opportunities.length, 0),
  Stance_Signal__c: ACCOUNTS.reduce((n, account) => n + account.signals.length, 0),
  Case: ACCOUNTS.reduce((n, account) => n + (account.cases ?? []).length, 0),
  Market_Signal__c: MARKET_SIGNALS.length,
  // All the demo's people are the admin here: one snapshot a week, upserted again on the second run.
  Stance_Portfolio_Snapshot__c: SNAPSHOT_WEEKS,
};

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [join(__dirname, script), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

async function main(): Promise<number> {
  const running = await startLocalOrg({ seed: 'none' });
  const problems: string[] = [];
  try {
    const token = running.org.auth.issue(running.org.adminUserId).token;
    const env = { SF_ACCESS_TOKEN: token, SF_USERNAME: 'integration@stance.local' };
    const args = ['--instance-url', running.url];
    // As in a real org right after the deploy, the package's group starts empty: org:demo adds the member.
    running.org.store.db
      .prepare(`DELETE FROM "o_GroupMember" WHERE "GroupId" = (SELECT "Id" FROM "o_Group" WHERE "DeveloperName" = ?)`)
      .run(INTEGRATION_GROUP);
    const admin = connectTo({ instanceUrl: running.url, accessToken: token, source: running.url });
    for (const [round, created] of [
      ['first', true],
      ['second', false],
    ] as const) {
      const demo = await run('demo.ts', args, env);
      process.stdout.write(demo.out);
      if (demo.code !== 0) problems.push(`org:demo (${round} run) exited ${demo.code}`);
      for (const [type, count] of Object.entries(EXPECTED)) {
        const line = created
          ? `${type}: ${count} created, 0 already there`
          : `${type}: 0 created, ${count} already there`;
        if (!demo.out.includes(line)) problems.push(`org:demo (${round} run) did not say "${line}"`);
        const stored = (await admin.query(`SELECT Id FROM ${type}`)).totalSize;
        if (stored !== count) problems.push(`${type}: ${stored} records after the ${round} run, expected ${count}`);
      }
    }
    const members = await admin.query(
      `SELECT Id FROM GroupMember WHERE Group.DeveloperName = '${INTEGRATION_GROUP}' AND UserOrGroupId = '${running.org.integrationUserId}'`,
    );
    if (members.totalSize !== 1) problems.push(`the integration user is not in ${INTEGRATION_GROUP} after org:demo`);
    const doctor = await run('doctor.ts', args, env);
    process.stdout.write(doctor.out);
    if (doctor.code !== 0) problems.push(`org:doctor exited ${doctor.code}`);
  } finally {
    await running.close();
  }
  for (const problem of problems) console.error(`ci-demo: ${problem}`);
  console.log(
    problems.length === 0 ? 'ci-demo: org:demo loaded the demo firm, and again nothing new' : 'ci-demo: FAILED',
  );
  return problems.length === 0 ? 0 : 1;
}

runCli(module, main, { crashCode: 1 });
