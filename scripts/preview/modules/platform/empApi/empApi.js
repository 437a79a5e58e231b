/**
 * lightning/empApi for the preview: streaming subscriptions (Change Data Capture, platform
 * events) over the local org's CometD endpoint, through one streaming client for the page.
 */
import { API_VERSION } from 'platform/orgApi';
import { StreamingClient } from 'platform/streaming';

const errorListeners = new Set();
let client;

function streaming() {
  if (!client) {
    client = new StreamingClient(`/cometd/${API_VERSION}`, {
      onError: (error) => {
        for (const listener of errorListeners) listener(error);
      },
    });
  }
  return client;
}

export function isEmpEnabled() {
  return Promise.resolve(typeof fetch === 'function');
}

export function onError(listener) {
  errorListeners.add(listener);
}

/** Resolves to the subscription once the org confirmed it; rejects with the org's reason. */
export function subscribe(channel, replayId, onMessage) {
  return streaming().subscribe(channel, Number(replayId), onMessage);
}

export function unsubscribe(subscription, callback) {
  const done = streaming().unsubscribe(subscription);
  return done.then(
    (successful) => {
      if (callback) callback({ successful, subscription: subscription && subscription.channel });
      return successful;
    },
    () => {
      if (callback) callback({ successful: false, subscription: subscription && subscription.channel });
      return false;
    },
  );
}
