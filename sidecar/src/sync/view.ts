/**
 * What the HTTP API may see of the sync and ask of it: a read model plus three commands. The API
 * depends on this, never on the sync's classes or the mirror.
 */
import type { Classification, MetadataRecords } from '../domain';
import type { ApiUsage } from '../salesforce/org';
import type { LastWritten, WriteFailure } from '../store/mirror';
import type { NotReadyReason } from './health';
import type { PortfolioStatus } from './portfolio';
import type { SyncCounters } from './metrics';
import type { SimulationResult } from './simulate';

export type SyncState = 'starting' | 'loading' | 'live' | 'stopping' | 'stopped';

export interface RulesInForce {
  readonly fingerprint: string;
  /** The rule names, in evaluation order. */
  readonly names: readonly string[];
  readonly records: MetadataRecords;
}

/** The latest rule set the sidecar refused, with its problems, until a valid one replaces it. */
export interface RefusedRules {
  readonly fingerprint: string;
  readonly problems: readonly string[];
  readonly at: string;
}

export interface AccountExplanation {
  readonly classification: Classification;
  readonly lastWritten: LastWritten | null;
  readonly failure: WriteFailure | null;
}

export interface SyncView {
  readonly state: SyncState;
  /** Subscribed and not denied. */
  readonly streaming: boolean;
  /** Why streaming is down, or null. */
  readonly streamProblem: string | null;
  readonly polledObjects: readonly string[];
  /** The channel each streamed object is followed on (Account: the package's filtered channel, or its fallback). */
  readonly followedChannels: Readonly<Record<string, string>>;
  /** Named reasons the sidecar is not ready (beyond its state and the stream), empty when none. */
  readonly notReady: readonly NotReadyReason[];
  readonly counters: SyncCounters;
  /** Accounts touched and not yet flushed. */
  readonly pendingAccounts: number;
  /** Accounts waiting for a write, on disk. */
  readonly outboxSize: number;
  /** Objects whose failed catch-up waits for its next attempt (catchUpRetry.ts). */
  readonly catchUpsWaiting: number;
  readonly accountCount: number;
  /** Every refused write, listed (the admin's /status). */
  readonly failures: readonly WriteFailure[];
  /** How many accounts' latest write was refused, counted in SQLite (no list of them). */
  readonly failedAccounts: number;
  readonly rulesInForce: RulesInForce | null;
  readonly refusedRules: RefusedRules | null;
  readonly apiUsage: ApiUsage | null;
  /** The earliest time-driven re-evaluation, ISO, or null. */
  readonly nextReevaluation: string | null;
  /** The portfolio's daily snapshots and managers' digest: last day each ran, calls spent. */
  readonly portfolio?: PortfolioStatus;
  /** One account's full explanation, with every fact, or null when the mirror does not know it. */
  classificationOf(accountId: string): AccountExplanation | null;
  /** Recomputes the given accounts (or all) now; answers how many writes that took. */
  recomputeNow(accountIds: readonly string[] | 'all'): Promise<{ accounts: number; written: number }>;
  /** A candidate rule set against the mirror; nothing is written. */
  simulate(records: MetadataRecords): Promise<{ problems: string[] } | SimulationResult>;
  /** Reads the rules now and adopts a valid change at once (recomputing every account). */
  adoptRulesNow(): Promise<void>;
  /** How many accounts each rule in force decides now, by DeveloperName. */
  ruleDecides(): Promise<Record<string, number>>;
}
