/**
 * A full disk under STANCE_DB during the initial load: start-up stops with what is wrong and what
 * to do (the file, the room the records it was storing needed, "start the sidecar again"), not
 * SQLite's bare "database or disk is full"; and started again once there is room, it loads
 * from the beginning and goes live. The sync is wired as startSidecar wires it, so the mirror's
 * full-disk hook can be pulled at the moment the load begins.
 */
import pino from 'pino';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import type { Config } from '../../config';
import { connect } from '../../salesforce/connection';
import { SalesforceOrg } from '../../salesforce/org';
import { MirrorStore } from '../../store/mirror';
import { StanceSync } from '../sync';
import { sidecarConfig } from './support/harness';

jest.setTimeout(120_000);

async function syncFor(config: Config, mirror: MirrorStore): Promise<StanceSync> {
  const conn = await connect(config);
  return new StanceSync(
    new SalesforceOrg(conn, { apiVersion: config.apiVersion, bulkThreshold: config.bulkThreshold }),
    mirror,
    {
      apiVersion: config.apiVersion,
      clientName: config.clientName,
      coalesceMs: config.coalesceMs,
      reconcileIntervalMs: config.reconcileIntervalMs,
      rulesPollMs: config.rulesPollMs,
      marketPollMs: config.marketPollMs,
      bulkThreshold: config.bulkThreshold,
    },
    pino({ level: 'silent' }),
  );
}

describe('a full disk under STANCE_DB during the initial load', () => {
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
  });

  afterAll(() => running.close());

  it('stops start-up saying what is full and what to do, and a start with room loads again', async () => {
    const config = sidecarConfig(running);
    const mirror = new MirrorStore(config.dbFile);
    const sync = await syncFor(config, mirror);
    // The rules are read and stored first; then the stream subscribes and the load begins: the
    // disk fills as the stream's first request reaches the org.
    let filled = false;
    const fill = (request: { url?: string }) => {
      if (filled || !(request.url ?? '').startsWith('/cometd')) return;
      filled = true;
      mirror.fillDisk();
    };
    running.server.prependListener('request', fill);
    let failure: Error | null = null;
    try {
      await sync.start();
    } catch (error) {
      failure = error as Error;
    } finally {
      running.server.off('request', fill);
      await sync.stop();
    }
    expect(filled).toBe(true);
    expect(failure).not.toBeNull();
    const message = failure!.message;
    expect(message).toContain(`STANCE_DB (${config.dbFile}) is full`);
    expect(message).toContain('during the initial load from the org');
    expect(message).toMatch(/at least \d+(\.\d)? (KB|MB) for the \d+ Account records it was storing/);
    expect(message).toMatch(/start the sidecar again: .*the load starts over/);
    expect(mirror.ledger.loaded).toBe(false);

    // Room again (the hook's limit lifted), started again: it loads and goes live.
    mirror.freeDisk();
    const again = await syncFor(config, mirror);
    try {
      await again.start();
      expect(again.state).toBe('live');
      expect(mirror.ledger.loaded).toBe(true);
      expect(mirror.allAccountIds().length).toBeGreaterThan(10);
    } finally {
      await again.stop();
      mirror.close();
    }
  });
});
