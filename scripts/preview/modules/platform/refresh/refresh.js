/**
 * lightning/refresh for the preview, as Lightning implements it: a component asks for fresh data
 * with `this.dispatchEvent(new RefreshEvent())`; the event bubbles (composed) to the nearest
 * refresh container (the record page registers itself as one), which calls every refresh handler
 * registered beneath it and hands its provider method a promise of the outcome. Handlers outside
 * any container belong to the page's root, which a RefreshEvent reaching the document refreshes.
 */
export const REFRESH_COMPLETE = 'COMPLETE';
export const REFRESH_COMPLETE_WITH_ERRORS = 'COMPLETE_WITH_ERRORS';
export const REFRESH_ERROR = 'ERROR';

const REFRESH = 'lightning__refreshevent';
// How a handler finds its container: an event from the handler's element that the nearest container claims.
const REGISTER = 'lightning__refreshhandlerregister';

export class RefreshEvent extends CustomEvent {
  constructor() {
    super(REFRESH, { bubbles: true, composed: true, cancelable: false });
  }
}

let nextId = 1;
const containers = new Map();
const handlers = new Map();
const root = { element: null, provider: null, handlers: new Set() };

/** Runs every handler of `container`; the promise says whether all of them refreshed. */
function refreshContainer(container) {
  const runs = [...container.handlers].map((id) => {
    const entry = handlers.get(id);
    if (!entry) return Promise.resolve(true);
    return Promise.resolve()
      .then(() => entry.handler.call(entry.element))
      .then(
        (ok) => ok !== false,
        () => false,
      );
  });
  const outcome = Promise.all(runs).then((results) => {
    if (results.length === 0 || results.every(Boolean)) return REFRESH_COMPLETE;
    return results.some(Boolean) ? REFRESH_COMPLETE_WITH_ERRORS : REFRESH_ERROR;
  });
  if (container.provider) container.provider.call(container.element, outcome);
  return outcome;
}

if (typeof document !== 'undefined') {
  document.addEventListener(REFRESH, () => refreshContainer(root));
}

/** Makes `element` (a component) a refresh container: RefreshEvents from within it refresh its handlers. */
export function registerRefreshContainer(element, provider) {
  const id = nextId++;
  const container = { element, provider, handlers: new Set() };
  container.onRefresh = (event) => {
    event.stopPropagation();
    refreshContainer(container);
  };
  container.onRegister = (event) => {
    event.stopPropagation();
    event.detail.claim(container);
  };
  element.addEventListener(REFRESH, container.onRefresh);
  element.addEventListener(REGISTER, container.onRegister);
  containers.set(id, container);
  return id;
}

export function unregisterRefreshContainer(id) {
  const container = containers.get(id);
  if (!container) return;
  container.element.removeEventListener(REFRESH, container.onRefresh);
  container.element.removeEventListener(REGISTER, container.onRegister);
  for (const handlerId of container.handlers) handlers.get(handlerId).container = root;
  for (const handlerId of container.handlers) root.handlers.add(handlerId);
  containers.delete(id);
}

/**
 * Registers `handler` (called with `element` as this; resolves true once it loaded again) with
 * the nearest refresh container above `element`, or the page's root when there is none.
 */
export function registerRefreshHandler(element, handler) {
  const id = nextId++;
  let container = root;
  element.dispatchEvent(
    new CustomEvent(REGISTER, {
      bubbles: true,
      composed: true,
      detail: {
        claim(claimer) {
          container = claimer;
        },
      },
    }),
  );
  container.handlers.add(id);
  handlers.set(id, { element, handler, container });
  return id;
}

export function unregisterRefreshHandler(id) {
  const entry = handlers.get(id);
  if (!entry) return;
  entry.container.handlers.delete(id);
  handlers.delete(id);
}
