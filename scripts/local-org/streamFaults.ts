/**
 * For fault tests: the org's fault rules applied to CometD (/cometd/...) as well as to the REST
 * API, so the streaming transport can answer 5xx or hang like any other path. Open long polls are
 * dropped so the clients come back through the faulty path.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalOrg } from './org';

export function faultStreaming(org: LocalOrg): void {
  const hub = org.hub as { handle(request: IncomingMessage, response: ServerResponse): void };
  const handle = hub.handle.bind(org.hub);
  hub.handle = (request, response) => {
    const fault = org.faults.match(request.method ?? 'GET', (request.url ?? '').split('?')[0]!);
    if (fault?.status) {
      request.resume();
      const fail = () => {
        // As a server in front of CometD fails: a page, not JSON. A JSON body would be read as
        // Bayeux replies (a CometD client does not look at the status): answering none of the
        // messages sent, it would leave the client waiting out its connect timeout, not retrying.
        response.writeHead(fault.status!, { 'content-type': 'text/html' });
        response.end(`<html><body>${fault.status}: injected by the local org</body></html>`);
      };
      if (fault.delayMs) setTimeout(fail, fault.delayMs);
      else fail();
      return;
    }
    // A hang holds the answer, not the request: the body is read as it arrives (a request left
    // unread while the org's body limit counts it would lose its body, and never be answered).
    if (fault?.delayMs) holdAnswer(response, Date.now() + fault.delayMs);
    handle(request, response);
  };
  org.hub.dropClients();
}

/** Sends whatever the server answers no earlier than `until`. */
function holdAnswer(response: ServerResponse, until: number): void {
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  const held: Array<() => void> = [];
  let timer: NodeJS.Timeout | null = null;
  const later = (call: () => void) => {
    held.push(call);
    timer ??= setTimeout(
      () => {
        timer = null;
        for (const next of held.splice(0)) next();
      },
      Math.max(0, until - Date.now()),
    );
  };
  response.writeHead = ((...args: unknown[]) => {
    later(() => writeHead(...args));
    return response;
  }) as typeof response.writeHead;
  response.end = ((...args: unknown[]) => {
    later(() => end(...args));
    return response;
  }) as typeof response.end;
}

/**
 * For fault tests: the next CometD answer that carries events (with an event about `recordId`,
 * when given) is lost in transit. The server has handed the events over (faye counts them
 * delivered, and will not send them again on that session) and the connection is cut before the
 * client reads a byte, as a proxy or a network would lose it. Resolves with the replay ids of the
 * events lost.
 */
export function loseNextEventAnswer(org: LocalOrg, recordId?: string): Promise<number[]> {
  const hub = org.hub as { handle(request: IncomingMessage, response: ServerResponse): void };
  const handle = hub.handle.bind(org.hub);
  let armed = true;
  return new Promise((resolve) => {
    hub.handle = (request, response) => {
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      response.end = ((...args: unknown[]) => {
        const events = armed ? eventsIn(args[0]) : [];
        const lost = events.map((event) => event.replayId);
        const about = (event: (typeof events)[number]) => recordId === undefined || event.recordIds.includes(recordId);
        if (!events.some(about)) return end(...args);
        armed = false;
        hub.handle = handle;
        response.socket?.destroy();
        resolve(lost);
        return response;
      }) as ServerResponse['end'];
      handle(request, response);
    };
  });
}

type BayeuxEvent = {
  channel?: unknown;
  data?: { event?: { replayId?: unknown }; payload?: { ChangeEventHeader?: { recordIds?: unknown } } };
};

/** The events in a Bayeux answer body, with their replay ids and record ids (none when it is not one). */
function eventsIn(body: unknown): Array<{ replayId: number; recordIds: unknown[] }> {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString() : '';
  let messages: unknown;
  try {
    messages = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message: BayeuxEvent) => {
    const replayId = message?.data?.event?.replayId;
    if (typeof message?.channel !== 'string' || message.channel.startsWith('/meta/') || typeof replayId !== 'number')
      return [];
    const recordIds = message.data?.payload?.ChangeEventHeader?.recordIds;
    return [{ replayId, recordIds: Array.isArray(recordIds) ? recordIds : [] }];
  });
}
