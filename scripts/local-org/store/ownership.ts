/**
 * Who may give a record to another owner, as Salesforce's "Ability to change ownership" says:
 * Modify All Data, Modify All on the object or the Transfer Record permission (`TransferAnyEntity`)
 * transfer any record the user may edit; otherwise the user must own the record or be above its
 * owner in the role hierarchy (`INSUFFICIENT_ACCESS_OR_READONLY`). Whoever sets the owner, on
 * create or update, the new owner must have Read on the object (`TRANSFER_REQUIRES_READ` "The new
 * owner must have read permission", Salesforce's); an inactive one is refused with the references.
 */
import type Database from 'better-sqlite3';
import { insufficientAccess } from '../access/access';
import type { UserRights } from '../access/access';
import { ApiError } from '../errors';
import type { OrgObject } from '../schema/orgSchema';
import type { Sharing } from '../sharing/sharing';
import type { SqlValue } from './values';

export interface OwnershipChecks {
  readonly db: Database.Database;
  readonly access: ((userId: string) => UserRights) | null;
  readonly sharing: Sharing | null;
}

/**
 * Refuses an owner the user may not set: `previousOwner` is the record's owner before an update,
 * null on create (where any user who may create the record may name its owner: ours, Salesforce
 * documents no other check for a create).
 */
export function checkOwner(
  checks: OwnershipChecks,
  object: OrgObject,
  row: Readonly<Record<string, SqlValue>>,
  userId: string,
  previousOwner: SqlValue | null,
): void {
  const owner = row.OwnerId;
  if (!checks.access || typeof owner !== 'string' || !object.fields.has('OwnerId')) return;
  if (previousOwner === null ? owner === userId : owner === previousOwner) return;
  const rights = checks.access(userId);
  if (previousOwner !== null) {
    const transfersAny =
      rights.object(object).modifyAll || rights.has('ModifyAllData') || rights.has('TransferAnyEntity');
    if (!transfersAny && checks.sharing && !checks.sharing.ownsOrIsAbove(userId, String(previousOwner)))
      throw insufficientAccess();
  }
  // Not a user at all: the reference check names it (INVALID_CROSS_REFERENCE_KEY); an inactive one
  // it refuses too (INACTIVE_OWNER_OR_USER, in Store.checkReferences).
  if (!checks.db.prepare(`SELECT 1 FROM "o_User" WHERE "Id" = ?`).get(owner)) return;
  if (!checks.access(owner).canRead(object))
    throw new ApiError(400, 'TRANSFER_REQUIRES_READ', 'The new owner must have read permission', ['OwnerId']);
}
