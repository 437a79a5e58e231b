import UNKNOWN_ERROR from '@salesforce/label/c.Stance_Error_Unknown';

/**
 * Reduces one or more errors from Lightning Data Service, fetch or JavaScript into a list of
 * messages a person can read.
 * @param {FetchResponse|FetchResponse[]|Error|Error[]} errors
 * @return {String[]} the messages, without duplicates
 */
export function reduceErrors(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  const messages = list
    .filter((error) => !!error)
    .flatMap((error) => {
      const body = error.body;
      if (Array.isArray(body)) {
        return body.map((entry) => entry.message);
      }
      if (body && body.output) {
        const output = body.output;
        const recordErrors = (output.errors || []).map((entry) => entry.message);
        const fieldErrors = Object.values(output.fieldErrors || {})
          .flat()
          .map((entry) => entry.message);
        if (recordErrors.length + fieldErrors.length > 0) {
          return [...recordErrors, ...fieldErrors];
        }
      }
      if (body && typeof body.message === 'string') {
        return [body.message];
      }
      if (typeof error.message === 'string') {
        return [error.message];
      }
      return [error.statusText || UNKNOWN_ERROR];
    })
    .filter((message) => !!message);
  return [...new Set(messages)];
}

/**
 * The Salesforce error codes (INSUFFICIENT_ACCESS_OR_READONLY, INVALID_FIELD ...) in one or more
 * errors: a REST or UI API error list, or the record and field errors of a UI API save.
 * @param {FetchResponse|FetchResponse[]} errors
 * @return {String[]} the codes, without duplicates
 */
export function errorCodes(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  const codes = list
    .filter((error) => !!error && !!error.body)
    .flatMap((error) => {
      const body = error.body;
      if (Array.isArray(body)) {
        return body.map((entry) => entry && entry.errorCode);
      }
      const output = body.output || {};
      const fieldErrors = Object.values(output.fieldErrors || {}).flat();
      const entries = [...(output.errors || []), ...fieldErrors];
      return [body.errorCode, ...entries.map((entry) => entry && entry.errorCode)];
    })
    .filter((code) => typeof code === 'string' && code.length > 0);
  return [...new Set(codes)];
}
