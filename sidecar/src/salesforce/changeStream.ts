/**
 * Change Data Capture over CometD through jsforce's streaming client, one client for every
 * channel. Replay ids are kept per channel by our own extension (jsforce's Replay extension
 * writes a one-channel map, so with several channels each subscribe would carry the wrong one).
 * A denied handshake (an expired session) is reported, so the owner can renew the session and
 * start a new stream from the last event it received.
 */
import type { Connection } from 'jsforce';
import { checkChangeEvent } from './changeEventShape';
import type { ChangeEventMessage } from './changeEventShape';

export type { ChangeEventHeader, ChangeEventMessage } from './changeEventShape';

type FayeMessage = {
  channel: string;
  subscription?: string;
  ext?: Record<string, unknown>;
  advice?: { reconnect?: string; interval?: number };
  error?: string;
  data?: { event?: { replayId?: number } };
};
type Next = (message: FayeMessage) => void;

const SUBSCRIBE_TIMEOUT_MS = 30_000;

/**
 * Sends each channel's replay id on subscribe and remembers the last id each channel delivered.
 * After a dropped session faye handshakes again by itself and subscribes every channel again: a
 * channel that has delivered nothing yet can only ask for new events then (-1), so what was
 * published meanwhile is not replayed; such a re-subscription is reported, to be caught up.
 *
 * A request lost in transit (the transport went down) may have been a /meta/connect answer
 * carrying events: the server counts them delivered, and faye, which only sends the same
 * connect again under the same clientId, would never see them. CometD replays only on a
 * subscribe, so after a transport failure the stream asks for a new session: it stops taking
 * events (an event after the lost ones would move the position past them), and the next
 * successful connect answer is told to handshake again; faye then subscribes every channel again,
 * from the last id received, and the org replays what followed it, the lost events included.
 */
class ReplayIds {
  private readonly subscribed = new Set<string>();
  /** A request failed since the last handshake: events wait for the replay of a new session. */
  private suspect = false;

  /** The transport went down: whatever was in flight may have carried events that never arrived. */
  transportLost(): void {
    this.suspect = true;
  }

  constructor(
    private readonly ids: Map<string, number>,
    private readonly onResubscribedWithoutId: (channel: string) => void,
  ) {}

  incoming(message: FayeMessage & { successful?: boolean }, callback: Next): void {
    if (message.channel === '/meta/handshake' && message.successful) this.suspect = false;
    if (this.suspect) {
      if (message.channel === '/meta/connect' && message.successful) {
        // A new session, so the channels are subscribed again (and replayed) from what arrived.
        message.advice = { ...(message.advice ?? {}), reconnect: 'handshake', interval: 0 };
      } else if (!message.channel.startsWith('/meta/')) {
        // Not taken (the position stays before the lost events): the replay brings it again.
        callback(null as unknown as FayeMessage);
        return;
      }
    }
    const channel = message.subscription;
    if (message.channel === '/meta/subscribe' && message.successful && typeof channel === 'string') {
      if (this.subscribed.has(channel) && this.ids.get(channel) === -1) this.onResubscribedWithoutId(channel);
      this.subscribed.add(channel);
    }
    const replayId = message.data?.event?.replayId;
    if (typeof replayId === 'number' && this.ids.has(message.channel)) this.ids.set(message.channel, replayId);
    callback(message);
  }

  outgoing(message: FayeMessage, callback: Next): void {
    if (message.channel === '/meta/subscribe' && message.subscription && this.ids.has(message.subscription)) {
      message.ext = { ...(message.ext ?? {}), replay: { [message.subscription]: this.ids.get(message.subscription) } };
    }
    callback(message);
  }
}

/** Salesforce denies a handshake or connect with an expired session and advises not to retry. */
class SessionWatch {
  constructor(private readonly onDenied: (reason: string) => void) {}

  incoming(message: FayeMessage, callback: Next): void {
    if (
      (message.channel === '/meta/handshake' || message.channel === '/meta/connect') &&
      message.advice?.reconnect === 'none'
    ) {
      const sfdc = (message.ext?.sfdc ?? {}) as { failureReason?: string };
      this.onDenied(sfdc.failureReason ?? message.error ?? 'session refused');
    }
    // Passed on either way, so faye settles what waited on it instead of hanging.
    callback(message);
  }
}

/** Reports each /meta/connect answer: its error (e.g. the event delivery allowance spent), or null. */
class ConnectWatch {
  constructor(private readonly onConnect: (error: string | null) => void) {}

  incoming(message: FayeMessage & { successful?: boolean }, callback: Next): void {
    if (message.channel === '/meta/connect')
      this.onConnect(message.successful === false ? (message.error ?? '') : null);
    callback(message);
  }
}

export interface ChangeStreamHandlers {
  /** A delivered message that fits a change event (checked here, at the edge). */
  readonly onEvent: (channel: string, message: ChangeEventMessage) => void;
  /** A delivered message that does not: dropped; `problem` names what was wrong, without record data. */
  readonly onDropped: (channel: string, problem: string) => void;
  /** A subscription refused, e.g. a replay id older than what the org retains. */
  readonly onSubscribeError: (channel: string, error: Error) => void;
  readonly onSessionDenied: (reason: string) => void;
  /** Each /meta/connect answer: null when it succeeded, else the org's error. */
  readonly onConnect?: (error: string | null) => void;
  /**
   * Subscribed again (after the org dropped the session) with no replay id to resume from: the
   * channel gets new events only, and what was published meanwhile must be read another way.
   */
  readonly onResubscribedWithoutId?: (channel: string) => void;
  /** The stream's connection to the org went down (requests failing) or came up again. */
  readonly onTransport?: (up: boolean) => void;
}

/** The part of faye's dispatcher that holds messages awaiting an answer (faye has no API for it). */
interface FayeDispatcher {
  _envelopes: Map<string, { timer: NodeJS.Timeout | null }>;
}

interface FayeClient {
  addExtension(extension: object): void;
  bind(event: 'transport:up' | 'transport:down', listener: () => void): void;
  subscribe(channel: string, callback: (message: unknown) => void): PromiseLike<unknown> & { cancel(): void };
  disconnect(): void;
}

export class ChangeStream {
  private client: FayeClient | null = null;
  private readonly replayIds: Map<string, number>;

  /** replayFrom: per channel, a stored replay id, or -1 for new events only. */
  constructor(
    private readonly conn: Connection,
    replayFrom: ReadonlyMap<string, number>,
    private readonly handlers: ChangeStreamHandlers,
  ) {
    this.replayIds = new Map(replayFrom);
  }

  /** The last replay id each channel delivered (or was asked to start from). */
  get positions(): ReadonlyMap<string, number> {
    return this.replayIds;
  }

  /** Subscribes every channel; resolves with the channels that were refused. */
  async start(): Promise<Array<{ channel: string; error: Error }>> {
    const client = this.conn.streaming.createClient([]) as unknown as FayeClient;
    const replay = new ReplayIds(
      this.replayIds,
      (channel) => this.client === client && this.handlers.onResubscribedWithoutId?.(channel),
    );
    client.addExtension(replay);
    client.addExtension(new SessionWatch((reason) => this.handlers.onSessionDenied(reason)));
    if (this.handlers.onConnect) client.addExtension(new ConnectWatch(this.handlers.onConnect));
    this.client = client;
    // Only the current client speaks for the stream (a stopped one may still report its failures).
    client.bind('transport:down', () => {
      replay.transportLost();
      if (this.client === client) this.handlers.onTransport?.(false);
    });
    client.bind('transport:up', () => this.client === client && this.handlers.onTransport?.(true));
    const refused: Array<{ channel: string; error: Error }> = [];
    await Promise.all(
      [...this.replayIds.keys()].map(
        (channel) =>
          new Promise<void>((resolve) => {
            let settled = false;
            const refuse = (error: Error) => {
              if (settled) return;
              settled = true;
              refused.push({ channel, error });
              this.handlers.onSubscribeError(channel, error);
              resolve();
            };
            const timer = setTimeout(
              () => refuse(new Error(`no answer to the subscription within ${SUBSCRIBE_TIMEOUT_MS / 1000} s`)),
              SUBSCRIBE_TIMEOUT_MS,
            );
            timer.unref();
            client
              .subscribe(channel, (message) => this.deliver(channel, message))
              .then(
                () => {
                  clearTimeout(timer);
                  if (!settled) {
                    settled = true;
                    resolve();
                  }
                },
                (error: Error) => {
                  clearTimeout(timer);
                  refuse(error);
                },
              );
          }),
      ),
    );
    return refused;
  }

  /** Hands on what fits and drops the rest; nothing a message holds may throw out of here. */
  private deliver(channel: string, raw: unknown): void {
    const checked = checkChangeEvent(channel, raw);
    if (checked.ok) this.handlers.onEvent(channel, checked.message);
    else this.handlers.onDropped(channel, checked.problem);
  }

  /** Starts a channel again from new events only (after its stored position could not be replayed). */
  setPosition(channel: string, replayId: number): void {
    this.replayIds.set(channel, replayId);
  }

  stop(): void {
    const client = this.client;
    this.client = null;
    if (!client) return;
    stopFayeClient(client);
  }
}

/** Disconnects a faye client for good (jsforce's streaming clients are faye clients). */
export function stopFayeClient(client: { disconnect(): void }): void {
  client.disconnect();
  // faye resends any message whose request fails, even after a disconnect (the pending long
  // poll fails when the server goes): forget them, or their retry timers keep the process up.
  const dispatcher = (client as unknown as { _dispatcher?: FayeDispatcher })._dispatcher;
  dispatcher?._envelopes.forEach((envelope) => clearTimeout(envelope.timer ?? undefined));
  dispatcher?._envelopes.clear();
}
