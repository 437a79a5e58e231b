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
