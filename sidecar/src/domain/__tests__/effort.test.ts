/**
 * Issue 15 on one account: monitoring coverage by department, the competitors active on it, the
 * effort it takes (off strategy on Fire and None), the Fire exit plan, and the Account fields
 * written from them.
 */
import { classify, explanationSchema, parseExplanation, stanceFieldValues } from '..';
import type { AccountSnapshot, CaseRecord, Classification, CompiledConfig } from '..';
import { NOW, customer, daysAgo, opportunity, signal, snapshot } from './support/builders';
import { compile, shippedCompiled, shippedConfig } from './support/shippedConfig';

const run = (account: AccountSnapshot, config: CompiledConfig = shippedCompiled()): Classification =>
  classify(account, config, NOW);

let caseSequence = 0;
const aCase = (fields: Partial<CaseRecord> = {}): CaseRecord => ({
  Id: `500${String(++caseSequence).padStart(15, '0')}`,
  IsClosed: false,
  CreatedDate: daysAgo(5),
  ClosedDate: null,
  Status: 'New',
  ...fields,
});

/** A customer outside the strategy (mining in Chile): Fire under the shipped rules. */
const fireAccount = (parts: Parameters<typeof customer>[0] = {}) =>
  customer({ ...parts, account: { Industry: 'Mining', BillingCountry: 'Chile', ...parts.account } });

describe('monitoring coverage by department', () => {
  it('names each monitored department with its latest report, and the silent ones', () => {
    const result = run(
      customer({
        signals: [
          signal('SERVICE_DISSATISFACTION', { Source__c: 'Customer Support', CreatedDate: daysAgo(30) }),
          signal('PRODUCT_DISSATISFACTION', { Source__c: 'Customer Support', CreatedDate: daysAgo(4) }),
          // Dismissed reports and reports older than the lookback do not cover the department.
          signal('PRODUCT_DISSATISFACTION', { Source__c: 'Technical', Status__c: 'Dismissed' }),
          signal('SERVICE_DISSATISFACTION', { Source__c: 'Logistics', CreatedDate: daysAgo(120) }),
          // A resolved report still shows the department is watching.
          signal('PROCESS_CHANGE', { Source__c: 'Finance', Status__c: 'Resolved' }),
        ],
      }),
    );
    expect(result.explanation.coverage).toEqual({
      lookbackDays: 90,
      departments: [
        { name: 'Customer Support', lastReportedAt: daysAgo(4) },
        { name: 'Logistics', lastReportedAt: null },
        { name: 'Technical', lastReportedAt: null },
      ],
      silent: ['Logistics', 'Technical'],
    });
    expect(classify(customer(), shippedCompiled(), NOW, { withFacts: true }).facts).toMatchObject({
      Monitored_Department_Count: 3,
      Silent_Department_Count: 3,
    });
  });

  it('counts silent departments as a fact rules may read', () => {
    const facts = classify(
      customer({ signals: [signal('SERVICE_DISSATISFACTION', { Source__c: 'Logistics' })] }),
      shippedCompiled(),
      NOW,
      { withFacts: true },
    ).facts!;
    expect(facts).toMatchObject({ Monitored_Department_Count: 3, Silent_Department_Count: 2 });
  });

  it('is null when the strategy monitors no department', () => {
    const base = shippedConfig();
    const config = compile({ ...base, strategy: { ...base.strategy, monitoredDepartments: [] } });
    const result = run(customer({ signals: [signal('SERVICE_DISSATISFACTION')] }), config);
    expect(result.explanation.coverage).toBeNull();
    expect(explanationSchema.parse(JSON.parse(result.json)).coverage).toBeNull();
  });
});

describe('competitors active on the account', () => {
  it('come from signals in the lookback and deals lost to them, most recently seen first', () => {
    const result = run(
      customer({
        signals: [
          signal('COMPETITOR_APPROACH', { Competitor__c: 'Cacao Nova', CreatedDate: daysAgo(20) }),
          signal('COMPETITOR_APPROACH', { Competitor__c: 'Cacao Nova', CreatedDate: daysAgo(10) }),
          signal('COMPETITOR_APPROACH', { Competitor__c: 'Nordbake Supply', Status__c: 'Dismissed' }),
          signal('COMPETITOR_APPROACH', { Competitor__c: 'Other', CreatedDate: daysAgo(200) }),
        ],
        opportunities: [
          opportunity({
            IsClosed: true,
            IsWon: false,
            CloseDate: daysAgo(2).slice(0, 10),
            Lost_To_Competitor__c: 'Valdor Ingredients',
          }),
          opportunity({
            IsClosed: true,
            IsWon: false,
            CloseDate: daysAgo(40).slice(0, 10),
            Lost_To_Competitor__c: 'Cacao Nova',
          }),
        ],
      }),
    );
    expect(result.explanation.competitors).toEqual([
      { name: 'Valdor Ingredients', signals: 0, lostDeals: 1, lastSeenAt: `${daysAgo(2).slice(0, 10)}T00:00:00.000Z` },
      { name: 'Cacao Nova', signals: 2, lostDeals: 1, lastSeenAt: daysAgo(10) },
    ]);
    expect(stanceFieldValues(result).Stance_Competitors__c).toBe('Valdor Ingredients; Cacao Nova');
    const facts = classify(
      customer({ signals: [signal('COMPETITOR_APPROACH', { Competitor__c: 'Cacao Nova' })] }),
      shippedCompiled(),
      NOW,
      { withFacts: true },
    ).facts!;
    expect(facts).toMatchObject({ Competitor_Count: 1, Competitor_Signal_Count: 1 });
  });

  it('is an empty list, and no field value, when none is active', () => {
    const result = run(customer());
    expect(result.explanation.competitors).toEqual([]);
    expect(stanceFieldValues(result).Stance_Competitors__c).toBeNull();
  });

  it("shows the competitor, levers and transition end on the checklist's signal", () => {
    const result = run(
      fireAccount({
        signals: [
          signal('EXIT_CUSTOMER_TOLD', { Status__c: 'Done', Transition_Until__c: '2026-09-30' }),
          signal('COMPETITIVE_SHIFT', { Competitor__c: 'Cacao Nova', Value_Levers__c: 'Technical;Service' }),
        ],
      }),
    );
    const told = result.explanation.checklist.find((item) => item.code === 'EXIT_CUSTOMER_TOLD');
    expect(told?.signal).toMatchObject({ transitionUntil: '2026-09-30', competitor: null, levers: null });
    const shift = result.explanation.checklist.find((item) => item.code === 'COMPETITIVE_SHIFT');
    expect(shift?.signal).toMatchObject({ competitor: 'Cacao Nova', levers: ['Technical', 'Service'] });
  });
});

describe('effort, and effort off strategy', () => {
  const busy = {
    opportunities: [opportunity({ Amount: 120_000.5 }), opportunity({ Amount: 30_000 })],
    cases: [
      aCase(),
      aCase({ IsClosed: true, ClosedDate: daysAgo(1), CreatedDate: daysAgo(20) }),
      aCase({ CreatedDate: daysAgo(300) }),
    ],
    account: { LastActivityDate: daysAgo(3).slice(0, 10) },
  };

  it('counts open deals, pipeline, open and recent cases and recent activity on any stance', () => {
    const result = run(customer(busy));
    expect(result.stance).toBe('Defend');
    expect(result.explanation.effort).toEqual({
      openDeals: 2,
      openPipeline: 150_000.5,
      openCases: 2,
      recentCases: 2,
      lastActivityDate: daysAgo(3).slice(0, 10),
      recentActivity: true,
      offStrategy: false,
      lookbackDays: 90,
    });
    expect(stanceFieldValues(result)).toMatchObject({
      Stance_Open_Deals__c: 2,
      Stance_Open_Pipeline__c: 150_000.5,
      Stance_Recent_Cases__c: 2,
      Stance_Effort_Off_Strategy__c: false,
    });
  });

  it('is off strategy on a Fire account with effort on it, each kind of effort alone', () => {
    expect(run(fireAccount(busy)).explanation.effort?.offStrategy).toBe(true);
    expect(run(fireAccount({ cases: [aCase()] })).explanation.effort?.offStrategy).toBe(true);
    expect(
      run(fireAccount({ cases: [aCase({ IsClosed: true, ClosedDate: daysAgo(2) })] })).explanation.effort,
    ).toMatchObject({ openCases: 0, recentCases: 1, offStrategy: true });
    expect(run(fireAccount({ opportunities: [opportunity({ Amount: 0 })] })).explanation.effort?.offStrategy).toBe(
      true,
    );
    expect(
      run(fireAccount({ account: { LastActivityDate: daysAgo(10).slice(0, 10) } })).explanation.effort?.offStrategy,
    ).toBe(true);
    expect(stanceFieldValues(run(fireAccount(busy))).Stance_Effort_Off_Strategy__c).toBe(true);
  });

  it('is not off strategy on a Fire account nobody works on (old activity, old closed cases)', () => {
    const result = run(
      fireAccount({
        cases: [aCase({ IsClosed: true, CreatedDate: daysAgo(200), ClosedDate: daysAgo(150) })],
        account: { LastActivityDate: daysAgo(100).slice(0, 10) },
      }),
    );
    expect(result.stance).toBe('Fire');
    expect(result.explanation.effort).toMatchObject({ openCases: 0, recentCases: 0, recentActivity: false });
    expect(result.explanation.effort?.offStrategy).toBe(false);
  });

  it('is off strategy on a None account (a prospect outside the strategy) that takes effort', () => {
    const result = run(snapshot({ account: { Industry: 'Mining' }, cases: [aCase()] }));
    expect(result.stance).toBe('None');
    expect(result.explanation.effort?.offStrategy).toBe(true);
    expect(result.explanation.planSteps).toEqual({ done: 0, total: 0 });
  });

  it('looks again when a recent case leaves the lookback', () => {
    const result = run(fireAccount({ cases: [aCase({ IsClosed: true, CreatedDate: daysAgo(80) })] }));
    expect(result.nextEvaluationMs).toBe(Date.parse(daysAgo(80)) + 90 * 86_400_000);
  });
});

describe('the Fire exit plan', () => {
  const steps = ['EXIT_DECISION', 'EXIT_CUSTOMER_TOLD', 'EXIT_HANDOVER', 'EXIT_EFFORT_MOVED'];

  it('lists the four steps as plan steps on the checklist, effort moved detected when nothing is open', () => {
    const result = run(fireAccount());
    const plan = result.explanation.checklist.filter((item) => item.kind === 'plan_step');
    expect(plan.map((item) => item.code)).toEqual(steps);
    expect(plan.find((item) => item.code === 'EXIT_EFFORT_MOVED')).toMatchObject({
      state: 'detected',
      evidence: { Open_Opportunity_Count: 0, Open_Case_Count: 0 },
    });
    expect(result.explanation.planSteps).toEqual({ done: 1, total: 4 });
  });

  it('does not detect effort moved while a deal or a case is open', () => {
    for (const parts of [{ cases: [aCase()] }, { opportunities: [opportunity()] }]) {
      const result = run(fireAccount(parts));
      expect(result.stance).toBe('Fire');
      expect(result.explanation.checklist.find((item) => item.code === 'EXIT_EFFORT_MOVED')?.state).toBe('open');
      expect(result.explanation.planSteps).toEqual({ done: 0, total: 4 });
    }
  });

  it('counts the steps people ticked, and writes the progress to the account', () => {
    const result = run(
      fireAccount({
        cases: [aCase()],
        signals: [
          signal('EXIT_DECISION', { Status__c: 'Done', Source__c: 'Management' }),
          signal('EXIT_CUSTOMER_TOLD', { Status__c: 'Done', Transition_Until__c: '2026-09-30' }),
        ],
      }),
    );
    expect(result.explanation.planSteps).toEqual({ done: 2, total: 4 });
    expect(stanceFieldValues(result)).toMatchObject({ Stance_Plan_Steps__c: 4, Stance_Plan_Steps_Done__c: 2 });
    expect(parseExplanation(result.json).planSteps).toEqual({ done: 2, total: 4 });
  });

  it('gives Attack and Defend their own plan steps', () => {
    expect(run(snapshot()).explanation.planSteps).toEqual({ done: 0, total: 2 });
    expect(run(customer()).explanation.planSteps?.total).toBe(1);
  });
});

describe('written only when it changes', () => {
  it('changes the hash (so the account is written) when the open pipeline changes, and only then', () => {
    const at = (amount: number) =>
      run(customer({ opportunities: [opportunity({ Id: '006000000000000777', Amount: amount })] }));
    expect(at(100_000).hash).toBe(at(100_000).hash);
    expect(at(100_000).hash).not.toBe(at(100_001).hash);
    expect(stanceFieldValues(at(100_001)).Stance_Open_Pipeline__c).toBe(100_001);
  });

  it('changes the hash when a case opens, a competitor is named or a department reports', () => {
    const base = customer({ account: { Id: '001000000000009AAA' } });
    const hashes = new Set(
      [
        base,
        { ...base, cases: [aCase({ Id: '500000000000000900' })] },
        { ...base, signals: [signal('COMPETITOR_APPROACH', { Id: 'a01000000000000901', Competitor__c: 'Other' })] },
        { ...base, signals: [signal('COMPETITOR_APPROACH', { Id: 'a01000000000000901', Competitor__c: null })] },
      ].map((account) => run(account).hash),
    );
    expect(hashes.size).toBe(4);
  });
});

describe('open pipeline to the cent', () => {
  it('states sums of amounts as a currency field holds them, and hashes what it states', () => {
    const at = (amounts: number[]) =>
      run(
        customer({ opportunities: amounts.map((Amount, i) => opportunity({ Id: `00600000000000080${i}`, Amount })) }),
      );
    const drifting = at([0.1, 0.2]);
    expect(drifting.explanation.effort?.openPipeline).toBe(0.3);
    expect(stanceFieldValues(drifting).Stance_Open_Pipeline__c).toBe(0.3);
    expect(at([0.1, 0.2]).hash).toBe(drifting.hash);
    // 0.1 + 0.2 is 0.30000000000000004: the same explanation, and the same hash, as 0.3 + 0.
    expect(at([0.3, 0]).json).toBe(drifting.json);
    expect(at([0.3, 0]).hash).toBe(drifting.hash);
    expect(at([0.1, 0.21]).hash).not.toBe(drifting.hash);
  });
});
