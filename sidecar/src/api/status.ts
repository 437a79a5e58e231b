/** /status: what an operator needs to see at a glance, failed writes listed per account. */
import type { SyncView } from '../sync/view';

export function statusOf(sync: SyncView, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const m = sync.counters;
  const usage = sync.apiUsage;
  return {
    state: sync.state,
    streaming: sync.streaming,
    streamProblem: sync.streamProblem,
    polledObjects: sync.polledObjects,
    rules: {
      fingerprint: sync.rulesInForce?.fingerprint ?? null,
      inForce: sync.rulesInForce?.names ?? [],
      refused: sync.refusedRules,
    },
    accounts: sync.accountCount,
    pending: sync.pendingAccounts,
    outbox: sync.outboxSize,
    nextReevaluationAt: sync.nextReevaluation,
    failedWrites: sync.failures,
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
      ownEventsSkipped: m.ownEventsSkipped,
      writes: m.writes,
      writesSkippedUnchanged: m.writesSkippedUnchanged,
      stanceChanges: m.stanceChanges,
      writeFailures: m.writeFailures,
      errors: m.errors,
    },
    eventToWriteMs: { p50: m.latencyPercentile(50), p95: m.latencyPercentile(95) },
    settings,
  };
}
