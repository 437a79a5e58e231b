/** /status: what an operator needs to see at a glance, failed writes listed per account. */
import type { StanceSync } from '../sync/sync';

export function statusOf(sync: StanceSync, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const m = sync.metrics;
  const usage = sync.apiUsage;
  return {
    state: sync.state,
    streaming: sync.streaming,
    streamProblem: sync.streamProblem,
    polledObjects: [...sync.polledObjects],
    rules: {
      fingerprint: sync.rules?.fingerprint ?? null,
      inForce: sync.rules?.compiled?.rules.map((rule) => rule.definition.name) ?? [],
      refused: sync.refusedRules,
    },
    accounts: sync.mirrorStore.allAccountIds().length,
    pending: sync.pendingAccounts,
    outbox: sync.mirrorStore.ledger.outbox().length,
    nextReevaluationAt: sync.nextReevaluation,
    failedWrites: sync.mirrorStore.ledger.failures(),
    apiRequests: usage ? { used: usage.used, limit: usage.limit, left: usage.limit - usage.used } : null,
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
