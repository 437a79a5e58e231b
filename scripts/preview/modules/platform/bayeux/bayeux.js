/**
 * A Bayeux (CometD) long-polling client, as Salesforce's streaming endpoint speaks it: handshake,
 * subscribe with the replay extension, then one /meta/connect at a time. One session serves every
 * channel; after a lost session or a failed request it waits (the server's advice, or a growing
 * backoff), handshakes again and resubscribes each channel from the last event it delivered there.
 * A channel that had delivered nothing yet resubscribes with -1, so events published while the
 * connection was down are not replayed to it.
 */
/* eslint-disable no-await-in-loop -- one long poll at a time, and resubscribing in order, is the protocol */
const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10000];

function delay(ms) {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

export class BayeuxClient {
  constructor(url, { onError } = {}) {
    this.url = url;
    this.onError = onError || (() => {});
    this.nextId = 1;
    this.polling = false;
    this.failures = 0;
    // The current session: a promise of its clientId, shared by everyone who needs one.
    this.session = null;
    // channel -> { listeners: Set, replayId, clientId (of the session it is subscribed in), subscribed: Promise }
    this.channels = new Map();
  }

  async send(messages) {
    const body = messages.map((message) => ({ ...message, id: String(this.nextId++) }));
    let response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(`Streaming request failed: ${error.message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        const parsed = JSON.parse(text);
        message = (Array.isArray(parsed) ? parsed[0] && parsed[0].message : parsed.message) || text;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`Streaming request failed (${response.status}): ${message}`);
    }
    return JSON.parse(text);
  }

  /** The session's clientId: a handshake the first time, then every channel subscribed in it. */
  connectSession() {
    if (!this.session) {
      const session = (async () => {
        const [reply] = await this.send([
          {
            channel: '/meta/handshake',
            version: '1.0',
            minimumVersion: '1.0',
            supportedConnectionTypes: ['long-polling'],
          },
        ]);
        if (!reply || !reply.successful) throw new Error(`Streaming handshake refused: ${reply && reply.error}`);
        const clientId = reply.clientId;
        await Promise.all([...this.channels.keys()].map((channel) => this.ensureSubscribed(channel, clientId)));
        return clientId;
      })();
      session.catch(() => {
        if (this.session === session) this.session = null;
      });
      this.session = session;
    }
    return this.session;
  }

  /** Forgets a session the server ended, unless a newer one has started meanwhile. */
  dropSession(session) {
    if (this.session === session) this.session = null;
  }

  /** Subscribes the channel in this session once, however many ask at the same time. */
  ensureSubscribed(channel, clientId) {
    const entry = this.channels.get(channel);
    if (!entry) return Promise.resolve();
    if (entry.clientId !== clientId) {
      entry.clientId = clientId;
      entry.subscribed = this.send([
        {
          channel: '/meta/subscribe',
          clientId,
          subscription: channel,
          ext: { replay: { [channel]: entry.replayId } },
        },
      ]).then(([reply]) => {
        if (!reply || !reply.successful) throw new Error(`Subscription to ${channel} refused: ${reply && reply.error}`);
      });
      entry.subscribed.catch(() => {
        if (entry.clientId === clientId) entry.clientId = null;
      });
    }
    return entry.subscribed;
  }

  async subscribe(channel, replayId, listener) {
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { listeners: new Set(), replayId, clientId: null, subscribed: null };
      this.channels.set(channel, entry);
    }
    entry.listeners.add(listener);
    try {
      const clientId = await this.connectSession();
      await this.ensureSubscribed(channel, clientId);
    } catch (error) {
      this.forget(channel, listener);
      throw error;
    }
    this.poll();
    return { id: `${channel}#${entry.listeners.size}`, channel, replayId, listener };
  }

  forget(channel, listener) {
    const entry = this.channels.get(channel);
    if (!entry) return false;
    entry.listeners.delete(listener);
    if (entry.listeners.size === 0) this.channels.delete(channel);
    return entry.listeners.size === 0;
  }

  async unsubscribe(subscription) {
    if (!subscription || !this.channels.has(subscription.channel)) return false;
    const entry = this.channels.get(subscription.channel);
    const wasLast = this.forget(subscription.channel, subscription.listener);
    if (wasLast && entry.clientId) {
      await this.send([{ channel: '/meta/unsubscribe', clientId: entry.clientId, subscription: subscription.channel }]);
    }
    return true;
  }

  deliver(message) {
    const entry = this.channels.get(message.channel);
    if (!entry) return;
    const replayId = message.data && message.data.event && message.data.event.replayId;
    if (typeof replayId === 'number') entry.replayId = replayId;
    for (const listener of [...entry.listeners]) {
      try {
        listener({ channel: message.channel, data: message.data });
      } catch (error) {
        console.error(`A listener of ${message.channel} failed`, error);
      }
    }
  }

  /** One long poll after another while any channel has a listener. */
  async poll() {
    if (this.polling) return;
    this.polling = true;
    while (this.channels.size > 0) {
      const session = this.connectSession();
      let retryInMs = 0;
      try {
        const clientId = await session;
        const replies = await this.send([{ channel: '/meta/connect', clientId, connectionType: 'long-polling' }]);
        for (const reply of replies) {
          if (reply.channel !== '/meta/connect') {
            this.deliver(reply);
          } else if (!reply.successful) {
            // The server ended the session (timed out, or the org signed it out): start another.
            this.dropSession(session);
            const advice = reply.advice || {};
            retryInMs = advice.interval > 0 ? advice.interval : this.backoff();
          } else {
            this.failures = 0;
          }
        }
      } catch (error) {
        this.dropSession(session);
        this.onError(error.message);
        retryInMs = this.backoff();
      }
      if (retryInMs > 0) await delay(retryInMs);
    }
    this.polling = false;
  }

  backoff() {
    const wait = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)];
    this.failures += 1;
    return wait;
  }
}
