/**
 * The whole demo in one process: the local org seeded with the demo firm, the sidecar against
 * it, and the browser preview against both. `npm start` runs it; the browser tests start their
 * own on free ports. Stopping closes the preview, then the sidecar (finishing its writes), then
 * the org.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pino from 'pino';
import { buildConsole } from '../../sidecar/console/build';
import { loadConfig } from '../../sidecar/src/config';
import type { Config } from '../../sidecar/src/config';
import { startSidecar } from '../../sidecar/src/sidecar';
import type { RunningSidecar } from '../../sidecar/src/sidecar';
import { DEFAULTS } from '../local-org/org';
import { startLocalOrg } from '../local-org/server';
import type { RunningOrg } from '../local-org/server';
import { buildPreview } from '../preview/build';
import { startPreview } from '../preview/server';
import type { RunningPreview } from '../preview/server';
import { freePort } from '../testing/ports';

/** The console's OAuth client: the local org's built-in External Client App "Stance Console". */
export const CONSOLE_CLIENT_ID = 'stance-console';

export interface StackOptions {
  readonly orgPort: number;
  readonly sidecarPort: number;
  readonly previewPort: number;
  /** Sidecar settings on top of the environment's (tests shorten the coalescing window). */
  readonly sidecar?: Partial<Config>;
  readonly environment?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** Aborting it while starting stops what has started and rejects with StartAborted. */
  readonly signal?: AbortSignal;
}

/** Startup was interrupted (Ctrl-C): what had started has been stopped. */
export class StartAborted extends Error {
  constructor() {
    super('startup interrupted');
  }
}

export interface Stack {
  readonly org: RunningOrg;
  readonly sidecar: RunningSidecar;
  readonly preview: RunningPreview;
  /** The console's address (STANCE_CONSOLE_URL + /console/), where admins sign in with the org. */
  readonly consoleUrl: string;
  stop(): Promise<void>;
}

/** A listen failure that names the setting to change. */
function portError(error: NodeJS.ErrnoException, port: number, setting: string): Error {
  return new Error(error.code === 'EADDRINUSE' ? `port ${port} is in use: set ${setting} to another` : error.message);
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => undefined);
  const environment = options.environment ?? process.env;
  const dataDir = mkdtempSync(join(tmpdir(), 'stance-start-'));
  let org: RunningOrg | null = null;
  let sidecar: RunningSidecar | null = null;
  let preview: RunningPreview | null = null;
  const stop = async () => {
    await preview?.close();
    if (preview) log('  preview stopped');
    await sidecar?.stop().catch((error: Error) => log(`  sidecar: ${error.message}`));
    if (sidecar) log('  sidecar stopped');
    await org?.close();
    if (org) log('  local org stopped');
    rmSync(dataDir, { recursive: true, force: true });
  };
  const checkpoint = () => {
    if (options.signal?.aborted) throw new StartAborted();
  };
  try {
    // The console signs admins in through the org, which only sends them back to a callback its
    // External Client App lists: the sidecar's public address must be known before the org starts,
    // so a free port is chosen now when the caller asks for any (0).
    const sidecarPort = options.sidecarPort || (await freePort());
    const consoleBase = (environment.STANCE_CONSOLE_URL || `http://localhost:${sidecarPort}`).replace(/\/+$/, '');
    // Added to the org's built-in External Client App for the console, which knows only port 7200.
    const consoleApp = {
      name: 'Stance Console',
      clientId: CONSOLE_CLIENT_ID,
      callbackUrls: [`${consoleBase}/console/oauth/callback`],
    };

    log('Stance: starting the local org (demo firm) ...');
    org = await startLocalOrg({ port: options.orgPort, seed: 'demo', clientApps: [consoleApp] }).catch(
      (error: NodeJS.ErrnoException) => {
        throw portError(error, options.orgPort, 'LOCAL_ORG_PORT');
      },
    );
    log(`  local org ready at ${org.url}`);
    checkpoint();

    // The sidecar serves the console's bundle if it is there when it starts.
    log('Stance: building the console (its components, built with LWC) ...');
    const consoleBuild = await buildConsole();
    log(
      `  console ${consoleBuild.cached ? 'unchanged, kept' : 'built'} in ${relative(process.cwd(), consoleBuild.dir) || '.'}`,
    );
    checkpoint();

    log('Stance: starting the sidecar (reads the org, classifies every account, follows changes) ...');
    const config = {
      ...loadConfig({
        ...environment,
        SF_LOGIN_URL: org.url,
        STANCE_DB: join(dataDir, 'stance.db'),
        STANCE_PORT: String(sidecarPort),
        STANCE_CONSOLE_CLIENT_ID: environment.STANCE_CONSOLE_CLIENT_ID || CONSOLE_CLIENT_ID,
        STANCE_CONSOLE_URL: consoleBase,
        LOG_LEVEL: environment.LOG_LEVEL ?? 'warn',
      }),
      ...options.sidecar,
    };
    sidecar = await startSidecar(config, { logger: pino({ level: config.logLevel }) });
    const { accountCount, counters } = sidecar.sync;
    log(`  sidecar live at ${sidecar.url}: ${accountCount} accounts classified, ${counters.writes} written`);
    checkpoint();

    log('Stance: preparing the browser preview (the force-app components, built with LWC) ...');
    const bundle = await buildPreview({ log: (line) => log(`  ${line}`) });
    log(`  bundle ${bundle.cached ? 'up to date' : `built in ${(bundle.ms / 1000).toFixed(1)} s`}`);
    checkpoint();
    preview = await startPreview({
      port: options.previewPort,
      bundleDir: bundle.dir,
      orgUrl: org.url,
      clientId: DEFAULTS.clientId,
      clientSecret: DEFAULTS.clientSecret,
      password: DEFAULTS.password,
      apiVersion: config.apiVersion,
    }).catch((error: NodeJS.ErrnoException) => {
      throw portError(error, options.previewPort, 'PREVIEW_PORT');
    });
    log(`  preview at ${preview.url}`);
    checkpoint();
    return { org, sidecar, preview, consoleUrl: `${consoleBase}/console/`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
