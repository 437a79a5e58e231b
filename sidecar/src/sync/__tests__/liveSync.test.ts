import { ACCOUNTS } from '../../../../scripts/demo-data/firm';
import { stopFayeClient } from '../../salesforce/changeStream';
import { ADMIN_TOKEN, accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(60_000);

// Pacific Paper Co. (a prospect) moved into the strategy's market turns Attack, and back None.
const INSIDE_STRATEGY = { Industry: 'Chocolate', BillingCountry: 'Belgium' };
const OUTSIDE_STRATEGY = { Industry: 'Paper', BillingCountry: 'Japan' };

describe('the sidecar keeping stances current in the org', () => {
  let h: Harness;

  beforeAll(async () => {
    // On Account's single-entity channel, where the sidecar's own writes come back: what it does
    // with its echoes (skips them, yet follows a flow's change in its transaction) is tested here.
    // The package's filtered channel, where they never arrive, is in echoes.test.ts.
    h = await startHarness({ config: { accountChannel: '/data/AccountChangeEvent' } });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  /** Waits until Chocolaterie Lumière's at-risk flag in the org is `atRisk`. */
  const lumiereAtRisk = (atRisk: boolean) =>
    eventually(async () =>
      expect(await accountNamed(h.admin, 'Chocolaterie Lumière')).toMatchObject({ At_Risk__c: atRisk }),
    );

  it('writes every demo account on the initial load, with its stance and reason', async () => {
    expect(await accountNamed(h.admin, 'Kakao Werke GmbH')).toMatchObject({ Stance__c: 'Defend', At_Risk__c: true });
    expect(await accountNamed(h.admin, 'Chocolaterie Lumière')).toMatchObject({
      Stance__c: 'Defend',
      At_Risk__c: false,
    });
    expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({ Stance__c: 'None' });
    expect((await accountNamed(h.admin, 'Andes Mining Supplies')).Stance__c).toBe('Fire');
  });

  it('writes as the integration user, with its API-only profile and only Stance_Integration', async () => {
    const { integrationUserId } = h.org.org;
    const writers = await h.admin.query<{ LastModifiedById: string }>(
      `SELECT LastModifiedById FROM Account WHERE Stance__c != null GROUP BY LastModifiedById`,
    );
    expect(writers.records.map((row) => row.LastModifiedById)).toEqual([integrationUserId]);
    const [user] = (
      await h.admin.query<{ Profile: { Name: string } }>(
        `SELECT Profile.Name FROM User WHERE Id = '${integrationUserId}'`,
      )
    ).records;
    expect(user!.Profile.Name).toBe('Minimum Access - API Only Integrations');
    const sets = await h.admin.query<{ PermissionSet: { Name: string } }>(
      `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${integrationUserId}'`,
    );
    expect(sets.records.map((row) => row.PermissionSet.Name)).toEqual(['Stance_Integration']);
  });

  it('follows an Account change, and its undoing', async () => {
    // Dana owns Pacific Paper Co. and corrects its market.
    const dana = await h.as('dana');
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    await dana.sobject('Account').update({ Id: paper.Id, ...INSIDE_STRATEGY });
    const attacked = await eventually(async () => {
      const now = await accountNamed(h.admin, 'Pacific Paper Co.');
      expect(now).toMatchObject({ Stance__c: 'Attack', Stance_Rule__c: 'Target_Prospect' });
      return now;
    });
    expect(attacked.Stance_Reason__c).toMatch(/prospect inside the strategy/);
    await dana.sobject('Account').update({ Id: paper.Id, ...OUTSIDE_STRATEGY });
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({
        Stance__c: 'None',
        Stance_Rule__c: paper.Stance_Rule__c,
      }),
    );
  });

  it('announces the accounts it rewrites on Stance_Update__e, which open record pages follow', async () => {
    const announced: string[] = [];
    const dana = await h.as('dana');
    // A record page's subscription, as empApi makes it: the platform event's channel.
    const client = dana.streaming.createClient([]) as unknown as {
      subscribe(
        channel: string,
        listener: (message: { payload: { Account_Ids__c: string } }) => void,
      ): PromiseLike<unknown>;
      disconnect(): void;
    };
    await client.subscribe('/event/Stance_Update__e', (message) => {
      announced.push(...message.payload.Account_Ids__c.split(','));
    });
    try {
      const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
      const callsBefore = h.sidecar.sync.metrics.updatesAnnounced;
      await dana.sobject('Account').update({ Id: paper.Id, ...INSIDE_STRATEGY });
      await eventually(async () => expect(announced).toContain(paper.Id));
      expect(h.sidecar.sync.metrics.updatesAnnounced).toBeGreaterThan(callsBefore);
      await dana.sobject('Account').update({ Id: paper.Id, ...OUTSIDE_STRATEGY });
      await eventually(async () => expect(announced.filter((id) => id === paper.Id)).toHaveLength(2));
    } finally {
      stopFayeClient(client);
    }
  });

  it('follows a reported signal (at risk), and its deletion', async () => {
    // Sam, in customer support, reports on Dana's account; only the admin may delete a signal.
    const lumiere = await accountNamed(h.admin, 'Chocolaterie Lumière');
    const signal = (await (await h.as('sam')).sobject('Stance_Signal__c').create({
      Account__c: lumiere.Id,
      Trigger__c: 'SERVICE_DISSATISFACTION',
      Status__c: 'New',
      Source__c: 'Customer Support',
      Detail__c: 'Three late deliveries in a row',
    })) as { id: string };
    const atRisk = await eventually(async () => {
      const now = await accountNamed(h.admin, 'Chocolaterie Lumière');
      expect(now).toMatchObject({ Stance__c: 'Defend', At_Risk__c: true });
      return now;
    });
    expect(atRisk.Stance_Reason__c).toMatch(/service dissatisfaction/);
    await h.admin.sobject('Stance_Signal__c').destroy(signal.id);
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Chocolaterie Lumière')).toMatchObject({
        Stance__c: 'Defend',
        At_Risk__c: false,
      }),
    );
  });

  it('follows an Opportunity: open pipeline keeps a misaligned customer from Fire', async () => {
    // Dana opens a deal on her account; the admin removes it (reps have no Delete on opportunities).
    const torino = await accountNamed(h.admin, 'Cioccolato Torino');
    expect(torino).toMatchObject({ Stance__c: 'Fire', Stance_Rule__c: 'Misaligned_Customer' });
    const deal = (await (await h.as('dana')).sobject('Opportunity').create({
      AccountId: torino.Id,
      Name: 'Torino – replacer pilot',
      StageName: 'Prospecting',
      CloseDate: '2027-03-31',
      Amount: 50_000,
    })) as { id: string };
    await eventually(async () => expect((await accountNamed(h.admin, 'Cioccolato Torino')).Stance__c).toBe('Defend'));
    await h.admin.sobject('Opportunity').destroy(deal.id);
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Cioccolato Torino')).toMatchObject({
        Stance__c: 'Fire',
        Stance_Rule__c: 'Misaligned_Customer',
      }),
    );
  });

  it('detects a key person leaving, persists it as a Detected signal, and a dismissal undoes it', async () => {
    const lumiere = await accountNamed(h.admin, 'Chocolaterie Lumière');
    const [claire] = (
      await h.admin.query<{ Id: string }>(
        `SELECT Id FROM Contact WHERE AccountId = '${lumiere.Id}' AND LastName = 'Dubois'`,
      )
    ).records;
    await h.admin.sobject('Contact').destroy(claire!.Id);
    const detected = await eventually(async () => {
      const [signal] = (
        await h.admin.query<{ Id: string; Detail__c: string; Source__c: string }>(
          `SELECT Id, Detail__c, Source__c FROM Stance_Signal__c WHERE Account__c = '${lumiere.Id}' AND Trigger__c = 'KEY_PERSON_CHANGE'`,
        )
      ).records;
      expect(signal).toMatchObject({ Source__c: 'Detected', Detail__c: expect.stringMatching(/Claire Dubois .*left/) });
      return signal!;
    });
    await lumiereAtRisk(true);
    // The account manager disagrees: dismissing the detection takes it back out.
    await (await h.as('dana')).sobject('Stance_Signal__c').update({
      Id: detected.Id,
      Status__c: 'Dismissed',
      Dismissed_At__c: new Date().toISOString(),
      Dismiss_Reason__c: 'She moved to our other plant, still our contact',
    });
    await lumiereAtRisk(false);
  });

  it('follows market signals (polled by SystemModstamp), and their deletion', async () => {
    const bakery = await accountNamed(h.admin, 'Bakkerij de Vries');
    expect(bakery).toMatchObject({ Stance__c: 'Defend', Stance_Rule__c: 'Healthy_Customer' });
    // Max, the manager, keeps the market signals (Stance_Manager may create and delete them).
    const max = await h.as('max');
    const marketSignal = (name: string, kind: string) =>
      max.sobject('Market_Signal__c').create({
        Name: name,
        Kind__c: kind,
        Effect__c: 'Threat',
        Industry__c: 'Bakery',
        Active_From__c: '2020-01-01',
        Description__c: name,
      }) as Promise<{ id: string }>;
    const environment = await marketSignal('Wheat harvest fails across Europe', 'Environment');
    await eventually(async () =>
      expect((await accountNamed(h.admin, 'Bakkerij de Vries')).Stance_Computed_At__c).not.toBe(
        bakery.Stance_Computed_At__c,
      ),
    );
    expect((await accountNamed(h.admin, 'Bakkerij de Vries')).Stance__c).toBe('Defend');
    const competitive = await marketSignal('Dutch bakery chains consolidate', 'Competitive');
    const fired = await eventually(async () => {
      const now = await accountNamed(h.admin, 'Bakkerij de Vries');
      expect(now).toMatchObject({ Stance__c: 'Fire', Stance_Rule__c: 'Misaligned_Customer' });
      return now;
    });
    expect(fired.Stance_Reason__c).toMatch(/competitive shift/i);
    await max.sobject('Market_Signal__c').destroy(competitive.id);
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Bakkerij de Vries')).toMatchObject({
        Stance__c: 'Defend',
        Stance_Rule__c: 'Healthy_Customer',
      }),
    );
    await max.sobject('Market_Signal__c').destroy(environment.id);
    await eventually(async () =>
      expect((await accountNamed(h.admin, 'Bakkerij de Vries')).Stance_Reason__c).toBe(bakery.Stance_Reason__c),
    );
  });

  it('never writes because of its own writes', async () => {
    await settled(h.sidecar);
    const writesBefore = h.sidecar.sync.metrics.writes;
    const skippedBefore = h.sidecar.sync.metrics.ownEventsSkipped;
    const lumiere = await accountNamed(h.admin, 'Chocolaterie Lumière');
    const signal = (await (await h.as('tom')).sobject('Stance_Signal__c').create({
      Account__c: lumiere.Id,
      Trigger__c: 'PRODUCT_DISSATISFACTION',
      Status__c: 'New',
      Source__c: 'Technical',
    })) as { id: string };
    await eventually(async () => expect(h.sidecar.sync.metrics.writes).toBe(writesBefore + 1));
    // Its write came back as a change event, was recognised and skipped, and nothing followed.
    await eventually(async () => expect(h.sidecar.sync.metrics.ownEventsSkipped).toBeGreaterThan(skippedBefore));
    // The org's own record: no account was modified again.
    const stamps = async () =>
      (
        await h.admin.query<{ Id: string; SystemModstamp: string }>(
          'SELECT Id, SystemModstamp FROM Account ORDER BY Id',
        )
      ).records.map((account) => `${account.Id} ${account.SystemModstamp}`);
    const before = await stamps();
    // The echo is handled (counted above): anything it set off is pending until written, so
    // settled (nothing pending, no write for a while) waits for it rather than for the clock.
    await settled(h.sidecar);
    expect(await stamps()).toEqual(before);
    expect(h.sidecar.sync.metrics.writes).toBe(writesBefore + 1);
    await h.admin.sobject('Stance_Signal__c').destroy(signal.id);
    await lumiereAtRisk(false);
  });

  it('processes a change that a flow made in the same transaction as its own write', async () => {
    await settled(h.sidecar);
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    const writesBefore = h.sidecar.sync.metrics.writes;
    // The sidecar's write of a Stance field, and a customer's record-triggered flow that moves the
    // account's market in the same transaction: one change event, with the sidecar's client name,
    // naming a non-Stance field too. The flow runs in system context (here: with the admin's
    // rights), past the integration user's field-level security, which has no Edit on Industry.
    const { org } = h.org;
    const sidecarWrite = org.context(org.integrationUserId, 'stance-sidecar');
    const withFlow = (market: Record<string, string>) =>
      org.write(sidecarWrite, () => {
        org.store.update('Account', paper.Id, { Stance_Priority__c: 99 }, sidecarWrite);
        org.store.update('Account', paper.Id, market, org.context(org.adminUserId, 'stance-sidecar'));
      });
    withFlow(INSIDE_STRATEGY);
    await eventually(async () => expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('Attack'));
    // The org may show the write a moment before the sidecar has read the answer to it.
    await eventually(async () => expect(h.sidecar.sync.metrics.writes).toBeGreaterThan(writesBefore));
    withFlow(OUTSIDE_STRATEGY);
    await eventually(async () => expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('None'));
  });

  it('signs in again when its session expires, and streams again from where it was', async () => {
    await settled(h.sidecar);
    const renewals = h.sidecar.sync.metrics.streamRenewals;
    h.org.org.auth.expireAll();
    h.org.org.hub.dropClients();
    // The streaming client handshakes again, is denied, and a new one starts with a new session.
    await eventually(async () => expect(h.sidecar.sync.metrics.streamRenewals).toBe(renewals + 1));
    expect(h.sidecar.sync.streaming).toBe(true);
    // (The test's own connections expired too; jsforce renews them on the 401.)
    const lumiere = await accountNamed(h.admin, 'Chocolaterie Lumière');
    const signal = (await (await h.as('sam')).sobject('Stance_Signal__c').create({
      Account__c: lumiere.Id,
      Trigger__c: 'SERVICE_DISSATISFACTION',
      Status__c: 'New',
      Source__c: 'Customer Support',
    })) as { id: string };
    await lumiereAtRisk(true);
    await h.admin.sobject('Stance_Signal__c').destroy(signal.id);
    await lumiereAtRisk(false);
  });

  it('lists a write the org refuses in /status and /metrics, and clears it once the org is right', async () => {
    await settled(h.sidecar);
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    h.org.org.store.validationRules.push({
      object: 'Account',
      field: 'Stance__c',
      message: 'Attack needs an approved plan first',
      failsWhen: (record) => record.Stance__c === 'Attack' && record.Name === 'Pacific Paper Co.',
    });
    const dana = await h.as('dana');
    try {
      await dana.sobject('Account').update({ Id: paper.Id, ...INSIDE_STRATEGY });
      const failed = await eventually(async () => {
        const status = (await (
          await fetch(`${h.sidecar.url}/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
        ).json()) as {
          failedWrites: Array<{ accountId: string; errorCode: string; message: string }>;
          counters: { writeFailures: number };
        };
        expect(status.failedWrites).toEqual([
          expect.objectContaining({
            accountId: paper.Id,
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'Attack needs an approved plan first',
          }),
        ]);
        return status;
      });
      // Refused for good: counted once, not retried as if the org were busy.
      expect(failed.counters.writeFailures).toBeGreaterThanOrEqual(1);
      expect(await (await fetch(`${h.sidecar.url}/metrics`)).text()).toMatch(/^stance_failed_accounts 1$/m);
      expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('None');
    } finally {
      h.org.org.store.validationRules.length = 0;
    }
    await dana.sobject('Account').update({ Id: paper.Id, ...OUTSIDE_STRATEGY });
    await eventually(async () =>
      expect(await (await fetch(`${h.sidecar.url}/metrics`)).text()).toMatch(/^stance_failed_accounts 0$/m),
    );
  });

  it('re-reads the records a GAP event names, and catches up an object after GAP_OVERFLOW', async () => {
    await settled(h.sidecar);
    const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
    // Changed in the org with no change event, as when the event bus loses track.
    const quietly = (industry: string, country: string) =>
      h.org.org.store.db
        .prepare(`UPDATE "o_Account" SET "Industry" = ?, "BillingCountry" = ?, "SystemModstamp" = ? WHERE "Id" = ?`)
        .run(industry, country, new Date().toISOString(), paper.Id);
    quietly('Chocolate', 'Belgium');
    h.org.org.emitGap('Account', 'GAP_UPDATE', [paper.Id]);
    await eventually(async () => expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('Attack'));
    quietly('Paper', 'Japan');
    h.org.org.emitGap('Account', 'GAP_OVERFLOW');
    await eventually(async () => expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('None'));
    expect(h.sidecar.sync.metrics.gapEvents).toBe(2);
  });

  // The HTTP API itself is tested against a fake view in api/__tests__; here, what needs the real chain.
  it('once live: ready, counting real events, and a recompute of everything writes nothing new', async () => {
    await settled(h.sidecar);
    expect(await (await fetch(`${h.sidecar.url}/readyz`)).json()).toMatchObject({ ready: true, state: 'live' });
    const metrics = await (await fetch(`${h.sidecar.url}/metrics`)).text();
    expect(metrics).toMatch(/^stance_events_total\{object="Account"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^stance_api_requests_limit [1-9]\d*$/m);
    const status = await (
      await fetch(`${h.sidecar.url}/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json();
    expect(status).toMatchObject({
      state: 'live',
      accounts: ACCOUNTS.length,
      failedWrites: [],
      rules: { refused: null },
    });
    expect(JSON.stringify(status)).not.toContain('stance-local-secret');
    const admin = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` };
    const all = await fetch(`${h.sidecar.url}/recompute`, { method: 'POST', headers: admin, body: '{"all": true}' });
    expect(await all.json()).toEqual({ accounts: ACCOUNTS.length, written: 0 });
    const unknown = await fetch(`${h.sidecar.url}/accounts/001000000000000XYZ/classification`, { headers: admin });
    expect(unknown.status).toBe(404);
    const [kakao] = (await h.admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE Name = 'Kakao Werke GmbH'`))
      .records;
    const explained = await fetch(`${h.sidecar.url}/accounts/${kakao!.Id}/classification`, { headers: admin });
    expect(await explained.json()).toMatchObject({ explanation: { stance: 'Defend', atRisk: true }, failure: null });
  });
});
