/**
 * A jsforce connection to a local org as tests need one: the integration user (client
 * credentials), or a named user through the password grant (every seeded user's password is
 * the org's).
 */
import { Connection } from 'jsforce';
import { DEFAULTS } from '../local-org/org';
import type { RunningOrg } from '../local-org/server';

export async function signIn(running: RunningOrg, username?: string, version = '62.0'): Promise<Connection> {
  const conn = new Connection({
    oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
    version,
  });
  if (username) await conn.login(username, DEFAULTS.password);
  else await conn.authorize({ grant_type: 'client_credentials' });
  return conn;
}
