/**
 * The change stream and its upkeep: subscribing from stored replay ids, falling back to polling
 * for channels the org refuses, catching up channels whose ids are past retention, and renewing
 * the session (with backoff) when the org denies it.
 */
import type { ChangeEventMessage, ChangeStream } from '../salesforce/changeStream';
import type { MirroredObject } from '../store/mirror';
import { FollowedChannels, STREAMED_OBJECTS, isOwnChange, ownChangeOrigin } from './changeEvents';
import { backoffMs } from './context';
import type { SyncContext } from './context';
import { DeliveryFallback } from './eventAllowance';

export interface StreamHandlers {
  readonly onEvent: (channel: string, message: ChangeEventMessage) => void;
  /** Catches an object up by SystemModstamp (and marks what it touched). */
  readonly reconcile: (object: MirroredObject) => Promise<unknown>;
  /** The stream's connection to the org went down or came up again. */
  readonly onTransport?: (up: boolean) => void;
  /** False once the sync is stopping: no renewal then. */
  readonly running: () => boolean;
}

const DROP_LOGS_PER_MINUTE = 10;

export class StreamKeeper {
  /** Objects followed by polling because the org refused their channel. */
  readonly polledObjects = new Set<MirroredObject>(['Market_Signal__c']);
  private stream: ChangeStream | null = null;
  private problemText: string | null = null;
  private renewingNow = false;
  private renewal: Promise<void> | null = null;
  private renewAttempts = 0;
  /** Catch-ups after a re-subscription, one after another. */
  private catchingUp: Promise<void> = Promise.resolve();
  private readonly delivery: DeliveryFallback;
  private readonly dropLog = new Map<string, { since: number; logged: number; suppressed: number }>();
  /** The channel each object is followed on (Account: the package's filtered channel, if the org has it). */
  readonly channels: FollowedChannels;
  private echoWarned = false;

  constructor(
    private readonly ctx: SyncContext,
    private readonly handlers: StreamHandlers,
  ) {
    this.delivery = new DeliveryFallback(ctx, this.polledObjects, handlers.reconcile);
    this.channels = new FollowedChannels(ctx.options.accountChannel);
  }

  /** Why streaming is down, or null when it is up. */
  get problem(): string | null {
    return this.problemText;
  }

  get streaming(): boolean {
    return this.stream !== null && this.problemText === null;
  }

  /** Subscribes every channel from its position (-1: new events only). */
  async start(positions: Map<string, number>): Promise<void> {
    const stream = this.ctx.org.changeStream(positions, {
      onEvent: (channel, message) => {
        this.delivery.onEvent();
        if (!this.ofItsObject(channel, message)) return;
        this.noteEcho(channel, message);
        this.handlers.onEvent(channel, message);
      },
      onConnect: (error) => this.delivery.onConnect(error),
      onDropped: (channel, problem) => this.dropped(channel, problem),
      onSubscribeError: (channel, error) =>
        this.ctx.log.warn({ channel, error: error.message }, 'subscription refused'),
      onSessionDenied: (reason) => this.renew(reason),
      onTransport: (up) => this.handlers.onTransport?.(up),
      onResubscribedWithoutId: (channel) => this.resubscribedWithoutId(channel),
    });
    this.stream = stream;
    const refused = await stream.start();
    if (refused.length === 0) {
      this.problemText = null;
      return;
    }
    if (await this.fellBack(stream, positions, refused)) return;
    const stale = refused.filter(({ error }) => /replayId/i.test(error.message));
    const unavailable = refused.filter(({ error }) => !/replayId/i.test(error.message));
    for (const { channel, error } of unavailable) {
      this.polledObjects.add(this.channels.objectOf(channel));
      this.ctx.log.warn(
        { channel, error: error.message },
        'the org refuses this channel: polling by SystemModstamp instead',
      );
    }
    if (stale.length > 0) {
      // Older than the org retains: start those channels from new events and catch up by SystemModstamp.
      stream.stop();
      for (const { channel } of stale) positions.set(channel, -1);
      for (const { channel } of unavailable) positions.delete(channel);
      this.ctx.log.warn(
        { channels: stale.map((item) => item.channel) },
        'stored replay ids are past retention: reconciling',
      );
      await this.start(positions);
      for (const { channel } of stale) await this.handlers.reconcile(this.channels.objectOf(channel));
    }
  }

  /**
   * The org refused the custom Account channel (not deployed): follow /data/AccountChangeEvent,
   * from its stored replay id, and say once what to deploy. Had the custom channel a stored
   * position, what changed since is caught up by SystemModstamp.
   */
  private async fellBack(
    stream: ChangeStream,
    positions: Map<string, number>,
    refused: ReadonlyArray<{ channel: string; error: Error }>,
  ): Promise<boolean> {
    const channel = this.channels.of('Account');
    const refusal = refused.find((item) => item.channel === channel && !/replayId/i.test(item.error.message));
    if (!this.channels.filtered || !refusal) return false;
    stream.stop();
    const from = positions.get(channel);
    positions.delete(channel);
    this.channels.fallBack();
    const standard = this.channels.of('Account');
    positions.set(standard, this.ctx.mirror.ledger.replayId(standard) ?? -1);
    this.ctx.log.warn(
      { channel, error: refusal.error.message, following: standard },
      `the org has no ${channel}: following ${standard} instead, where every write-back of the sidecar comes back as a change event and spends the org's daily event delivery allowance; deploy force-app's platformEventChannels/ and platformEventChannelMembers/ (docs/deploying.md)`,
    );
    await this.start(positions);
    if (from !== undefined && from !== -1) await this.handlers.reconcile('Account');
    return true;
  }

  /** A custom channel's name does not say its entity: an event of another object on it is dropped, as on the others. */
  private ofItsObject(channel: string, message: ChangeEventMessage): boolean {
    const object = this.channels.objectOf(channel);
    if (message.payload.ChangeEventHeader.entityName === object) return true;
    this.dropped(
      channel,
      `payload.ChangeEventHeader.entityName: not ${object}, the object this channel is followed for`,
    );
    return false;
  }

  /** An own write delivered on the filtered channel: its filter does not match this sidecar's origin (said once). */
  private noteEcho(channel: string, message: ChangeEventMessage): void {
    if (this.echoWarned || !this.channels.filtered || channel !== this.channels.of('Account')) return;
    const { clientName, apiVersion } = this.ctx.options;
    if (!isOwnChange(message.payload.ChangeEventHeader, clientName)) return;
    this.echoWarned = true;
    this.ctx.log.warn(
      { channel, changeOrigin: message.payload.ChangeEventHeader.changeOrigin },
      `the sidecar's own writes come back on ${channel}: its member's filterExpression must leave out ChangeEventHeader.changeOrigin '${ownChangeOrigin(apiVersion, clientName)}' (SF_API_VERSION, STANCE_CLIENT_NAME); each echo spends an event delivery`,
    );
  }

  /**
   * A delivered message that is not a change event we can use: counted, and logged (channel and
   * what was wrong, never record data) at most DROP_LOGS_PER_MINUTE times a minute per channel.
   */
  private dropped(channel: string, problem: string): void {
    const { metrics, log, clock } = this.ctx;
    metrics.countDropped(channel);
    const now = clock.realNow();
    const window = this.dropLog.get(channel);
    if (!window || now - window.since >= 60_000) {
      if (window && window.suppressed > 0)
        log.warn({ channel, suppressed: window.suppressed }, 'more malformed change events were dropped');
      this.dropLog.set(channel, { since: now, logged: 1, suppressed: 0 });
    } else if (window.logged >= DROP_LOGS_PER_MINUTE) {
      window.suppressed++;
      return;
    } else {
      window.logged++;
    }
    log.warn({ channel, problem }, 'dropped a malformed change event');
  }

  /**
   * The org dropped the stream's session and the client subscribed again, but this channel had
   * delivered nothing to resume from: it gets new events only, so read what changed meanwhile by
   * SystemModstamp (subscribed first, then read: nothing falls between the two).
   */
  private resubscribedWithoutId(channel: string): void {
    if (!this.handlers.running()) return;
    const object = this.channels.objectOf(channel);
    this.ctx.log.warn({ channel }, 'subscribed again with no replay id to resume from: catching up by SystemModstamp');
    this.catchingUp = this.catchingUp
      .then(() => this.handlers.reconcile(object))
      .then(
        () => undefined,
        (error: unknown) => this.ctx.fail(`catching up ${object} after a re-subscription failed`, error),
      );
  }

  /** Lets go of the stream, after any renewal under way. */
  async stop(): Promise<void> {
    await this.renewal;
    this.stream?.stop();
    await this.catchingUp;
    this.stream = null;
    await this.delivery.catchingUp;
  }

  /** A denied session: renew it (jsforce signs in again on the 401) and stream from where we were. */
  private renew(reason: string): void {
    if (this.renewingNow || !this.handlers.running()) return;
    this.renewal = this.renewOnce(reason).finally(() => (this.renewal = null));
  }

  private async renewOnce(reason: string): Promise<void> {
    const { log, metrics } = this.ctx;
    this.renewingNow = true;
    this.problemText = `session denied (${reason}); renewing`;
    log.warn({ reason }, 'streaming session denied: signing in again');
    try {
      const positions = new Map(this.stream?.positions ?? []);
      this.stream?.stop();
      await this.ctx.org.refreshUsage();
      await this.start(positions);
      // A channel that had delivered nothing yet can only start again from new events: read
      // what changed meanwhile by SystemModstamp instead.
      for (const object of STREAMED_OBJECTS) {
        if (positions.get(this.channels.of(object)) === -1) await this.handlers.reconcile(object);
      }
      metrics.streamRenewals++;
      this.renewAttempts = 0;
      log.info('streaming again');
    } catch (error) {
      this.problemText = `cannot renew the session: ${(error as Error).message}`;
      this.ctx.fail('renewing the streaming session failed; trying again', error);
      this.ctx.later(backoffMs(this.renewAttempts++), () => this.renew(reason));
    } finally {
      this.renewingNow = false;
    }
  }
}
