/**
 * Custom permissions from force-app's customPermissions/ and the SetupEntityAccess rows that say
 * which permission sets enable them (each set's `<customPermissions>`), reloaded every start as
 * the other setup records are. A custom permission keeps its id across restarts, as the permission
 * sets do, so an id a client holds stays good.
 */
import type { ProjectMetadata } from '../../metadata/reader';
import type { Store } from '../store/store';
import type { WriteContext } from '../store/writes';
import { permissionSetGrant } from './grants';

const text = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : Array.isArray(value) ? text(value[0]) : String(value);

export function loadCustomPermissions(
  store: Store,
  metadata: ProjectMetadata,
  permissionSets: ReadonlyMap<string, string>,
  context: WriteContext,
): void {
  const db = store.db;
  const existing = new Map(
    (
      db.prepare(`SELECT "Id", "DeveloperName" FROM "o_CustomPermission"`).all() as Array<{
        Id: string;
        DeveloperName: string;
      }>
    ).map((row) => [row.DeveloperName, row.Id]),
  );
  const shipped = new Map<string, string>();
  for (const file of metadata.files.filter((candidate) => candidate.kind === 'customPermission')) {
    const name = file.file.split('/').pop()!.split('.')[0]!;
    const values = {
      MasterLabel: text(file.xml.label) ?? name,
      Description: text(file.xml.description) ?? null,
    };
    const id = existing.get(name);
    if (id) {
      db.prepare(`UPDATE "o_CustomPermission" SET "MasterLabel" = ?, "Description" = ? WHERE "Id" = ?`).run(
        values.MasterLabel,
        values.Description,
        id,
      );
      shipped.set(name, id);
    } else {
      shipped.set(name, store.insertRaw('CustomPermission', { DeveloperName: name, ...values }, context));
    }
  }
  for (const [name, id] of existing)
    if (!shipped.has(name)) db.prepare(`DELETE FROM "o_CustomPermission" WHERE "Id" = ?`).run(id);

  db.prepare(`DELETE FROM "o_SetupEntityAccess" WHERE "SetupEntityType" = 'CustomPermission'`).run();
  for (const file of metadata.files.filter((candidate) => candidate.kind === 'permissionset')) {
    const grant = permissionSetGrant(file);
    const parentId = permissionSets.get(grant.name);
    if (!parentId) continue;
    for (const permission of grant.customPermissions) {
      const entityId = shipped.get(permission);
      // A set enabling a custom permission the package lacks does not deploy; the deploy checks say so.
      if (!entityId) continue;
      store.insertRaw(
        'SetupEntityAccess',
        { ParentId: parentId, SetupEntityId: entityId, SetupEntityType: 'CustomPermission' },
        context,
      );
    }
  }
}
