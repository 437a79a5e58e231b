/**
 * npm start: the local org seeded with the demo firm, the sidecar against it and the browser
 * preview, in one process, with what each is doing on the console and the URLs once ready.
 * Ctrl-C stops all three cleanly. Ports: LOCAL_ORG_PORT (7100), STANCE_PORT (7200),
 * PREVIEW_PORT (7300). Everything is fresh at every start: the org lives in memory and the
 * sidecar's mirror in a temporary folder, so the demo is the same every time.
 */
import { ConfigError } from '../../sidecar/src/config';
import { USERS } from '../demo-data/firm';
import { DEFAULTS } from '../local-org/org';
import { runCli } from '../org-tools/cli';
import { StartAborted, startStack } from './stack';
import type { Stack } from './stack';

function port(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new ConfigError([`${name}: must be a port number (0 to 65535), got ${JSON.stringify(text)}`]);
  }
  return value;
}

/** Who may use the console at once: the demo's admin who may also write the rules (Stance_Rules_Author). */
function consoleLine(url: string): string {
  const admin = USERS.find((user) => user.permissionSets.includes('Stance_Rules_Author'));
  const who = admin
    ? `sign in as ${admin.firstName} ${admin.lastName}, ${admin.key}@stance.local/${DEFAULTS.password}`
    : `sign in as a user with Stance_Admin and Stance_Rules_Author`;
  return `Console (${who}): ${url}`;
}

async function main(): Promise<void> {
  const ports = {
    orgPort: port('LOCAL_ORG_PORT', 7100),
    sidecarPort: port('STANCE_PORT', 7200),
    previewPort: port('PREVIEW_PORT', 7300),
  };
  // Ctrl-C while starting stops what has started (startStack sees the abort between steps).
  const aborting = new AbortController();
  const starting = startStack({ ...ports, log: (line) => console.log(line), signal: aborting.signal });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${why}: stopping (Ctrl-C again to force)`);
    aborting.abort();
    const stack = await starting.catch(() => null);
    await stack?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  let stack: Stack;
  try {
    stack = await starting;
  } catch (error) {
    // Interrupted: the signal handler finishes the exit.
    if (error instanceof StartAborted) return;
    throw error;
  }
  const { org, sidecar, preview, consoleUrl } = stack;
  console.log(`
Stance is running.
  preview     ${preview.url}/   accounts and their list views; open one for its record page
              (signed in as Dana Reyes, a rep; switch to Sam (support) or Max (manager) at the top)
  sidecar     ${sidecar.url}/status   ${sidecar.url}/metrics
  ${consoleLine(consoleUrl)}
  local org   ${org.url}   (client ${DEFAULTS.clientId} / ${DEFAULTS.clientSecret}; user ${DEFAULTS.username} / ${DEFAULTS.password})
Try: as Sam, report "Service dissatisfaction" on Chocolaterie Lumière; as Dana, watch it turn at risk.
Ctrl-C stops everything.`);
}

runCli(module, main, { crashCode: 1, brief: 'npm start' });
