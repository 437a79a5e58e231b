/** Counters the sidecar keeps for /metrics and /status, and recent event-to-write latencies. */

const LATENCY_WINDOW = 10_000;

/** The counters as read from outside: nothing here changes them. */
export interface SyncCounters {
  readonly eventsByObject: ReadonlyMap<string, number>;
  /** Delivered messages dropped because they did not fit a change event, by channel. */
  readonly eventsDropped: ReadonlyMap<string, number>;
  readonly events: number;
  readonly ownEventsSkipped: number;
  readonly gapEvents: number;
  readonly lastEventLagSeconds: number;
  readonly flushes: number;
  readonly accountsClassified: number;
  readonly writes: number;
  readonly writesSkippedUnchanged: number;
  readonly stanceChanges: number;
  readonly writeFailures: number;
  readonly retryableWriteFailures: number;
  readonly notificationsSent: number;
  readonly updatesAnnounced: number;
  readonly announcementsRefused: number;
  readonly errors: number;
  readonly reconciliations: number;
  readonly rulesReloads: number;
  readonly streamRenewals: number;
  readonly driftRepaired: number;
  readonly driftRepairsCapped: number;
  readonly apiReserveProbes: number;
  /** Catch-ups by SystemModstamp tried again after a failure (catchUpRetry.ts). */
  readonly catchUpRetries: number;
  /** Idle heartbeats: calls made because the org had answered nothing for STANCE_HEARTBEAT_S. */
  readonly heartbeats: number;
  /** Calls to the org sent again, by why (an error code, `5xx`, `timeout`, `network`). */
  readonly orgRetries: ReadonlyMap<string, number>;
  readonly eventAllowanceFallbacks: number;
  /** Times STANCE_DB's disk was found full. */
  readonly diskFullEpisodes: number;
  /** Change events not applied because the disk was full (their objects are caught up later). */
  readonly eventsDeferred: number;
  latencyPercentile(p: number): number | null;
}

export class SyncMetrics implements SyncCounters {
  readonly eventsByObject = new Map<string, number>();
  readonly eventsDropped = new Map<string, number>();
  ownEventsSkipped = 0;
  gapEvents = 0;
  /** Seconds between the org committing the latest event and the sidecar applying it. */
  lastEventLagSeconds = 0;
  flushes = 0;
  accountsClassified = 0;
  writes = 0;
  writesSkippedUnchanged = 0;
  stanceChanges = 0;
  writeFailures = 0;
  retryableWriteFailures = 0;
  notificationsSent = 0;
  /** Stance_Update__e events published (open record pages reload from them) and refused. */
  updatesAnnounced = 0;
  announcementsRefused = 0;
  errors = 0;
  reconciliations = 0;
  rulesReloads = 0;
  /** Streams started again after the org denied the session. */
  streamRenewals = 0;
  /** Stance fields someone else changed in the org, put back; and repairs refused past the day's cap. */
  driftRepaired = 0;
  driftRepairsCapped = 0;
  /** Calls made to read the API usage while the reserve was reached. */
  apiReserveProbes = 0;
  catchUpRetries = 0;
  heartbeats = 0;
  readonly orgRetries = new Map<string, number>();
  /** Times the org's event delivery allowance ran out and the streamed objects were polled instead. */
  eventAllowanceFallbacks = 0;
  diskFullEpisodes = 0;
  eventsDeferred = 0;
  private readonly latencies: number[] = [];

  countEvent(object: string): void {
    this.eventsByObject.set(object, (this.eventsByObject.get(object) ?? 0) + 1);
  }

  countRetry(reason: string): void {
    this.orgRetries.set(reason, (this.orgRetries.get(reason) ?? 0) + 1);
  }

  countDropped(channel: string): void {
    this.eventsDropped.set(channel, (this.eventsDropped.get(channel) ?? 0) + 1);
  }

  get events(): number {
    let total = 0;
    for (const count of this.eventsByObject.values()) total += count;
    return total;
  }

  /** Milliseconds from the first event that made an account dirty to its write. */
  recordLatency(ms: number): void {
    this.latencies.push(ms);
    if (this.latencies.length > LATENCY_WINDOW) this.latencies.splice(0, this.latencies.length - LATENCY_WINDOW);
  }

  latencyPercentile(p: number): number | null {
    if (this.latencies.length === 0) return null;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }

  resetLatencies(): void {
    this.latencies.length = 0;
  }
}
