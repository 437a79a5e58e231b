/**
 * Runs the preview's streaming client (scripts/preview/modules/platform/streaming) in Node against
 * a local org, for streaming.test.ts: the browser's XMLHttpRequest is played by fetch with the
 * org session's token (what the preview's proxy adds). Commands come as JSON lines on stdin,
 * and everything that happens goes out as JSON lines on stdout.
 */
import { createInterface } from 'node:readline';
import { signInFromEnv } from './support/signIn.mjs';

const { ORG_URL } = process.env;
let token = null;

const say = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function signIn() {
  token = await signInFromEnv();
}

/** Just what cometd's long-polling transport uses of XMLHttpRequest. */
class FetchXhr {
  static UNSENT = 0;
  readyState = 0;
  status = 0;
  statusText = '';
  responseText = '';
  headers = {};
  controller = new AbortController();

  open(method, url) {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name, value) {
    this.headers[name] = value;
  }

  send(body) {
    for (const message of JSON.parse(body)) {
      if (message.channel.startsWith('/meta/') && message.channel !== '/meta/connect') say({ sent: message });
    }
    fetch(this.url, {
      method: this.method,
      headers: { ...this.headers, Authorization: `Bearer ${token}` },
      body,
      signal: this.controller.signal,
    })
      .then(async (answer) => {
        this.status = answer.status;
        this.statusText = answer.statusText;
        this.responseText = await answer.text();
        this.readyState = 4;
        for (const reply of JSON.parse(this.responseText || '[]')) {
          if (reply.channel.startsWith('/meta/')) say({ received: reply });
        }
        this.onload();
      })
      .catch(() => {
        this.readyState = 4;
        if (this.onerror) this.onerror();
      });
  }

  abort() {
    this.controller.abort();
    if (this.onabort) this.onabort();
  }
}

globalThis.window = globalThis;
globalThis.location = new URL(ORG_URL);
globalThis.XMLHttpRequest = FetchXhr;

const { StreamingClient } = await import('../modules/platform/streaming/streaming.js');
await signIn();
const client = new StreamingClient('/cometd/62.0', { onError: (error) => say({ error: error.message }) });
const subscriptions = new Map();

createInterface({ input: process.stdin }).on('line', async (line) => {
  const command = JSON.parse(line);
  if (command.do === 'signIn') {
    await signIn();
    say({ signedIn: true });
  } else if (command.do === 'subscribe') {
    const listener = (message) => say({ event: command.tag, replayId: message.data.event.replayId });
    client.subscribe(command.channel, command.replayId, listener).then(
      (subscription) => {
        subscriptions.set(command.tag, subscription);
        say({ subscribed: command.tag });
      },
      (error) => say({ refused: command.tag, error: error.message }),
    );
  } else if (command.do === 'unsubscribe') {
    say({ unsubscribed: command.tag, result: await client.unsubscribe(subscriptions.get(command.tag)) });
  } else if (command.do === 'exit') {
    process.exit(0);
  }
});
say({ ready: true });
