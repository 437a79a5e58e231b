import {
  describeCompetitors,
  describeCoverage,
  describeEffort,
  groupChecklist,
  leverLabels,
  leverValue,
  planProgress,
  stateVisual,
} from 'c/stanceModel';
import { userLocale } from 'c/stanceI18n';

const step = (code, state) => ({ code, kind: 'plan_step', state });
const BRITISH_EUROS = { locale: 'en-GB', lang: 'en-GB', currency: 'EUR' };
const english = { ...userLocale };
afterEach(() => Object.assign(userLocale, english));
const effort = (values) => ({
  openDeals: 0,
  openPipeline: 0,
  openCases: 0,
  recentCases: 0,
  lastActivityDate: null,
  recentActivity: false,
  offStrategy: true,
  lookbackDays: 90,
  ...values,
});

describe('the exit plan', () => {
  const exitPlan = [
    { code: 'STRATEGIC_MISALIGNMENT', kind: 'misalignment', state: 'detected' },
    step('EXIT_DECISION', 'done'),
    step('EXIT_CUSTOMER_TOLD', 'done'),
    step('EXIT_HANDOVER', 'open'),
    step('EXIT_EFFORT_MOVED', 'open'),
  ];

  it('titles the plan steps of a Fire account the exit plan, and counts exit steps', () => {
    expect(groupChecklist(exitPlan, 'Fire').map((group) => group.title)).toEqual(['Misalignments', 'Exit plan']);
    expect(groupChecklist(exitPlan, 'Defend').map((group) => group.title)).toEqual(['Misalignments', 'Plan steps']);
    expect(planProgress(exitPlan, 'Fire')).toBe('2 of 4 exit steps');
    expect(planProgress(exitPlan, 'Attack')).toBe('2 of 4 plan steps done');
  });

  it("counts a step detection meets as done, and prefers the explanation's own count", () => {
    const detected = exitPlan.map((item) => {
      return item.code === 'EXIT_EFFORT_MOVED' ? { ...item, state: 'detected' } : item;
    });
    expect(planProgress(detected, 'Fire')).toBe('3 of 4 exit steps');
    expect(planProgress(exitPlan, 'Fire', { done: 3, total: 4 })).toBe('3 of 4 exit steps');
    expect(planProgress([], 'None', { done: 0, total: 0 })).toBeNull();
  });

  it('reads a plan step met by detection as met, and a threat detected as detected', () => {
    expect(stateVisual('detected', 'plan_step').label).toBe('Met');
    expect(stateVisual('detected', 'threat').label).toBe('Detected');
    expect(stateVisual('detected').label).toBe('Detected');
  });
});

describe('monitoring coverage', () => {
  const coverage = (silent) => ({
    lookbackDays: 90,
    departments: [
      { name: 'Customer Support', lastReportedAt: silent.includes('Customer Support') ? null : '2026-06-01T10:00:00Z' },
      { name: 'Logistics', lastReportedAt: silent.includes('Logistics') ? null : '2026-06-02T10:00:00Z' },
      { name: 'Technical', lastReportedAt: silent.includes('Technical') ? null : '2026-06-03T10:00:00Z' },
    ],
    silent,
  });

  it('names the departments that reported and those that are silent', () => {
    expect(describeCoverage(coverage(['Logistics']))).toBe(
      'Reported in the last 90 days: Customer Support, Technical. Silent: Logistics.',
    );
    expect(describeCoverage(coverage([]))).toBe(
      'Reported in the last 90 days: Customer Support, Logistics, Technical.',
    );
    expect(describeCoverage(coverage(['Customer Support', 'Logistics', 'Technical']))).toBe(
      'Nobody reported in the last 90 days. Silent: Customer Support, Logistics, Technical.',
    );
  });

  it('says nothing when the strategy monitors no department, or the explanation predates coverage', () => {
    expect(describeCoverage(null)).toBeNull();
    expect(describeCoverage(undefined)).toBeNull();
  });
});

describe('competitors', () => {
  it('names each active competitor with what was seen of it', () => {
    expect(
      describeCompetitors([
        { name: 'Cacao Nova', signals: 2, lostDeals: 0, lastSeenAt: '2026-06-10T00:00:00Z' },
        { name: 'Valdor Ingredients', signals: 0, lostDeals: 1, lastSeenAt: '2026-05-10T00:00:00Z' },
        { name: 'Nordbake Supply', signals: 1, lostDeals: 2, lastSeenAt: '2026-04-10T00:00:00Z' },
      ]),
    ).toBe('Cacao Nova (2 signals), Valdor Ingredients (lost deal), Nordbake Supply (1 signal, 2 lost deals)');
    expect(describeCompetitors([])).toBeNull();
    expect(describeCompetitors(undefined)).toBeNull();
  });
});

describe('effort off-strategy', () => {
  beforeEach(() => Object.assign(userLocale, BRITISH_EUROS));

  it("says what is still spent on a Fire account, money in the user's currency", () => {
    expect(describeEffort(effort({ openDeals: 3, openPipeline: 180000, recentCases: 5 }), 'Fire')).toBe(
      '3 open deals (€180k) and 5 cases in 90 days on an account outside the strategy.',
    );
  });

  it('names open cases and recent activity too, and one of each in the singular', () => {
    expect(
      describeEffort(
        effort({ openDeals: 1, recentCases: 2, openCases: 1, recentActivity: true, lastActivityDate: '2026-06-10' }),
        'None',
      ),
    ).toBe(
      '1 open deal, 2 cases in 90 days (1 still open) and activity on 10 Jun 2026 on an account outside the strategy.',
    );
    expect(describeEffort(effort({ openCases: 1 }), 'Fire')).toBe('1 open case on an account outside the strategy.');
  });

  it('says nothing for accounts in the strategy, effort within it, or an explanation without effort', () => {
    expect(describeEffort(effort({ openDeals: 3 }), 'Defend')).toBeNull();
    expect(describeEffort(effort({ openDeals: 3, offStrategy: false }), 'Fire')).toBeNull();
    expect(describeEffort(undefined, 'Fire')).toBeNull();
  });
});

describe('levers', () => {
  const options = [
    { value: 'Technical', label: 'Technical solution' },
    { value: 'Price', label: 'Price' },
    { value: 'Service', label: 'Service' },
  ];

  it('shows stored levers by their labels, and stores chosen ones as a multi-select picklist does', () => {
    expect(leverLabels(['Technical', 'Service'], options)).toEqual(['Technical solution', 'Service']);
    expect(leverLabels('Price;Gone', options)).toEqual(['Price', 'Gone']);
    expect(leverLabels(null, options)).toEqual([]);
    expect(leverValue(['Service', 'Technical'], options)).toBe('Technical;Service');
  });
});
