/** The conformance target under `npm test`: a local org seeded with the demo, started in process. */
import { generateKeyPairSync } from 'node:crypto';
import { DEFAULTS } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import { signIn } from '../../testing/signIn';
import type { ConformanceTarget } from './target';
import { postAssertion } from './jwt';

export async function startLocalTarget(): Promise<ConformanceTarget> {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const running = await startLocalOrg({ seed: 'demo', jwtCertificate: keys.publicKey });
  return {
    name: `local org ${running.url}`,
    myDomain: running.url,
    admin: () => signIn(running, DEFAULTS.username),
    integration: () => signIn(running),
    rep: () => signIn(running, 'dana@stance.local'),
    jwtToken: (audience) =>
      postAssertion(running.url, keys.privateKey, {
        iss: DEFAULTS.clientId,
        sub: 'integration@stance.local',
        aud: audience ?? 'https://login.salesforce.com',
      }),
    close: () => running.close(),
  };
}
