/**
 * The console's JSON API on rules, each call with the signed-in admin's own token: the rules in
 * force, a draft checked by the engine's compiler, simulated over the mirror, activated, the
 * history of changes and a roll back to any of them, and the sidecar's health.
 */
import express from 'express';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { adminStatusOf } from '../api/status';
import { FACT_DEFINITIONS } from '../domain';
import type { MetadataRecords } from '../domain';
import { OrgRefusal } from '../salesforce/adminOrg';
import type { AdminOrg } from '../salesforce/adminOrg';
import type { SyncView } from '../sync/view';
import { compileRuleSet, fingerprintOf } from '../sync/rules';
import type { SimulationResult } from '../sync/simulate';
import { activate } from './activation';
import type { ActivationAnswer } from './activation';
import type { Session } from './sessions';

const record = z.looseObject({ DeveloperName: z.string().regex(/^[A-Za-z]\w{0,39}$/, 'must be an API name') });
const records = z.object({ strategies: z.array(record), rules: z.array(record), triggers: z.array(record) });
const withRecords = z.object({ records });
const reason = z.string().trim().min(1, 'give a reason (kept in History)').max(255);
const activateBody = z.object({ records, baseFingerprint: z.string().min(1), reason });
const rollbackBody = z.object({
  historyId: z.string().regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'must be a Salesforce id'),
  baseFingerprint: z.string().min(1),
  reason,
});

export interface RulesApiOptions {
  readonly sync: SyncView;
  readonly settings: Readonly<Record<string, unknown>>;
  /** The admin's org: a Connection with the session's token. */
  readonly orgOf: (session: Session) => AdminOrg;
  /** Ends a session whose token the org no longer takes. */
  readonly endSession: (session: Session) => void;
  readonly log?: { warn(details: object, message: string): void };
}

/** The session the routes run for (set by the router's session check). */
export const sessionOf = (response: Response): Session => response.locals.session as Session;

function bad(response: Response, error: z.ZodError): void {
  const details = error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  response.status(400).json({ error: `invalid request: ${details.join('; ')}`, details });
}

/** An org refusal as the console shows it; a token the org no longer takes ends the session. */
function orgFailed(response: Response, error: unknown, endSession: () => void): void {
  const { errorCode, message } = error as { errorCode?: string; message?: string };
  if (errorCode === 'INVALID_SESSION_ID' || (error instanceof OrgRefusal && /INVALID_SESSION_ID/.test(error.message))) {
    endSession();
    response.status(401).json({ error: 'your Salesforce session ended: sign in again' });
  } else if (error instanceof OrgRefusal) {
    response.status(error.status).json({ error: error.message, details: error.details });
  } else if (/INSUFFICIENT_ACCESS/.test(String(errorCode))) {
    response.status(403).json({ error: `the org refused you this: ${message ?? errorCode}` });
  } else {
    response
      .status(502)
      .json({ error: `the org failed: ${errorCode ? `${errorCode} ` : ''}${message ?? String(error)}` });
  }
}

/** Keeps only the sample accounts the admin may read (one SOQL with their token). */
async function readableSamples(org: AdminOrg, result: SimulationResult): Promise<SimulationResult> {
  const ids = result.transitions.flatMap((cell) => cell.samples.map((sample) => sample.id));
  const readable = await org.readableAccountIds(ids);
  return {
    ...result,
    transitions: result.transitions.map((cell) => ({
      ...cell,
      samples: cell.samples.filter((sample) => readable.has(sample.id)),
    })),
  };
}

export function rulesApi(options: RulesApiOptions): express.Router {
  const { sync } = options;
  const router = express.Router();
  const run =
    (handler: (request: Request, response: Response, org: AdminOrg) => Promise<void>) =>
    async (request: Request, response: Response) => {
      try {
        await handler(request, response, options.orgOf(sessionOf(response)));
      } catch (error) {
        orgFailed(response, error, () => options.endSession(sessionOf(response)));
      }
    };
  const answer = (response: Response, result: ActivationAnswer) => response.status(result.status).json(result.body);
  // One activation or rollback at a time: the next compares its base with what the last one wrote (409).
  let activating: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = activating.then(work, work);
    activating = next.catch(() => undefined);
    return next;
  };
  const adoptFailed = (error: unknown) =>
    options.log?.warn({ error: (error as Error).message }, 'rules activated, but reading them at once failed');

  router.get(
    '/rules',
    run(async (_request, response, org) => {
      const inOrg = await org.readRules();
      const decides = sync.rulesInForce ? await sync.ruleDecides() : {};
      const facts = FACT_DEFINITIONS.map(({ name, type }) => ({ name, type }));
      response.json({ fingerprint: fingerprintOf(inOrg), records: inOrg, decides, facts });
    }),
  );

  router.post('/check', (request, response) => {
    const body = withRecords.safeParse(request.body);
    if (!body.success) return bad(response, body.error);
    response.json({ problems: compileRuleSet(body.data.records as MetadataRecords).problems });
  });

  router.post(
    '/simulate',
    run(async (request, response, org) => {
      const body = withRecords.safeParse(request.body);
      if (!body.success) return bad(response, body.error);
      const draft = body.data.records as MetadataRecords;
      const { problems } = compileRuleSet(draft);
      if (problems.length > 0) {
        response.status(422).json({ problems });
        return;
      }
      if (!sync.rulesInForce) {
        response.status(503).json({ error: 'the sidecar has no rules in force yet' });
        return;
      }
      const result = await sync.simulate(draft);
      if ('problems' in result) {
        response.status(422).json({ problems: result.problems });
        return;
      }
      response.json(await readableSamples(org, result));
    }),
  );

  router.post(
    '/activate',
    run(async (request, response, org) => {
      const body = activateBody.safeParse(request.body);
      if (!body.success) return bad(response, body.error);
      const { records: draft, baseFingerprint, reason: why } = body.data;
      const request_ = { draft: draft as MetadataRecords, baseFingerprint, reason: why, kind: 'Activation' as const };
      answer(response, await oneAtATime(() => activate(org, sync, request_, adoptFailed)));
    }),
  );

  router.get(
    '/history',
    run(async (_request, response, org) => {
      const changes = await org.ruleChanges();
      response.json({ changes: changes.map(({ ruleSet: _ruleSet, fingerprint: _fingerprint, ...change }) => change) });
    }),
  );

  router.post(
    '/rollback',
    run(async (request, response, org) => {
      const body = rollbackBody.safeParse(request.body);
      if (!body.success) return bad(response, body.error);
      const [change] = await org.ruleChanges({ id: body.data.historyId });
      const stored = change?.ruleSet ? records.safeParse(JSON.parse(change.ruleSet)) : null;
      if (!change || !stored?.success) {
        response.status(404).json({ error: `no rule change ${body.data.historyId} with a stored rule set` });
        return;
      }
      const request_ = {
        draft: stored.data as MetadataRecords,
        baseFingerprint: body.data.baseFingerprint,
        reason: body.data.reason,
        kind: 'Rollback' as const,
        rolledBackTo: change.id,
      };
      answer(response, await oneAtATime(() => activate(org, sync, request_, adoptFailed)));
    }),
  );

  router.get('/health', (_request, response) => {
    response.json(adminStatusOf(sync, options.settings));
  });

  return router;
}
