/**
 * The REST surface against odd and hostile requests, through raw HTTP and unmodified jsforce:
 * each answers as Salesforce would (a 4xx with a Salesforce-shaped body), never a 500 carrying
 * internal text, and the org keeps serving.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Connection } from 'jsforce';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { signIn } from '../../../testing/signIn';

const BODY_LIMIT = 2 * 1024 * 1024;

describe('the REST surface holds against odd requests', () => {
  let running: RunningOrg;
  let admin: Connection;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    running = await startLocalOrg({
      seed: 'none',
      bodyLimitBytes: BODY_LIMIT,
      jwtCertificate: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    admin = await signIn(running, DEFAULTS.username);
  });

  afterAll(() => running.close());

  const data = (path: string) => `${running.url}/services/data/v62.0${path}`;
  const bearer = () => ({ authorization: `Bearer ${admin.accessToken}` });

  it('answers a bad percent-encoding in the path with 400, not 500', async () => {
    const response = await fetch(data('/sobjects/Account/%ZZ'), { headers: bearer() });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([expect.objectContaining({ errorCode: 'MALFORMED_URL' })]);
  });

  it('takes the bearer scheme in any case, as Salesforce does', async () => {
    for (const scheme of ['bearer', 'BEARER', 'OAuth']) {
      const response = await fetch(data('/sobjects'), { headers: { authorization: `${scheme} ${admin.accessToken}` } });
      expect(response.status).toBe(200);
    }
  });

  /** A query through /composite (a subrequest) and as a Bulk API 2.0 job: the error each answers. */
  async function refusals(soql: string): Promise<string[]> {
    const composite = (await admin.request({
      method: 'POST',
      url: '/services/data/v62.0/composite',
      body: JSON.stringify({
        compositeRequest: [
          { method: 'GET', referenceId: 'q', url: `/services/data/v62.0/query?q=${encodeURIComponent(soql)}` },
        ],
      }),
      headers: { 'content-type': 'application/json' },
    })) as { compositeResponse: Array<{ httpStatusCode: number; body: Array<{ errorCode: string }> }> };
    const [subrequest] = composite.compositeResponse;
    const bulk = await fetch(data('/jobs/query'), {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'query', query: soql }),
    });
    const bulkBody = (await bulk.json()) as Array<{ errorCode: string }>;
    return [
      `${subrequest!.httpStatusCode} ${subrequest!.body[0]!.errorCode}`,
      `${bulk.status} ${bulkBody[0]!.errorCode}`,
    ];
  }

  it("answers SQLite's limits as Salesforce's errors, also inside /composite and Bulk 2.0", async () => {
    // 1,500 ORs: SQLite's expression depth (1,000), in a statement Salesforce would take.
    const ors = Array.from({ length: 1500 }, (_, i) => `Name = 'a${i}'`).join(' OR ');
    expect(await refusals(`SELECT Id FROM Account WHERE ${ors}`)).toEqual([
      '400 QUERY_TOO_COMPLICATED',
      '400 QUERY_TOO_COMPLICATED',
    ]);
  });

  it('refuses a SOQL statement over 100,000 characters, as Salesforce does, before SQLite sees it', async () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `'001${String(i).padStart(15, '0')}'`).join(',');
    expect(await refusals(`SELECT Id FROM Account WHERE Id IN (${ids})`)).toEqual([
      '400 MALFORMED_QUERY',
      '400 MALFORMED_QUERY',
    ]);
    const fits = Array.from({ length: 400 }, (_, i) => `'001${String(i).padStart(15, '0')}'`).join(',');
    expect((await admin.query(`SELECT Id FROM Account WHERE Id IN (${fits})`)).totalSize).toBe(0);
  });

  it('refuses a bad JWT assertion with 400 invalid_grant: garbage, wrong signature, expired', async () => {
    const sign = (key: typeof keys.privateKey, expiresAt: number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(DEFAULTS.clientId)
        .setSubject(DEFAULTS.username)
        .setAudience('https://login.salesforce.com')
        .setExpirationTime(expiresAt)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string]> = [
      ['garbage', 'invalid assertion'],
      ['a.b.c', 'invalid assertion'],
      [await sign(other.privateKey, now + 300), 'invalid assertion signature'],
      [await sign(keys.privateKey, now - 3600), 'expired authorization code'],
    ];
    for (const [assertion, description] of cases) {
      const response = await fetch(`${running.url}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: description },
      });
    }
    const good = await fetch(`${running.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: await sign(keys.privateKey, now + 300),
      }),
    });
    expect(good.status).toBe(200);
  });

  it('answers a body over the limit with 413', async () => {
    const response = await fetch(data('/sobjects/Account'), {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'x'.repeat(BODY_LIMIT + 10) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual([expect.objectContaining({ errorCode: 'REQUEST_ENTITY_TOO_LARGE' })]);
    expect((await admin.query('SELECT Id FROM Account')).totalSize).toBe(0);
  });

  it('refuses an unauthenticated 60 MB upload with 401 before reading its body', async () => {
    // Only the headers and a first chunk are sent; the answer comes without the rest.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(data('/sobjects/Account'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(60 * 1024 * 1024) },
      });
      request.on('response', (response: IncomingMessage) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.on('error', reject);
      request.write(`{"Name":"${'x'.repeat(64 * 1024)}`);
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual([expect.objectContaining({ errorCode: 'INVALID_SESSION_ID' })]);
  });

  it('answers an unexpected failure with a generic UNKNOWN_EXCEPTION and keeps serving', async () => {
    const store = running.org.store as unknown as { row: (...args: unknown[]) => unknown };
    const original = store.row;
    store.row = () => {
      throw new Error('secret customer detail from inside the store');
    };
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let response: Response;
    try {
      response = await fetch(data('/sobjects/Account/001000000000001AAA'), { headers: bearer() });
    } finally {
      store.row = original;
    }
    expect(response.status).toBe(500);
    const body = (await response.json()) as Array<{ errorCode: string; message: string }>;
    expect(body).toEqual([
      {
        errorCode: 'UNKNOWN_EXCEPTION',
        message: expect.stringMatching(
          /^An unexpected error occurred\. Please include this ErrorId if you contact support: /,
        ),
        fields: [],
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('secret');
    // The error itself is logged with the same ErrorId, for whoever runs the org.
    const errorId = body[0]!.message.split('support: ')[1]!;
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`ErrorId ${errorId}): Error: secret`));
    logged.mockRestore();
    expect((await admin.query('SELECT Id FROM Account')).totalSize).toBe(0);
  });
});
