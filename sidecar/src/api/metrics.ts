/** /metrics in the Prometheus text format. */
import type { SyncView } from '../sync/view';

type Sample = [labels: Record<string, string>, value: number];

function family(name: string, type: 'counter' | 'gauge', help: string, samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const text = Object.entries(labels)
      .map(([key, label]) => `${key}="${label.replace(/["\\\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`)
      .join(',');
    lines.push(`${name}${text ? `{${text}}` : ''} ${Number.isFinite(value) ? value : 0}`);
  }
  return lines.join('\n');
}

export function renderMetrics(sync: SyncView): string {
  const m = sync.counters;
  const usage = sync.apiUsage;
  const failures = sync.failures;
  const p50 = m.latencyPercentile(50);
  const p95 = m.latencyPercentile(95);
  return (
    [
      family(
        'stance_events_total',
        'counter',
        'Change events received, by object.',
        [...m.eventsByObject].map(([object, count]) => [{ object }, count]),
      ),
      family('stance_own_events_skipped_total', 'counter', 'Change events that only echoed our own writes.', [
        [{}, m.ownEventsSkipped],
      ]),
      family('stance_gap_events_total', 'counter', 'GAP and GAP_OVERFLOW events handled.', [[{}, m.gapEvents]]),
      family('stance_event_lag_seconds', 'gauge', 'Commit-to-receipt delay of the latest change event.', [
        [{}, m.lastEventLagSeconds],
      ]),
      family('stance_accounts_classified_total', 'counter', 'Classifications computed.', [[{}, m.accountsClassified]]),
      family('stance_writes_total', 'counter', 'Accounts whose classification was written.', [[{}, m.writes]]),
      family('stance_writes_skipped_total', 'counter', 'Classifications not written because nothing changed.', [
        [{}, m.writesSkippedUnchanged],
      ]),
      family('stance_stance_changes_total', 'counter', 'Stance or at-risk changes recorded.', [[{}, m.stanceChanges]]),
      family('stance_write_failures_total', 'counter', 'Writes the org refused, by kind.', [
        [{ kind: 'refused' }, m.writeFailures],
        [{ kind: 'retryable' }, m.retryableWriteFailures],
      ]),
      family('stance_failed_accounts', 'gauge', 'Accounts whose latest write the org refused (see /status).', [
        [{}, failures.length],
      ]),
      family('stance_outbox_accounts', 'gauge', 'Accounts waiting for a write.', [[{}, sync.outboxSize]]),
      family('stance_notifications_sent_total', 'counter', 'Custom notifications sent.', [[{}, m.notificationsSent]]),
      family('stance_updates_announced_total', 'counter', 'Stance_Update__e events published, by outcome.', [
        [{ outcome: 'published' }, m.updatesAnnounced],
        [{ outcome: 'refused' }, m.announcementsRefused],
      ]),
      family('stance_errors_total', 'counter', 'Errors logged.', [[{}, m.errors]]),
      family('stance_reconciliations_total', 'counter', 'Catch-up reads by SystemModstamp.', [[{}, m.reconciliations]]),
      family('stance_rules_refused', 'gauge', '1 while the latest rule set in the org is invalid.', [
        [{}, sync.refusedRules ? 1 : 0],
      ]),
      family('stance_event_to_write_seconds', 'gauge', 'Event-to-write latency over recent writes.', [
        [{ quantile: '0.5' }, (p50 ?? 0) / 1000],
        [{ quantile: '0.95' }, (p95 ?? 0) / 1000],
      ]),
      family('stance_api_requests_used', 'gauge', "The org's daily API requests used, as last reported.", [
        [{}, usage?.used ?? 0],
      ]),
      family('stance_api_requests_limit', 'gauge', "The org's daily API request allowance.", [[{}, usage?.limit ?? 0]]),
      family('stance_up', 'gauge', '1 when live and streaming.', [
        [{}, sync.state === 'live' && sync.streaming ? 1 : 0],
      ]),
    ].join('\n\n') + '\n'
  );
}
