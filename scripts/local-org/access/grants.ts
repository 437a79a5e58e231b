/**
 * What a profile or a permission set grants, and the three built-in profiles the local org gives
 * its users: System Administrator (the admin), Standard User (everyone else, minimal: Read,
 * Create and Edit on Account, Contact, Opportunity and Case and their standard fields) and
 * Minimum Access - API Only Integrations (the integration user: API access, nothing else).
 * Permission sets come from force-app (their XML, read by scripts/metadata).
 */
import type { MetadataFile } from '../../metadata/reader';
import { STANDARD_OBJECTS } from '../../metadata/standardObjects';

export interface ObjectRights {
  readonly read: boolean;
  readonly create: boolean;
  readonly edit: boolean;
  readonly delete: boolean;
  readonly viewAll: boolean;
  readonly modifyAll: boolean;
}

export const NO_RIGHTS: ObjectRights = {
  read: false,
  create: false,
  edit: false,
  delete: false,
  viewAll: false,
  modifyAll: false,
};

export interface Grant {
  /** Profile or permission set API name. */
  readonly name: string;
  readonly objects: ReadonlyMap<string, ObjectRights>;
  /** Field-level security by `Object.Field` (a compound field by its compound name, e.g. Account.BillingAddress). */
  readonly fields: ReadonlyMap<string, { readonly read: boolean; readonly edit: boolean }>;
  /** System permissions by API name: ApiEnabled, ViewSetup, ViewAllData, ModifyAllData, SendCustomNotifications, ... */
  readonly userPermissions: ReadonlySet<string>;
  /** Custom metadata types whose records it may read. */
  readonly customMetadataTypes: ReadonlySet<string>;
  /** Custom permissions it enables (`<customPermissions>`), by API name: SetupEntityAccess rows. */
  readonly customPermissions: ReadonlySet<string>;
}

export const PROFILES = {
  admin: 'System Administrator',
  standard: 'Standard User',
  integration: 'Minimum Access - API Only Integrations',
} as const;

const text = (value: unknown): string => (Array.isArray(value) ? text(value[0]) : String(value ?? ''));
const flag = (value: unknown): boolean => text(value) === 'true';
const list = (value: unknown): Array<Record<string, unknown>> =>
  value === undefined ? [] : Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [value as never];

/** A permission set as force-app declares it. */
export function permissionSetGrant(file: MetadataFile): Grant {
  const xml = file.xml;
  const name = file.file.split('/').pop()!.split('.')[0]!;
  return {
    name,
    objects: new Map(
      list(xml.objectPermissions).map((entry) => [
        text(entry.object),
        {
          read: flag(entry.allowRead),
          create: flag(entry.allowCreate),
          edit: flag(entry.allowEdit),
          delete: flag(entry.allowDelete),
          viewAll: flag(entry.viewAllRecords),
          modifyAll: flag(entry.modifyAllRecords),
        },
      ]),
    ),
    fields: new Map(
      list(xml.fieldPermissions).map((entry) => [
        text(entry.field),
        { read: flag(entry.readable) || flag(entry.editable), edit: flag(entry.editable) },
      ]),
    ),
    userPermissions: new Set(
      list(xml.userPermissions)
        .filter((entry) => flag(entry.enabled))
        .map((entry) => text(entry.name)),
    ),
    customMetadataTypes: new Set(
      list(xml.customMetadataTypeAccesses)
        .filter((entry) => flag(entry.enabled))
        .map((entry) => text(entry.name)),
    ),
    customPermissions: new Set(
      list(xml.customPermissions)
        .filter((entry) => flag(entry.enabled))
        .map((entry) => text(entry.name)),
    ),
  };
}

const ALL: ObjectRights = { read: true, create: true, edit: true, delete: true, viewAll: true, modifyAll: true };

/** The built-in profiles, by name. */
export function builtInProfiles(): Map<string, Grant> {
  const standardObjects = ['Account', 'Contact', 'Opportunity', 'Case'];
  const standardFields = new Map<string, { read: boolean; edit: boolean }>();
  for (const objectName of standardObjects) {
    for (const field of STANDARD_OBJECTS[objectName]?.fields ?? []) {
      if (!field.fls) continue;
      const key = field.fls === true ? field.name : field.fls;
      standardFields.set(`${objectName}.${key}`, { read: true, edit: !field.readOnly });
    }
  }
  const profiles: Grant[] = [
    {
      name: PROFILES.admin,
      objects: new Map(),
      fields: new Map(),
      // System Administrator holds every system permission; these are the ones the org checks.
      userPermissions: new Set([
        'ApiEnabled',
        'ModifyAllData',
        'ModifyMetadata',
        'ViewAllData',
        'ViewSetup',
        'ManageUsers',
        'AssignPermissionSets',
        'CustomizeApplication',
        'SendCustomNotifications',
      ]),
      customMetadataTypes: new Set(),
      customPermissions: new Set(),
    },
    {
      name: PROFILES.standard,
      objects: new Map(
        standardObjects.map((object) => [object, { ...ALL, delete: false, viewAll: false, modifyAll: false }]),
      ),
      fields: standardFields,
      userPermissions: new Set(['ApiEnabled']),
      customMetadataTypes: new Set(),
      customPermissions: new Set(),
    },
    {
      name: PROFILES.integration,
      objects: new Map(),
      fields: new Map(),
      userPermissions: new Set(['ApiEnabled']),
      customMetadataTypes: new Set(),
      customPermissions: new Set(),
    },
  ];
  return new Map(profiles.map((profile) => [profile.name, profile]));
}

/** Profile ∪ permission sets: object rights, field rights and system permissions, each the union of the grants'. */
export function unionOf(grants: readonly Grant[]): Grant {
  const objects = new Map<string, ObjectRights>();
  const fields = new Map<string, { read: boolean; edit: boolean }>();
  for (const grant of grants) {
    for (const [name, rights] of grant.objects) {
      const before = objects.get(name) ?? NO_RIGHTS;
      objects.set(name, {
        read: before.read || rights.read,
        create: before.create || rights.create,
        edit: before.edit || rights.edit,
        delete: before.delete || rights.delete,
        viewAll: before.viewAll || rights.viewAll,
        modifyAll: before.modifyAll || rights.modifyAll,
      });
    }
    for (const [name, rights] of grant.fields) {
      const before = fields.get(name) ?? { read: false, edit: false };
      fields.set(name, { read: before.read || rights.read, edit: before.edit || rights.edit });
    }
  }
  return {
    name: grants.map((grant) => grant.name).join(' + '),
    objects,
    fields,
    userPermissions: new Set(grants.flatMap((grant) => [...grant.userPermissions])),
    customMetadataTypes: new Set(grants.flatMap((grant) => [...grant.customMetadataTypes])),
    customPermissions: new Set(grants.flatMap((grant) => [...grant.customPermissions])),
  };
}

export { ALL as ALL_RIGHTS };
