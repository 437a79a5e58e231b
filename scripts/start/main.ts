/**
 * npm start: the local org seeded with the demo firm and the sidecar against it, in one process,
 * with what each is doing on the console and the URLs once ready. Ctrl-C stops both cleanly.
 * Ports: LOCAL_ORG_PORT (7100), STANCE_PORT (7200). Everything is fresh at every start: the
 * org lives in memory and the sidecar's mirror in a temporary folder, so the demo is the same
 * every time. (The browser preview joins with issue #6.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../sidecar/src/config';
import { startSidecar } from '../../sidecar/src/sidecar';
import type { RunningSidecar } from '../../sidecar/src/sidecar';
import { DEFAULTS } from '../local-org/org';
import { startLocalOrg } from '../local-org/server';
import type { RunningOrg } from '../local-org/server';

function port(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new ConfigError([`${name}: must be a port number (0 to 65535), got ${JSON.stringify(text)}`]);
  }
  return value;
}

async function main(): Promise<void> {
  const orgPort = port('LOCAL_ORG_PORT', 7100);
  const sidecarPort = port('STANCE_PORT', 7200);
  const dataDir = mkdtempSync(join(tmpdir(), 'stance-start-'));
  let org: RunningOrg | null = null;
  let sidecar: RunningSidecar | null = null;
  let stopping = false;

  const stop = async (why: string, code: number) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${why}: stopping (Ctrl-C again to force)`);
    await sidecar?.stop().catch((error: Error) => console.error(`sidecar: ${error.message}`));
    console.log('  sidecar stopped');
    await org?.close();
    console.log('  local org stopped');
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));

  console.log('Stance: starting the local org (demo firm) ...');
  org = await startLocalOrg({ port: orgPort, seed: 'demo' }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'EADDRINUSE' ? `port ${orgPort} is in use: set LOCAL_ORG_PORT to another` : error.message,
    );
  });
  console.log(`  local org ready at ${org.url}`);

  console.log('Stance: starting the sidecar (reads the org, classifies every account, follows changes) ...');
  const config = {
    ...loadConfig({
      ...process.env,
      SF_LOGIN_URL: org.url,
      STANCE_DB: join(dataDir, 'stance.db'),
      // The sidecar's settings take 1-65535; port 0 (any free port, for tests) is set after.
      STANCE_PORT: String(sidecarPort || 7200),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    }),
    port: sidecarPort,
  };
  sidecar = await startSidecar(config, { logger: pino({ level: config.logLevel }) });
  const accounts = sidecar.sync.mirrorStore.allAccountIds().length;
  console.log(
    `  sidecar live at ${sidecar.url}: ${accounts} accounts classified, ${sidecar.sync.metrics.writes} written`,
  );

  console.log(`
Stance is running.
  local org   ${org.url}   (client ${DEFAULTS.clientId} / ${DEFAULTS.clientSecret}; user ${DEFAULTS.username} / ${DEFAULTS.password})
  sidecar     ${sidecar.url}/status   ${sidecar.url}/metrics
  preview     not yet: the browser preview lands with issue #6
Try: change an account in the org and watch its stance move, e.g.
  curl -s ${sidecar.url}/status
Ctrl-C stops everything.`);
}

main().catch((error: Error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
