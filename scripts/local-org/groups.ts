/**
 * The package's public groups (force-app's groups/), loaded at every start: a group keeps its id
 * across starts of a file database, and its members (data, not metadata) stay as they were. A
 * group new to the org gets the members the docs tell admins to add: Stance_Admins the org's
 * admin, Stance_Integration_Users the integration user (the sharing rule that lets it edit every
 * account names that group).
 */
import type { ProjectMetadata } from '../metadata/reader';
import type { Store } from './store/store';
import type { WriteContext } from './store/writes';

export function loadGroups(
  store: Store,
  metadata: ProjectMetadata,
  context: WriteContext,
  firstMembers: Readonly<Record<string, readonly string[]>>,
): void {
  const find = store.db.prepare(`SELECT "Id" FROM "o_Group" WHERE "DeveloperName" = ? AND "IsDeleted" = 0`);
  for (const file of metadata.files.filter((candidate) => candidate.kind === 'group')) {
    const developerName = file.file.split('/').pop()!.split('.')[0]!;
    if (find.get(developerName)) continue;
    const groupId = store.insertRaw(
      'Group',
      {
        Name: String(file.xml.name ?? developerName),
        DeveloperName: developerName,
        Type: 'Regular',
        DoesIncludeBosses: String(file.xml.doesIncludeBosses) === 'true',
      },
      context,
    );
    for (const userId of firstMembers[developerName] ?? [])
      store.insertRaw('GroupMember', { GroupId: groupId, UserOrGroupId: userId }, context);
  }
}

/**
 * The users a notification reaches: a user id itself, a group id every active user in the group
 * (and in groups within it).
 */
export function recipientsOf(store: Store, ids: readonly string[]): string[] {
  const members = store.db.prepare(
    `SELECT m."UserOrGroupId" AS id FROM "o_GroupMember" m WHERE m."GroupId" = ? AND m."IsDeleted" = 0`,
  );
  const active = store.db.prepare(`SELECT 1 FROM "o_User" WHERE "Id" = ? AND "IsActive" = 1 AND "IsDeleted" = 0`);
  const users = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    if (id.startsWith('00G')) for (const row of members.all(id) as Array<{ id: string }>) visit(row.id);
    else if (id.startsWith('005') && active.get(id)) users.add(id);
  };
  ids.forEach(visit);
  return [...users];
}
