/**
 * The daily jobs' schedule and failures, driven tick by tick (no timers) against the local org as
 * the integration user: a failed read leaves the day to do again after the retry wait; the API
 * reserve reached puts it off without an error; a day done is not done again.
 */
import pino from 'pino';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { loadConfig } from '../../config';
import { utcDay } from '../../domain/portfolio';
import { connect } from '../../salesforce/connection';
import { SalesforceOrg } from '../../salesforce/org';
import { MirrorStore } from '../../store/mirror';
import type { SyncContext } from '../context';
import { Health } from '../health';
import { SyncMetrics } from '../metrics';
import { PortfolioDaily } from '../portfolio';
import { ManualClock } from './support/harness';

jest.setTimeout(60_000);

describe('the portfolio’s daily schedule', () => {
  let running: RunningOrg;
  let org: SalesforceOrg;
  const start = Date.parse('2026-11-30T09:00:00Z');

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    org = new SalesforceOrg(await connect(loadConfig({ SF_LOGIN_URL: running.url })), {
      apiVersion: '62.0',
      bulkThreshold: 2_000,
    });
  });

  afterEach(() => running.org.faults.clear());
  afterAll(() => running.close());

  function daily(clock: ManualClock, retryMs: number) {
    const mirror = new MirrorStore(':memory:');
    const metrics = new SyncMetrics();
    const ctx: SyncContext = {
      org,
      mirror,
      options: {
        apiVersion: '62.0',
        clientName: 'test',
        coalesceMs: 0,
        reconcileIntervalMs: 0,
        rulesPollMs: 0,
        marketPollMs: 0,
        bulkThreshold: 2_000,
      },
      log: pino({ level: 'silent' }),
      clock,
      metrics,
      health: new Health(clock),
      fail: () => metrics.errors++,
      later: () => undefined,
      nowIso: () => new Date(clock.now()).toISOString(),
    };
    return { jobs: new PortfolioDaily(ctx, { runAt: '00:05', tickMs: 1_000, retryMs }), mirror, metrics };
  }

  it('runs at the first tick after a start, then not again that day; the next day from 00:05', async () => {
    const clock = new ManualClock(start);
    const { jobs, mirror } = daily(clock, 0);
    expect(jobs.due('snapshots')).toBe(true);
    await jobs.tick();
    expect(mirror.portfolio.lastDay('snapshots')?.day).toBe('2026-11-30');
    expect(mirror.portfolio.lastDay('digest')?.day).toBe('2026-11-30');
    const calls = jobs.calls;
    await jobs.tick();
    expect(jobs.calls).toBe(calls);
    clock.advanceTo(Date.parse('2026-12-01T00:04:59Z'));
    expect([jobs.due('snapshots'), jobs.due('digest')]).toEqual([false, false]);
    clock.advanceTo(Date.parse('2026-12-01T00:05:00Z'));
    expect([jobs.due('snapshots'), jobs.due('digest')]).toEqual([true, true]);
    await jobs.tick();
    expect(mirror.portfolio.lastDay('snapshots')?.day).toBe('2026-12-01');
  });

  it('tries a failed day again after the retry wait, counting the error', async () => {
    const clock = new ManualClock(start);
    const { jobs, mirror, metrics } = daily(clock, 60 * 60_000);
    // What Salesforce answers an aggregate query that ran too long.
    running.org.faults.add({ path: '/query', status: 400, errorCode: 'QUERY_TIMEOUT', times: 1_000 });
    await jobs.tick();
    expect(mirror.portfolio.lastDay('snapshots')).toBeNull();
    expect(metrics.errors).toBe(2);
    running.org.faults.clear();
    // Waiting (an hour of real time here): not due yet.
    expect(jobs.due('snapshots')).toBe(false);
    const { jobs: again, mirror: store } = daily(clock, 0);
    running.org.faults.add({ path: '/query', status: 400, errorCode: 'QUERY_TIMEOUT', times: 1_000 });
    await again.tick();
    running.org.faults.clear();
    expect(again.due('snapshots')).toBe(true);
    await again.tick();
    expect(store.portfolio.lastDay('snapshots')?.day).toBe(utcDay(start));
  });

  it('puts the day off without an error while the API reserve is reached', async () => {
    const clock = new ManualClock(start);
    const { jobs, mirror, metrics } = daily(clock, 0);
    org.gateSpending(() => false);
    try {
      await jobs.tick();
    } finally {
      org.gateSpending(() => true);
    }
    expect(mirror.portfolio.lastDay('snapshots')).toBeNull();
    expect(metrics.errors).toBe(0);
    await jobs.tick();
    expect(mirror.portfolio.lastDay('snapshots')?.day).toBe(utcDay(start));
    expect(mirror.portfolio.lastDay('digest')?.day).toBe(utcDay(start));
  });
});
