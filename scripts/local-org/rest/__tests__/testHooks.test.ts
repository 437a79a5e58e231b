/**
 * The /__local test hooks: absent unless the org starts with testHooks, and then answered only
 * for the admin user's session and, for a POST, only with a JSON body (a web page's form or
 * text/plain POST cannot reach them).
 */
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { signIn } from '../../../testing/signIn';

describe('the /__local test hooks', () => {
  let plain: RunningOrg;
  let hooked: RunningOrg;

  beforeAll(async () => {
    plain = await startLocalOrg({ seed: 'demo' });
    hooked = await startLocalOrg({ seed: 'demo', testHooks: true });
  });

  afterAll(async () => {
    await plain.close();
    await hooked.close();
  });

  const faultRule = JSON.stringify({ rules: [{ method: 'GET', path: '/limits', status: 503, times: 1 }] });

  it('do not exist on an org started without them, even for the admin', async () => {
    const admin = await signIn(plain, DEFAULTS.username);
    const headers = { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' };
    for (const [method, path] of [
      ['GET', '/events?channel=/data/AccountChangeEvent'],
      ['POST', '/faults'],
      ['POST', '/expire-tokens'],
    ] as const) {
      const response = await fetch(`${plain.url}/__local${path}`, {
        method,
        headers,
        ...(method === 'POST' ? { body: faultRule } : {}),
      });
      expect(response.status).toBe(404);
    }
    expect(plain.org.faults.match('GET', '/services/data/v62.0/limits')).toBeNull();
    await admin.request('/services/data/v62.0/');
  });

  it('refuse anyone without the admin token: no token, a forged one, another user', async () => {
    const rep = await signIn(hooked, 'dana@stance.local');
    const integration = await signIn(hooked);
    const refusals: Array<[Record<string, string>, number]> = [
      [{}, 401],
      [{ authorization: 'Bearer forged' }, 401],
      [{ authorization: `Bearer ${rep.accessToken}` }, 403],
      [{ authorization: `Bearer ${integration.accessToken}` }, 403],
    ];
    for (const [headers, status] of refusals) {
      const events = await fetch(`${hooked.url}/__local/events?channel=/data/AccountChangeEvent`, { headers });
      expect(events.status).toBe(status);
      expect(JSON.stringify(await events.json())).not.toContain('ChangeEventHeader');
      const faults = await fetch(`${hooked.url}/__local/faults`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: faultRule,
      });
      expect(faults.status).toBe(status);
    }
    expect(hooked.org.faults.match('GET', '/services/data/v62.0/limits')).toBeNull();
  });

  it('check the token before reading a body: an unauthenticated 60 MB POST is refused at once', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${hooked.url}/__local/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(60 * 1024 * 1024) },
      });
      request.on('response', (response: IncomingMessage) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', reject);
      request.write('{"rules":[');
    });
    expect(status).toBe(401);
  });

  it('refuse a POST that is not JSON, as a web page would send it', async () => {
    const admin = await signIn(hooked, DEFAULTS.username);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await fetch(`${hooked.url}/__local/faults`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': contentType },
        body: faultRule,
      });
      expect(response.status).toBe(415);
    }
    expect(hooked.org.faults.match('GET', '/services/data/v62.0/limits')).toBeNull();
  });

  it('answer the admin', async () => {
    const admin = await signIn(hooked, DEFAULTS.username);
    const headers = { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' };
    const added = await fetch(`${hooked.url}/__local/faults`, { method: 'POST', headers, body: faultRule });
    expect(added.status).toBe(204);
    expect(hooked.org.faults.match('GET', '/services/data/v62.0/limits')).toMatchObject({ status: 503 });
    expect((await fetch(`${hooked.url}/__local/faults`, { method: 'DELETE', headers })).status).toBe(204);
    // A rule that cannot be read is refused whole, with what is wrong.
    for (const rules of ['x', [{ path: '(' }], [{ status: 503 }]]) {
      const refused = await fetch(`${hooked.url}/__local/faults`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ rules }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD' })]);
    }
    const usage = await fetch(`${hooked.url}/__local/usage`, { headers });
    expect(await usage.json()).toEqual({
      used: expect.any(Number),
      limit: DEFAULTS.dailyApiLimit,
      deliveries: { used: expect.any(Number), limit: expect.any(Number) },
    });
  });
  it('change a custom metadata record as a deployment would, and refuse what a deployment would not', async () => {
    const admin = await signIn(hooked, DEFAULTS.username);
    const headers = { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' };
    const deploy = (body: unknown) =>
      fetch(`${hooked.url}/__local/custom-metadata`, { method: 'POST', headers, body: JSON.stringify(body) });
    const read = async () =>
      (
        await admin.query<{ Reason__c: string; SystemModstamp: string }>(
          `SELECT Reason__c, SystemModstamp FROM Stance_Rule__mdt WHERE DeveloperName = 'Healthy_Customer'`,
        )
      ).records[0]!;
    const before = await read();
    const reason = 'A customer inside the strategy: keep watching.';
    expect(
      (await deploy({ type: 'Stance_Rule__mdt', developerName: 'Healthy_Customer', values: { Reason__c: reason } }))
        .status,
    ).toBe(204);
    const after = await read();
    expect(after.Reason__c).toBe(reason);
    expect(after.SystemModstamp >= before.SystemModstamp).toBe(true);
    const refusals = [
      [{ type: 'Account', developerName: 'X', values: {} }, 'INVALID_TYPE'],
      [{ type: 'Stance_Rule__mdt', developerName: 'Healthy_Customer', values: { Nope__c: 1 } }, 'INVALID_FIELD'],
      [{ type: 'Stance_Rule__mdt', developerName: 'No_Such_Rule', values: { Reason__c: 'x' } }, 'NOT_FOUND'],
      [{ type: 'Stance_Rule__mdt' }, 'MISSING_ARGUMENT'],
    ] as const;
    for (const [body, errorCode] of refusals)
      expect(await (await deploy(body)).json()).toEqual([expect.objectContaining({ errorCode })]);
  });
});
