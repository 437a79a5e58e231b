/**
 * Cases through the local org: a case opened by support on an account to fire is effort spent off
 * the strategy, written on the account (recent cases, off strategy, the exit plan's progress); its
 * closing is followed too. Through Case change events, as the integration user (View All on Case).
 */
import { eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

interface Effort {
  Stance__c: string | null;
  Stance_Recent_Cases__c: number | null;
  Stance_Effort_Off_Strategy__c: boolean;
  Stance_Plan_Steps__c: number | null;
  Stance_Plan_Steps_Done__c: number | null;
  Stance_Checklist__c: string | null;
}

describe('cases on an account to fire', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  const effortOf = async (id: string) => {
    const answer = await h.admin.query<Effort>(
      `SELECT Stance__c, Stance_Recent_Cases__c, Stance_Effort_Off_Strategy__c, Stance_Plan_Steps__c, Stance_Plan_Steps_Done__c, Stance_Checklist__c FROM Account WHERE Id = '${id}'`,
    );
    const account = answer.records[0]!;
    const explanation = JSON.parse(account.Stance_Checklist__c ?? '{}') as {
      effort?: { openCases: number; recentCases: number };
    };
    return { ...account, openCases: explanation.effort?.openCases };
  };

  it('moves recent cases, effort off strategy and the exit plan when support opens a case, and follows its closing', async () => {
    // Dana enters a customer outside the strategy (mining, in Chile): Fire, and nobody works on it.
    const dana = await h.as('dana');
    const created = await dana.sobject('Account').create({
      Name: 'Atacama Salt Traders',
      Type: 'Customer - Direct',
      Industry: 'Mining',
      BillingCountry: 'Chile',
    });
    const accountId = (created as { id: string }).id;
    await eventually(
      async () =>
        expect(await effortOf(accountId)).toMatchObject({
          Stance__c: 'Fire',
          Stance_Recent_Cases__c: 0,
          Stance_Effort_Off_Strategy__c: false,
          Stance_Plan_Steps__c: 4,
          // Effort moved to targets is met by itself: no deal and no case is open.
          Stance_Plan_Steps_Done__c: 1,
          openCases: 0,
        }),
      30_000,
    );

    // Sam, in support, opens a case for it.
    const sam = await h.as('sam');
    const opened = await sam
      .sobject('Case')
      .create({ AccountId: accountId, Subject: 'Caking in silo 3', Status: 'New' });
    const caseId = (opened as { id: string }).id;
    await eventually(
      async () =>
        expect(await effortOf(accountId)).toMatchObject({
          Stance__c: 'Fire',
          Stance_Recent_Cases__c: 1,
          Stance_Effort_Off_Strategy__c: true,
          Stance_Plan_Steps_Done__c: 0,
          openCases: 1,
        }),
      30_000,
    );

    // Closed: no case open any more, yet one in the lookback (still effort off strategy).
    await sam.sobject('Case').update({ Id: caseId, Status: 'Closed' });
    await eventually(
      async () =>
        expect(await effortOf(accountId)).toMatchObject({
          Stance_Recent_Cases__c: 1,
          Stance_Effort_Off_Strategy__c: true,
          Stance_Plan_Steps_Done__c: 1,
          openCases: 0,
        }),
      30_000,
    );
    // Followed on the Case channel (its creation and its closing), not found by polling.
    expect(h.sidecar.sync.metrics.eventsByObject.get('Case')).toBeGreaterThanOrEqual(2);
    expect(h.sidecar.sync.followedChannels).toMatchObject({ Case: '/data/CaseChangeEvent' });
  });

  it('writes a change in open pipeline, and does not rewrite the account for an edit the engine does not read', async () => {
    const dana = await h.as('dana');
    const account = await dana.sobject('Account').create({
      Name: 'Salar Chemicals',
      Type: 'Customer - Direct',
      Industry: 'Mining',
      BillingCountry: 'Chile',
    });
    const accountId = (account as { id: string }).id;
    const pipeline = async () =>
      (
        await h.admin.query<{ Stance_Open_Deals__c: number | null; Stance_Open_Pipeline__c: number | null }>(
          `SELECT Stance_Open_Deals__c, Stance_Open_Pipeline__c FROM Account WHERE Id = '${accountId}'`,
        )
      ).records[0]!;
    await eventually(
      async () => expect(await pipeline()).toEqual(expect.objectContaining({ Stance_Open_Pipeline__c: 0 })),
      30_000,
    );
    const deal = await dana.sobject('Opportunity').create({
      AccountId: accountId,
      Name: 'Salar – brine additive',
      StageName: 'Prospecting',
      CloseDate: '2026-12-31',
      Amount: 42_000.25,
    });
    const dealId = (deal as { id: string }).id;
    await eventually(
      async () =>
        expect(await pipeline()).toMatchObject({ Stance_Open_Deals__c: 1, Stance_Open_Pipeline__c: 42_000.25 }),
      30_000,
    );
    await dana.sobject('Opportunity').update({ Id: dealId, Amount: 43_000 });
    await eventually(async () => expect(await pipeline()).toMatchObject({ Stance_Open_Pipeline__c: 43_000 }), 30_000);
    await settled(h.sidecar);

    // A field the engine does not read: the event is applied, the account is classified, not written.
    const { metrics } = h.sidecar.sync;
    const writes = metrics.writes;
    const classified = metrics.accountsClassified;
    await dana.sobject('Opportunity').update({ Id: dealId, Name: 'Salar – brine additive, second plant' });
    await eventually(async () => expect(metrics.accountsClassified).toBeGreaterThan(classified), 30_000);
    await settled(h.sidecar);
    expect(metrics.writes).toBe(writes);
  });
});
