/**
 * A catch-up that fails while the org refuses its path is tried again with back-off, not left to
 * the hourly reconciliation: accounts changed behind a GAP_UPDATE, whose re-read meets a run of
 * 503s on queries, still get their stance within seconds of the org answering again.
 */
import { updateBehindGap } from '../../../../scripts/local-org/gaps';
import { scrapeMetrics } from './support/sidecarProcess';
import { accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(180_000);

describe('a catch-up that fails', () => {
  let h: Harness;

  beforeAll(async () => {
    // The hourly reconciliation is the default: only the retry can bring the account back in time.
    h = await startHarness();
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  it('is tried again with back-off until the org answers, and the stance follows', async () => {
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    expect(paper.Stance__c).toBe('None');
    // Queries refused (the re-read, then the catch-up by SystemModstamp, each with jsforce's own
    // five retries) until the catch-up is seen to fail and be put off; then the org answers again.
    h.org.org.faults.add({ path: '/query', status: 503 });
    updateBehindGap(h.org.org, 'Account', [{ Id: paper.Id, Industry: 'Chocolate', BillingCountry: 'Belgium' }]);
    await eventually(
      async () => expect((await scrapeMetrics(h.sidecar.url)).get('stance_catch_up_retries_total')).toBeGreaterThan(0),
      90_000,
    );
    h.org.org.faults.clear();

    await eventually(
      async () => expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('Attack'),
      60_000,
    );
  });
});
