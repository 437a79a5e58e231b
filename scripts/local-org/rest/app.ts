/** The local org's HTTP surface: OAuth, the REST API, CometD, and a few local-only test hooks. */
import { randomInt } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { OAuthError } from '../auth/auth';
import type { Session } from '../auth/auth';
import { ApiError, sqliteLimitError, unknownException } from '../errors';
import { metadataApiRoute } from '../metadataApi/route';
import type { LocalOrg } from '../org';
import type { CallContext } from './call';
import { authorizeRoutes } from './authorize';
import { apiVersions } from './resources';
import { RestRouter } from './router';
import { testHooks } from './testHooks';

export interface AppOptions {
  /** The URL clients reach the org at (instance_url), known once the server listens. */
  readonly instanceUrl: () => string;
  /** Mounts the /__local test hooks (admin token only); off unless asked for. */
  readonly testHooks?: boolean;
  /** The largest JSON body taken (50 MB by default); a larger one answers 413. */
  readonly bodyLimitBytes?: number;
}

/** Salesforce takes sObject blobs up to 50 MB over REST: the JSON body limit. */
export const DEFAULT_BODY_LIMIT_BYTES = 50 * 1024 * 1024;
/** The largest CometD request body (ours: Bayeux messages are a few kilobytes). */
const COMETD_BODY_LIMIT_BYTES = 1024 * 1024;
const cometdTooLarge = () =>
  new ApiError(413, 'REQUEST_ENTITY_TOO_LARGE', `A CometD request body is at most ${COMETD_BODY_LIMIT_BYTES} bytes`);
/** Bulk API 2.0 takes up to 150 MB of CSV per upload. */
const BULK_UPLOAD_LIMIT_BYTES = 150 * 1024 * 1024;

/** The status and Salesforce-shaped error an error answers; status 500 for anything unexpected. */
function errorAnswer(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const limit = sqliteLimitError(error);
  if (limit) return limit;
  const type = (error as { type?: string } | null)?.type;
  const status = (error as { status?: number } | null)?.status;
  if (type === 'entity.parse.failed')
    return new ApiError(400, 'JSON_PARSER_ERROR', `The request body is not valid JSON: ${(error as Error).message}`);
  if (type === 'entity.too.large' || status === 413)
    return new ApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is larger than the org takes');
  if (error instanceof URIError || (status === 400 && /decode param/i.test((error as Error).message)))
    return new ApiError(400, 'MALFORMED_URL', 'The request URL is not well formed: a percent-encoding is not valid');
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new ApiError(status, 'BAD_REQUEST', 'The request could not be read');
  return new ApiError(500, 'UNKNOWN_EXCEPTION', 'unexpected');
}

function sendError(request: Request, response: Response, error: ApiError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  // A body not read (an unauthenticated or oversized upload) is not drained: the connection closes.
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && !request.complete) response.setHeader('Connection', 'close');
  response.status(error.status).json(error.body());
}

function newErrorId(): string {
  return `${randomInt(1_000_000_000)}-${randomInt(100_000)} (${randomInt(1_000_000_000)})`;
}

function callOption(header: string | undefined, name: string): string | undefined {
  return header
    ?.split(',')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];
}

export function createApp(org: LocalOrg, options: AppOptions): express.Express {
  const app = express();
  const router = new RestRouter(org);
  app.disable('x-powered-by');
  app.disable('etag');

  // The sf CLI stores the instance URL with a trailing slash and then asks for //services/...
  app.use((request, _response, next) => {
    if (request.url.startsWith('//')) request.url = request.url.replace(/^\/+/, '/');
    next();
  });

  // CometD reads the raw request stream: mounted before any body parser. Long-polling POSTs of
  // JSON only, as Salesforce serves it: no GET/JSONP and no form posts (a web page could send those).
  app.use('/cometd', (request, response) => {
    if (request.method !== 'OPTIONS' && (request.method !== 'POST' || !request.is('application/json'))) {
      throw new ApiError(
        400,
        'INVALID_TRANSPORT',
        'CometD takes long-polling POST requests with a JSON body (Content-Type: application/json); GET, JSONP and form posts are refused',
      );
    }
    // Bayeux messages are small: a larger body is refused before it is buffered (faye reads it whole).
    if (Number(request.headers['content-length'] ?? 0) > COMETD_BODY_LIMIT_BYTES) throw cometdTooLarge();
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > COMETD_BODY_LIMIT_BYTES && !response.headersSent) {
        request.pause();
        sendError(request, response, cometdTooLarge());
        request.destroy();
      }
    });
    request.url = request.originalUrl;
    org.hub.handle(request, response);
  });

  // The web server flow's sign-in page (./authorize.ts); its form is read by its own parser.
  app.use(authorizeRoutes(org.auth));

  app.post('/services/oauth2/token', express.urlencoded({ extended: false }), async (request, response) => {
    try {
      const params = new URLSearchParams(request.body as Record<string, string>);
      response.json(await org.auth.token(params, options.instanceUrl()));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      response.status(error.status).json({ error: error.error, error_description: error.description });
    }
  });

  // The Metadata API (SOAP): custom metadata records, read and written as the signed-in user.
  app.post(/^\/services\/Soap\/m\/\d+\.\d$/, ...metadataApiRoute(org));

  const identity = (session: Session) => {
    const user = org.auth.user(session.userId)!;
    const base = options.instanceUrl();
    return {
      id: `${base}/id/${org.orgId}/${user.id}`,
      user_id: user.id,
      organization_id: org.orgId,
      username: user.username,
      preferred_username: user.username,
      display_name: user.name,
      name: user.name,
      email: user.email,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      urls: {
        rest: `${base}/services/data/v{version}/`,
        sobjects: `${base}/services/data/v{version}/sobjects/`,
        query: `${base}/services/data/v{version}/query/`,
        profile: `${base}/${user.id}`,
      },
    };
  };
  app.get('/services/oauth2/userinfo', (request, response) =>
    response.json(identity(org.auth.authenticate(request.headers.authorization))),
  );
  app.get('/id/:orgId/:userId', (request, response) =>
    response.json(identity(org.auth.authenticate(request.headers.authorization))),
  );

  // Local-only hooks for tests and demos, only when the org is started with them (./testHooks.ts):
  // before the body parsers, so the admin token is checked before a body is read.
  if (options.testHooks) app.use('/__local', testHooks(org));

  // The bearer token is checked before a body is read: an unauthenticated upload is refused at once.
  app.use(/^\/services\/data\/v\d+\.\d(\/.*)?$/, (request: Request, _response: Response, next: NextFunction) => {
    org.auth.authenticate(request.headers.authorization);
    next();
  });
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  app.use(express.json({ limit: bodyLimit, type: ['application/json', 'text/plain'] }));
  app.use(express.text({ limit: Math.max(bodyLimit, BULK_UPLOAD_LIMIT_BYTES), type: 'text/csv' }));

  app.get(['/services/data', '/services/data/'], (_request, response) => response.json(apiVersions()));

  app.all(/^\/services\/data\/v(\d+\.\d)(\/.*)?$/, async (request: Request, response: Response) => {
    const session = org.auth.authenticate(request.headers.authorization);
    const fault = org.faults.match(request.method, request.path);
    if (fault?.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref());
      // The client gave up, or the org stopped, during the hang: there is no one to answer.
      if (request.socket.destroyed) return;
    }
    if (fault?.status) {
      response.status(fault.status).json([
        {
          errorCode: fault.errorCode ?? (fault.status === 503 ? 'SERVER_UNAVAILABLE' : 'UNKNOWN_EXCEPTION'),
          message: 'An unexpected error occurred (injected by the local org).',
        },
      ]);
      return;
    }
    const usage = org.accounting.count();
    response.setHeader('Sforce-Limit-Info', `api-usage=${usage.used}/${usage.limit}`);
    const [, version, path] = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(request.path)!;
    const batchSize = Number(callOption(request.header('Sforce-Query-Options'), 'batchSize'));
    const client = callOption(request.header('Sforce-Call-Options'), 'client');
    const context: CallContext = {
      session,
      apiVersion: version!,
      ...(client ? { client } : {}),
      ...(Number.isFinite(batchSize) && batchSize > 0 ? { queryBatchSize: batchSize } : {}),
    };
    const query = new URLSearchParams(request.originalUrl.split('?')[1] ?? '');
    const answer = router.dispatch(request.method, path ?? '/', query, request.body, context);
    for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
    if (answer.status === 204 || answer.body === undefined) response.status(answer.status).end();
    else if (answer.contentType) response.status(answer.status).type(answer.contentType).send(answer.body);
    else response.status(answer.status).json(answer.body);
  });

  app.use((_request: Request, response: Response) => {
    response.status(404).json([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  // Errors as Salesforce writes them: [{message, errorCode, fields}]; nothing unexpected leaks or stops the org.
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const answer = errorAnswer(error);
    if (answer.status === 500) {
      const errorId = newErrorId();
      console.error(
        `local org: ${request.method} ${request.path} failed (ErrorId ${errorId}): ${(error as Error)?.stack ?? String(error)}`,
      );
      const failure = unknownException(errorId);
      sendError(request, response, failure);
      return;
    }
    sendError(request, response, answer);
  });
  return app;
}
