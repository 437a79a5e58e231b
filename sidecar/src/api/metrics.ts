/**
 * /metrics with prom-client: the sync's figures read from its SyncView at each scrape, plus
 * prom-client's default process metrics (memory, CPU, event-loop lag, GC). One registry per
 * app, so two sidecars in one process (tests) keep their figures apart.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { SyncView } from '../sync/view';

type Samples = ReadonlyArray<readonly [labels: Record<string, string>, value: number]>;

const finite = (value: number) => (Number.isFinite(value) ? value : 0);

export function metricsRegistry(sync: SyncView): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const counter = (name: string, help: string, samples: () => Samples, labelNames: string[] = []) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        // The sync keeps the totals; the counter shows them as they are now.
        this.reset();
        for (const [labels, value] of samples()) this.inc(labels, finite(value));
      },
    });
  const gauge = (name: string, help: string, samples: () => Samples, labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        for (const [labels, value] of samples()) this.set(labels, finite(value));
      },
    });
  const m = () => sync.counters;
  const one = (value: () => number) => (): Samples => [[{}, value()]];

  counter(
    'stance_events_total',
    'Change events received, by object.',
    () => [...m().eventsByObject].map(([object, count]) => [{ object }, count]),
    ['object'],
  );
  counter(
    'stance_events_dropped_total',
    'Delivered messages dropped because they did not fit a change event, by channel.',
    () => [...m().eventsDropped].map(([channel, count]) => [{ channel }, count]),
    ['channel'],
  );
  counter(
    'stance_own_events_skipped_total',
    'Change events that only echoed our own writes.',
    one(() => m().ownEventsSkipped),
  );
  counter(
    'stance_gap_events_total',
    'GAP and GAP_OVERFLOW events handled.',
    one(() => m().gapEvents),
  );
  gauge(
    'stance_event_lag_seconds',
    'Commit-to-receipt delay of the latest change event.',
    one(() => m().lastEventLagSeconds),
  );
  counter(
    'stance_accounts_classified_total',
    'Classifications computed.',
    one(() => m().accountsClassified),
  );
  counter(
    'stance_writes_total',
    'Accounts whose classification was written.',
    one(() => m().writes),
  );
  counter(
    'stance_writes_skipped_total',
    'Classifications not written because nothing changed.',
    one(() => m().writesSkippedUnchanged),
  );
  counter(
    'stance_stance_changes_total',
    'Stance or at-risk changes recorded.',
    one(() => m().stanceChanges),
  );
  counter(
    'stance_write_failures_total',
    'Writes the org refused, by kind.',
    () => [
      [{ kind: 'refused' }, m().writeFailures],
      [{ kind: 'retryable' }, m().retryableWriteFailures],
    ],
    ['kind'],
  );
  gauge(
    'stance_failed_accounts',
    'Accounts whose latest write the org refused (see /status).',
    one(() => sync.failedAccounts),
  );
  gauge(
    'stance_outbox_accounts',
    'Accounts waiting for a write.',
    one(() => sync.outboxSize),
  );
  counter(
    'stance_notifications_sent_total',
    'Custom notifications sent.',
    one(() => m().notificationsSent),
  );
  counter(
    'stance_portfolio_calls_total',
    "API calls of the daily portfolio snapshots and managers' digest.",
    one(() => sync.portfolio?.calls ?? 0),
  );
  counter(
    'stance_updates_announced_total',
    'Stance_Update__e events published, by outcome.',
    () => [
      [{ outcome: 'published' }, m().updatesAnnounced],
      [{ outcome: 'refused' }, m().announcementsRefused],
    ],
    ['outcome'],
  );
  counter(
    'stance_drift_repaired_total',
    'Stance fields changed in the org by someone else, put back.',
    one(() => m().driftRepaired),
  );
  counter(
    'stance_drift_repairs_capped_total',
    "Repairs not made: the account reached the day's cap (STANCE_DRIFT_REPAIRS_PER_DAY).",
    one(() => m().driftRepairsCapped),
  );
  counter(
    'stance_org_retries_total',
    'Calls to the org sent again by the writer, by reason: the error code (UNABLE_TO_LOCK_ROW, SERVER_UNAVAILABLE, ...), 5xx, timeout or network.',
    () => [...m().orgRetries].map(([reason, count]) => [{ reason }, count]),
    ['reason'],
  );
  counter(
    'stance_api_reserve_probes_total',
    'Calls made to read the API usage while the reserve (STANCE_API_RESERVE_PCT) was reached.',
    one(() => m().apiReserveProbes),
  );
  counter(
    'stance_catch_up_retries_total',
    'Catch-ups by SystemModstamp that failed and were tried again with back-off.',
    one(() => m().catchUpRetries),
  );
  counter(
    'stance_heartbeats_total',
    'Calls made because the org had answered nothing for STANCE_HEARTBEAT_S (at most one a heartbeat).',
    one(() => m().heartbeats),
  );
  counter(
    'stance_event_allowance_fallbacks_total',
    "Times the org's event delivery allowance ran out and changes were polled by SystemModstamp instead.",
    one(() => m().eventAllowanceFallbacks),
  );
  counter(
    'stance_errors_total',
    'Errors logged.',
    one(() => m().errors),
  );
  counter(
    'stance_disk_full_total',
    "Times the disk under STANCE_DB was found full (see /readyz's disk-full).",
    one(() => m().diskFullEpisodes),
  );
  counter(
    'stance_events_deferred_total',
    'Change events not applied while the disk was full (their objects are caught up when space returns).',
    one(() => m().eventsDeferred),
  );
  counter(
    'stance_reconciliations_total',
    'Catch-up reads by SystemModstamp.',
    one(() => m().reconciliations),
  );
  gauge(
    'stance_rules_refused',
    '1 while the latest rule set in the org is invalid.',
    one(() => (sync.refusedRules ? 1 : 0)),
  );
  gauge(
    'stance_event_to_write_seconds',
    'Event-to-write latency over recent writes.',
    () => [
      [{ quantile: '0.5' }, (m().latencyPercentile(50) ?? 0) / 1000],
      [{ quantile: '0.95' }, (m().latencyPercentile(95) ?? 0) / 1000],
    ],
    ['quantile'],
  );
  gauge(
    'stance_api_requests_used',
    "The org's daily API requests used, as last reported.",
    one(() => sync.apiUsage?.used ?? 0),
  );
  gauge(
    'stance_api_requests_limit',
    "The org's daily API request allowance.",
    one(() => sync.apiUsage?.limit ?? 0),
  );
  gauge(
    'stance_up',
    '1 when live and streaming.',
    one(() => (sync.state === 'live' && sync.streaming ? 1 : 0)),
  );
  return registry;
}
