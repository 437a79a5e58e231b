/**
 * What the English and German tests of c-stance-portfolio share: the signed-in person, the
 * stream (lightning/empApi), a fixed today, the fixtures, rendering the portfolio with its two
 * GraphQL answers and reading it. The mocks are registered here, so take the component and the
 * stream's functions from this module, and load it after the test's locale is set (see
 * c/stanceI18n's support/germanUser). Not a test itself.
 */
import { createElement } from 'lwc';
import { graphql } from 'lightning/graphql';
import { isEmpEnabled, onError, subscribe } from 'lightning/empApi';
import StancePortfolio from 'c/stancePortfolio';

// The signed-in person: Max (a manager) or Dana (a rep), depending on what the org lets them read.
jest.mock('@salesforce/user/Id', () => ({ __esModule: true, default: '005000000000001AAA' }), { virtual: true });
jest.mock('lightning/empApi', () => ({
  isEmpEnabled: jest.fn(),
  onError: jest.fn(),
  subscribe: jest.fn(),
  unsubscribe: jest.fn(),
}));

export { StancePortfolio, isEmpEnabled, onError as onStreamingError, subscribe as subscribeToStream };

export const managerSnapshots = require('../data/managerSnapshots.json');
export const managerPortfolio = require('../data/managerPortfolio.json');
export const repSnapshots = require('../data/repSnapshots.json');
export const repPortfolio = require('../data/repPortfolio.json');

export const USER = '005000000000001AAA';
export const DANA = '005000000000002AAA';
// A Wednesday: the week starts on Monday 23 Nov, last week's snapshot is the one of 18 Nov.
export const TODAY = new Date(2026, 10, 25, 12, 0, 0);

export const isSnapshots = (config) => !!config && !!config.variables && 'since' in config.variables;
export const isPortfolio = (config) => !!config && !!config.variables && 'owners' in config.variables;

// Wires and empApi answer after a few promise turns; a macrotask lets them all run.
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function render({ snapshots, portfolio, refreshSnapshots, refreshPortfolio }) {
  const element = createElement('c-stance-portfolio', { is: StancePortfolio });
  document.body.appendChild(element);
  await settle();
  if (snapshots) graphql.emit(snapshots, isSnapshots, refreshSnapshots);
  await settle();
  if (portfolio) graphql.emit(portfolio, isPortfolio, refreshPortfolio);
  await settle();
  return element;
}

export const $ = (element, selector) => element.shadowRoot.querySelector(selector);
export const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
export const text = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : null);
// The words of a tile as a screen reader meets them, one element after another.
export const tile = (element, stance) =>
  [...$(element, `[data-stance="${stance}"]`).querySelectorAll('*')]
    .filter((node) => node.children.length === 0)
    .map((node) => text(node))
    .filter((words) => !!words)
    .join(' ');
export const ownerRow = (element, ownerId) =>
  $$(element, `tr[data-owner="${ownerId}"] th, tr[data-owner="${ownerId}"] td`).map((cell) => text(cell));

/** Each test: today is TODAY (timers that wait stay real), and the stream is on. */
export function setUp() {
  jest.useFakeTimers({ now: TODAY, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'nextTick'] });
  isEmpEnabled.mockResolvedValue(true);
  subscribe.mockResolvedValue({ id: 'portfolio', channel: '/event/Stance_Update__e' });
}

export function tearDown() {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  jest.clearAllMocks();
  jest.useRealTimers();
}
