/** Errors as Salesforce reports them: an HTTP status and a body of [{message, errorCode, fields}]. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: readonly string[] = [],
  ) {
    super(message);
  }

  /** The answer's JSON (a subclass may answer another shape: the UI API's refused saves). */
  body(): unknown {
    return [{ message: this.message, errorCode: this.errorCode, fields: this.fields }];
  }
}

export const malformedQuery = (message: string) => new ApiError(400, 'MALFORMED_QUERY', message);
export const invalidField = (message: string, fields: readonly string[] = []) =>
  new ApiError(400, 'INVALID_FIELD', message, fields);
export const invalidType = (type: string) =>
  new ApiError(
    400,
    'INVALID_TYPE',
    `sObject type '${type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`,
  );
export const notFound = (message = 'The requested resource does not exist') => new ApiError(404, 'NOT_FOUND', message);
/** A type that exists but cannot be queried or retrieved: a platform event. */
export const unsupportedType = (type: string) =>
  new ApiError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
/** An operation a type does not allow: updating, deleting or upserting a platform event. */
export const invalidTypeForOperation = (type: string, operation: string) =>
  new ApiError(
    400,
    'INVALID_TYPE_FOR_OPERATION',
    `entity type ${type} does not support ${operation}: it is a platform event, which is only published (created)`,
  );

/**
 * SQLite's own limits as the errors Salesforce answers for a query or a value it will not take,
 * or undefined for any other error: too many bound values or too deep an expression (a huge IN
 * list, thousands of ORs) → QUERY_TOO_COMPLICATED; a string or blob past SQLite's size → STRING_TOO_LONG.
 */
export function sqliteLimitError(error: unknown): ApiError | undefined {
  // Not instanceof: better-sqlite3's errors can come from another realm (jest's sandbox).
  const text: unknown = (error as { message?: unknown } | null)?.message;
  const message = typeof text === 'string' ? text : '';
  const code = (error as { code?: unknown })?.code;
  if (code === 'SQLITE_TOOBIG' || /string or blob too big/i.test(message))
    return new ApiError(400, 'STRING_TOO_LONG', 'data value too large: a value is longer than the org can store');
  if (
    typeof code === 'string' &&
    code.startsWith('SQLITE_') &&
    /too many|too large|too complex|too deep|stack overflow|maximum depth/i.test(message)
  )
    return new ApiError(
      400,
      'QUERY_TOO_COMPLICATED',
      'Query is either selecting too many fields or the filter conditions are very complicated.',
    );
  return undefined;
}

/**
 * What any unexpected failure answers (500), as Salesforce words it: an error id, never the
 * internal message (it can carry record data); the id is logged with the error.
 */
export function unknownException(errorId: string): ApiError {
  return new ApiError(
    500,
    'UNKNOWN_EXCEPTION',
    `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
  );
}
