/**
 * The sidecar's HTTP face: health for orchestrators, Prometheus metrics, a status page, and the
 * admin routes (an account's full explanation, recompute, rule simulation) behind a bearer token.
 * Every input is checked with zod; every error answers JSON that says what was wrong.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { z } from 'zod';
import { consoleRouter } from '../console/routes';
import type { ConsoleOptions } from '../console/routes';
import type { SyncView } from '../sync/view';
import { metricsRegistry } from './metrics';
import { adminStatusOf, publicStatusOf } from './status';

const salesforceId = z
  .string()
  .regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'must be a 15- or 18-character Salesforce id');

const recomputeBody = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ ids: z.array(salesforceId).min(1).max(10_000) }).strict(),
]);

const metadataRecord = z.looseObject({ DeveloperName: z.string().min(1) });
const simulateBody = z
  .object({
    strategies: z.array(metadataRecord).optional(),
    rules: z.array(metadataRecord).optional(),
    triggers: z.array(metadataRecord).optional(),
  })
  .strict()
  .refine((body) => body.strategies || body.rules || body.triggers, {
    message: 'give at least one of strategies, rules or triggers (the others stay as in force)',
  });

export interface ApiOptions {
  readonly adminToken: string | null;
  /** The settings with secrets masked, shown in /status to the admin. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Where failed admin sign-ins are logged; none in some tests. */
  readonly log?: ApiLog;
  /** The Stance console at /console (sign-in with Salesforce); absent: not mounted (some tests). */
  readonly console?: Omit<ConsoleOptions, 'sync' | 'settings' | 'log'>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Where failed admin sign-ins are logged (the sidecar's pino logger). */
export type ApiLog = Pick<Logger, 'warn'>;

/** At most this many failed sign-ins logged a minute; the rest are counted in one line. */
const SIGN_IN_LOGS_PER_MINUTE = 10;

/** Logs failed admin sign-ins (route and client address, never the token), rate-limited. */
class SignInLog {
  private since = 0;
  private logged = 0;
  private suppressed = 0;

  constructor(
    private readonly log: ApiLog | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  failed(request: Request, why: 'missing' | 'wrong'): void {
    if (!this.log) return;
    const now = this.now();
    if (now - this.since >= 60_000) {
      if (this.suppressed > 0)
        this.log.warn(
          { suppressed: this.suppressed },
          'more failed admin sign-ins in the last minute (not logged one by one)',
        );
      this.since = now;
      this.logged = 0;
      this.suppressed = 0;
    }
    if (this.logged >= SIGN_IN_LOGS_PER_MINUTE) {
      this.suppressed++;
      return;
    }
    this.logged++;
    this.log.warn(
      {
        route: `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
        client: request.ip ?? request.socket.remoteAddress,
        token: why,
      },
      'failed admin sign-in',
    );
  }
}

type TokenCheck = 'none' | 'valid' | 'wrong';

/** Bearer token check in constant time (hashing first makes the lengths equal); `Bearer` in any case. */
function tokenCheck(token: string | null) {
  const expected = token ? digest(token) : null;
  return (request: Request): TokenCheck => {
    const presented = /^bearer +(.+)$/i.exec(request.get('authorization') ?? '')?.[1];
    if (presented === undefined) return 'none';
    return expected && timingSafeEqual(digest(presented), expected) ? 'valid' : 'wrong';
  };
}

function requireAdmin(token: string | null, signIns: SignInLog) {
  const check = tokenCheck(token);
  return (request: Request, response: Response, next: NextFunction) => {
    if (!token) {
      response.status(503).json({ error: 'admin routes are disabled: set STANCE_ADMIN_TOKEN (16 characters or more)' });
      return;
    }
    const result = check(request);
    if (result !== 'valid') {
      signIns.failed(request, result === 'none' ? 'missing' : 'wrong');
      refuse(response);
      return;
    }
    next();
  };
}

function refuse(response: Response): void {
  response
    .set('WWW-Authenticate', 'Bearer realm="stance"')
    .status(401)
    .json({ error: 'a valid bearer token is required' });
}

function invalid(response: Response, error: z.ZodError, where: string): void {
  response.status(400).json({
    error: `invalid ${where}`,
    details: error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
  });
}

export function createApp(sync: SyncView, options: ApiOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  // Bodies are parsed after the token is checked, on the routes that take one.
  const json = express.json({ limit: '512kb' });
  const signIns = new SignInLog(options.log);
  const admin = requireAdmin(options.adminToken, signIns);
  const check = tokenCheck(options.adminToken);

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', (_request, response) => {
    const ready = sync.state === 'live' && sync.streaming && sync.notReady.length === 0;
    response.status(ready ? 200 : 503).json({
      ready,
      state: sync.state,
      streaming: sync.streaming,
      ...(sync.streamProblem ? { problem: sync.streamProblem } : {}),
      ...(sync.notReady.length > 0 ? { notReady: sync.notReady } : {}),
    });
  });

  const metrics = metricsRegistry(sync);
  app.get('/metrics', async (_request, response, next) => {
    try {
      response.type(metrics.contentType).send(await metrics.metrics());
    } catch (error) {
      next(error);
    }
  });

  // Counts and states for anyone; per-account errors, rule details and settings with the token.
  app.get('/status', (request, response) => {
    const token = check(request);
    if (token === 'none' || !options.adminToken) {
      response.json(publicStatusOf(sync));
      return;
    }
    if (token === 'wrong') {
      signIns.failed(request, 'wrong');
      refuse(response);
      return;
    }
    response.json(adminStatusOf(sync, options.settings));
  });

  app.get('/accounts/:id/classification', admin, (request, response) => {
    const id = salesforceId.safeParse(request.params.id);
    if (!id.success) return invalid(response, id.error, 'account id');
    const found = sync.classificationOf(id.data);
    if (!found) {
      response.status(404).json({ error: `account ${id.data} is not in the mirror (deleted, or not read yet)` });
      return;
    }
    const { classification, lastWritten, failure } = found;
    response.json({
      accountId: id.data,
      explanation: classification.explanation,
      facts: classification.facts,
      hash: classification.hash,
      nextEvaluationAt: classification.nextEvaluationAt,
      lastWritten,
      failure,
    });
  });

  app.post('/recompute', admin, json, async (request, response, next) => {
    const body = recomputeBody.safeParse(request.body);
    if (!body.success) return invalid(response, body.error, 'body: send {"all": true} or {"ids": ["001..."]}');
    try {
      response.json(await sync.recomputeNow('all' in body.data ? 'all' : body.data.ids));
    } catch (error) {
      next(error);
    }
  });

  app.post('/rules/simulate', admin, json, async (request, response, next) => {
    const body = simulateBody.safeParse(request.body);
    if (!body.success) return invalid(response, body.error, 'rule set');
    const current = sync.rulesInForce?.records;
    if (!current) {
      response.status(503).json({ error: 'no rules in force yet' });
      return;
    }
    let result: Awaited<ReturnType<typeof sync.simulate>>;
    try {
      result = await sync.simulate({
        strategies: body.data.strategies ?? current.strategies,
        rules: body.data.rules ?? current.rules,
        triggers: body.data.triggers ?? current.triggers,
      });
    } catch (error) {
      next(error);
      return;
    }
    if ('problems' in result) {
      response.status(422).json({ error: 'the candidate rule set is invalid', problems: result.problems });
      return;
    }
    response.json(result);
  });

  if (options.console) {
    app.use('/console', consoleRouter({ ...options.console, sync, settings: options.settings, log: options.log }));
  }

  app.use((_request: Request, response: Response) => {
    response.status(404).json({ error: 'no such route' });
  });

  app.use(
    (error: Error & { type?: string; status?: number }, _request: Request, response: Response, _next: NextFunction) => {
      if (error.type === 'entity.too.large') {
        response.status(413).json({ error: 'body too large (at most 512 kB)' });
      } else if (error.type === 'entity.parse.failed') {
        response.status(400).json({ error: `body is not valid JSON: ${error.message}` });
      } else {
        response.status(500).json({ error: error.message });
      }
    },
  );

  return app;
}
