/**
 * A Bayeux (CometD) long-polling client, as Salesforce's streaming endpoint speaks it: handshake,
 * subscribe with the replay extension, then one /meta/connect at a time. After a lost session or
 * a failed request it handshakes again and resubscribes each channel from the last replay id it
 * delivered, so nothing is missed while the connection was down.
 */
/* eslint-disable no-await-in-loop -- one long poll at a time, and resubscribing in order, is the protocol */
const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10000];

export class BayeuxClient {
  constructor(url, { onError } = {}) {
    this.url = url;
    this.onError = onError || (() => {});
    this.clientId = null;
    this.handshaking = null;
    this.nextId = 1;
    this.polling = false;
    this.failures = 0;
    // channel -> { listeners: Set, replayId }
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

  handshake() {
    if (!this.handshaking) {
      this.handshaking = (async () => {
        const [reply] = await this.send([
          {
            channel: '/meta/handshake',
            version: '1.0',
            minimumVersion: '1.0',
            supportedConnectionTypes: ['long-polling'],
          },
        ]);
        if (!reply || !reply.successful) throw new Error(`Streaming handshake refused: ${reply && reply.error}`);
        this.clientId = reply.clientId;
        return reply.clientId;
      })().finally(() => {
        this.handshaking = null;
      });
    }
    return this.handshaking;
  }

  async subscribeChannel(channel, replayId) {
    const [reply] = await this.send([
      {
        channel: '/meta/subscribe',
        clientId: this.clientId,
        subscription: channel,
        ext: { replay: { [channel]: replayId } },
      },
    ]);
    if (!reply || !reply.successful) throw new Error(`Subscription to ${channel} refused: ${reply && reply.error}`);
  }

  async subscribe(channel, replayId, listener) {
    if (!this.clientId) await this.handshake();
    let entry = this.channels.get(channel);
    if (!entry) {
      await this.subscribeChannel(channel, replayId);
      entry = { listeners: new Set(), replayId };
      this.channels.set(channel, entry);
    }
    entry.listeners.add(listener);
    this.poll();
    return { id: `${channel}#${entry.listeners.size}`, channel, replayId, listener };
  }

  async unsubscribe(subscription) {
    const entry = subscription && this.channels.get(subscription.channel);
    if (!entry) return false;
    entry.listeners.delete(subscription.listener);
    if (entry.listeners.size === 0) {
      this.channels.delete(subscription.channel);
      if (this.clientId) {
        await this.send([
          { channel: '/meta/unsubscribe', clientId: this.clientId, subscription: subscription.channel },
        ]);
      }
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
      try {
        if (!this.clientId) await this.reconnect();
        const replies = await this.send([
          { channel: '/meta/connect', clientId: this.clientId, connectionType: 'long-polling' },
        ]);
        for (const reply of replies) {
          if (reply.channel !== '/meta/connect') this.deliver(reply);
          else if (!reply.successful) this.clientId = null;
        }
        this.failures = 0;
      } catch (error) {
        this.clientId = null;
        this.onError(error.message);
        const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)];
        this.failures += 1;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    this.polling = false;
  }

  /** A new session, resubscribed from the last event each channel delivered. */
  async reconnect() {
    await this.handshake();
    for (const [channel, entry] of this.channels) await this.subscribeChannel(channel, entry.replayId);
  }
}
