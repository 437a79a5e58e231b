/**
 * Wiring: a signed-in Connection, the mirror, the sync loop and the HTTP API, started in that
 * order and stopped in reverse, so in-flight writes finish and replay ids are kept.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Logger } from 'pino';
import { createApp } from './api/app';
import { describeConfig } from './config';
import type { Config } from './config';
import { connect } from './salesforce/connection';
import { SalesforceOrg } from './salesforce/org';
import { MirrorStore } from './store/mirror';
import { systemClock } from './sync/clock';
import type { Clock } from './sync/clock';
import { StanceSync } from './sync/sync';

export interface RunningSidecar {
  readonly sync: StanceSync;
  /** The mirror (STANCE_DB), for tests that play a full disk (fillDisk / freeDisk). */
  readonly mirror: MirrorStore;
  readonly url: string;
  stop(): Promise<void>;
}

export interface SidecarOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export async function startSidecar(config: Config, options: SidecarOptions = {}): Promise<RunningSidecar> {
  const log = options.logger ?? pino({ level: config.logLevel, base: { service: 'stance-sidecar' } });
  log.info({ settings: describeConfig(config) }, 'starting');
  const conn = await connect(config);
  const mirror = new MirrorStore(config.dbFile, (aside) =>
    log.warn(
      { file: aside.file, asideAs: aside.asideAs, problem: aside.problem },
      'STANCE_DB is not a valid database: set aside, rebuilding the mirror from the org',
    ),
  );
  const sync = new StanceSync(
    new SalesforceOrg(conn, { apiVersion: config.apiVersion, bulkThreshold: config.bulkThreshold }),
    mirror,
    {
      apiVersion: config.apiVersion,
      clientName: config.clientName,
      accountChannel: config.accountChannel,
      coalesceMs: config.coalesceMs,
      reconcileIntervalMs: config.reconcileIntervalMs,
      rulesPollMs: config.rulesPollMs,
      marketPollMs: config.marketPollMs,
      bulkThreshold: config.bulkThreshold,
      driftRepairsPerDay: config.driftRepairsPerDay,
      apiReservePct: config.apiReservePct,
      apiReserveProbeMs: config.apiReserveProbeMs,
      outboxStallMs: config.outboxStallMs,
      heartbeatMs: config.heartbeatMs,
      diskProbeMs: config.diskProbeMs,
      recomputePageSize: config.recomputePageSize,
      portfolio: { runAt: config.snapshotAt, tickMs: config.portfolioTickMs },
    },
    log,
    options.clock ?? systemClock,
  );
  try {
    await sync.start();
  } catch (error) {
    await sync.stop().catch(() => undefined);
    mirror.close();
    throw error;
  }
  const app = createApp(sync, {
    adminToken: config.adminToken,
    settings: describeConfig(config),
    log,
    console: { console: config.console, apiVersion: config.apiVersion, requestTimeoutMs: config.requestTimeoutMs },
  });
  let server: Server;
  try {
    server = await new Promise((resolve, reject) => {
      // Express 5 hands a listen error to the callback as well as to the 'error' event.
      const listening = app.listen(config.port, '127.0.0.1', (error?: Error) =>
        error ? reject(error) : resolve(listening),
      );
      listening.once('error', reject);
    });
  } catch (error) {
    await sync.stop();
    mirror.close();
    throw new Error(`cannot listen on 127.0.0.1:${config.port} (STANCE_PORT): ${(error as Error).message}`);
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log.info({ url }, 'sidecar ready');
  let stopping: Promise<void> | null = null;
  return {
    sync,
    mirror,
    url,
    stop() {
      stopping ??= (async () => {
        log.info('stopping: finishing in-flight writes');
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await sync.stop();
        mirror.close();
        log.info('stopped');
      })();
      return stopping;
    },
  };
}
