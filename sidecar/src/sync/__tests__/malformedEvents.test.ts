import { ADMIN_TOKEN, accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(60_000);

// The channel the sidecar follows Account on (the package's filtered one, see echoes.test.ts).
const ACCOUNT_CHANNEL = '/data/Stance_Accounts__chn';

describe('messages on the change stream that are not change events', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  it('are dropped and counted, the sidecar carries on and follows the next real change', async () => {
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    const header = {
      entityName: 'Account',
      recordIds: [paper.Id],
      changeType: 'UPDATE',
      changeOrigin: '',
      commitTimestamp: Date.now(),
      changedFields: ['Industry'],
      nulledFields: [],
    };
    const garbage: unknown[] = [
      'not even an object',
      [1, 2, 3],
      { Industry: 'Chocolate' }, // no header
      { ChangeEventHeader: { ...header, changeType: 'EXPLODE' } },
      { ChangeEventHeader: { ...header, recordIds: [{ $ne: null }] } },
      { ChangeEventHeader: { ...header, recordIds: ['not-an-id'] } },
      { ChangeEventHeader: { ...header, entityName: 'Nope__c' } },
      { ChangeEventHeader: { ...header, commitTimestamp: 'soon' } },
      { ChangeEventHeader: 42 },
    ];
    h.org.org.hub.publish(garbage.map((payload) => ({ channel: ACCOUNT_CHANNEL, payload })));
    await eventually(async () => {
      const metrics = await (await fetch(`${h.sidecar.url}/metrics`)).text();
      expect(metrics).toContain(`stance_events_dropped_total{channel="${ACCOUNT_CHANNEL}"} ${garbage.length}`);
    });
    expect(h.sidecar.sync.state).toBe('live');

    // Still following the org: a real change is classified and written.
    const dana = await h.as('dana');
    await dana.sobject('Account').update({ Id: paper.Id, Industry: 'Chocolate', BillingCountry: 'Belgium' });
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({ Stance__c: 'Attack' }),
    );
    const ready = await fetch(`${h.sidecar.url}/readyz`);
    expect(ready.status).toBe(200);
    const status = (await (
      await fetch(`${h.sidecar.url}/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as { state: string };
    expect(status.state).toBe('live');
  });
});
