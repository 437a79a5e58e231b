/**
 * /status: what an operator needs to see at a glance. Anyone may read the counts and states;
 * what names accounts or quotes the org (refused writes with their error text, rule problems,
 * rule names, settings) is shown only with the admin token.
 */
import type { PortfolioStatus } from '../sync/portfolio';
import type { SyncView } from '../sync/view';

/** Counts and states only: no account ids, no text from the org or from records. */
export function publicStatusOf(sync: SyncView): Record<string, unknown> {
  const m = sync.counters;
  const usage = sync.apiUsage;
  const refused = sync.refusedRules;
  return {
    state: sync.state,
    streaming: sync.streaming,
    streamProblem: sync.streamProblem,
    notReady: sync.notReady.map(({ reason, since }) => ({ reason, since })),
    polledObjects: sync.polledObjects,
    followedChannels: sync.followedChannels,
    rules: {
      fingerprint: sync.rulesInForce?.fingerprint ?? null,
      inForce: sync.rulesInForce?.names.length ?? 0,
      refused: refused ? { fingerprint: refused.fingerprint, problems: refused.problems.length, at: refused.at } : null,
    },
    accounts: sync.accountCount,
    pending: sync.pendingAccounts,
    catchUpsWaiting: sync.catchUpsWaiting,
    outbox: sync.outboxSize,
    failedAccounts: sync.failedAccounts,
    nextReevaluationAt: sync.nextReevaluation,
    ...(sync.portfolio ? { portfolio: portfolioStatusOf(sync.portfolio) } : {}),
    apiRequests: usage
      ? {
          used: usage.used,
          limit: usage.limit,
          left: usage.limit - usage.used,
          // The share kept for the org's other integrations is reached: nothing is written or read.
          reserveReached: sync.notReady.some((reason) => reason.reason === 'api-reserve'),
        }
      : null,
    counters: {
      events: m.events,
      eventsDropped: [...m.eventsDropped.values()].reduce((sum, count) => sum + count, 0),
      ownEventsSkipped: m.ownEventsSkipped,
      writes: m.writes,
      writesSkippedUnchanged: m.writesSkippedUnchanged,
      stanceChanges: m.stanceChanges,
      writeFailures: m.writeFailures,
      errors: m.errors,
    },
    eventToWriteMs: { p50: m.latencyPercentile(50), p95: m.latencyPercentile(95) },
  };
}

/** The last day the owners' snapshots were written and the managers' digest sent, with counts only. */
function portfolioStatusOf(portfolio: PortfolioStatus): Record<string, unknown> {
  const { snapshots, digest, calls, snapshotsWritten, snapshotsRefused } = portfolio;
  return {
    snapshotDay: snapshots?.day ?? null,
    snapshotAt: snapshots?.at ?? null,
    snapshots: snapshots?.summary ?? null,
    digestDay: digest?.day ?? null,
    digestAt: digest?.at ?? null,
    digest: digest?.summary ?? null,
    calls,
    snapshotsWritten,
    snapshotsRefused,
  };
}

/** Everything: the public status plus refused writes per account, rule names and problems, settings. */
export function adminStatusOf(sync: SyncView, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const open = publicStatusOf(sync);
  return {
    ...open,
    notReady: sync.notReady,
    rules: {
      fingerprint: sync.rulesInForce?.fingerprint ?? null,
      inForce: sync.rulesInForce?.names ?? [],
      refused: sync.refusedRules,
    },
    failedWrites: sync.failures,
    settings,
  };
}
