/** What tests of the sidecar need from the local org: faults, JWT bearer, gap events, replay limits. */
import { generateKeyPairSync, createSign } from 'node:crypto';
import { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/api/streaming';
import { disconnectStreaming } from '../../testing/streaming';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { DEFAULTS } from '../org';
import { subscribed, until } from './support/streaming';

jest.setTimeout(60_000);

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function assertion(privateKey: string, claims: Record<string, unknown>, alg = 'RS256'): string {
  const header = base64url(JSON.stringify({ alg }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

describe('the local org for integration tests', () => {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  let running: RunningOrg;
  let conn: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo', jwtCertificate: keys.publicKey });
    conn = new Connection({
      oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
      version: '62.0',
    });
    // The admin (System Administrator): these tests are about the API, not about one user's rights.
    await conn.login(DEFAULTS.username, DEFAULTS.password);
  });

  afterAll(() => running.close());
  afterEach(() => running.org.faults.clear());

  it('signs in with a JWT bearer assertion verified against the configured certificate', async () => {
    const claims = {
      iss: DEFAULTS.clientId,
      sub: DEFAULTS.username,
      aud: 'https://login.salesforce.com',
      exp: Math.floor(Date.now() / 1000) + 300,
    };
    const jwt = new Connection({ oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId }, version: '62.0' });
    await jwt.authorize({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: assertion(keys.privateKey, claims),
    });
    expect((await jwt.identity()).username).toBe(DEFAULTS.username);

    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const forged = new Connection({ oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId }, version: '62.0' });
    await expect(
      forged.authorize({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: assertion(other.privateKey, claims),
      }),
    ).rejects.toThrow(/invalid assertion signature/);
  });

  it('refuses a JWT bearer assertion that is expired, for another client or audience, or not RS256', async () => {
    const claims = {
      iss: DEFAULTS.clientId,
      sub: DEFAULTS.username,
      aud: 'https://login.salesforce.com',
      exp: Math.floor(Date.now() / 1000) + 300,
    };
    const refusal = async (signed: string) => {
      const response = await fetch(`${running.url}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signed }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    };
    expect(await refusal(assertion(keys.privateKey, { ...claims, exp: Math.floor(Date.now() / 1000) - 60 }))).toEqual({
      status: 400,
      error: 'invalid_grant',
      error_description: 'expired authorization code',
    });
    expect(await refusal(assertion(keys.privateKey, { ...claims, iss: 'someone-else' }))).toEqual({
      status: 400,
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
    // The audience is Salesforce's login host, not the My Domain (here the local org) the token request goes to.
    for (const aud of [running.url, 'https://acme.my.salesforce.com', ['https://login.salesforce.com', 'x']]) {
      expect(await refusal(assertion(keys.privateKey, { ...claims, aud }))).toEqual({
        status: 400,
        error: 'invalid_grant',
        error_description: 'audience is invalid',
      });
    }
    expect(await refusal(assertion(keys.privateKey, { ...claims, aud: 'https://test.salesforce.com' }))).toMatchObject({
      access_token: expect.any(String),
    });
    expect(await refusal(assertion(keys.privateKey, claims, 'HS256'))).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      error_description: 'invalid assertion: alg must be RS256',
    });
    expect(await refusal('not.a-jwt')).toMatchObject({ status: 400, error: 'invalid_grant' });
  });

  it('refuses bad client credentials as Salesforce does', async () => {
    const wrong = new Connection({
      oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: 'nope' },
      version: '62.0',
    });
    await expect(wrong.authorize({ grant_type: 'client_credentials' })).rejects.toThrow(/invalid client credentials/);
  });

  it('injects scripted 503s that jsforce retries on reads', async () => {
    running.org.faults.add({ path: '/query', method: 'GET', status: 503, times: 2 });
    const result = await conn.query('SELECT COUNT() FROM Account');
    expect(result.totalSize).toBeGreaterThan(0);
    expect(running.org.faults.match('GET', '/services/data/v62.0/query')).toBeNull();
  });

  it('injects 500s on writes, which jsforce does not retry', async () => {
    running.org.faults.add({ path: '/composite/sobjects', status: 500, times: 1 });
    await expect(conn.sobject('Account').update([{ Id: '001000000000001AAA', Rating: 'Warm' }])).rejects.toMatchObject({
      errorCode: 'UNKNOWN_EXCEPTION',
    });
    const [retried] = await conn.sobject('Account').update([{ Id: '001000000000001AAA', Rating: 'Warm' }]);
    expect(retried).toMatchObject({ success: true });
  });

  it('sends GAP and GAP_OVERFLOW events on demand', async () => {
    const channel = '/data/AccountChangeEvent';
    const events: Array<{ payload: { ChangeEventHeader: { changeType: string; recordIds: string[] } } }> = [];
    const client = conn.streaming.createClient([new StreamingExtension.Replay(channel, -1)]);
    const subscription = client.subscribe(channel, (message: (typeof events)[number]) => events.push(message));
    await subscribed(subscription);
    running.org.emitGap('Account', 'GAP_UPDATE', ['001000000000001AAA']);
    running.org.emitGap('Account', 'GAP_OVERFLOW');
    await until('the GAP events', () => events.length >= 2);
    expect(events.map((event) => event.payload.ChangeEventHeader)).toEqual([
      expect.objectContaining({ changeType: 'GAP_UPDATE', recordIds: ['001000000000001AAA'] }),
      expect.objectContaining({ changeType: 'GAP_OVERFLOW', recordIds: [] }),
    ]);
    subscription.cancel();
    (client as unknown as { disconnect(): void }).disconnect();
  });

  it('refuses to replay from an id older than what it retains', async () => {
    // An org whose clock the test moves: retention passes for the first events only.
    let now = Date.now();
    const aged = await startLocalOrg({ seed: 'demo', retentionHours: 1, clock: () => now });
    try {
      const agedConn = new Connection({
        oauth2: { loginUrl: aged.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
        version: '62.0',
      });
      await agedConn.login(DEFAULTS.username, DEFAULTS.password);
      const channel = '/data/AccountChangeEvent';
      for (let i = 0; i < 9; i++)
        await agedConn.sobject('Account').update({ Id: '001000000000001AAA', NumberOfEmployees: i });
      now += 90 * 60_000;
      await agedConn.sobject('Account').update({ Id: '001000000000001AAA', NumberOfEmployees: 9 });
      const oldest = aged.org.hub.oldestReplayId(channel)!;
      expect(oldest).toBeGreaterThan(5);
      const client = agedConn.streaming.createClient([new StreamingExtension.Replay(channel, oldest - 3)]);
      const failure = await new Promise<string>((resolve) => {
        client
          .subscribe(channel, () => undefined)
          .then(
            () => resolve('subscribed'),
            (error: Error) => resolve(error.message),
          );
      });
      expect(failure).toMatch(/The replayId \{\d+\} you provided was invalid/);
      await disconnectStreaming(client);
    } finally {
      await aged.close();
    }
  });

  it('seeds the demo firm, with every stance represented in its data', async () => {
    const accounts = await conn.query<{ Name: string; Type: string }>('SELECT Name, Type FROM Account ORDER BY Name');
    expect(accounts.records.map((account) => account.Name)).toEqual(
      expect.arrayContaining(['Kakao Werke GmbH', 'Pacific Paper Co.', 'Andes Mining Supplies']),
    );
    const signals = await conn.query('SELECT COUNT() FROM Stance_Signal__c');
    expect(signals.totalSize).toBeGreaterThan(3);
  });
});
