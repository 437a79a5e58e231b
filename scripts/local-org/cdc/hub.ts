/**
 * CometD for the local org: a faye (Bayeux) server at /cometd/NN.0, long-polling only, that
 * checks the OAuth token on handshake, keeps change events (/data/...) and platform events
 * (/event/...) in SQLite with replay ids from one sequence, and replays from -1, -2 or a stored
 * id inside the retention window, as Salesforce does. Each client is the user whose token opened its
 * session: subscriptions and deliveries follow that user's rights (see ./access.ts), and clients
 * cannot publish (Salesforce takes events through its APIs, not through CometD).
 */
import type Database from 'better-sqlite3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Auth, Session } from '../auth/auth';
import type { StreamGate } from './access';

/** What the hub stores and delivers: a change event or a platform event, on its channel. */
export interface StreamEvent {
  readonly channel: string;
  readonly payload: unknown;
}

interface BayeuxMessage {
  channel: string;
  clientId?: string;
  subscription?: string;
  successful?: boolean;
  error?: string;
  ext?: { replay?: Record<string, number> };
  supportedConnectionTypes?: string[];
  data?: unknown;
}

type Callback = (message: BayeuxMessage | null) => void;

/** Every change event is also delivered on this channel, to the users who may follow its entity. */
export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';

/** The part of faye's server API the hub uses (jsforce's typings of 'faye' cover the client only). */
interface NodeAdapter {
  handle(request: IncomingMessage, response: ServerResponse): void;
  addExtension(extension: object): void;
  on(event: 'disconnect', listener: (clientId: string) => void): void;
  getClient(): { publish(channel: string, data: unknown): Promise<void>; disconnect(): void };
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NodeAdapter: FayeNodeAdapter } = require('faye') as {
  NodeAdapter: new (options: { mount: string; timeout: number }) => NodeAdapter;
};

export interface HubOptions {
  readonly retentionHours: number;
  /** How long a /meta/connect long poll is held open (advice.timeout; 45 s by default). */
  readonly adviceTimeoutMs?: number;
  /** Whether a channel exists; subscribing to one that does not is refused as Salesforce refuses it. */
  readonly channelExists?: (channel: string) => boolean;
  /** Who may subscribe to what, and what each user receives; without it, everyone everything. */
  readonly gate?: StreamGate;
  /** The event delivery allowance: each event delivered to a client takes one; spent, none is delivered. */
  readonly deliveries?: { take(): boolean; readonly exhausted: boolean };
  /** The copies of an event that custom channels carry (./channels.ts), each stored with its own replay id. */
  readonly fanOut?: (event: StreamEvent) => readonly StreamEvent[];
}

/** Salesforce's answer to /meta/connect once the event delivery allowance is spent. */
export const DELIVERY_LIMIT_ERROR = '403::Organization total events daily limit exceeded';

export class CdcHub {
  private readonly bayeux: NodeAdapter;
  private readonly insert: Database.Statement;
  private readonly replayStatement: Database.Statement;
  private readonly replayAllStatement: Database.Statement;
  /** Each streaming client and the user whose token opened its session. */
  private readonly clients = new Map<string, { userId: string; token: string }>();
  /** The client each /meta/connect request is for: what it gets back is filtered for that client's user. */
  private readonly connectRequests = new WeakMap<IncomingMessage, string>();
  /** Subscriptions that asked to replay from a stored id, as [channel, replayId]: tests read it. */
  readonly replayRequests: Array<[string, number]> = [];
  /** Replays asked for in a subscribe, delivered once the subscription is confirmed. */
  private readonly pendingReplays = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly auth: Auth,
    private readonly options: HubOptions,
    private readonly clock: () => number = Date.now,
  ) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS _events (replayId INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, payload TEXT NOT NULL, createdAt INTEGER NOT NULL)`,
    );
    db.exec(`CREATE INDEX IF NOT EXISTS i_events_channel ON _events (channel, replayId)`);
    // Each publish purges what is past retention (createdAt < cutoff): by this index it finds the
    // few rows to delete instead of reading every retained event (a write-back of N accounts keeps N).
    db.exec(`CREATE INDEX IF NOT EXISTS i_events_createdAt ON _events (createdAt)`);
    this.replayAllStatement = db.prepare(
      `SELECT replayId, payload FROM _events WHERE channel LIKE '/data/%' AND channel NOT LIKE '%\\_\\_chn' ESCAPE '\\' AND replayId > ? AND createdAt >= ? ORDER BY replayId`,
    );
    this.insert = db.prepare(`INSERT INTO _events (channel, payload, createdAt) VALUES (?, ?, ?) RETURNING replayId`);
    this.replayStatement = db.prepare(
      `SELECT replayId, payload FROM _events WHERE channel = ? AND replayId > ? AND createdAt >= ? ORDER BY replayId`,
    );
    this.bayeux = new FayeNodeAdapter({ mount: '/cometd', timeout: (options.adviceTimeoutMs ?? 45_000) / 1000 });
    this.bayeux.addExtension({
      incoming: (message: BayeuxMessage, request: IncomingMessage, callback: Callback) =>
        this.incoming(message, request, callback),
      outgoing: (message: BayeuxMessage, request: IncomingMessage | undefined, callback: Callback) =>
        this.outgoing(message, request, callback),
    });
    this.bayeux.on('disconnect', (clientId) => this.clients.delete(clientId));
  }

  /** Serves a CometD request (mounted before any body parser). */
  handle(request: IncomingMessage, response: ServerResponse): void {
    this.bayeux.handle(request, response);
  }

  /** Stores events and delivers them to current subscribers. */
  publish(events: readonly StreamEvent[]): void {
    this.db.prepare(`DELETE FROM _events WHERE createdAt < ?`).run(this.cutoff());
    for (const event of events) {
      const { replayId } = this.insert.get(event.channel, JSON.stringify(event.payload), this.clock()) as {
        replayId: number;
      };
      const data = this.message(event.payload, replayId);
      // Straight to the engine, in order: through faye's in-process client a publish can overtake
      // the one before it, and a subscriber would get a channel's events out of replay id order.
      this.engine().publish({ channel: event.channel, data });
      if (isChangeEvent(event)) this.engine().publish({ channel: ALL_CHANGE_EVENTS, data });
      for (const copy of this.options.fanOut?.(event) ?? []) {
        const stored = this.insert.get(copy.channel, JSON.stringify(copy.payload), this.clock()) as {
          replayId: number;
        };
        this.engine().publish({ channel: copy.channel, data: this.message(copy.payload, stored.replayId) });
      }
    }
  }

  private engine(): FayeProxy {
    return (this.bayeux as unknown as { _server: { _engine: FayeProxy } })._server._engine;
  }

  /** Disconnects every streaming client; they must handshake again (and resume by replay id). */
  dropClients(): void {
    const engine = (this.bayeux as unknown as { _server: { _engine: { destroyClient(id: string): void } } })._server
      ._engine;
    for (const clientId of [...this.clients.keys()]) engine.destroyClient(clientId);
    this.clients.clear();
  }

  /** Stops the hub: its own publishing client, every streaming client, and the server's timers. */
  close(): void {
    this.dropClients();
    this.bayeux.getClient().disconnect();
    this.bayeux.close();
  }

  /** The latest replay id given to any event (0 before the first). */
  newestReplayId(): number {
    return (this.db.prepare(`SELECT MAX(replayId) AS id FROM _events`).get() as { id: number | null }).id ?? 0;
  }

  /** The events retained on a channel, oldest first, as subscribers receive them. */
  stored(channel: string): Array<{ channel: string; data: unknown }> {
    const rows = this.db
      .prepare(`SELECT replayId, payload FROM _events WHERE channel = ? ORDER BY replayId`)
      .all(channel) as Array<{ replayId: number; payload: string }>;
    return rows.map((row) => ({ channel, data: this.message(JSON.parse(row.payload), row.replayId) }));
  }

  /** The oldest replay id on any channel still inside the retention window (by age), or null when none is. */
  private oldestRetainedReplayId(): number | null {
    const row = this.db.prepare(`SELECT MIN(replayId) AS id FROM _events WHERE createdAt >= ?`).get(this.cutoff()) as {
      id: number | null;
    };
    return row.id;
  }

  /** Events created before this time (ms) are past retention. */
  private cutoff(): number {
    return this.clock() - this.options.retentionHours * 3_600_000;
  }

  /** The oldest replay id still retained (by age) for a channel, or null when none is. */
  oldestReplayId(channel: string): number | null {
    const row = this.db
      .prepare(`SELECT MIN(replayId) AS id FROM _events WHERE channel = ? AND createdAt >= ?`)
      .get(channel, this.cutoff()) as { id: number | null };
    return row.id;
  }

  private message(payload: unknown, replayId: number) {
    return { schema: 'stance-local-schema', payload, event: { replayId } };
  }

  private incoming(message: BayeuxMessage, request: IncomingMessage | undefined, callback: Callback): void {
    try {
      this.check(message, request);
    } catch (error) {
      // Nothing a client sends stops the org: an unexpected failure refuses the message.
      console.error(`local org: CometD ${String(message?.channel)} failed:`, error);
      message.error = '500::Internal error';
    }
    callback(message);
  }

  /** Sets message.error when the org refuses an incoming message, as Salesforce would. */
  private check(message: BayeuxMessage, request: IncomingMessage | undefined): void {
    // The hub's own in-process client (which publishes the events) comes without an HTTP request.
    if (!request) return;
    if (typeof message.channel !== 'string') {
      message.error = '400::Invalid channel';
      return;
    }
    if (message.channel === '/meta/handshake') {
      try {
        this.auth.authenticate(request.headers?.authorization);
      } catch {
        message.error = '401::Authentication invalid';
      }
      return;
    }
    // Every later message carries the token of the session whose handshake opened the client.
    const owner = message.clientId ? this.clients.get(message.clientId) : undefined;
    if (!owner || this.sessionOf(request)?.token !== owner.token) {
      message.error = '401::Authentication invalid';
      (message as unknown as Record<string, unknown>).advice = { reconnect: 'handshake', interval: 0 };
      return;
    }
    // Salesforce takes platform events through its APIs; a client publishing on CometD is refused (ours).
    if (!message.channel.startsWith('/meta/')) {
      message.error = '403::Publish denied';
      return;
    }
    if (message.channel === '/meta/connect') {
      this.connectRequests.set(request, message.clientId!);
      if (this.options.deliveries?.exhausted) {
        message.error = DELIVERY_LIMIT_ERROR;
        return;
      }
    }
    if (message.channel === '/meta/subscribe') this.checkSubscribe(message, owner.userId);
  }

  private checkSubscribe(message: BayeuxMessage, userId: string): void {
    const subscription: unknown = message.subscription;
    // One channel per subscribe, as Salesforce's clients send it: a list could pass the checks unseen.
    if (typeof subscription !== 'string' || !subscription) {
      message.error = `400::The channel you requested to subscribe to does not exist {${describe(subscription)}}`;
      return;
    }
    if (this.options.channelExists && !this.options.channelExists(subscription)) {
      message.error = `400::The channel you requested to subscribe to does not exist {${subscription}}`;
      return;
    }
    const refused = this.options.gate?.refuseSubscription(userId, subscription);
    if (refused) {
      message.error = refused;
      return;
    }
    const replays: unknown = message.ext?.replay;
    const replay: unknown =
      replays && typeof replays === 'object' ? (replays as Record<string, unknown>)[subscription] : undefined;
    if (replay === undefined) return;
    if (typeof replay !== 'number' || !Number.isSafeInteger(replay)) {
      message.error = `400::The replayId {${describe(replay)}} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;
      return;
    }
    if (replay !== -1 && replay !== -2) {
      // A stored id can be replayed when every event after it is still retained: retained by age
      // (retentionHours), as replayTo reads them, whether or not a publish has pruned the older
      // rows yet. Replay ids here are one sequence for all channels, so the oldest event kept on any
      // channel is what counts (a channel quiet since that id has simply had nothing to send).
      const newest =
        (this.db.prepare(`SELECT MAX(replayId) AS id FROM _events`).get() as { id: number | null }).id ?? 0;
      const oldestKept = this.oldestRetainedReplayId() ?? newest + 1;
      // Older than what is retained (an event after it has aged out), or from the future.
      if (replay < oldestKept - 1 || replay > newest) {
        message.error = `400::The replayId {${replay}} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`;
        return;
      }
    }
    if (replay !== -1 && message.clientId) {
      this.replayRequests.push([subscription, replay]);
      this.pendingReplays.set(`${message.clientId} ${subscription}`, replay);
    }
  }

  private outgoing(message: BayeuxMessage, request: IncomingMessage | undefined, next: Callback): void {
    // Each event a client receives takes one delivery; past the allowance it stays stored, undelivered.
    const deliveries = this.options.deliveries;
    const callback: Callback = (out) => {
      const event =
        out !== null &&
        request !== undefined &&
        typeof out.channel === 'string' &&
        !out.channel.startsWith('/meta/') &&
        out.data !== undefined;
      next(event && deliveries && !deliveries.take() ? null : out);
    };
    if (message.channel === '/meta/connect' && message.error === DELIVERY_LIMIT_ERROR) {
      // Try again in a while: the allowance is rolling.
      (message as unknown as { advice: Record<string, unknown> }).advice = { reconnect: 'retry', interval: 1_000 };
    }
    try {
      this.shape(message, request, callback);
    } catch (error) {
      // An answer that cannot be shaped is not sent as is: a meta answer fails, an event is withheld.
      console.error(`local org: CometD answer on ${String(message?.channel)} failed:`, error);
      if (typeof message.channel === 'string' && message.channel.startsWith('/meta/'))
        callback({ ...message, successful: false, error: '500::Internal error' });
      else callback(null);
    }
  }

  private shape(message: BayeuxMessage, request: IncomingMessage | undefined, callback: Callback): void {
    // A message without a channel name was refused coming in: its answer goes back as it is.
    if (typeof message.channel !== 'string') {
      callback(message);
      return;
    }
    if (message.channel === '/meta/handshake' && message.successful === false && request) {
      // As Salesforce answers an expired session: denied, with the reason and no automatic retry.
      const refused = message as unknown as Record<string, unknown>;
      refused.error = '403::Handshake denied';
      refused.ext = { sfdc: { failureReason: '401::Authentication invalid' }, replay: true };
      refused.advice = { reconnect: 'none' };
    }
    if (message.channel === '/meta/handshake' && message.successful && request) {
      // Salesforce offers long-polling only, and says it supports replay.
      message.supportedConnectionTypes = ['long-polling'];
      (message as unknown as { ext: Record<string, unknown> }).ext = { replay: true, 'payload.format': true };
      const session = this.sessionOf(request);
      if (message.clientId && session)
        this.clients.set(message.clientId, { userId: session.userId, token: session.token });
    }
    if (message.channel === '/meta/subscribe' && message.successful && message.clientId && message.subscription) {
      const key = `${message.clientId} ${message.subscription}`;
      const replay = this.pendingReplays.get(key);
      this.pendingReplays.delete(key);
      const { clientId, subscription } = message;
      // At once, while the subscription is being confirmed: a live event published from now on
      // queues behind the replay, as Salesforce sends stored events before new ones.
      if (replay !== undefined)
        try {
          this.replayTo(clientId, subscription, replay);
        } catch (error) {
          console.error(`local org: replay to ${clientId} on ${subscription} failed:`, error);
        }
    }
    if (!message.channel.startsWith('/meta/') && request && this.options.gate && message.data !== undefined) {
      // An event on its way to a client, in the answer to its /meta/connect: as its user may see it.
      const userId = this.userOf(this.connectRequests.get(request), request);
      const data = message.data as { payload?: unknown };
      const payload = userId ? this.options.gate.deliverable(userId, message.channel, data.payload) : null;
      callback(payload === null ? null : { ...message, data: { ...data, payload } });
      return;
    }
    callback(message);
  }

  /** The user of a streaming client, or (at handshake) of the request's token; undefined when neither is known. */
  private userOf(clientId: string | undefined, request: IncomingMessage | undefined): string | undefined {
    const known = clientId ? this.clients.get(clientId)?.userId : undefined;
    if (known || !request) return known;
    return this.sessionOf(request)?.userId;
  }

  /** The live session of a request's bearer token, or undefined. */
  private sessionOf(request: IncomingMessage): Session | undefined {
    try {
      return this.auth.authenticate(request.headers?.authorization);
    } catch {
      return undefined;
    }
  }

  /**
   * Queues for a newly subscribed client what it asked to replay. Queued, not handed to an open
   * long poll: right after a (re)handshake the client's /meta/connect may not have arrived yet,
   * and what is queued waits for it (faye's own queue, as live events do). Live events already
   * queued on the channel that the replay covers are dropped, so none comes twice or out of order.
   */
  replayTo(clientId: string, channel: string, from: number): void {
    const after = from === -2 ? 0 : from;
    const cutoff = this.cutoff();
    const rows = (
      channel === ALL_CHANGE_EVENTS
        ? this.replayAllStatement.all(after, cutoff)
        : this.replayStatement.all(channel, after, cutoff)
    ) as Array<{ replayId: number; payload: string }>;
    if (rows.length === 0) return;
    const upTo = rows[rows.length - 1]!.replayId;
    const covered = (message: QueuedMessage) =>
      message.channel === channel && ((message.data as StoredMessage | undefined)?.event.replayId ?? Infinity) <= upTo;
    const proxy = this.engine();
    const queue = (proxy._engine._messages.get(clientId) ?? []).filter((message) => !covered(message));
    const inbox = proxy._connections.get(clientId)?._inbox;
    if (inbox) inbox.splice(0, inbox.length, ...inbox.filter((message) => !covered(message)));
    const replayed = rows.map((row) => ({ channel, data: this.message(JSON.parse(row.payload), row.replayId) }));
    proxy._engine._messages.set(clientId, [...replayed, ...queue]);
    proxy._engine.emptyQueue(clientId);
  }
}

type QueuedMessage = { channel: string; data?: unknown };
type StoredMessage = ReturnType<CdcHub['message']>;

/** The parts of faye's engine that hold what waits for each client (faye has no API for them). */
interface FayeProxy {
  _engine: { _messages: Map<string, QueuedMessage[]>; emptyQueue(clientId: string): void };
  _connections: Map<string, { _inbox: QueuedMessage[] }>;
  publish(message: QueuedMessage): void;
}

/** A refused replay id as Salesforce echoes it. */
function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

function isChangeEvent(event: StreamEvent): boolean {
  return (
    event.channel.startsWith('/data/') &&
    (event.payload as { ChangeEventHeader?: unknown })?.ChangeEventHeader !== undefined
  );
}
