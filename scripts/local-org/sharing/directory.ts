/**
 * Who is where, for sharing: the role hierarchy (UserRole.ParentRoleId, User.UserRoleId) and
 * public group membership (GroupMember, groups within groups), read from the org's tables at each
 * question so that a change of role or membership counts at once, as Salesforce's recalculation
 * makes it count (there after a while; here at once).
 */
import type Database from 'better-sqlite3';
import type { SharingTarget } from '../../metadata/sharingRules';

export class Directory {
  constructor(private readonly db: Database.Database) {}

  /** The users whose role lies below this user's role (its subordinates, at any depth). */
  usersBelow(userId: string): string[] {
    const row = this.db.prepare(`SELECT "UserRoleId" AS role FROM "o_User" WHERE "Id" = ?`).get(userId) as
      { role: string | null } | undefined;
    if (!row?.role) return [];
    const below = this.rolesBelow(row.role, false);
    return below.length === 0 ? [] : this.usersInRoles(below);
  }

  /** Whether the user is among those a rule's target names. */
  includes(target: SharingTarget, userId: string): boolean {
    return target.kind === 'allInternalUsers' || this.usersOf(target).includes(userId);
  }

  /** The users a target names (inactive ones too: their records stay shared). */
  usersOf(target: SharingTarget): string[] {
    switch (target.kind) {
      case 'allInternalUsers':
        return (
          this.db.prepare(`SELECT "Id" FROM "o_User" WHERE "IsDeleted" = 0`).all() as Array<{
            Id: string;
          }>
        ).map((row) => row.Id);
      case 'group':
        return this.groupMembers(target.name);
      case 'role':
      case 'roleAndSubordinates': {
        const role = this.db
          .prepare(`SELECT "Id" FROM "o_UserRole" WHERE "DeveloperName" = ? AND "IsDeleted" = 0`)
          .get(target.name) as { Id: string } | undefined;
        if (!role) return [];
        return this.usersInRoles(target.kind === 'role' ? [role.Id] : this.rolesBelow(role.Id, true));
      }
    }
  }

  private groupMembers(developerName: string): string[] {
    const group = this.db
      .prepare(`SELECT "Id" FROM "o_Group" WHERE "DeveloperName" = ? AND "IsDeleted" = 0`)
      .get(developerName) as { Id: string } | undefined;
    if (!group) return [];
    const members = this.db.prepare(
      `SELECT "UserOrGroupId" AS id FROM "o_GroupMember" WHERE "GroupId" = ? AND "IsDeleted" = 0`,
    );
    const users = new Set<string>();
    const seen = new Set<string>();
    const visit = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      if (id.startsWith('00G')) for (const row of members.all(id) as Array<{ id: string }>) visit(row.id);
      else if (id.startsWith('005')) users.add(id);
    };
    visit(group.Id);
    return [...users];
  }

  /** The roles below a role (and the role itself when asked). */
  private rolesBelow(roleId: string, inclusive: boolean): string[] {
    const rows = this.db
      .prepare(
        `WITH RECURSIVE below(id) AS (
           SELECT "Id" FROM "o_UserRole" WHERE "ParentRoleId" = ? AND "IsDeleted" = 0
           UNION SELECT r."Id" FROM "o_UserRole" r JOIN below ON r."ParentRoleId" = below.id WHERE r."IsDeleted" = 0
         ) SELECT id FROM below`,
      )
      .all(roleId) as Array<{ id: string }>;
    return [...(inclusive ? [roleId] : []), ...rows.map((row) => row.id)];
  }

  private usersInRoles(roles: readonly string[]): string[] {
    const rows = this.db
      .prepare(
        `SELECT "Id" FROM "o_User" WHERE "UserRoleId" IN (${roles.map(() => '?').join(', ')}) AND "IsDeleted" = 0`,
      )
      .all(...roles) as Array<{ Id: string }>;
    return rows.map((row) => row.Id);
  }
}
