/**
 * `POST /services/Soap/m/<version>`: the Metadata API's SOAP endpoint. The session comes from the
 * envelope's SessionHeader (an access token of the org's OAuth flows), not from an Authorization
 * header; each call counts against the daily API allowance, as Salesforce counts Metadata API calls.
 */
import express from 'express';
import type { Request, Response } from 'express';
import { ApiError } from '../errors';
import type { LocalOrg } from '../org';
import { MetadataCalls } from './calls';
import { apiFault, faultXml, parseSoapCall, responseXml, SoapFault } from './soap';

/** Metadata API request bodies: a few hundred records of a few kilobytes. */
const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

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
      try {
        org.accounting.count();
      } catch (error) {
        if (error instanceof ApiError) throw apiFault('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
        throw error;
      }
      const results = calls.handle(call, userId);
      response.status(200).type('text/xml').send(responseXml(call.method, results));
    } catch (error) {
      if (!(error instanceof SoapFault)) throw error;
      response.status(500).type('text/xml').send(faultXml(error));
    }
  };
  return [express.text({ type: () => true, limit: BODY_LIMIT_BYTES }), answer];
}
