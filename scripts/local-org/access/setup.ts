/**
 * The setup records every start reloads from force-app and the built-in profiles: notification
 * types, profiles, permission sets, and the assignments the README's setup makes (the admin holds
 * Stance_Admin with the System Administrator profile; the integration user holds only
 * Stance_Integration with Minimum Access - API Only Integrations, of the Salesforce Integration
 * licence, and the Salesforce API Integration permission set licence). User licences, the
 * permission set licence and permission sets keep their ids
 * across restarts, so the assignments of other users (the demo firm's) survive a reopened file.
 */
import type { ProjectMetadata } from '../../metadata/reader';
import type { Store } from '../store/store';
import type { WriteContext } from '../store/writes';
import { loadCustomPermissions } from './customPermissions';
import { permissionSetGrant, PROFILES } from './grants';
import { INTEGRATION_PSL, PROFILE_LICENCES, USER_LICENCES } from './licences';

export interface SetupUsers {
  readonly adminUserId: string;
  readonly integrationUserId: string;
}

function basename(file: string): string {
  return file.split('/').pop()!.split('.')[0]!;
}

export function loadSetupRecords(
  store: Store,
  metadata: ProjectMetadata,
  users: SetupUsers,
  profileNames: readonly string[],
  context: WriteContext,
): void {
  const db = store.db;
  db.prepare(`DELETE FROM "o_CustomNotificationType"`).run();
  const byName = (table: string) =>
    new Map(
      (db.prepare(`SELECT "Id", "Name" FROM "o_${table}"`).all() as Array<{ Id: string; Name: string }>).map((row) => [
        row.Name,
        row.Id,
      ]),
    );
  const licences = byName('UserLicense');
  for (const licence of USER_LICENCES)
    if (!licences.has(licence.Name)) licences.set(licence.Name, store.insertRaw('UserLicense', licence, context));
  const profiles = byName('Profile');
  for (const name of profileNames)
    if (!profiles.has(name)) profiles.set(name, store.insertRaw('Profile', { Name: name }, context));
  for (const [name, id] of profiles)
    db.prepare(`UPDATE "o_Profile" SET "UserLicenseId" = ? WHERE "Id" = ?`).run(
      licences.get(PROFILE_LICENCES[name] ?? '') ?? null,
      id,
    );
  const psl = db
    .prepare(`SELECT "Id" FROM "o_PermissionSetLicense" WHERE "DeveloperName" = ?`)
    .get(INTEGRATION_PSL.DeveloperName) as { Id: string } | undefined;
  if (!psl) store.insertRaw('PermissionSetLicense', INTEGRATION_PSL, context);
  assignPermissionSetLicense(store, users.integrationUserId, INTEGRATION_PSL.DeveloperName, context);
  const setProfile = db.prepare(`UPDATE "o_User" SET "ProfileId" = ? WHERE "Id" = ?`);
  setProfile.run(profiles.get(PROFILES.admin), users.adminUserId);
  setProfile.run(profiles.get(PROFILES.integration), users.integrationUserId);
  db.prepare(`UPDATE "o_User" SET "ProfileId" = ? WHERE "ProfileId" IS NULL`).run(profiles.get(PROFILES.standard));

  const sets = byName('PermissionSet');
  const shipped = new Set<string>();
  for (const file of metadata.files) {
    const name = basename(file.file);
    if (file.kind === 'notiftype') {
      store.insertRaw(
        'CustomNotificationType',
        { DeveloperName: name, CustomNotifTypeName: String(file.xml.customNotifTypeName ?? name) },
        context,
      );
    } else if (file.kind === 'permissionset') {
      shipped.add(name);
      const label = String(file.xml.label ?? name);
      const id = sets.get(name);
      if (id) db.prepare(`UPDATE "o_PermissionSet" SET "Label" = ? WHERE "Id" = ?`).run(label, id);
      else sets.set(name, store.insertRaw('PermissionSet', { Name: name, Label: label }, context));
      loadPermissions(store, sets.get(name)!, permissionSetGrant(file), context);
    }
  }
  for (const [name, id] of sets) {
    if (shipped.has(name)) continue;
    db.prepare(`DELETE FROM "o_PermissionSetAssignment" WHERE "PermissionSetId" = ?`).run(id);
    db.prepare(`DELETE FROM "o_PermissionSet" WHERE "Id" = ?`).run(id);
    sets.delete(name);
  }
  loadCustomPermissions(store, metadata, sets, context);
  const holds = { [users.adminUserId]: ['Stance_Admin'], [users.integrationUserId]: ['Stance_Integration'] };
  for (const [userId, names] of Object.entries(holds)) {
    db.prepare(`DELETE FROM "o_PermissionSetAssignment" WHERE "AssigneeId" = ?`).run(userId);
    // A package without the set (a test fixture) leaves the user with the profile alone.
    for (const name of names) if (sets.has(name)) assignPermissionSet(store, userId, name, context);
  }
}

/** A permission set's ObjectPermissions and FieldPermissions rows, as its XML grants them (reloaded each start). */
function loadPermissions(
  store: Store,
  parentId: string,
  grant: ReturnType<typeof permissionSetGrant>,
  context: WriteContext,
): void {
  store.db.prepare(`DELETE FROM "o_ObjectPermissions" WHERE "ParentId" = ?`).run(parentId);
  store.db.prepare(`DELETE FROM "o_FieldPermissions" WHERE "ParentId" = ?`).run(parentId);
  for (const [object, rights] of grant.objects)
    store.insertRaw(
      'ObjectPermissions',
      {
        ParentId: parentId,
        SobjectType: object,
        PermissionsRead: rights.read,
        PermissionsCreate: rights.create,
        PermissionsEdit: rights.edit,
        PermissionsDelete: rights.delete,
        PermissionsViewAllRecords: rights.viewAll,
        PermissionsModifyAllRecords: rights.modifyAll,
      },
      context,
    );
  for (const [field, rights] of grant.fields)
    store.insertRaw(
      'FieldPermissions',
      {
        ParentId: parentId,
        SobjectType: field.split('.')[0],
        Field: field,
        PermissionsRead: rights.read,
        PermissionsEdit: rights.edit,
      },
      context,
    );
}

/** Assigns a permission set by name (once); an unknown name is an error, as in Setup. */
export function assignPermissionSet(store: Store, userId: string, name: string, context: WriteContext): void {
  const set = store.db.prepare(`SELECT "Id" FROM "o_PermissionSet" WHERE "Name" = ?`).get(name) as
    { Id: string } | undefined;
  if (!set) throw new Error(`No permission set ${name} in the package`);
  const held = store.db
    .prepare(`SELECT 1 FROM "o_PermissionSetAssignment" WHERE "AssigneeId" = ? AND "PermissionSetId" = ?`)
    .get(userId, set.Id);
  if (!held) store.insertRaw('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: set.Id }, context);
}

/** Assigns a permission set licence by DeveloperName (once), as Setup's Permission Set License Assignments do. */
export function assignPermissionSetLicense(
  store: Store,
  userId: string,
  developerName: string,
  context: WriteContext,
): void {
  const licence = store.db
    .prepare(`SELECT "Id" FROM "o_PermissionSetLicense" WHERE "DeveloperName" = ?`)
    .get(developerName) as { Id: string } | undefined;
  if (!licence) throw new Error(`No permission set licence ${developerName}`);
  const held = store.db
    .prepare(
      `SELECT 1 FROM "o_PermissionSetLicenseAssign" WHERE "AssigneeId" = ? AND "PermissionSetLicenseId" = ? AND "IsDeleted" = 0`,
    )
    .get(userId, licence.Id);
  if (!held)
    store.insertRaw('PermissionSetLicenseAssign', { AssigneeId: userId, PermissionSetLicenseId: licence.Id }, context);
}

/** Gives a user a built-in profile by name. */
export function setProfile(store: Store, userId: string, profile: string): void {
  const row = store.db.prepare(`SELECT "Id" FROM "o_Profile" WHERE "Name" = ?`).get(profile) as
    { Id: string } | undefined;
  if (!row) throw new Error(`No profile ${profile}`);
  store.db.prepare(`UPDATE "o_User" SET "ProfileId" = ? WHERE "Id" = ?`).run(row.Id, userId);
}
