import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { loadConfig } from '../../config';
import { jwtVerify } from 'jose';
import { ChangeStream } from '../changeStream';
import type { ChangeEventMessage } from '../changeStream';
import { connect, jwtAssertion } from '../connection';

const ACCOUNT = '001000000000001AAA';

describe('the sidecar connection', () => {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo', jwtCertificate: keys.publicKey });
  });

  afterAll(() => running.close());

  it('signs in with client credentials and marks its writes with its client name', async () => {
    const conn = await connect(loadConfig({ SF_LOGIN_URL: running.url, STANCE_CLIENT_NAME: 'stance-test' }));
    await conn.sobject('Account').update({ Id: ACCOUNT, Stance_Reason__c: 'Marked' });
    // Read back as any subscriber would: the change events the org retains, from the start (-2).
    const events: ChangeEventMessage[] = [];
    const stream = new ChangeStream(conn, new Map([['/data/AccountChangeEvent', -2]]), {
      onEvent: (_channel, message) => events.push(message),
      onDropped: (_channel, problem) => {
        throw new Error(`a change event of the org's own was dropped: ${problem}`);
      },
      onSubscribeError: () => undefined, // start() answers the refusals
      onSessionDenied: () => undefined,
    });
    expect(await stream.start()).toEqual([]);
    let header: ChangeEventMessage['payload']['ChangeEventHeader'] | undefined;
    for (let waited = 0; !header && waited < 5_000; waited += 50) {
      header = events
        .map((event) => event.payload.ChangeEventHeader)
        .findLast(
          (candidate) => candidate.recordIds.includes(ACCOUNT) && candidate.changedFields.includes('Stance_Reason__c'),
        );
      if (!header) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stream.stop();
    expect(header?.changeOrigin).toBe('com/salesforce/api/rest/62.0;client=stance-test');
  });

  it('signs an RS256 assertion with exactly the claims Salesforce reads: iss, sub, aud, exp three minutes on', async () => {
    const auth = {
      kind: 'jwt-bearer',
      loginUrl: 'https://acme.my.salesforce.com',
      clientId: 'consumer-key',
      username: 'admin@example.com',
      keyFile: 'unused',
      audience: 'https://login.salesforce.com',
    } as const;
    const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    // openssl writes PKCS#1 ("BEGIN RSA PRIVATE KEY") as often as PKCS#8: both sign.
    const pkcs1 = createPrivateKey(keys.privateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
    for (const privateKey of [keys.privateKey, pkcs1]) {
      const assertion = await jwtAssertion(auth, privateKey, now);
      const { payload, protectedHeader } = await jwtVerify(assertion, createPublicKey(keys.publicKey), {
        algorithms: ['RS256'],
        currentDate: new Date(now),
      });
      expect(protectedHeader).toEqual({ alg: 'RS256' });
      expect(payload).toEqual({
        iss: 'consumer-key',
        sub: 'admin@example.com',
        aud: 'https://login.salesforce.com',
        exp: Math.floor(now / 1000) + 180,
      });
    }
  });

  it('signs in with a JWT bearer assertion it signs itself, for the audience Salesforce takes', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'stance-key-')), 'key.pem');
    writeFileSync(keyFile, keys.privateKey);
    const conn = await connect(
      loadConfig({
        SF_LOGIN_URL: running.url,
        SF_CLIENT_ID: 'stance-local',
        SF_USERNAME: 'admin@stance.local',
        SF_JWT_KEY_FILE: keyFile,
      }),
    );
    expect((await conn.identity()).username).toBe('admin@stance.local');
    // Signed for the login URL (the My Domain), as it once was, the org refuses it.
    const forMyDomain = {
      SF_LOGIN_URL: running.url,
      SF_CLIENT_ID: 'stance-local',
      SF_USERNAME: 'admin@stance.local',
      SF_JWT_KEY_FILE: keyFile,
      SF_JWT_AUDIENCE: 'https://acme.my.salesforce.com',
    };
    await expect(connect(loadConfig(forMyDomain))).rejects.toThrow(
      `Salesforce refused the jwt-bearer sign-in at ${running.url}: invalid_grant audience is invalid`,
    );
  });

  it('renews an expired session by signing in again, and says clearly when sign-in is refused', async () => {
    const conn = await connect(loadConfig({ SF_LOGIN_URL: running.url }));
    const renewed = jest.fn();
    conn.on('refresh', renewed);
    running.org.auth.expireAll();
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBeGreaterThan(0);
    expect(renewed).toHaveBeenCalledTimes(1);
    await expect(connect(loadConfig({ SF_LOGIN_URL: running.url, SF_CLIENT_SECRET: 'wrong' }))).rejects.toThrow(
      `Salesforce refused the client-credentials sign-in at ${running.url}: invalid_client invalid client credentials`,
    );
  });
});
