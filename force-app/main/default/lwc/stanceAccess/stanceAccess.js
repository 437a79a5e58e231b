import { errorCodes } from 'c/ldsUtils';

/**
 * What the signed-in user may do, read from UI API object info (getObjectInfo), which the org
 * answers per user: the object's createable/updateable from their object permissions, and each
 * field's from field-level security (a field they cannot read is not in `fields` at all).
 *
 * Object info speaks of the object, never of one record: sharing decides that, and the org only
 * says so when a save is refused (recordAccessRefused).
 */

/** The objects' field names of schema references ({ fieldApiName }) or plain names. */
function names(fields) {
  return fields.map((field) => (typeof field === 'string' ? field : field.fieldApiName));
}

/** True when the user may update records of the object and every one of these fields. */
export function mayUpdate(objectInfo, fields) {
  return (
    !!objectInfo &&
    objectInfo.updateable === true &&
    names(fields).every((name) => !!objectInfo.fields[name] && objectInfo.fields[name].updateable === true)
  );
}

/** True when the user may create records of the object, setting every one of these fields. */
export function mayCreate(objectInfo, fields) {
  return (
    !!objectInfo &&
    objectInfo.createable === true &&
    names(fields).every((name) => !!objectInfo.fields[name] && objectInfo.fields[name].createable === true)
  );
}

/**
 * The codes Salesforce answers a save with when the user may change the object but not this
 * record (sharing): no edit access to the record, or no access to the record it points to (a
 * master-detail parent).
 */
export const RECORD_ACCESS_CODES = ['INSUFFICIENT_ACCESS_OR_READONLY', 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY'];

/** True when a save was refused because of the user's access to the record, not its content. */
export function recordAccessRefused(error) {
  return errorCodes(error).some((code) => RECORD_ACCESS_CODES.includes(code));
}

/**
 * True when object info could not be read because the user may not see the object at all (the
 * UI API answers 403 or 404 for an object without Read), not because the org did not answer.
 */
export function objectHidden(error) {
  return !!error && (error.status === 403 || error.status === 404);
}
