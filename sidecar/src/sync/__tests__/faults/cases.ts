/**
 * The fault matrix: each case injects one fault the local org can produce while real users make
 * changes, then recovers from it. Each declares what the sidecar should show meanwhile: /readyz
 * not ready (with a named reason) within a number of seconds of the fault, ready again within a
 * number of seconds of recovery, and /metrics counters that rise. Expectations whose behaviour is
 * not built yet carry `pending` (what is missing); the runner turns them into expected failures,
 * listed in one place, so they switch on when the behaviour lands. The convergence oracle is
 * never pending.
 */
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import pino from 'pino';
import { updateBehindGap } from '../../../../../scripts/local-org/gaps';
import { stopListening } from '../../../../../scripts/local-org/outage';
import type { Outage } from '../../../../../scripts/local-org/outage';
import type { StartOptions, RunningOrg } from '../../../../../scripts/local-org/server';
import { faultStreaming } from '../../../../../scripts/local-org/streamFaults';
import type { Config } from '../../../config';
import { startSidecar } from '../../../sidecar';
import type { RunningSidecar } from '../../../sidecar';
import { caughtUp, firstCommit } from '../support/caughtUp';
import type { BurstTargets } from './burst';

/** What a case works with: the org, the sidecar under test (restartable on its STANCE_DB), the users' targets. */
export class CaseRun {
  sidecar: RunningSidecar | null = null;
  /** Why the last start failed, if it did. */
  startError: string | null = null;
  readonly log: string[] = [];
  private outage: Outage | null = null;

  constructor(
    readonly running: RunningOrg,
    readonly config: Config,
    readonly targets: BurstTargets,
  ) {}

  get url(): string {
    return this.sidecar?.url ?? 'http://127.0.0.1:9';
  }

  async start(): Promise<void> {
    const lines = this.log;
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    try {
      this.sidecar = await startSidecar(this.config, { logger });
      this.startError = null;
    } catch (error) {
      this.startError = (error as Error).message;
    }
  }

  async stop(): Promise<void> {
    const sidecar = this.sidecar;
    this.sidecar = null;
    await sidecar?.stop();
  }

  /** The sidecar's own SQLite connection (max_page_count is per connection). */
  mirrorDb(): Database.Database {
    const sync = this.sidecar!.sync as unknown as { mirror: { database: Database.Database } };
    return sync.mirror.database;
  }

  /** The sidecar's ledger (committed replay ids), while it runs. */
  ledger(): { replayId(channel: string): number | null } | null {
    const sync = this.sidecar?.sync as unknown as { mirror: { ledger: { replayId(channel: string): number | null } } };
    return sync?.mirror.ledger ?? null;
  }

  async orgDown(): Promise<void> {
    this.outage = await stopListening(this.running);
  }

  async orgUp(): Promise<void> {
    await this.outage?.end();
    this.outage = null;
  }
}

export interface Expectation {
  /** The named /readyz reason (null: any not-ready answer), within withinS of the fault. */
  readonly notReady?: { readonly reason: string | null; readonly withinS: number; readonly pending?: string };
  /** Ready again within this many seconds of recovery. */
  readonly readyWithinS: number;
  /** What is missing for readyWithinS to hold, when it does not yet. */
  readonly readyPending?: string;
  /** /metrics counters that rise between before the fault and after recovery. */
  readonly counters?: ReadonlyArray<{ readonly name: string; readonly pending?: string }>;
  /** A log line the sidecar writes about it. */
  readonly logs?: { readonly text: string; readonly pending?: string };
}

export interface FaultCase {
  /** The fault's row in the table. */
  readonly fault: string;
  readonly name: string;
  readonly org?: Partial<StartOptions>;
  readonly sidecar?: Partial<Config>;
  inject(run: CaseRun): Promise<void> | void;
  recover(run: CaseRun): Promise<void> | void;
  /** How long the fault stays after the burst sent during it (default 3 s). */
  readonly holdMs?: number;
  readonly expect: Expectation;
}

const ORG_DOWN_MS = Number(process.env.FAULTS_ORG_DOWN_S ?? 5) * 1000;
const HANG_MS = 12_000;
const COMETD_ADVICE_MS = 3_000;

/**
 * Every expectation not met on this branch yet, in one place: each names what is missing. The
 * runner makes an expectation carrying one of these an expected failure (test.failing), so the
 * suite fails the day the behaviour lands until the `pending` goes.
 */
export const PENDING: Readonly<Record<string, string>> = {
  // None today: every expectation of the matrix is asserted.
} as const;

const unreachable = { reason: 'org-unreachable', withinS: 20 } as const;

/**
 * What makes the sidecar need a path while its fault lasts: between bursts it reads only at
 * start, on catch-up, GAP re-reads and reconciliation. `reread`: accounts changed behind a
 * GAP_UPDATE (one REST query by ids); `reconcile`: behind a GAP_OVERFLOW (a catch-up by
 * SystemModstamp, through Bulk 2.0 with the case's bulkThreshold of 1).
 */
type Need = 'reread' | 'reconcile';

function need(run: CaseRun, what: Need): void {
  const { org } = run.running;
  const accounts = what === 'reread' ? run.targets.allAccounts.slice(2, 5) : run.targets.allAccounts.slice(-4);
  updateBehindGap(
    org,
    'Account',
    accounts.map((Id, i) => ({ Id, Industry: i % 2 ? 'Paper' : 'Chocolate', Type: 'Prospect' })),
    { overflow: what === 'reconcile' },
  );
}

/**
 * A request past its deadline is what readiness sees of a hang: the case's deadline is below the
 * 12 s hang, and the hang is held past it so a retry of what timed out meets it too.
 */
const HANG_DEADLINE_MS = 3_000;

/** One REST path answering `status` (or hanging) for everyone until recovery, while the sidecar needs it. */
function restFault(
  fault: string,
  label: string,
  path: string,
  answer: { status?: number; delayMs?: number },
  options: {
    /** null: none expected (say why beside the case); unset: org-unreachable. */
    notReady?: Expectation['notReady'] | null;
    counters?: Expectation['counters'];
    needs?: Need;
    sidecar?: Partial<Config>;
    holdMs?: number;
  } = {},
): FaultCase {
  const hang = answer.delayMs !== undefined;
  return {
    fault,
    name: `${label} (${path})`,
    sidecar: {
      ...(hang ? { requestTimeoutMs: HANG_DEADLINE_MS } : {}),
      ...options.sidecar,
    },
    inject: (run) => {
      run.running.org.faults.add({ path, ...answer });
      if (options.needs) need(run, options.needs);
    },
    recover: ({ running }) => running.org.faults.clear(),
    holdMs: options.holdMs ?? (hang ? 2 * HANG_DEADLINE_MS : 6_000),
    expect: {
      ...(options.notReady === null ? {} : { notReady: options.notReady ?? unreachable }),
      readyWithinS: 45,
      counters: options.counters ?? [],
    },
  };
}

function corrupt(file: string): void {
  for (const side of ['-wal', '-shm']) if (existsSync(file + side)) rmSync(file + side);
  copyFileSync(file, `${file}.before-corruption`);
  writeFileSync(file, Buffer.from('this is not an SQLite database; a disk ate it '.repeat(200)));
}

export const CASES: readonly FaultCase[] = [
  // jsforce retries a GET answered 503 by itself: each attempt it retries counts.
  restFault('5xx', '503 on queries', '/query', { status: 503 }, { needs: 'reread' }),
  // Held 8 s: the writer retries a call 4 times over 3.5 s before the account goes back to the
  // outbox; three /composite calls in a row refused is org-unreachable (outbox-stalled needs 120 s).
  restFault(
    '5xx',
    '503 on composite writes',
    '/composite$',
    { status: 503 },
    {
      counters: [{ name: 'stance_write_failures_total' }],
      holdMs: 8_000,
    },
  ),
  // Unobservable by design: the sidecar sends sObject collections only as subrequests of one
  // /composite call, and the org's faults match the HTTP path (so no notReady, and it converges).
  restFault('5xx', '500 on sObject collections', '/composite/sobjects', { status: 500 }, { notReady: null }),
  restFault(
    '5xx',
    '503 on Bulk 2.0 queries',
    '/jobs/query',
    { status: 503 },
    {
      needs: 'reconcile',
      sidecar: { bulkThreshold: 1 },
    },
  ),
  {
    fault: '5xx',
    name: '503 on CometD (/cometd)',
    inject: ({ running }) => {
      faultStreaming(running.org);
      running.org.faults.add({ path: '^/cometd', status: 503 });
    },
    recover: ({ running }) => running.org.faults.clear(),
    expect: {
      // The 503 makes faye call the transport down: asserted, not pending.
      notReady: { reason: 'org-unreachable', withinS: 15 },
      readyWithinS: 45,
      counters: [{ name: 'stance_reconciliations_total' }],
    },
  },
  restFault('hang', `${HANG_MS / 1000} s hang on queries`, '/query', { delayMs: HANG_MS }, { needs: 'reread' }),
  restFault('hang', `${HANG_MS / 1000} s hang on composite writes`, '/composite$', { delayMs: HANG_MS }),
  restFault(
    'hang',
    `${HANG_MS / 1000} s hang on Bulk 2.0 queries`,
    '/jobs/query',
    { delayMs: HANG_MS },
    {
      needs: 'reconcile',
      sidecar: { bulkThreshold: 1 },
    },
  ),
  {
    fault: 'hang',
    name: `${HANG_MS / 1000} s hang on CometD (/cometd)`,
    // A late answer is told from a quiet long poll only after 1.2 x the connect advice: a 3 s
    // advice (Salesforce's is 110 s) makes faye call its transport down during the 12 s hang.
    org: { cometdTimeoutMs: COMETD_ADVICE_MS },
    inject: ({ running }) => {
      faultStreaming(running.org);
      running.org.faults.add({ path: '^/cometd', delayMs: HANG_MS });
    },
    recover: ({ running }) => running.org.faults.clear(),
    holdMs: 2 * COMETD_ADVICE_MS,
    expect: { notReady: unreachable, readyWithinS: 45 },
  },
  {
    fault: 'lock',
    name: 'UNABLE_TO_LOCK_ROW on half the writes',
    inject: ({ running }) =>
      running.org.faults.add({
        path: '/composite$',
        method: 'POST',
        status: 400,
        errorCode: 'UNABLE_TO_LOCK_ROW',
        rate: 0.5,
      }),
    recover: ({ running }) => running.org.faults.clear(),
    // The writer's own retries absorb most of them, each counted by its error code.
    expect: { readyWithinS: 45, counters: [{ name: 'stance_org_retries_total' }] },
  },
  {
    fault: 'allowance',
    name: 'daily API allowance spent',
    // The reserve's probe every 2 s (5 minutes by default), so recovery shows within the case.
    sidecar: { apiReserveProbeMs: 2_000 },
    inject: ({ running }) => void (running.org.accounting.limit = running.org.accounting.used),
    recover: ({ running }) => void (running.org.accounting.limit = 15_000_000),
    expect: {
      // The first call refused with REQUEST_LIMIT_EXCEEDED names it, before any usage figure did.
      notReady: { reason: 'api-reserve', withinS: 15 },
      readyWithinS: 60,
    },
  },
  {
    fault: 'session',
    name: 'every session expired mid-burst',
    inject: ({ running }) => running.org.auth.expireAll(),
    recover: () => undefined,
    holdMs: 1_000,
    expect: { readyWithinS: 30 },
  },
  {
    fault: 'stream',
    name: 'streams dropped three times mid-burst',
    inject: async ({ running }) => {
      for (let i = 0; i < 3; i++) {
        running.org.hub.dropClients();
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    },
    recover: () => undefined,
    holdMs: 1_000,
    expect: { readyWithinS: 30 },
  },
  {
    fault: 'gap',
    name: 'GAP_UPDATE for accounts changed without events',
    inject: ({ running, targets }) =>
      updateBehindGap(
        running.org,
        'Account',
        targets.allAccounts
          .slice(0, 6)
          .map((Id, i) => ({ Id, Industry: i % 2 ? 'Paper' : 'Bakery', Type: 'Prospect' })),
      ),
    recover: () => undefined,
    expect: { readyWithinS: 30, counters: [{ name: 'stance_gap_events_total' }] },
  },
  {
    fault: 'gap',
    name: 'GAP_OVERFLOW for accounts changed without events',
    inject: ({ running, targets }) =>
      updateBehindGap(
        running.org,
        'Account',
        targets.allAccounts
          .slice(-8)
          .map((Id, i) => ({ Id, Industry: i % 2 ? 'Confectionery' : 'Chocolate', Type: 'Customer - Direct' })),
        { overflow: true },
      ),
    recover: () => undefined,
    expect: {
      readyWithinS: 30,
      counters: [{ name: 'stance_gap_events_total' }, { name: 'stance_reconciliations_total' }],
    },
  },
  {
    fault: 'retention',
    name: 'stored replay ids past retention (sidecar stopped while events expire)',
    // A 3 s retention: the events of the burst sent while the sidecar is stopped are gone when it comes back.
    org: { retentionHours: 3 / 3600 },
    // The first sidecar commits the burst's first events before it stops, so what expires is a
    // stored replay id (stopped before any commit, it would rightly catch up by SystemModstamp).
    inject: async (run) => {
      const committed = (channel: string) => run.ledger()?.replayId(channel) ?? null;
      await firstCommit(committed, 15_000);
      await caughtUp(run.running, committed, 15_000);
      return run.stop();
    },
    holdMs: 4_000,
    recover: (run) => {
      // Someone edits an account: the local org purges what is past retention when it publishes,
      // and keeps this newer event, by which it tells the stored replay ids are too old.
      const { org } = run.running;
      const context = org.context(org.adminUserId);
      org.write(context, () =>
        org.store.update('Account', run.targets.allAccounts[0]!, { Industry: 'Bakery' }, context),
      );
      return run.start();
    },
    expect: {
      readyWithinS: 45,
      counters: [{ name: 'stance_reconciliations_total' }],
      logs: { text: 'past retention' },
    },
  },
  {
    fault: 'org down',
    name: `org stopped for ${ORG_DOWN_MS / 1000} s (FAULTS_ORG_DOWN_S)`,
    inject: (run) => run.orgDown(),
    holdMs: ORG_DOWN_MS,
    recover: (run) => run.orgUp(),
    expect: { notReady: { reason: 'org-unreachable', withinS: 15 }, readyWithinS: 60 },
  },
  {
    fault: 'disk',
    name: 'STANCE_DB full (PRAGMA max_page_count)',
    // Packed and filled to the last page (the mirror's own hook): a bare max_page_count leaves free
    // pages inside the file, and a small burst could fit in them without ever filling it.
    inject: (run) => run.sidecar!.mirror.fillDisk(),
    recover: (run) => run.sidecar!.mirror.freeDisk(),
    expect: {
      notReady: { reason: 'disk-full', withinS: 15 },
      readyWithinS: 60,
      counters: [{ name: 'stance_disk_full_total' }],
    },
  },
  {
    fault: 'corrupt db',
    name: 'STANCE_DB corrupted while the sidecar was stopped',
    inject: async (run) => {
      await run.stop();
      corrupt(run.config.dbFile);
    },
    recover: (run) => run.start(),
    expect: {
      readyWithinS: 60,
      logs: { text: 'set aside' },
    },
  },
  {
    fault: 'drift',
    name: 'Stance fields overwritten by a data load (not the sidecar)',
    // Also the oracle's own proof: a wrong stance in the org must show as a difference.
    inject: ({ running, targets }) => {
      const { org } = running;
      const context = org.context(org.adminUserId, 'DataLoader');
      org.write(context, () => {
        for (const id of targets.allAccounts.slice(0, 3))
          org.store.update(
            'Account',
            id,
            { Stance__c: 'Fire', Stance_Reason__c: 'Loaded from a spreadsheet' },
            context,
          );
      });
    },
    recover: () => undefined,
    expect: { readyWithinS: 30, counters: [{ name: 'stance_drift_repaired_total' }] },
  },
];

/**
 * Cases whose convergence fails today, each a finding (see docs/faults.md): they run as expected
 * failures, so the day the fix lands the suite says so and the entry goes.
 */
export const NOT_CONVERGING_YET: ReadonlyMap<string, string> = new Map([]);

/**
 * Findings that show in some runs and not others (timing): an expected failure would make CI fail
 * at random either way. For these, the oracle's problems matching `symptom` are reported (table,
 * console) instead of failing; any other problem still fails. Each goes when its fix lands.
 */
export const INTERMITTENT: ReadonlyMap<string, { readonly symptom: RegExp; readonly finding: string }> = new Map();
