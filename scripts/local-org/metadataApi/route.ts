/**
 * `POST /services/Soap/m/<version>`: the Metadata API's SOAP endpoint. The session comes from the
 * envelope's SessionHeader (an access token of the org's OAuth flows), not from an Authorization
 * header; each call counts against the daily API allowance, as Salesforce counts Metadata API calls.
 */
import { randomInt } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { ApiError } from '../errors';
import type { LocalOrg } from '../org';
import { MetadataCalls } from './calls';
import { apiFault, faultXml, parseSoapCall, responseXml, SoapFault } from './soap';

/** Metadata API request bodies: a few hundred records of a few kilobytes. */
const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** Every failure answers as a SOAP fault (a SOAP client cannot read the REST API's JSON errors). */
function asFault(request: Request, error: unknown): SoapFault {
  if (error instanceof SoapFault) return error;
  if (error instanceof ApiError) return apiFault(error.errorCode, error.message);
  const errorId = `${randomInt(1_000_000_000)}-${randomInt(100_000)} (${randomInt(1_000_000_000)})`;
  console.error(
    `local org: ${request.method} ${request.path} failed (ErrorId ${errorId}): ${(error as Error)?.stack ?? String(error)}`,
  );
  return apiFault(
    'UNKNOWN_EXCEPTION',
    `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
  );
}

export function metadataApiRoute(org: LocalOrg): express.RequestHandler[] {
  const calls = new MetadataCalls(org);
  const answer = (request: Request, response: Response): void => {
    try {
      const call = parseSoapCall(typeof request.body === 'string' ? request.body : '');
      let userId: string;
      try {
        userId = org.auth.authenticate(call.sessionId ? `Bearer ${call.sessionId}` : undefined).userId;
      } catch {
        // Salesforce's answer to a missing, expired or unknown session (jsforce refreshes on this faultcode).
        throw apiFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
      }
      // Over the allowance: the fault sf:REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded." (asFault).
      org.accounting.count();
      const results = calls.handle(call, userId);
      response.status(200).type('text/xml').send(responseXml(call.method, results));
    } catch (error) {
      response
        .status(500)
        .type('text/xml')
        .send(faultXml(asFault(request, error)));
    }
  };
  return [express.text({ type: () => true, limit: BODY_LIMIT_BYTES }), answer];
}
