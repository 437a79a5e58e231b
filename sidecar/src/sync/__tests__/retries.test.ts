import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import pino from 'pino';
import { ApiError } from '../../../../scripts/local-org/errors';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import { startSidecar } from '../../sidecar';
import { MirrorStore } from '../../store/mirror';
import type { SyncContext } from '../context';
import { SyncMetrics } from '../metrics';
import { RetryBackoff } from '../retries';
import type { RunningSidecar } from '../../sidecar';
import { accountNamed, eventually, settled, sidecarConfig } from './support/harness';

jest.setTimeout(120_000);

interface LogLine {
  msg: string;
  accounts?: number;
  attempt?: number | string;
  accountId?: string;
}

/** A sidecar whose warnings the test reads. */
async function sidecarWithLog(org: RunningOrg, dbFile: string, lines: LogLine[]): Promise<RunningSidecar> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return startSidecar({ ...sidecarConfig(org), dbFile }, { logger: pino({ level: 'warn' }, sink) });
}

/** The retry back-off the sidecar keeps for an account, read from its file. */
function attemptsOf(dbFile: string, accountId: string): number | null {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db.prepare('SELECT attempts FROM retries WHERE account_id = ?').get(accountId) as
      { attempts: number } | undefined;
    return row?.attempts ?? null;
  } finally {
    db.close();
  }
}

const retryWarnings = (lines: readonly LogLine[]) => lines.filter((line) => /writes refused for now/.test(line.msg));

describe('writes the org refuses for now', () => {
  let org: RunningOrg;

  beforeEach(async () => {
    org = await startLocalOrg({ seed: 'demo' });
  });

  afterEach(() => org.close());

  it('log one warning per retry round, with the number of accounts', async () => {
    const lines: LogLine[] = [];
    const dbFile = sidecarConfig(org).dbFile;
    const sidecar = await sidecarWithLog(org, dbFile, lines);
    try {
      await settled(sidecar);
      const admin = await signIn(org, DEFAULTS.username);
      const names = ['Kakao Werke GmbH', 'Chocolaterie Lumière', 'Andes Mining Supplies'];
      const accounts = await Promise.all(names.map((name) => accountNamed(admin, name)));
      // One round of the writer's attempts answered 503, then the org is fine.
      org.org.faults.add({ path: '/composite$', status: 503, times: 4 });
      // Three Stance fields set by hand in one call: one flush repairs all three.
      await admin.sobject('Account').update(accounts.map((account) => ({ Id: account.Id, Stance__c: 'Attack' })));
      await eventually(async () => expect(sidecar.sync.metrics.driftRepaired).toBe(3), 30_000);
      const warnings = retryWarnings(lines);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ accounts: 3, attempt: 1 });
      // A busy org is not a missing Stance_Update__e: no word of deploying it.
      expect(lines.filter((line) => /is it deployed/.test(line.msg))).toEqual([]);
      for (const account of accounts) expect(attemptsOf(dbFile, account.Id)).toBeNull();
    } finally {
      await sidecar.stop();
    }
  });

  it('keeps the back-off across a restart instead of starting it from zero', async () => {
    const lines: LogLine[] = [];
    const dbFile = sidecarConfig(org).dbFile;
    let sidecar = await sidecarWithLog(org, dbFile, lines);
    const admin = await signIn(org, DEFAULTS.username);
    const kakao = await accountNamed(admin, 'Kakao Werke GmbH');
    // Another integration holds Kakao's row: the sidecar's writes of it are refused with a lock error.
    let locked = true;
    org.org.store.validationRules.push({
      object: 'Account',
      message: 'unused',
      failsWhen: (record) => {
        if (locked && record.Id === kakao.Id && record.LastModifiedById === org.org.integrationUserId)
          throw new ApiError(400, 'UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record');
        return false;
      },
    });
    try {
      await settled(sidecar);
      await admin.sobject('Account').update({ Id: kakao.Id, Stance__c: 'Attack' });
      await eventually(async () => expect(attemptsOf(dbFile, kakao.Id)).toBe(2), 60_000);
    } finally {
      await sidecar.stop();
    }
    lines.length = 0;
    sidecar = await sidecarWithLog(org, dbFile, lines);
    try {
      // The first attempt after the restart is the third, not the first.
      await eventually(async () => expect(retryWarnings(lines).length).toBeGreaterThan(0), 60_000);
      expect(retryWarnings(lines)[0]).toMatchObject({ accounts: 1, attempt: 3 });
      locked = false;
      await eventually(
        async () => expect((await accountNamed(admin, 'Kakao Werke GmbH')).Stance__c).toBe('Defend'),
        60_000,
      );
      await eventually(async () => expect(attemptsOf(dbFile, kakao.Id)).toBeNull());
    } finally {
      await sidecar.stop();
    }
  });
});

describe('the back-off of many accounts refused for now', () => {
  /** The sync's context around a real mirror, with the timers it asks for kept for the test to fire. */
  function contextOf(mirror: MirrorStore, now: () => number) {
    const timers: Array<{ ms: number; fn: () => void }> = [];
    const ctx = {
      mirror,
      clock: { realNow: now },
      later: (ms: number, fn: () => void) => timers.push({ ms, fn }),
      log: { warn: () => undefined },
      metrics: new SyncMetrics(),
      org: { onRetry: () => undefined },
    } as unknown as SyncContext;
    return { ctx, timers };
  }

  it('arms one timer for the earliest, not one per account, however many wait (as after a restart)', () => {
    const mirror = new MirrorStore(':memory:');
    const start = Date.parse('2026-06-15T12:00:00.000Z');
    const accounts = Array.from({ length: 500 }, (_, n) => `001${String(n).padStart(6, '0')}`);
    // What a lock storm over many accounts left in the ledger before a restart.
    for (const [n, accountId] of accounts.entries())
      mirror.ledger.saveRetry({ accountId, attempts: 2, nextAt: new Date(start + 4_000 + n).toISOString() });
    let time = start;
    const { ctx, timers } = contextOf(mirror, () => time);
    let retried = 0;
    const backoff = new RetryBackoff(ctx, () => retried++);
    // The first pass over the outbox meets every one of them in back-off.
    expect(accounts.filter((accountId) => backoff.deferred(accountId))).toHaveLength(accounts.length);
    expect(timers.map((timer) => timer.ms)).toEqual([4_000]);
    // Nothing of them is held: no set or map of accounts in the back-off itself.
    expect(Object.values(backoff).some((value) => value instanceof Map || value instanceof Set)).toBe(false);

    // A new refusal due sooner takes over; the superseded timer does nothing when it fires.
    const refusal = {
      write: { type: 'Account', id: '001NEW', fields: {} },
      id: null,
      ok: false,
      retryable: true,
      errorCode: 'UNABLE_TO_LOCK_ROW',
    };
    backoff.failed([{ accountId: '001NEW', outcome: refusal }]);
    expect(timers.map((timer) => timer.ms)).toEqual([4_000, 2_000]);
    time = start + 4_000;
    timers[0]!.fn();
    expect(retried).toBe(0);
    timers[1]!.fn();
    expect(retried).toBe(1);
    // The walk of the outbox that follows arms the next one, for the accounts still waiting.
    expect(accounts.filter((accountId) => backoff.deferred(accountId))).toHaveLength(accounts.length - 1);
    expect(timers.map((timer) => timer.ms)).toEqual([4_000, 2_000, 1]);
    mirror.close();
  });
});
