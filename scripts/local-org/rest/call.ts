/**
 * What every REST route takes and gives: the call's context (who, which API version, which
 * client) and the answer to send. Route modules depend on this, never on each other or the router.
 */
import type { Session } from '../auth/auth';
import { ApiError } from '../errors';
import type { LocalOrg } from '../org';
import type { OrgObject } from '../schema/orgSchema';
import type { WriteContext } from '../store/writes';

export interface CallContext {
  readonly session: Session;
  readonly apiVersion: string;
  readonly client?: string;
  readonly queryBatchSize?: number;
}

export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Sent as text with this content type instead of JSON (Bulk API CSV). */
  readonly contentType?: string;
}

export type RouteHandler = (
  match: RegExpMatchArray,
  query: URLSearchParams,
  body: unknown,
  context: CallContext,
) => Answer;

/** A path under /services/data/vNN.0 and what answers it. */
export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handle: RouteHandler;
}

export function route(method: string, pattern: RegExp, handle: RouteHandler): Route {
  return { method, pattern, handle };
}

/** Runs a request through the routes: how /composite calls the API for each subrequest. */
export type Dispatch = (
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
  context: CallContext,
) => Answer;

/** The object a URL names, or NOT_FOUND as Salesforce answers for an unknown sObject (or, given the call, one the caller cannot read). */
export function objectNamed(org: LocalOrg, name: string, context?: CallContext): OrgObject {
  const object = org.schema.object(name);
  // An object the caller may not read does not exist for them, as in Salesforce.
  if (!object || (context && !org.access.rightsOf(context.session.userId).canRead(object)))
    throw new ApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
  return object;
}

export function writeContextOf(org: LocalOrg, context: CallContext): WriteContext {
  return org.context(context.session.userId, context.client, context.apiVersion);
}
