/** A SyncView whose state a test sets by hand, recording the commands the API sends it. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { MetadataRecords } from '../../../domain';
import type { NotReadyReason } from '../../../sync/health';
import type { SimulationResult } from '../../../sync/simulate';
import { SyncMetrics } from '../../../sync/metrics';
import type { AccountExplanation, RefusedRules, RulesInForce, SyncState, SyncView } from '../../../sync/view';
import type { WriteFailure } from '../../../store/mirror';
import { createApp } from '../../app';
import type { ApiOptions } from '../../app';

export class FakeSync implements SyncView {
  state: SyncState = 'live';
  streaming = true;
  streamProblem: string | null = null;
  polledObjects: readonly string[] = ['Market_Signal__c'];
  followedChannels: Readonly<Record<string, string>> = { Account: '/data/Stance_Accounts__chn' };
  notReady: NotReadyReason[] = [];
  readonly counters = new SyncMetrics();
  pendingAccounts = 0;
  catchUpsWaiting = 0;
  outboxSize = 0;
  accountCount = 0;
  failures: WriteFailure[] = [];
  failedAccounts = 0;
  rulesInForce: RulesInForce | null = null;
  refusedRules: RefusedRules | null = null;
  apiUsage: { used: number; limit: number } | null = null;
  nextReevaluation: string | null = null;
  explanations = new Map<string, AccountExplanation>();
  simulation: { problems: string[] } | SimulationResult = { problems: [] };
  readonly recomputed: Array<readonly string[] | 'all'> = [];
  readonly simulated: MetadataRecords[] = [];

  classificationOf(accountId: string): AccountExplanation | null {
    return this.explanations.get(accountId) ?? null;
  }

  async recomputeNow(accountIds: readonly string[] | 'all'): Promise<{ accounts: number; written: number }> {
    this.recomputed.push(accountIds);
    return { accounts: accountIds === 'all' ? this.accountCount : accountIds.length, written: 0 };
  }

  async simulate(records: MetadataRecords): Promise<{ problems: string[] } | SimulationResult> {
    this.simulated.push(records);
    return this.simulation;
  }

  adoptions = 0;

  async adoptRulesNow(): Promise<void> {
    this.adoptions++;
  }

  async ruleDecides(): Promise<Record<string, number>> {
    return {};
  }
}

export interface RunningApi {
  readonly url: string;
  close(): Promise<void>;
}

/** The API app on a free port, in front of the given view. */
export async function serveApi(sync: SyncView, options: Partial<ApiOptions> = {}): Promise<RunningApi> {
  const app = createApp(sync, { adminToken: null, settings: {}, ...options });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
