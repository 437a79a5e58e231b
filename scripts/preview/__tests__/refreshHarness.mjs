/**
 * Runs the preview's lightning/refresh (scripts/preview/modules/platform/refresh) in Node on a
 * jsdom document, for refresh.test.ts: a record page (a refresh container) whose components sit
 * in shadow roots as Lightning's do, plus a component outside it. Prints one JSON line with what
 * each RefreshEvent refreshed and what the container's provider was told.
 */
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html><body></body>');
for (const name of ['document', 'CustomEvent', 'Event', 'Node']) globalThis[name] = window[name];

const refresh = await import('../modules/platform/refresh/refresh.js');
const {
  RefreshEvent,
  registerRefreshContainer,
  unregisterRefreshContainer,
  registerRefreshHandler,
  unregisterRefreshHandler,
} = refresh;

/** A custom element host with an open shadow root, inside `parent` (a host's shadow root, or the body). */
function component(name, parent) {
  const host = document.createElement(name);
  host.attachShadow({ mode: 'open' });
  (parent.shadowRoot ?? parent).appendChild(host);
  return host;
}

const calls = [];
const outcomes = [];
const page = component('shell-record-page', document.body);
const region = component('shell-region', page);
const panel = component('c-stance-panel', region);
const related = component('shell-related-list', region);
const details = component('shell-details', region);
const elsewhere = component('shell-list-page', document.body);

const containerId = registerRefreshContainer(page, function provider(promise) {
  outcomes.push({ self: this === page, pending: promise instanceof Promise });
  return promise.then((status) => outcomes.push({ status }));
});
const handler = (name, result) =>
  function refreshHandler() {
    calls.push({ name, self: this.localName });
    return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
  };
const relatedId = registerRefreshHandler(related, handler('related', true));
const detailsId = registerRefreshHandler(details, handler('details', true));
registerRefreshHandler(elsewhere, handler('elsewhere', true));

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const rounds = {};

panel.dispatchEvent(new RefreshEvent());
await settle();
rounds.fromPanel = { calls: calls.splice(0), outcomes: outcomes.splice(0) };

unregisterRefreshHandler(detailsId);
registerRefreshHandler(details, handler('details', new Error('the org said no')));
panel.dispatchEvent(new RefreshEvent());
await settle();
rounds.oneFails = { calls: calls.splice(0), outcomes: outcomes.splice(0) };

elsewhere.dispatchEvent(new RefreshEvent());
await settle();
rounds.outside = { calls: calls.splice(0), outcomes: outcomes.splice(0) };

unregisterRefreshHandler(relatedId);
unregisterRefreshContainer(containerId);
panel.dispatchEvent(new RefreshEvent());
await settle();
rounds.afterLeaving = { calls: calls.splice(0), outcomes: outcomes.splice(0) };

process.stdout.write(`${JSON.stringify(rounds)}\n`);
