/**
 * The stream drops while the first start loads the org: the client subscribes again with no replay id
 * to resume from (nothing was delivered yet), so the sidecar catches every object up by
 * SystemModstamp, and the accounts that catch-up touches go to the outbox. Found at a million
 * accounts: the outbox's pass then ran beside the initial classification, so both wrote the same
 * accounts (1,096,769 writes for 1,000,000) and each found the other's writes in doubt and asked
 * the org about them. Each account is written once.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { startSidecar } from '../../sidecar';
import type { RunningSidecar } from '../../sidecar';
import { sidecarConfig, settled } from './support/harness';

jest.setTimeout(180_000);

const ACCOUNTS = 1_500;

describe('the stream dropping during the initial load', () => {
  let running: RunningOrg;
  let sidecar: RunningSidecar | null = null;
  const logs: string[] = [];

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'population', accounts: ACCOUNTS });
  });

  afterAll(async () => {
    await sidecar?.stop();
    await running.close();
  });

  it('writes each account once, with no write in doubt', async () => {
    let dropped = false;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        const line = chunk.toString();
        logs.push(line);
        // At the first page read, nothing loaded yet: the org drops every streaming client.
        if (!dropped && line.includes('"msg":"reading"')) {
          dropped = true;
          running.org.hub.dropClients();
        }
        done();
      },
    });
    // A load that takes a while, as at a million accounts: the first Bulk result pages come late.
    running.org.faults.add({ path: '/jobs/query/[^/]+/results', delayMs: 3_000, times: 2 });
    const config = sidecarConfig(running, {
      recomputePageSize: 50,
      marketPollMs: 86_400_000,
      rulesPollMs: 86_400_000,
      heartbeatMs: 0,
    });
    sidecar = await startSidecar(config, { logger: pino({ level: 'debug' }, sink) });
    await settled(sidecar);

    expect(dropped).toBe(true);
    // The catch-up ran (the proof the case happened) ...
    expect(logs.some((line) => line.includes('subscribed again with no replay id'))).toBe(true);
    const accounts = running.org.store.db.prepare(`SELECT COUNT(*) AS n FROM "o_Account"`).get() as { n: number };
    // ... and yet every account was written once, none of them twice, and none found in doubt.
    expect(sidecar.sync.metrics.writes).toBe(accounts.n);
    expect(logs.filter((line) => line.includes('asked the org which ones it took'))).toEqual([]);
  });
});
