/**
 * The bench's side of the local org: people signed in as themselves (a rep edits her accounts,
 * support reports signals, the admin retitles contacts and changes a rule), and the org's own
 * counters (API calls and event deliveries), read through the admin's test hook, which is not an
 * API call.
 */
import { Connection } from 'jsforce';
import { DEFAULTS } from '../../local-org/org';

export async function signInAs(url: string, username: string): Promise<Connection> {
  const conn = new Connection({
    oauth2: { loginUrl: url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
    version: '62.0',
    callOptions: { client: 'bench-scale' },
  });
  await conn.login(username, DEFAULTS.password);
  return conn;
}

export interface OrgCounters {
  /** API calls counted today (everyone's). */
  readonly apiCalls: number;
  /** Events delivered to subscribers in the last 24 hours. */
  readonly deliveries: number;
}

export class OrgCounter {
  /** API calls the bench itself made (edits, queries), taken out of the sidecar's share. */
  benchCalls = 0;

  constructor(
    private readonly url: string,
    private readonly admin: Connection,
  ) {}

  async read(): Promise<OrgCounters> {
    const answer = await fetch(`${this.url}/__local/usage`, {
      headers: { authorization: `Bearer ${this.admin.accessToken}` },
    });
    if (!answer.ok) throw new Error(`GET /__local/usage answered ${answer.status}: start the org with --test-hooks`);
    const body = (await answer.json()) as { used: number; deliveries: { used: number } };
    return { apiCalls: body.used, deliveries: body.deliveries.used };
  }

  /** A custom metadata record changed as a deployment would (what an admin does in Setup). */
  async deploy(type: string, developerName: string, values: Record<string, unknown>): Promise<void> {
    const answer = await fetch(`${this.url}/__local/custom-metadata`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.admin.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type, developerName, values }),
    });
    if (answer.status !== 204) throw new Error(`deploying ${type}.${developerName}: ${await answer.text()}`);
  }
}

/** Counts between two readings, the bench's own calls taken out. */
export function spent(before: OrgCounters, after: OrgCounters, benchCalls: number): OrgCounters {
  return { apiCalls: after.apiCalls - before.apiCalls - benchCalls, deliveries: after.deliveries - before.deliveries };
}
