/**
 * The page's streaming connection to the org, through the cometd client (long polling, as
 * Salesforce's streaming endpoint speaks it). One session serves every channel: the first
 * subscriber starts it and the others share it. When the org ends a session (timed out, signed
 * out) the cometd client handshakes again, backing off while the org refuses, and each channel
 * is subscribed again from the last event it delivered (the replay extension below), so nothing
 * published meanwhile is lost to it. A channel that had delivered nothing resubscribes from
 * where it first asked (-1: new events only).
 */
import { CometD, Extension } from 'cometd';

/** Waits between failed attempts grow by this much each time, up to the maximum. */
const BACKOFF_STEP_MS = 500;
const MAX_BACKOFF_MS = 10000;

/**
 * Salesforce's replay extension: every /meta/subscribe says where the channel resumes,
 * `ext: { replay: { [channel]: replayId } }`, and every event moves that point on.
 */
export class ReplayExtension extends Extension {
  constructor() {
    super();
    this.replayFrom = new Map();
  }

  /** Where the channel resumes the next time it is subscribed. */
  resumeFrom(channel, replayId) {
    this.replayFrom.set(channel, replayId);
  }

  forget(channel) {
    this.replayFrom.delete(channel);
  }

  outgoing(message) {
    if (message.channel === '/meta/subscribe' && this.replayFrom.has(message.subscription)) {
      message.ext = { ...message.ext, replay: { [message.subscription]: this.replayFrom.get(message.subscription) } };
    }
    return message;
  }

  incoming(message) {
    const replayId = message.data && message.data.event && message.data.event.replayId;
    if (typeof replayId === 'number' && this.replayFrom.has(message.channel)) {
      this.replayFrom.set(message.channel, replayId);
    }
    return message;
  }
}

/** A failed exchange as an Error that still carries the org's reply (channel, error, subscription). */
function failure(reply, what) {
  const reason = (reply && (reply.error || (reply.failure && reply.failure.reason))) || 'no answer';
  return Object.assign(new Error(`${what}: ${reason}`), reply);
}

export class StreamingClient {
  /**
   * @param {string} url the org's CometD endpoint, e.g. /cometd/62.0
   * @param {{ onError?: (error: Error) => void }} options onError hears every failed exchange
   */
  constructor(url, { onError } = {}) {
    this.onError = onError || (() => {});
    // channel -> { listeners: Set, handle: cometd's subscription, confirmed: in this session, waiting: [{resolve, reject}] }
    this.channels = new Map();
    this.replay = new ReplayExtension();
    this.cometd = new CometD();
    // The preview forwards plain HTTP calls only; Salesforce's endpoint is long polling too.
    this.cometd.unregisterTransport('websocket');
    this.cometd.unregisterTransport('callback-polling');
    this.cometd.registerExtension('replay', this.replay);
    this.cometd.configure({
      url: new URL(url, globalThis.location.href).href,
      appendMessageTypeToURL: false,
      backoffIncrement: BACKOFF_STEP_MS,
      maxBackoff: MAX_BACKOFF_MS,
      logLevel: 'warn',
    });
    this.cometd.addListener('/meta/handshake', (reply) => this.handshaken(reply));
    this.cometd.addListener('/meta/connect', (reply) => {
      // A reply that only ends the session is answered by handshaking again (the cometd client
      // does); a request that failed (network, HTTP error) is worth telling.
      if (!reply.successful && reply.failure) this.onError(failure(reply, 'Streaming request failed'));
    });
  }

  handshaken(reply) {
    if (reply.successful) {
      this.refusals = 0;
      // A new session, the first or after the org ended one: every channel is subscribed in it.
      for (const [channel, entry] of this.channels) this.subscribeInSession(channel, entry);
      return;
    }
    const refusal = failure(reply, 'Streaming handshake refused');
    this.onError(refusal);
    for (const entry of this.channels.values()) settle(entry, refusal);
    // Those refused forget their channels first (their rejections run before this). With nobody
    // left, stop until someone subscribes again; otherwise try again, waiting longer each time,
    // even where the org advised giving up (the preview signs in again meanwhile).
    Promise.resolve().then(() => {
      if (this.channels.size === 0) {
        if (!this.cometd.isDisconnected()) this.cometd.disconnect();
      } else if (this.cometd.isDisconnected()) {
        this.refusals = (this.refusals || 0) + 1;
        const wait = Math.min(BACKOFF_STEP_MS * this.refusals, MAX_BACKOFF_MS);
        setTimeout(() => {
          if (this.channels.size > 0 && this.cometd.isDisconnected()) this.cometd.handshake();
        }, wait);
      }
    });
  }

  subscribeInSession(channel, entry) {
    entry.confirmed = false;
    entry.handle = this.cometd.subscribe(
      channel,
      (message) => this.deliver(channel, message),
      (reply) => {
        entry.confirmed = reply.successful === true;
        settle(entry, reply.successful ? null : failure(reply, `Subscription to ${channel} refused`));
      },
    );
  }

  deliver(channel, message) {
    const entry = this.channels.get(channel);
    if (!entry) return;
    for (const listener of [...entry.listeners]) {
      try {
        listener({ channel, data: message.data });
      } catch (error) {
        console.error(`A listener of ${channel} failed`, error);
      }
    }
  }

  /** Resolves to a subscription once the org confirmed it; rejects with the org's reason. */
  subscribe(channel, replayId, listener) {
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { listeners: new Set(), handle: null, confirmed: false, waiting: [] };
      this.channels.set(channel, entry);
      this.replay.resumeFrom(channel, replayId);
      // In a session already made, subscribe now; otherwise the next session subscribes it.
      if (this.cometd.getClientId()) this.subscribeInSession(channel, entry);
      else if (this.cometd.isDisconnected()) this.cometd.handshake();
    }
    entry.listeners.add(listener);
    const subscription = { id: `${channel}#${entry.listeners.size}`, channel, replayId, listener };
    if (entry.confirmed) return Promise.resolve(subscription);
    return new Promise((resolve, reject) => entry.waiting.push({ resolve, reject })).then(
      () => subscription,
      (error) => {
        this.forget(channel, listener);
        throw error;
      },
    );
  }

  /** Drops a listener; answers whether it was the channel's last. */
  forget(channel, listener) {
    const entry = this.channels.get(channel);
    if (!entry) return false;
    entry.listeners.delete(listener);
    if (entry.listeners.size > 0) return false;
    this.channels.delete(channel);
    this.replay.forget(channel);
    return true;
  }

  unsubscribe(subscription) {
    const entry = subscription && this.channels.get(subscription.channel);
    if (!entry) return Promise.resolve(false);
    const wasLast = this.forget(subscription.channel, subscription.listener);
    if (!wasLast || !entry.confirmed || !this.cometd.getClientId()) return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      this.cometd.unsubscribe(entry.handle, (reply) => {
        if (reply.successful) resolve(true);
        else reject(failure(reply, `Unsubscribing from ${subscription.channel} failed`));
      });
    });
  }
}

/** Answers everyone waiting on the channel's subscription: confirmed (no error) or refused. */
function settle(entry, error) {
  const waiting = entry.waiting;
  entry.waiting = [];
  for (const waiter of waiting) {
    if (error) waiter.reject(error);
    else waiter.resolve();
  }
}
