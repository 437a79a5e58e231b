import { ADMIN_TOKEN, accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

const REPAIRS_PER_DAY = 3;

/** The /metrics sample of a counter without labels. */
async function metric(h: Harness, name: string): Promise<number> {
  const text = await (await fetch(`${h.sidecar.url}/metrics`)).text();
  const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  if (!match) throw new Error(`${name} is not in /metrics`);
  return Number(match[1]);
}

describe('a Stance field changed in the org by someone else (drift)', () => {
  let h: Harness;

  beforeAll(async () => {
    // On Account's single-entity channel: a flow's change in the sidecar's own transaction comes
    // only there (the package's filtered channel leaves it out; see echoes.test.ts and docs/sidecar.md).
    h = await startHarness({
      config: { driftRepairsPerDay: REPAIRS_PER_DAY, accountChannel: '/data/AccountChangeEvent' },
    });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  it('is not what a new account’s creation carries: its checkbox defaults are no reason to skip the first write', async () => {
    const created = (await h.admin.sobject('Account').create({
      Name: 'Drift Newcomer',
      Type: 'Prospect',
      Industry: 'Paper',
      BillingCountry: 'Germany',
    })) as { id: string };
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Drift Newcomer')).toMatchObject({ Id: created.id, Stance__c: 'None' }),
    );
    expect(h.sidecar.sync.metrics.driftRepaired).toBe(0);
    await settled(h.sidecar);
  });

  it('is put back when the admin sets Stance__c by hand, and counted', async () => {
    const kakao = await accountNamed(h.admin, 'Kakao Werke GmbH');
    expect(kakao.Stance__c).toBe('Defend');
    const writesBefore = h.sidecar.sync.metrics.writes;
    const changesBefore = h.sidecar.sync.metrics.stanceChanges;
    await h.admin.sobject('Account').update({ Id: kakao.Id, Stance__c: 'Attack' });
    await eventually(async () => expect(await metric(h, 'stance_drift_repaired_total')).toBe(1));
    expect(await accountNamed(h.admin, 'Kakao Werke GmbH')).toMatchObject({ Stance__c: 'Defend', At_Risk__c: true });
    await settled(h.sidecar);
    // One write put it back; no history row and no owner notice: the classification never moved.
    expect(h.sidecar.sync.metrics.writes).toBe(writesBefore + 1);
    expect(h.sidecar.sync.metrics.stanceChanges).toBe(changesBefore);
    const history = await h.admin.query(`SELECT Id FROM Stance_Change__c WHERE Account__c = '${kakao.Id}'`);
    expect(history.totalSize).toBe(0);
  });

  it('is put back when a before-save flow changes the stance in the sidecar’s own transaction', async () => {
    await settled(h.sidecar);
    const lumiere = await accountNamed(h.admin, 'Chocolaterie Lumière');
    const repairedBefore = h.sidecar.sync.metrics.driftRepaired;
    // The echo carries the sidecar's client name and only Stance fields, yet not what it wrote.
    const { org } = h.org;
    const sidecarWrite = org.context(org.integrationUserId, 'stance-sidecar');
    org.write(sidecarWrite, () =>
      org.store.update('Account', lumiere.Id, { Stance__c: 'Fire' }, org.context(org.adminUserId, 'stance-sidecar')),
    );
    await eventually(async () => expect(h.sidecar.sync.metrics.driftRepaired).toBe(repairedBefore + 1));
    expect((await accountNamed(h.admin, 'Chocolaterie Lumière')).Stance__c).toBe('Defend');
  });

  it('is put back by POST /recompute {"all":true}, which compares with the org, when its event was missed', async () => {
    await settled(h.sidecar);
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    const { org } = h.org;
    // Written straight into the org's tables: no change event (a load the stream never saw).
    org.store.update(
      'Account',
      paper.Id,
      { Stance__c: 'Fire', Stance_Reason__c: 'loaded' },
      org.context(org.adminUserId),
    );
    expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('Fire');
    const answer = await fetch(`${h.sidecar.url}/recompute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: '{"all": true}',
    });
    expect(await answer.json()).toMatchObject({ written: 1 });
    expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({ Stance__c: 'None' });
    expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance_Reason__c).not.toBe('loaded');
  });

  it('stops repairing an account a "flow" keeps rewriting, past the day’s cap, and tells the admins once', async () => {
    await settled(h.sidecar);
    const andes = await accountNamed(h.admin, 'Andes Mining Supplies');
    expect(andes.Stance__c).toBe('Fire');
    const { metrics } = h.sidecar.sync;
    const writesBefore = metrics.writes;
    const noticesBefore = h.org.org.notifications.length;
    // A flow that sets Stance__c back to Attack on every change of the account, ten times over.
    for (let round = 0; round < 10; round++) {
      const repairedBefore = metrics.driftRepaired;
      const cappedBefore = metrics.driftRepairsCapped;
      await h.admin.sobject('Account').update({ Id: andes.Id, Stance__c: 'Attack' });
      await eventually(async () =>
        expect(metrics.driftRepaired + metrics.driftRepairsCapped).toBeGreaterThan(repairedBefore + cappedBefore),
      );
      await settled(h.sidecar);
    }
    // Three repairs (the cap), then no more writes of it: the ping-pong spent three calls, not ten.
    expect(metrics.writes - writesBefore).toBe(REPAIRS_PER_DAY);
    expect(metrics.driftRepairsCapped).toBe(10 - REPAIRS_PER_DAY);
    expect((await accountNamed(h.admin, 'Andes Mining Supplies')).Stance__c).toBe('Attack');
    const notices = h.org.org.notifications.slice(noticesBefore).filter((sent) => /stopped repairing/.test(sent.title));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toContain('Andes Mining Supplies');
    expect(await metric(h, 'stance_drift_repairs_capped_total')).toBe(10 - REPAIRS_PER_DAY);
    // The other accounts are still repaired.
    const kakao = await accountNamed(h.admin, 'Kakao Werke GmbH');
    await h.admin.sobject('Account').update({ Id: kakao.Id, Stance__c: 'None' });
    await eventually(async () => expect((await accountNamed(h.admin, 'Kakao Werke GmbH')).Stance__c).toBe('Defend'));
  });
});
