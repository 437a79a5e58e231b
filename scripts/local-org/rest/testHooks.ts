/**
 * The local org's test hooks under /__local (faults, token expiry, streaming drops, gap events,
 * retained events, notifications, API usage): mounted only when the org starts with
 * `testHooks: true` (`--test-hooks`), answered only for the admin user's session, and a POST only
 * with a JSON body, so a web page cannot reach them with a form or a text/plain POST.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../errors';
import type { FaultRule } from '../faults';
import type { LocalOrg } from '../org';

export function testHooks(org: LocalOrg): express.Router {
  const local = express.Router();
  local.use((request: Request, _response: Response, next: NextFunction) => {
    const session = org.auth.authenticate(request.headers.authorization);
    if (session.userId !== org.adminUserId)
      throw new ApiError(403, 'INSUFFICIENT_ACCESS', 'The local org test hooks answer only its admin user');
    if (request.method === 'POST' && !request.is('application/json'))
      throw new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `The local org test hooks take a JSON body (Content-Type: application/json), not ${request.headers['content-type'] ?? 'none'}`,
      );
    next();
  });
  local.use(express.json({ limit: '1mb' }));
  local.post('/faults', (request, response) => {
    const rules: unknown = (request.body as { rules?: unknown } | undefined)?.rules ?? [];
    if (!Array.isArray(rules)) throw new ApiError(400, 'INVALID_FIELD', 'rules must be a list of fault rules');
    for (const rule of rules as FaultRule[]) {
      if (typeof rule?.path !== 'string') throw new ApiError(400, 'INVALID_FIELD', 'a fault rule needs a path pattern');
      try {
        new RegExp(rule.path);
      } catch {
        throw new ApiError(400, 'INVALID_FIELD', `the fault rule's path is not a regular expression: ${rule.path}`);
      }
    }
    for (const rule of rules as FaultRule[]) org.faults.add(rule);
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
    const body = (request.body ?? {}) as { entity?: unknown; changeType?: unknown; recordIds?: unknown };
    if (typeof body.entity !== 'string' || typeof body.changeType !== 'string')
      throw new ApiError(400, 'MISSING_ARGUMENT', 'entity and changeType are required strings');
    const recordIds = Array.isArray(body.recordIds) ? body.recordIds.map(String) : [];
    org.emitGap(body.entity, body.changeType, recordIds);
    response.status(204).end();
  });
  local.get('/notifications', (_request, response) => response.json(org.notifications));
  // The events retained on a channel (e.g. ?channel=/event/Stance_Update__e), as subscribers receive them.
  local.get('/events', (request, response) => {
    const channel = typeof request.query.channel === 'string' ? request.query.channel : '';
    if (!channel) throw new ApiError(400, 'MISSING_ARGUMENT', 'channel is required');
    response.json(org.hub.stored(channel));
  });
  // A custom metadata record changed as a deployment would change it (the data API cannot write them).
  local.post('/custom-metadata', (request, response) => {
    const body = (request.body ?? {}) as { type?: unknown; developerName?: unknown; values?: unknown };
    if (typeof body.type !== 'string' || typeof body.developerName !== 'string')
      throw new ApiError(400, 'MISSING_ARGUMENT', 'type and developerName are required strings');
    if (typeof body.values !== 'object' || body.values === null || Array.isArray(body.values))
      throw new ApiError(400, 'INVALID_FIELD', 'values must be an object of field names to values');
    org.deployCustomMetadata(body.type, body.developerName, body.values as Record<string, unknown>);
    response.status(204).end();
  });
  local.get('/usage', (_request, response) =>
    response.json({
      used: org.accounting.used,
      limit: org.accounting.limit,
      // Change and platform events delivered to subscribers in the last 24 hours (not an API call to read).
      deliveries: { used: org.eventDeliveries.used, limit: org.eventDeliveries.limit },
    }),
  );
  return local;
}
