/** Converting field values between the API's JSON, SQLite columns and Salesforce's output formats. */
import { ApiError } from '../errors';
import { normaliseId } from '../ids';
import type { OrgField, OrgObject } from '../schema/orgSchema';

export type SqlValue = string | number | null;

/** The value to store for a field, or an ApiError naming the field and what is wrong. */
export function toSql(object: OrgObject, field: OrgField, value: unknown): SqlValue {
  if (value === null || value === undefined || value === '') {
    if (field.type === 'boolean') return 0;
    return null;
  }
  const bad = (expected: string) =>
    new ApiError(
      400,
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${expected} from ${JSON.stringify(value)} for ${object.name}.${field.name}`,
      [field.name],
    );
  switch (field.type) {
    case 'boolean':
      if (value === true || value === 'true') return 1;
      if (value === false || value === 'false') return 0;
      throw bad('boolean');
    case 'double':
    case 'currency':
    case 'percent':
    case 'int': {
      const number =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(number)) throw bad(field.type);
      return field.type === 'int' ? Math.trunc(number) : number;
    }
    case 'date': {
      const text = String(value);
      const day = /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
      if (
        !day ||
        Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ||
        new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
      ) {
        throw new ApiError(
          400,
          'INVALID_TYPE_ON_FIELD_IN_RECORD',
          `${field.label}: value not of required type: ${text}`,
          [field.name],
        );
      }
      return day;
    }
    case 'datetime': {
      const ms = Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (Number.isNaN(ms))
        throw new ApiError(
          400,
          'INVALID_TYPE_ON_FIELD_IN_RECORD',
          `${field.label}: value not of required type: ${String(value)}`,
          [field.name],
        );
      return new Date(ms).toISOString();
    }
    case 'reference':
    case 'id': {
      const id = typeof value === 'string' ? normaliseId(value) : null;
      if (!id)
        throw new ApiError(400, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(value)}`, [
          field.name,
        ]);
      return id;
    }
    default: {
      if (typeof value !== 'string') {
        if (typeof value === 'number' || typeof value === 'boolean') return checkText(field, String(value));
        throw bad('string');
      }
      return checkText(field, value);
    }
  }
}

function checkText(field: OrgField, value: string): string | null {
  if (field.length > 0 && value.length > field.length) {
    throw new ApiError(
      400,
      'STRING_TOO_LONG',
      `${field.label}: data value too large: ${value.slice(0, 40)}… (max length=${field.length})`,
      [field.name],
    );
  }
  if (field.type === 'multipicklist') return multiSelect(field, value);
  if (
    field.type === 'picklist' &&
    field.restrictedPicklist &&
    !field.picklistValues.some((entry) => entry.value === value)
  ) {
    throw badPicklistValue(field, value);
  }
  return value;
}

function badPicklistValue(field: OrgField, value: string): ApiError {
  return new ApiError(
    400,
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    `${field.label}: bad value for restricted picklist field: ${value}`,
    [field.name],
  );
}

/**
 * A multi-select picklist's value as Salesforce stores it: the chosen values joined by `;`, each
 * once; with a restricted list, every one of them must be a value of the list (the first that is
 * not is named).
 */
function multiSelect(field: OrgField, value: string): string | null {
  const chosen = [...new Set(value.split(';').map((part) => part.trim()))].filter((part) => part !== '');
  if (field.restrictedPicklist) {
    const bad = chosen.find((part) => !field.picklistValues.some((entry) => entry.value === part));
    if (bad !== undefined) throw badPicklistValue(field, bad);
  }
  return chosen.length === 0 ? null : chosen.join(';');
}

/** Salesforce's REST format for datetimes: 2026-06-15T12:00:00.000+0000. */
export function formatDateTime(iso: string): string {
  return iso.replace(/Z$/, '+0000');
}

/** The JSON value the API returns for a stored value. */
export function fromSql(field: OrgField, value: unknown): unknown {
  if (value === null || value === undefined) return field.type === 'boolean' ? false : null;
  switch (field.type) {
    case 'boolean':
      return value === 1 || value === true;
    case 'datetime':
      return formatDateTime(String(value));
    case 'int':
      return Number(value);
    case 'double':
    case 'currency':
    case 'percent':
      return Number(value);
    default:
      return value;
  }
}
