/**
 * User licences and the permission set licence the integration user needs, as Salesforce Help's
 * "Give Integration Users API Only Access" describes them: the Salesforce Integration user licence
 * makes the Minimum Access - API Only Integrations profile and the Salesforce API Integration
 * permission set licence available; a user of that licence gets object and field permissions from
 * a permission set only while holding that permission set licence. Assigning such a set without it
 * is refused with Salesforce's message ("Can't assign permission set ... The user license doesn't
 * allow the permission: ..."); a set whose licence is later removed grants nothing more (ours).
 */
import type Database from 'better-sqlite3';
import { ApiError } from '../errors';
import type { OrgObject, OrgSchema } from '../schema/orgSchema';
import type { SqlValue } from '../store/values';
import type { Grant, ObjectRights } from './grants';
import { PROFILES } from './grants';

export const LICENCES = { salesforce: 'Salesforce', integration: 'Salesforce Integration' } as const;

/** Each built-in profile's user licence (Profile.UserLicenseId). */
export const PROFILE_LICENCES: Readonly<Record<string, string>> = {
  [PROFILES.admin]: LICENCES.salesforce,
  [PROFILES.standard]: LICENCES.salesforce,
  [PROFILES.integration]: LICENCES.integration,
};

/** The user licences, as UserLicense answers them (LicenseDefinitionKey is Salesforce's). */
export const USER_LICENCES = [
  { Name: LICENCES.salesforce, MasterLabel: LICENCES.salesforce, LicenseDefinitionKey: 'SFDC', Status: 'Active' },
  {
    Name: LICENCES.integration,
    MasterLabel: LICENCES.integration,
    LicenseDefinitionKey: 'PID_SALESFORCE_INTEGRATION',
    Status: 'Active',
  },
] as const;

/** The Salesforce API Integration permission set licence. */
export const INTEGRATION_PSL = {
  DeveloperName: 'SalesforceAPIIntegrationPsl',
  MasterLabel: 'Salesforce API Integration',
  PermissionSetLicenseKey: 'SalesforceAPIIntegrationPsl',
  Status: 'Active',
  TotalLicenses: 5,
} as const;

/** A user's licence and whether they hold the integration permission set licence. */
export interface Licensing {
  readonly licence: string | null;
  readonly integrationPsl: boolean;
}

export function licensingOf(db: Database.Database, userId: string): Licensing {
  const row = db
    .prepare(
      `SELECT l."Name" AS licence,
        (SELECT count(*) FROM "o_PermissionSetLicenseAssign" a JOIN "o_PermissionSetLicense" p ON p."Id" = a."PermissionSetLicenseId"
          WHERE a."AssigneeId" = u."Id" AND a."IsDeleted" = 0 AND p."DeveloperName" = ?) AS psl
       FROM "o_User" u LEFT JOIN "o_Profile" pr ON pr."Id" = u."ProfileId" LEFT JOIN "o_UserLicense" l ON l."Id" = pr."UserLicenseId"
       WHERE u."Id" = ?`,
    )
    .get(INTEGRATION_PSL.DeveloperName, userId) as { licence: string | null; psl: number } | undefined;
  return { licence: row?.licence ?? null, integrationPsl: (row?.psl ?? 0) > 0 };
}

/** Whether the licence lets a permission set's object and field permissions count. */
export function allowsObjectPermissions(licensing: Licensing): boolean {
  return licensing.licence !== LICENCES.integration || licensing.integrationPsl;
}

/** What a permission set still grants under a licence that allows no object or field permissions. */
export function withoutDataPermissions(grant: Grant): Grant {
  return { ...grant, objects: new Map(), fields: new Map() };
}

const PERMISSION_NAMES: ReadonlyArray<[keyof ObjectRights, string]> = [
  ['read', 'Read'],
  ['create', 'Create'],
  ['edit', 'Edit'],
  ['delete', 'Delete'],
  ['viewAll', 'View All'],
  ['modifyAll', 'Modify All'],
];

/** The first object or field permission of a set, in Salesforce's wording ("Read Accounts"), or null. */
export function firstDataPermission(grant: Grant, schema: OrgSchema): string | null {
  for (const [objectName, rights] of grant.objects) {
    const plural = schema.object(objectName)?.labelPlural ?? objectName;
    for (const [key, label] of PERMISSION_NAMES) if (rights[key]) return `${label} ${plural}`;
  }
  for (const [field, rights] of grant.fields)
    if (rights.read || rights.edit) return `${rights.edit ? 'Edit' : 'Read'} ${field}`;
  return null;
}

/**
 * The check a PermissionSetAssignment create passes: a Salesforce Integration user without the
 * Salesforce API Integration permission set licence may not be given a set with object or field
 * permissions. FIELD_INTEGRITY_EXCEPTION with the message Setup shows.
 */
export function permissionSetLicenceCheck(
  db: Database.Database,
  schema: OrgSchema,
  permissionSet: (name: string) => Grant | undefined,
): (object: OrgObject, row: Readonly<Record<string, SqlValue>>) => void {
  return (object, row) => {
    if (object.name !== 'PermissionSetAssignment') return;
    const assignee = String(row.AssigneeId ?? '');
    const set = db.prepare(`SELECT "Name", "Label" FROM "o_PermissionSet" WHERE "Id" = ?`).get(row.PermissionSetId) as
      { Name: string; Label: string | null } | undefined;
    if (!set) return;
    const licensing = licensingOf(db, assignee);
    if (allowsObjectPermissions(licensing)) return;
    const grant = permissionSet(set.Name);
    const refused = grant ? firstDataPermission(grant, schema) : null;
    if (!refused) return;
    const user = db
      .prepare(
        `SELECT COALESCE("Name", TRIM(COALESCE("FirstName", '') || ' ' || "LastName")) AS "Name" FROM "o_User" WHERE "Id" = ?`,
      )
      .get(assignee) as { Name: string } | undefined;
    throw new ApiError(
      400,
      'FIELD_INTEGRITY_EXCEPTION',
      `Can't assign permission set ${set.Label ?? set.Name} to user ${user?.Name ?? assignee}. The user license doesn't allow the permission: ${refused}`,
    );
  };
}
