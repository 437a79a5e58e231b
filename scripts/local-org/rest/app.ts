/** The local org's HTTP surface: OAuth, the REST API, CometD, and a few local-only test hooks. */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { OAuthError } from '../auth/auth';
import type { Session } from '../auth/auth';
import { ApiError } from '../errors';
import type { LocalOrg } from '../org';
import type { CallContext } from './call';
import { apiVersions } from './resources';
import { RestRouter } from './router';

export interface AppOptions {
  /** The URL clients reach the org at (instance_url), known once the server listens. */
  readonly instanceUrl: () => string;
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

  // CometD reads the raw request stream: mounted before any body parser.
  app.use('/cometd', (request, response) => {
    request.url = request.originalUrl;
    org.hub.handle(request, response);
  });

  app.post('/services/oauth2/token', express.urlencoded({ extended: false }), async (request, response) => {
    try {
      const params = new URLSearchParams(request.body as Record<string, string>);
      response.json(await org.auth.token(params, options.instanceUrl()));
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      response.status(error.status).json({ error: error.error, error_description: error.description });
    }
  });

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

  app.use(express.json({ limit: '50mb', type: ['application/json', 'text/plain'] }));
  app.use(express.text({ limit: '150mb', type: 'text/csv' }));

  app.get(['/services/data', '/services/data/'], (_request, response) => response.json(apiVersions()));

  app.all(/^\/services\/data\/v(\d+\.\d)(\/.*)?$/, async (request: Request, response: Response) => {
    const session = org.auth.authenticate(request.headers.authorization);
    const fault = org.faults.match(request.method, request.path);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
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

  // Local-only hooks for tests and demos: faults, token expiry, streaming drops, gap events, stored events.
  const local = express.Router();
  local.post('/faults', (request, response) => {
    for (const rule of (request.body as { rules?: [] }).rules ?? []) org.faults.add(rule);
    response.status(204).end();
  });
  local.delete('/faults', (_request, response) => {
    org.faults.clear();
    response.status(204).end();
  });
  local.post('/expire-tokens', (_request, response) => {
    org.auth.expireAll();
    response.status(204).end();
  });
  local.post('/drop-streaming-clients', (_request, response) => {
    org.hub.dropClients();
    response.status(204).end();
  });
  local.post('/gap', (request, response) => {
    const body = request.body as { entity: string; changeType: string; recordIds?: string[] };
    org.emitGap(body.entity, body.changeType, body.recordIds ?? []);
    response.status(204).end();
  });
  local.get('/notifications', (_request, response) => response.json(org.notifications));
  // The events retained on a channel (e.g. ?channel=/event/Stance_Update__e), as subscribers receive them.
  local.get('/events', (request, response) => {
    const channel = typeof request.query.channel === 'string' ? request.query.channel : '';
    if (!channel) {
      response.status(400).json([{ errorCode: 'MISSING_ARGUMENT', message: 'channel is required' }]);
      return;
    }
    response.json(org.hub.stored(channel));
  });
  local.get('/usage', (_request, response) =>
    response.json({ used: org.accounting.used, limit: org.accounting.limit }),
  );
  app.use('/__local', local);

  app.use((_request: Request, response: Response) => {
    response.status(404).json([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  // Errors as Salesforce writes them: [{message, errorCode, fields}].
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof ApiError) {
      response.status(error.status).json(error.body());
      return;
    }
    const parseFailure = (error as { type?: string }).type === 'entity.parse.failed';
    response.status(parseFailure ? 400 : 500).json([
      {
        errorCode: parseFailure ? 'JSON_PARSER_ERROR' : 'UNKNOWN_EXCEPTION',
        message: parseFailure
          ? `The request body is not valid JSON: ${(error as Error).message}`
          : (error as Error).message,
      },
    ]);
  });
  return app;
}
