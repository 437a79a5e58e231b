/**
 * Calls to the org, as Lightning Data Service makes them: same-origin requests to
 * /services/data/vNN.N/..., which the preview server forwards with the signed-in user's session
 * (the browser never sees a token). Failures reject with the shape LDS gives components:
 * { ok: false, status, statusText, body } where body carries the org's own messages.
 */
const settings = globalThis.__STANCE_PREVIEW__ || {};

export const API_VERSION = settings.apiVersion || '62.0';

function parse(text) {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

function failure(status, statusText, body) {
  return { ok: false, status, statusText, body };
}

/** GET/POST/PATCH/DELETE `path` under /services/data/vNN.N, with `query` parameters and a JSON body. */
export async function orgFetch(path, { method = 'GET', query, body } = {}) {
  const search = query ? new URLSearchParams(query).toString() : '';
  const url = `/services/data/v${API_VERSION}${path}${search ? `?${search}` : ''}`;
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw failure(0, 'Network error', {
      message: `The preview server did not answer (${error.message}). Is npm start still running?`,
    });
  }
  const answer = parse(await response.text());
  if (!response.ok) throw failure(response.status, response.statusText, answer || { message: response.statusText });
  return answer;
}

/** `Object.Field` names from schema references ({objectApiName, fieldApiName}) or strings. */
function qualifiedNames(fields) {
  if (!fields) return [];
  return (Array.isArray(fields) ? fields : [fields]).map((field) => {
    return typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
  });
}

/** The `fields` and `optionalFields` query parameters of a UI API read, for a wire's config. */
export function fieldsQuery(config) {
  const query = {};
  const fields = qualifiedNames(config.fields);
  const optional = qualifiedNames(config.optionalFields);
  if (fields.length) query.fields = fields.join(',');
  if (optional.length) query.optionalFields = optional.join(',');
  return query;
}

/** An object's API name from a schema reference or a string. */
export function objectName(object) {
  return typeof object === 'string' ? object : object && object.objectApiName;
}

/** Record ids compare on their first 15 characters (the 18-character form adds a checksum). */
export function sameRecord(a, b) {
  return !!a && !!b && a.slice(0, 15) === b.slice(0, 15);
}
