/** What every part of the sync shares: the org, the mirror, the settings, time, counters and the log. */
import type { Logger } from 'pino';
import type { SalesforceOrg } from '../salesforce/org';
import type { MirrorStore } from '../store/mirror';
import type { Clock } from './clock';
import type { Health } from './health';
import type { SyncMetrics } from './metrics';

export interface SyncOptions {
  readonly apiVersion: string;
  readonly clientName: string;
  /** Where Account changes are followed (default /data/Stance_Accounts__chn; see changeEvents.ts). */
  readonly accountChannel?: string;
  readonly coalesceMs: number;
  readonly reconcileIntervalMs: number;
  readonly rulesPollMs: number;
  readonly marketPollMs: number;
  readonly bulkThreshold: number;
  /** Repairs of Stance fields changed by someone else, per account per day (default 5). */
  readonly driftRepairsPerDay?: number;
  /** Percent of the daily API allowance left to the org's other integrations (default 20). */
  readonly apiReservePct?: number;
  /** How often the usage is read again while the reserve is reached (default 5 minutes). */
  readonly apiReserveProbeMs?: number;
  /** Not ready (`outbox-stalled`) after the outbox has not drained this long while the org answers. */
  readonly outboxStallMs?: number;
  /** One cheap call after the org has answered nothing this long (default 60 s; 0: none). */
  readonly heartbeatMs?: number;
  /** While the disk is full, how often a tiny write checks whether space returned. */
  readonly diskProbeMs?: number;
  /** Accounts per page of a pass over every account or the whole outbox (default 5,000). */
  readonly recomputePageSize?: number;
}

export const DEFAULT_RECOMPUTE_PAGE = 5_000;

export type SyncLog = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;

export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_MS = 5 * 60_000;

/** Exponential backoff from RETRY_BASE_MS, capped at RETRY_MAX_MS; attempt 0 waits the base. */
export function backoffMs(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
}

export interface SyncContext {
  readonly org: SalesforceOrg;
  readonly mirror: MirrorStore;
  readonly options: SyncOptions;
  readonly log: SyncLog;
  readonly clock: Clock;
  readonly metrics: SyncMetrics;
  /** Named reasons the sidecar is not ready; parts set and clear their own. */
  readonly health: Health;
  /** Logs and counts an error the sync carries on after. */
  fail(what: string, error: unknown): void;
  /** Runs fn after ms of real time, unless the sync stops first. */
  later(ms: number, fn: () => void): void;
  /** An ISO date-time of the clock's now. */
  nowIso(): string;
}
