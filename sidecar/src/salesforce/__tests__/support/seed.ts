/**
 * Accounts created in a local org through its API as the admin would create them (the integration
 * user has no Create on Account), answering their ids.
 */
import { DEFAULTS } from '../../../../../scripts/local-org/org';
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { signIn } from '../../../../../scripts/testing/signIn';

export async function createAccounts(
  running: RunningOrg,
  accounts: ReadonlyArray<Record<string, unknown>>,
): Promise<string[]> {
  const admin = await signIn(running, DEFAULTS.username);
  const results = await admin.sobject('Account').create([...accounts], { allowRecursive: true });
  const refused = results.filter((result) => !result.success);
  if (refused.length > 0) throw new Error(`the org refused ${refused.length} of the seeded accounts`);
  return results.map((result) => result.id!);
}
