import { Connection } from 'jsforce';
import { ACCOUNTS } from '../../../../scripts/demo-data/firm';
import { ADMIN_TOKEN, ManualClock, accountNamed, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(60_000);

const DAY = 86_400_000;

describe('rules from custom metadata', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  /** As a deployment would: custom metadata is not writable through the data API. */
  const setCondition = (rule: string, condition: string) =>
    h.org.org.store.db
      .prepare(`UPDATE "o_Stance_Rule__mdt" SET "Condition__c" = ?, "SystemModstamp" = ? WHERE "DeveloperName" = ?`)
      .run(condition, new Date().toISOString(), rule);

  it('refuses an invalid rule set with a precise error, tells the admins, and keeps the previous rules', async () => {
    const fingerprint = h.sidecar.sync.rules!.fingerprint;
    setCondition('Healthy_Customer', 'Is_Custmer = true');
    // Every SOQL query any jsforce connection of this process sends while the rules are refused.
    const queries = jest.spyOn(Connection.prototype, 'query');
    let soql: string[];
    try {
      await h.sidecar.sync.pollRules({ initial: false });
    } finally {
      soql = queries.mock.calls.map(([text]) => String(text));
      queries.mockRestore();
    }
    // Who the admins are comes from the package's public group, not from setup objects the
    // integration user cannot read (PermissionSetAssignment needs View Setup and Configuration).
    expect(soql).toContainEqual(expect.stringMatching(/FROM Group WHERE DeveloperName = 'Stance_Admins'/));
    expect(soql.filter((text) => /PermissionSet/i.test(text))).toEqual([]);

    expect(h.sidecar.sync.rules!.fingerprint).toBe(fingerprint);
    const status = (await (
      await fetch(`${h.sidecar.url}/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as {
      rules: { refused: { problems: string[] } };
    };
    expect(status.rules.refused.problems).toEqual([
      expect.stringMatching(/Stance_Rule\.Healthy_Customer.*Condition__c.*1:1.*Is_Custmer.*did you mean Is_Customer/),
    ]);
    expect(await (await fetch(`${h.sidecar.url}/metrics`)).text()).toMatch(/^stance_rules_refused 1$/m);
    const [notice] = h.org.org.notifications.filter((sent) => /refused the new rules/.test(sent.title));
    const group = h.org.org.store.db
      .prepare(`SELECT "Id" FROM "o_Group" WHERE "DeveloperName" = 'Stance_Admins'`)
      .get() as {
      Id: string;
    };
    expect(notice).toMatchObject({
      recipientIds: [group.Id],
      deliveredTo: [h.org.org.adminUserId],
      body: expect.stringMatching(/Is_Custmer/),
    });

    // The previous rules still decide: a new threat at a customer still makes it at risk. Lee, in
    // logistics, reports it; only the admin may delete a signal.
    const lumiere = await accountNamed(h.admin, 'Chocolaterie Lumière');
    const signal = (await (await h.as('lee')).sobject('Stance_Signal__c').create({
      Account__c: lumiere.Id,
      Trigger__c: 'SERVICE_DISSATISFACTION',
      Status__c: 'New',
      Source__c: 'Logistics',
    })) as { id: string };
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Chocolaterie Lumière')).toMatchObject({
        Stance__c: 'Defend',
        At_Risk__c: true,
      }),
    );
    await h.admin.sobject('Stance_Signal__c').destroy(signal.id);

    // Fixed: taken into force, everything recomputed.
    setCondition('Healthy_Customer', 'Is_Customer = true');
    await h.sidecar.sync.pollRules({ initial: false });
    expect(h.sidecar.sync.refusedRules).toBeNull();
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Chocolaterie Lumière')).toMatchObject({ At_Risk__c: false }),
    );
  });

  it('a valid change recomputes every account', async () => {
    await settled(h.sidecar);
    setCondition('Healthy_Customer', 'Is_Customer = true AND Open_Pipeline > 1000000000');
    await h.sidecar.sync.pollRules({ initial: false });
    // Bakkerij de Vries was a healthy customer; with no rule left for it, it has no stance.
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Bakkerij de Vries')).toMatchObject({
        Stance__c: 'None',
        Stance_Rule__c: null,
      }),
    );
    setCondition('Healthy_Customer', 'Is_Customer = true');
    await h.sidecar.sync.pollRules({ initial: false });
    await eventually(async () =>
      expect(await accountNamed(h.admin, 'Bakkerij de Vries')).toMatchObject({
        Stance__c: 'Defend',
        Stance_Rule__c: 'Healthy_Customer',
      }),
    );
  });

  it('simulates a candidate rule set: the transition matrix, and nothing written', async () => {
    await settled(h.sidecar);
    const stamps = async () =>
      (
        await h.admin.query<{ Id: string; SystemModstamp: string }>(
          'SELECT Id, SystemModstamp FROM Account ORDER BY Id',
        )
      ).records;
    const before = await stamps();
    const writes = h.sidecar.sync.metrics.writes;
    const rules = h.sidecar.sync.rules!.records.rules.map((rule) =>
      rule.DeveloperName === 'Customer_Outside_Strategy' ? { ...rule, Stance__c: 'None' } : rule,
    );
    const answer = await fetch(`${h.sidecar.url}/rules/simulate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ rules }),
    });
    expect(answer.status).toBe(200);
    const result = (await answer.json()) as {
      accounts: number;
      changed: number;
      matrix: Record<string, Record<string, number>>;
      transitions: unknown[];
    };
    // Exactly the accounts that rule fires for today (and no manager overrode) would move.
    const outside = (
      await h.admin.query<{ Name: string }>(
        `SELECT Name FROM Account WHERE Stance_Rule__c = 'Customer_Outside_Strategy' AND Stance_Override__c = null ORDER BY Name`,
      )
    ).records.map((account) => account.Name);
    expect(outside).toContain('Andes Mining Supplies');
    expect(result.accounts).toBe(ACCOUNTS.length);
    expect(result.matrix.Fire!.None).toBe(outside.length);
    expect(result.transitions).toContainEqual({
      from: 'Fire',
      to: 'None',
      count: outside.length,
      samples: expect.arrayContaining([
        expect.objectContaining({ id: expect.any(String), name: 'Andes Mining Supplies' }),
      ]),
    });
    expect(result.changed).toBe(outside.length);
    expect(await stamps()).toEqual(before);
    expect(h.sidecar.sync.metrics.writes).toBe(writes);

    const invalid = await fetch(`${h.sidecar.url}/rules/simulate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ rules: [{ ...rules[0], Condition__c: 'Open_Pipeline >' }] }),
    });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { problems: string[] }).problems[0]).toMatch(/Stance_Rule\.\w+.*Condition__c/);
  });
});

describe('time', () => {
  it('an override expires at its expiry time with no event', async () => {
    const start = Date.now();
    const clock = new ManualClock(start);
    const h = await startHarness({ clock });
    try {
      await settled(h.sidecar);
      const paper = await accountNamed(h.admin, 'Pacific Paper Co.');
      const today = new Date(start).toISOString().slice(0, 10);
      // Max, the reps' manager, overrides the stance (only managers may edit the override fields).
      await (await h.as('max')).sobject('Account').update({
        Id: paper.Id,
        Stance_Override__c: 'Attack',
        Stance_Override_Reason__c: 'Board asked us to try once more',
        Stance_Override_Until__c: today,
      });
      await eventually(async () =>
        expect(await accountNamed(h.admin, 'Pacific Paper Co.')).toMatchObject({
          Stance__c: 'Attack',
          Stance_Reason__c: expect.stringMatching(/Set by hand to Attack: Board asked us/),
        }),
      );
      await settled(h.sidecar);
      const events = h.sidecar.sync.metrics.events;
      expect(h.sidecar.sync.nextReevaluation).toBe(new Date(Date.parse(today) + DAY).toISOString());

      // Timers due by then fire inside advanceTo and mark their accounts pending: settled waits
      // for any such recompute to be written, so an early one shows below.
      clock.advanceTo(Date.parse(today) + DAY - 1_000);
      await settled(h.sidecar);
      expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('Attack');

      clock.advanceTo(Date.parse(today) + DAY + 1_000);
      await eventually(async () => expect((await accountNamed(h.admin, 'Pacific Paper Co.')).Stance__c).toBe('None'));
      // Only the echo of its own write arrived since: no event caused the change.
      expect(h.sidecar.sync.metrics.events - events).toBeLessThanOrEqual(1);
    } finally {
      await h.close();
    }
  });
});
