/**
 * The conformance target under `npm run test:org`: a real org. The admin and a rep come from
 * access tokens test:org takes from the Salesforce CLI (--target-org, --rep-org); the integration
 * user signs in as the sidecar does, from the sidecar's own SF_* variables (sidecar/src/config.ts).
 */
import { readFileSync } from 'node:fs';
import { Connection } from 'jsforce';
import { loadConfig } from '../../../sidecar/src/config';
import { API_VERSION } from '../target';
import { postAssertion } from './jwt';
import { ORG_ENV } from './target';
import type { ConformanceTarget } from './target';

function fromToken(url: string | undefined, token: string | undefined, who: string): Promise<Connection> {
  if (!url || !token) return Promise.reject(new Error(`No ${who} for this org`));
  return Promise.resolve(new Connection({ instanceUrl: url, accessToken: token, version: API_VERSION }));
}

async function integrationFromSidecarEnv(env: NodeJS.ProcessEnv): Promise<Connection> {
  const { auth, apiVersion } = loadConfig(env);
  if (auth.kind === 'access-token')
    return new Connection({ instanceUrl: auth.instanceUrl, accessToken: auth.accessToken, version: apiVersion });
  if (auth.kind === 'client-credentials') {
    const conn = new Connection({
      oauth2: { loginUrl: auth.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret },
      version: apiVersion,
    });
    await conn.authorize({ grant_type: 'client_credentials' });
    return conn;
  }
  const answer = await postAssertion(auth.loginUrl, readFileSync(auth.keyFile, 'utf8'), {
    iss: auth.clientId,
    sub: auth.username,
    aud: auth.audience,
  });
  if (answer.status !== 200) throw new Error(`JWT bearer sign-in refused: ${JSON.stringify(answer.body)}`);
  return new Connection({
    instanceUrl: String(answer.body.instance_url),
    accessToken: String(answer.body.access_token),
    version: apiVersion,
  });
}

export function orgTarget(env: NodeJS.ProcessEnv = process.env): ConformanceTarget {
  const adminUrl = env[ORG_ENV.adminUrl];
  const myDomain = (adminUrl ?? env.SF_INSTANCE_URL ?? env.SF_LOGIN_URL ?? '').replace(/\/+$/, '');
  return {
    name: `org ${myDomain}`,
    myDomain,
    admin: () => fromToken(adminUrl, env[ORG_ENV.adminToken], 'admin (--target-org)'),
    integration: () => integrationFromSidecarEnv(env),
    rep: () => fromToken(env[ORG_ENV.repUrl], env[ORG_ENV.repToken], 'rep (--rep-org)'),
    jwtToken: async (audience) => {
      const { auth } = loadConfig(env);
      if (auth.kind !== 'jwt-bearer') throw new Error('The sidecar is not configured for the JWT bearer flow');
      return postAssertion(auth.loginUrl, readFileSync(auth.keyFile, 'utf8'), {
        iss: auth.clientId,
        sub: auth.username,
        aud: audience ?? auth.audience,
      });
    },
    close: () => Promise.resolve(),
  };
}
