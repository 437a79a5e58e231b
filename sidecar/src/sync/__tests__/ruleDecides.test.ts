/**
 * The console's Rules page shows how many accounts each rule decides: a pass over every mirrored
 * account. Pages opened meanwhile share one pass, and its counts are reused under the same rules,
 * so reloading the page at a million accounts does not classify them all again each time.
 */
import { settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(60_000);

describe('how many accounts each rule decides', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  it('counts every account once per rule, and a second page asking meanwhile shares the same pass', async () => {
    const first = h.sidecar.sync.ruleDecides();
    const second = h.sidecar.sync.ruleDecides();
    expect(second).toBe(first);
    const counts = await first;
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    const accounts = (await h.admin.query('SELECT Id FROM Account')).totalSize;
    expect(total).toBe(accounts);
    expect(await h.sidecar.sync.ruleDecides()).toEqual(counts);
  });
});
