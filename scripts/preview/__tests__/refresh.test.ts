/**
 * The preview's lightning/refresh on a real DOM (jsdom, in a Node process of its own: the module
 * is a browser ES module, see refreshHarness.mjs): a RefreshEvent from a component on the record
 * page refreshes every handler registered on that page and no other, and the page's provider
 * method hears how it went, as Lightning's refresh containers do.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

type Call = { name: string; self: string };
type Round = { calls: Call[]; outcomes: Array<Record<string, unknown>> };

let rounds: Record<'fromPanel' | 'oneFails' | 'outside' | 'afterLeaving', Round>;

beforeAll(() => {
  const output = execFileSync(
    process.execPath,
    ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', join(__dirname, 'refreshHarness.mjs')],
    { encoding: 'utf8' },
  );
  rounds = JSON.parse(output) as typeof rounds;
});

const names = (round: Round) => round.calls.map((call) => call.name).sort();

describe("the preview's lightning/refresh", () => {
  it('refreshes every handler on the record page when one of its components asks, each as its component', () => {
    expect(names(rounds.fromPanel)).toEqual(['details', 'related']);
    expect(rounds.fromPanel.calls).toEqual(
      expect.arrayContaining([
        { name: 'related', self: 'shell-related-list' },
        { name: 'details', self: 'shell-details' },
      ]),
    );
    expect(rounds.fromPanel.outcomes).toEqual([{ self: true, pending: true }, { status: 'COMPLETE' }]);
  });

  it('tells the page when a handler failed to refresh, and still refreshes the others', () => {
    expect(names(rounds.oneFails)).toEqual(['details', 'related']);
    expect(rounds.oneFails.outcomes).toEqual([{ self: true, pending: true }, { status: 'COMPLETE_WITH_ERRORS' }]);
  });

  it("leaves the record page's handlers alone on a RefreshEvent from outside it", () => {
    expect(names(rounds.outside)).toEqual(['elsewhere']);
    expect(rounds.outside.outcomes).toEqual([]);
  });

  it('forgets unregistered handlers, and a page that left hands its handlers to the root', () => {
    // The details handler that was still registered now belongs to the page's root: any RefreshEvent refreshes it.
    expect(names(rounds.afterLeaving)).toEqual(['details', 'elsewhere']);
    expect(rounds.afterLeaving.outcomes).toEqual([]);
  });
});
