/**
 * npm run pack:check: the sidecar as an operator installs it. Packs the `sidecar` workspace
 * (which compiles it and builds the console's bundle), installs the tarball without development
 * dependencies in an empty folder, starts that copy against a local org seeded with the demo firm,
 * and checks that it classified every account and serves the console. Nothing from this repository's node_modules is used by the copy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNTS } from '../demo-data/firm';
import { startLocalOrg } from '../local-org/server';
import { runCli } from '../org-tools/cli';
import { freePort } from '../testing/ports';
import { signIn } from '../testing/signIn';

const ROOT = join(__dirname, '../..');
const LIVE_WITHIN_MS = 120_000;

function run(command: string, args: readonly string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status})`);
}

/** Starts the installed sidecar and resolves once it follows change events. */
function startInstalled(host: string, env: Record<string, string>): Promise<() => Promise<number | null>> {
  const main = join(host, 'node_modules/stance-sidecar/dist/main.js');
  const child = spawn(process.execPath, [main], { cwd: host, env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the installed sidecar was not live within ${LIVE_WITHIN_MS} ms:\n${output}`));
    }, LIVE_WITHIN_MS);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('live: following change events')) return;
      clearTimeout(timer);
      resolve(() => {
        const exited = new Promise<number | null>((done) => child.once('exit', done));
        child.kill('SIGTERM');
        return exited;
      });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the installed sidecar exited with ${code}:\n${output}`));
    });
  });
}

/**
 * The console's page and its bundle, served by the installed sidecar: built when the sidecar was
 * packed (prepack), not by a development dependency at run time. Answers what is wrong, or null.
 */
async function consoleServed(sidecarUrl: string): Promise<string | null> {
  const page = await fetch(`${sidecarUrl}/console/`);
  const html = await page.text();
  const script = /<script[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !script)
    return `the installed sidecar does not serve the console's page (GET /console/ answered ${page.status}): was it built at pack time (npm run build:console in prepack)?`;
  const bundle = await fetch(new URL(script, `${sidecarUrl}/console/`));
  if (bundle.status !== 200 || !(bundle.headers.get('content-type') ?? '').includes('javascript'))
    return `the installed sidecar serves the console's page but not its bundle ${script} (${bundle.status})`;
  return null;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'stance-pack-'));
  try {
    console.log('pack:check: packing the sidecar workspace (compiles it) ...');
    run('npm', ['pack', '-w', 'sidecar', '--pack-destination', work, '--silent'], ROOT);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);

    const host = join(work, 'host');
    run('mkdir', ['-p', host], work);
    // An operator's folder: only the sidecar's runtime dependencies, better-sqlite3 allowed to build.
    writeFileSync(
      join(host, 'package.json'),
      JSON.stringify({ name: 'stance-host', private: true, allowScripts: { 'better-sqlite3': true } }),
    );
    console.log(`pack:check: installing ${tarball} with --omit=dev into an empty folder ...`);
    run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball)], host);

    const org = await startLocalOrg({ port: await freePort(), seed: 'demo' });
    try {
      const conn = await signIn(org);
      const stances = async () =>
        (await conn.query<{ Stance__c: string | null }>('SELECT Stance__c FROM Account')).records.map(
          (account) => account.Stance__c,
        );
      const before = await stances();
      if (before.some((stance) => stance !== null)) throw new Error('the seeded org already holds stances');

      const port = await freePort();
      const stop = await startInstalled(host, {
        SF_LOGIN_URL: org.url,
        STANCE_DB: join(work, 'stance.db'),
        STANCE_PORT: String(port),
        LOG_LEVEL: 'info',
      });
      const consoleProblem = await consoleServed(`http://127.0.0.1:${port}`);
      const after = await stances();
      const code = await stop();
      const counts = new Map<string, number>();
      for (const stance of after) counts.set(String(stance), (counts.get(String(stance)) ?? 0) + 1);
      const summary = [...counts].map(([stance, count]) => `${stance} ${count}`).join(', ');
      if (after.length !== ACCOUNTS.length || after.some((stance) => stance === null))
        throw new Error(`expected all ${ACCOUNTS.length} demo accounts classified, the org holds: ${summary}`);
      if (code !== 0) throw new Error(`the installed sidecar did not stop cleanly on SIGTERM (exit ${code})`);
      if (consoleProblem) throw new Error(consoleProblem);
      console.log(
        `pack:check: ok, the installed sidecar classified all ${after.length} demo accounts (${summary}) and serves the console`,
      );
    } finally {
      await org.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

runCli(module, main, { crashCode: 1, brief: 'pack:check failed' });
