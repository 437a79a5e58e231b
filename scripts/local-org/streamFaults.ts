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
    const answer = () => {
      if (!fault?.status) return handle(request, response);
      request.resume();
      response.writeHead(fault.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify([{ errorCode: 'SERVER_UNAVAILABLE', message: 'injected by the local org' }]));
    };
    if (fault?.delayMs) setTimeout(answer, fault.delayMs);
    else answer();
  };
  org.hub.dropClients();
}
