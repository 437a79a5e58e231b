/** What the org tools' tests share: a local org, an admin token for it, and planting setup the package may lack. */
import type { RunningOrg } from '../../local-org/server';
import type { Target } from '../target';

/** The admin's access token, as `sf org display` would give it for an admin's alias. */
export function adminTarget(running: RunningOrg): Target {
  const session = running.org.auth.issue(running.org.adminUserId);
  return { instanceUrl: running.url, accessToken: session.token, source: running.url };
}

/** The id of one of the package's public groups, as the local org loaded it from force-app. */
export function packageGroup(running: RunningOrg, developerName: string): string {
  const found = running.org.store.db
    .prepare(`SELECT "Id" FROM "o_Group" WHERE "DeveloperName" = ? AND "IsDeleted" = 0`)
    .get(developerName) as { Id: string } | undefined;
  if (!found) throw new Error(`The package has no public group ${developerName}`);
  return found.Id;
}

/** Takes every member out of a group: as a real org has it right after the package's deploy. */
export function emptyGroup(running: RunningOrg, groupId: string): void {
  running.org.store.db.prepare(`DELETE FROM "o_GroupMember" WHERE "GroupId" = ?`).run(groupId);
}

/** Captures console.log and console.error lines while a tool's main runs. */
export async function captured(run: () => Promise<number>): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  try {
    return { code: await run(), out };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
