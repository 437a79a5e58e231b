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

  body(): Array<{ message: string; errorCode: string; fields: readonly string[] }> {
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
