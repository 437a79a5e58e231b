/**
 * Forwards the page's calls to the org (/services/data/..., /cometd/...) with the signed-in
 * person's token, as Lightning's session cookie lets the real components call their org. A
 * refused token is renewed once; an org that does not answer gets a Salesforce-shaped 503
 * naming it, so the components show their error state instead of any stand-in data.
 */
import { request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { OrgSessions } from './sessions';

const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'sforce-call-options', 'sforce-query-options'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'sforce-limit-info', 'cache-control'];
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class OrgProxy {
  private readonly pending = new Set<ClientRequest>();

  constructor(
    private readonly orgUrl: string,
    private readonly sessions: OrgSessions,
  ) {}

  async forward(request: IncomingMessage, response: ServerResponse, username: string): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      fail(response, 413, 'REQUEST_TOO_LARGE', (error as Error).message);
      return;
    }
    const handshake = (request.url ?? '').startsWith('/cometd') && body.includes('/meta/handshake');
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      let token: string;
      try {
        token = await this.sessions.token(username);
      } catch (error) {
        fail(response, 503, 'SERVER_UNAVAILABLE', `The preview could not sign in: ${(error as Error).message}`);
        return;
      }
      let call: { answer: IncomingMessage; outgoing: ClientRequest };
      try {
        call = await this.send(request, body, token);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        fail(response, 503, 'SERVER_UNAVAILABLE', `The org at ${this.orgUrl} did not answer (${code}). Is it running?`);
        return;
      }
      const { answer, outgoing } = call;
      // An org that goes away mid-answer ends the browser's answer too (and must not throw).
      answer.once('error', () => response.destroy());
      // A browser that leaves (a long poll when the page changes) ends the org's call too.
      response.once('close', () => {
        if (!response.writableFinished) outgoing.destroy();
      });
      // REST says a spent token with a 401; CometD with a 200 whose handshake reply is refused
      // (a handshake answer is small: it is read whole to look inside).
      const handshakeAnswer = handshake && answer.statusCode === 200 ? await readBody(answer) : null;
      const refused = answer.statusCode === 401 || (handshakeAnswer !== null && refusesSession(handshakeAnswer));
      if (refused && attempt === 1) {
        answer.resume();
        this.sessions.invalidate(username);
        continue;
      }
      response.statusCode = answer.statusCode ?? 502;
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) response.setHeader(name, value);
      }
      if (handshakeAnswer) response.end(handshakeAnswer);
      else answer.pipe(response);
      return;
    }
  }

  /** Ends every call still waiting on the org (long polls), for a quick shutdown. */
  close(): void {
    for (const pending of this.pending) pending.destroy();
    this.pending.clear();
  }

  private send(
    request: IncomingMessage,
    body: Buffer,
    token: string,
  ): Promise<{ answer: IncomingMessage; outgoing: ClientRequest }> {
    const target = new URL(request.url ?? '/', this.orgUrl);
    const headers: Record<string, string | number> = { Authorization: `Bearer ${token}` };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (body.length > 0) headers['content-length'] = body.length;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = send(target, { method: request.method, headers }, (answer) => {
        answer.on('close', () => this.pending.delete(outgoing));
        resolve({ answer, outgoing });
      });
      this.pending.add(outgoing);
      outgoing.on('error', (error) => {
        this.pending.delete(outgoing);
        reject(error);
      });
      outgoing.end(body);
    });
  }
}

/** Whether a CometD handshake answer refuses the session (401 or 403 in the reply's error). */
function refusesSession(answer: Buffer): boolean {
  try {
    const replies = JSON.parse(answer.toString('utf8')) as Array<{
      channel?: string;
      successful?: boolean;
      error?: string;
    }>;
    return replies.some(
      (reply) =>
        reply.channel === '/meta/handshake' && reply.successful === false && /^40[13]::/.test(reply.error ?? ''),
    );
  } catch {
    return false;
  }
}

/** A request's or an answer's whole body, up to MAX_BODY_BYTES. */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** An error the way Salesforce's REST API writes one, so the components' error handling reads it. */
export function fail(response: ServerResponse, status: number, errorCode: string, message: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify([{ errorCode, message }]));
}
