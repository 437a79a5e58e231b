/** Accounts created in a local org through its API, as any client would (owned by the integration user that signs in), answering their ids. */
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { loadConfig } from '../../../config';
import { connect } from '../../connection';

export async function createAccounts(
  running: RunningOrg,
  accounts: ReadonlyArray<Record<string, unknown>>,
): Promise<string[]> {
  const conn = await connect({ ...loadConfig({ SF_LOGIN_URL: running.url }), clientName: 'stance-test-seed' });
  const results = await conn.sobject('Account').create([...accounts], { allowRecursive: true });
  const refused = results.filter((result) => !result.success);
  if (refused.length > 0) throw new Error(`the org refused ${refused.length} of the seeded accounts`);
  return results.map((result) => result.id!);
}
