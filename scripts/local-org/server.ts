/** Starts the local org on a port: usable from tests (in process) and from the command line. */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { LocalOrg } from './org';
import type { LocalOrgOptions } from './org';
import { createApp } from './rest/app';
import { seedDemo } from './seed';
import { seedPopulation } from './seedPopulation';
import type { PopulationReport } from './seedPopulation';

export interface StartOptions extends LocalOrgOptions {
  readonly port?: number;
  readonly host?: string;
  /** demo: the demo firm; population: its people and `accounts` generated accounts (scripts/local-org/seedPopulation.ts). */
  readonly seed?: 'demo' | 'population' | 'none';
  /** How many accounts `seed: 'population'` makes (1,000 by default). */
  readonly accounts?: number;
  /** The seed of the population generator (1 by default): the same seed gives the same records. */
  readonly populationSeed?: number;
  /**
   * The package to load (force-app/main/default by default), e.g. a broken copy to see the deploy
   * checks refuse it: the start then fails with an Error naming each problem and its file.
   */
  readonly packageDir?: string;
  /** Mounts the /__local test hooks (admin token only): tests and demos, never `npm start`. */
  readonly testHooks?: boolean;
  /** The largest JSON body the org takes (50 MB by default); larger ones answer 413. */
  readonly bodyLimitBytes?: number;
}

export interface RunningOrg {
  readonly url: string;
  readonly org: LocalOrg;
  readonly server: Server;
  /** What `seed: 'population'` made, and in how long. */
  readonly population?: PopulationReport;
  close(): Promise<void>;
}

export async function startLocalOrg(options: StartOptions = {}): Promise<RunningOrg> {
  const org = new LocalOrg(options.packageDir ? { ...options, sourceDir: resolve(options.packageDir) } : options);
  if (options.seed === 'demo') seedDemo(org);
  const population =
    options.seed === 'population'
      ? seedPopulation(org, {
          accounts: options.accounts ?? 1_000,
          ...(options.populationSeed !== undefined ? { seed: options.populationSeed } : {}),
        })
      : undefined;
  let url = '';
  const server = createServer(
    // No header, request or idle deadline: a Bulk job over millions of rows is built inside its
    // request, and behind it Node would reset connections that waited longer than 60 s, and close
    // idle kept-alive ones just as the client sent its next request on them (read ECONNRESET).
    { requestTimeout: 0, headersTimeout: 0, keepAliveTimeout: 0 },
    createApp(org, {
      instanceUrl: () => url,
      ...(options.testHooks ? { testHooks: true } : {}),
      ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    }),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  url = `http://${host}:${(server.address() as AddressInfo).port}`;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url,
    org,
    server,
    ...(population ? { population } : {}),
    close: () =>
      new Promise<void>((resolve) => {
        org.hub.dropClients();
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          org.close();
          resolve();
        });
      }),
  };
}
