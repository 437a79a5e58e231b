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
      return [error.statusText || 'Unknown error'];
    })
    .filter((message) => !!message);
  return [...new Set(messages)];
}
