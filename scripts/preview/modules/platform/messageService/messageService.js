/**
 * lightning/messageService for the preview: Lightning Message Service within one page. A
 * message published on a channel reaches every subscriber of that channel on the page.
 */
const PAGE_CONTEXT = Object.freeze({ page: 'preview' });
const subscribers = new Map();

function channelName(channel) {
  return (channel && channel.fullName) || String(channel);
}

/** The wire adapter components use as @wire(MessageContext). */
export class MessageContext {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }

  connect() {
    this.dataCallback(PAGE_CONTEXT);
  }

  disconnect() {}

  update() {}
}

export function publish(_context, channel, message) {
  for (const listener of [...(subscribers.get(channelName(channel)) || [])]) {
    try {
      listener(message);
    } catch (error) {
      // One failing subscriber must not keep the message from the others.
      console.error(`A subscriber of ${channelName(channel)} failed`, error);
    }
  }
}

export function subscribe(_context, channel, listener) {
  const name = channelName(channel);
  if (!subscribers.has(name)) subscribers.set(name, new Set());
  subscribers.get(name).add(listener);
  return { channel: name, listener };
}

export function unsubscribe(subscription) {
  if (!subscription) return;
  const listeners = subscribers.get(subscription.channel);
  if (listeners) listeners.delete(subscription.listener);
}
