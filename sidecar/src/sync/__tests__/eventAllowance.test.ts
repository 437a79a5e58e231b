import { accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

const INSIDE_STRATEGY = { Industry: 'Chocolate', BillingCountry: 'Belgium' };
const OUTSIDE_STRATEGY = { Industry: 'Paper', BillingCountry: 'Japan' };

describe('the org’s event delivery allowance', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ config: { marketPollMs: 300 } });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  const readyz = async () => (await (await fetch(`${h.sidecar.url}/readyz`)).json()) as Record<string, unknown>;
  const paperStance = async () => (await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c;

  it('spent: follows changes by SystemModstamp polling; back: streams again', async () => {
    const { eventDeliveries } = h.org.org;
    const dana = await h.as('dana');
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    // Every delivery of the day is spent: the org delivers nothing more and says so on /meta/connect.
    eventDeliveries.limit = eventDeliveries.used;
    await dana.sobject('Account').update({ Id: paper.Id, ...INSIDE_STRATEGY });
    await eventually(async () =>
      expect(await readyz()).toMatchObject({
        ready: false,
        notReady: [expect.objectContaining({ reason: 'event-allowance' })],
      }),
    );
    expect(h.sidecar.sync.polledObjects).toEqual(expect.arrayContaining(['Account', 'Contact', 'Market_Signal__c']));
    // The change was not delivered, and is written all the same: the poll read it.
    await eventually(async () => expect(await paperStance()).toBe('Attack'));
    expect(h.sidecar.sync.metrics.eventAllowanceFallbacks).toBe(1);

    // The allowance returns: the next event ends the polling.
    eventDeliveries.limit = 1_000_000;
    await dana.sobject('Account').update({ Id: paper.Id, ...OUTSIDE_STRATEGY });
    await eventually(async () => expect(await paperStance()).toBe('None'));
    await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }));
    expect(h.sidecar.sync.polledObjects).toEqual(['Market_Signal__c']);
  });
});
