/**
 * lightning/graphql for the preview, over the org's UI API GraphQL endpoint
 * (POST /services/data/vNN.N/graphql as the signed-in person, so sharing and field-level
 * security apply): `gql` keeps the query text, the `graphql` wire adapter posts it with its
 * variables and emits `{ data, errors, refresh }` as Lightning's does, and `refresh()` (or
 * refreshGraphQL(result), the older module's way) posts it again.
 */
import { orgFetch } from 'platform/orgApi';
import { LoadingWireAdapter } from 'platform/wireAdapter';

/** The query as text: the tagged template with its interpolations (fragments) joined in. */
export function gql(strings, ...values) {
  return strings.reduce((text, part, index) => text + part + (index < values.length ? String(values[index]) : ''), '');
}

const liveAdapters = new Set();

/** The messages of a failed call, as GraphQL errors (the component shows them like any other). */
function callErrors(failure) {
  const body = failure && failure.body;
  const entries = Array.isArray(body) ? body : [body || failure];
  return entries.map((entry) => ({
    message:
      (entry && entry.message) ||
      `The org answered ${(failure && failure.status) || 'nothing'} ${(failure && failure.statusText) || ''}`.trim(),
  }));
}

/** Whether every variable the query declares ($name) has a value yet (reactive values start undefined). */
function variablesReady(config) {
  const declared = [...String(config.query).matchAll(/\$(\w+)\s*:/g)].map((match) => match[1]);
  if (declared.length === 0) return true;
  return !!config.variables && declared.every((name) => config.variables[name] !== undefined);
}

export class graphql extends LoadingWireAdapter {
  constructor(dataCallback) {
    super(dataCallback);
    this.result = { data: undefined, errors: undefined, refresh: () => this.load() };
  }

  ready(config) {
    return !!config.query && variablesReady(config);
  }

  onConnect() {
    liveAdapters.add(this);
  }

  onDisconnect() {
    liveAdapters.delete(this);
  }

  /** Posts the query as the signed-in person. */
  fetch(config) {
    const body = { query: config.query, variables: config.variables || {} };
    if (config.operationName) body.operationName = config.operationName;
    return orgFetch('/graphql', { method: 'POST', body });
  }

  /** Emits `{ data, errors, refresh }` as Lightning's adapter does; a failed call arrives in `errors`. */
  emit({ data: response, error }) {
    const answer = error
      ? { data: undefined, errors: callErrors(error) }
      : {
          data: response && response.data ? response.data : undefined,
          errors: response && response.errors && response.errors.length ? response.errors : undefined,
        };
    // A new object each time, so the component's wire function and getters see the change.
    this.result = { ...answer, refresh: () => this.load() };
    this.dataCallback(this.result);
  }
}

/** The older module's refresh: loads again the query that produced this result. */
export function refreshGraphQL(result) {
  if (result && typeof result.refresh === 'function') return result.refresh();
  return Promise.all([...liveAdapters].map((adapter) => adapter.load()));
}
