/**
 * Who may do what: a user's effective rights are their profile's ∪ their permission sets'
 * (PermissionSetAssignment rows), as Salesforce computes them. Object permissions (CRUD, View
 * All, Modify All), field-level security, and system permissions (Modify All Data, View All Data,
 * View Setup and Configuration, ...). Record-level sharing is not modelled here.
 */
import type Database from 'better-sqlite3';
import type { ProjectMetadata } from '../../metadata/reader';
import { STANDARD_OBJECTS } from '../../metadata/standardObjects';
import { ApiError, invalidField } from '../errors';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { SETTINGS_OBJECTS } from '../schema/setupObjects';
import { ALL_RIGHTS, builtInProfiles, NO_RIGHTS, permissionSetGrant, PROFILES, unionOf } from './grants';
import type { Grant, ObjectRights } from './grants';
import { allowsObjectPermissions, licensingOf, withoutDataPermissions } from './licences';

/** Setup objects: readable with View Setup and Configuration (Summer '20 for PermissionSetAssignment). */
const SETUP = new Set([...SETTINGS_OBJECTS.map((object) => object.name), 'Profile']);
/**
 * Readable by every user: the org itself, users (names, aliases), public groups and their members
 * through the data API (only the Tooling API's Group needs View Setup), and notification types (ours).
 */
const EVERYONE_READS = new Set(['Organization', 'User', 'UserRole', 'Group', 'GroupMember', 'CustomNotificationType']);

/** The field permission of each standard field that has one: Account.Rating, and Account.BillingCity → Account.BillingAddress. */
const COMPOUND = new Map<string, string>();
for (const object of Object.values(STANDARD_OBJECTS))
  for (const field of object.fields)
    if (field.fls)
      COMPOUND.set(`${object.name}.${field.name}`, `${object.name}.${field.fls === true ? field.name : field.fls}`);

export class UserRights {
  constructor(
    readonly userId: string,
    readonly grant: Grant,
  ) {}

  has(permission: string): boolean {
    return this.grant.userPermissions.has(permission);
  }

  object(object: OrgObject): ObjectRights {
    if (this.has('ModifyAllData')) return ALL_RIGHTS;
    const name = object.name;
    if (EVERYONE_READS.has(name)) return { ...NO_RIGHTS, read: true, viewAll: name !== 'User' ? true : false };
    if (SETUP.has(name)) {
      const read = this.has('ViewSetup') || (name !== 'Profile' && this.has('AssignPermissionSets'));
      return { ...NO_RIGHTS, read, viewAll: read };
    }
    if (object.customMetadata) {
      const read =
        this.grant.customMetadataTypes.has(name) || this.has('ViewSetup') || this.has('CustomizeApplication');
      return { ...NO_RIGHTS, read, viewAll: read };
    }
    const granted = this.grant.objects.get(name) ?? NO_RIGHTS;
    if (this.has('ViewAllData') && !object.platformEvent) return { ...granted, read: true, viewAll: true };
    return granted;
  }

  canRead(object: OrgObject): boolean {
    return this.object(object).read;
  }

  /** Field-level security: fields without it (required, master-detail, system, name, owner) follow the object. */
  canReadField(object: OrgObject, field: OrgField): boolean {
    if (!this.canRead(object)) return false;
    const key = flsKey(object, field);
    if (!key || this.has('ModifyAllData') || this.has('ViewAllData')) return true;
    return this.grant.fields.get(key)?.read === true;
  }

  canEditField(object: OrgObject, field: OrgField): boolean {
    const key = flsKey(object, field);
    if (!key || this.has('ModifyAllData')) return true;
    return this.grant.fields.get(key)?.edit === true;
  }

  /** Refuses a create, update or delete the user's object permissions do not allow, or a field they cannot edit. */
  checkWrite(object: OrgObject, operation: 'create' | 'edit' | 'delete', fieldNames: readonly string[]): void {
    const rights = this.object(object);
    const allowed = operation === 'create' ? rights.create : operation === 'edit' ? rights.edit : rights.delete;
    if (!rights.read) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (!allowed) throw insufficientAccess();
    const refused = fieldNames
      .map(
        (name) =>
          object.fields.get(name) ??
          [...object.fields.values()].find((f) => f.name.toLowerCase() === name.toLowerCase()),
      )
      .filter((field): field is OrgField => field !== undefined && !this.canEditField(object, field))
      .map((field) => field.name);
    if (refused.length > 0) throw unwritableFields(refused);
  }

  /** The answer to a SOQL path naming a field the user cannot read: as for a field that does not exist. */
  checkReadField(object: OrgObject, field: OrgField): void {
    if (!this.canReadField(object, field)) {
      throw invalidField(
        `No such column '${field.name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
  }
}

export function insufficientAccess(): ApiError {
  return new ApiError(400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
}

export function unwritableFields(fields: readonly string[]): ApiError {
  return new ApiError(
    400,
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    fields,
  );
}

/**
 * The field permission that governs a field, as `Object.Field`, or null when field-level security
 * does not apply: system fields, Id, Name, OwnerId, required and master-detail fields, and the
 * fields of platform events and custom metadata types.
 */
export function flsKey(object: OrgObject, field: OrgField): string | null {
  if (object.platformEvent || object.customMetadata) return null;
  if (!field.custom) return COMPOUND.get(`${object.name}.${field.name}`) ?? null;
  // A custom field that is required (not nillable, not a checkbox) or a master-detail has no FLS.
  if (field.cascadeDelete || (!field.nillable && field.type !== 'boolean')) return null;
  return `${object.name}.${field.name}`;
}

/** Computes users' rights from their profile and their permission set assignments. */
export class Access {
  private readonly profiles = builtInProfiles();
  private readonly permissionSets: ReadonlyMap<string, Grant>;
  private readonly cache = new Map<string, UserRights>();

  constructor(
    metadata: ProjectMetadata,
    private readonly db: Database.Database,
  ) {
    this.permissionSets = new Map(
      metadata.files
        .filter((file) => file.kind === 'permissionset')
        .map((file) => permissionSetGrant(file))
        .map((grant) => [grant.name, grant]),
    );
  }

  profileNames(): string[] {
    return [...this.profiles.keys()];
  }

  /** A package permission set's grant, by name. */
  permissionSet(name: string): Grant | undefined {
    return this.permissionSets.get(name);
  }

  rightsOf(userId: string): UserRights {
    const row = this.db
      .prepare(
        `SELECT p."Name" AS profile,
          (SELECT group_concat(ps."Name", ',') FROM "o_PermissionSetAssignment" a JOIN "o_PermissionSet" ps ON ps."Id" = a."PermissionSetId"
            WHERE a."AssigneeId" = u."Id" AND a."IsDeleted" = 0) AS sets
         FROM "o_User" u LEFT JOIN "o_Profile" p ON p."Id" = u."ProfileId" WHERE u."Id" = ?`,
      )
      .get(userId) as { profile: string | null; sets: string | null } | undefined;
    const profile = row?.profile ?? PROFILES.standard;
    const sets = (row?.sets ?? '').split(',').filter(Boolean).sort();
    // A Salesforce Integration user's permission sets give object and field permissions only with the
    // Salesforce API Integration permission set licence.
    const licensed = allowsObjectPermissions(licensingOf(this.db, userId));
    const key = `${userId}|${profile}|${sets.join(',')}|${licensed}`;
    let rights = this.cache.get(key);
    if (!rights) {
      const granted = sets
        .map((name) => this.permissionSets.get(name))
        .filter((grant): grant is Grant => grant !== undefined)
        .map((grant) => (licensed ? grant : withoutDataPermissions(grant)));
      const grants = [this.profiles.get(profile), ...granted].filter((grant): grant is Grant => grant !== undefined);
      rights = new UserRights(userId, unionOf(grants));
      this.cache.set(key, rights);
    }
    return rights;
  }
}
