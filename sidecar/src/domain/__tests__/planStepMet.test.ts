/**
 * A plan step detection already meets is met, whatever a person reported on it: it reads "Met"
 * on the checklist with nothing left to mark done, and counts among the steps done.
 */
import { classify } from '..';
import type { AccountSnapshot, ChecklistItem, Classification } from '..';
import { customer, NOW, signal } from './support/builders';
import { shippedCompiled } from './support/shippedConfig';

const run = (account: AccountSnapshot): Classification => classify(account, shippedCompiled(), NOW);
const item = (result: Classification, code: string): ChecklistItem | undefined =>
  result.explanation.checklist.find((entry) => entry.code === code);

/** Two departments other than sales report: the Defend monitoring step is met by detection. */
const reporting = [
  signal('PROCESS_CHANGE', { Source__c: 'Logistics' }),
  signal('STRATEGY_CHANGE', { Source__c: 'Technical' }),
];

describe('a plan step detection meets', () => {
  it('is met and counted done when nobody reported on it', () => {
    const result = run(customer({ signals: reporting }));
    expect(item(result, 'MONITORING_COVERAGE')?.state).toBe('detected');
    expect(result.explanation.planSteps).toEqual({ done: 1, total: 1 });
  });

  it('stays met and counted done when someone also reported on it', () => {
    const result = run(
      customer({
        signals: [...reporting, signal('MONITORING_COVERAGE', { Source__c: 'Sales', Status__c: 'Confirmed' })],
      }),
    );
    expect(item(result, 'MONITORING_COVERAGE')?.state).toBe('detected');
    expect(result.explanation.planSteps).toEqual({ done: 1, total: 1 });
  });

  it('is open with a report but no detection: a report alone does not meet a plan step', () => {
    const result = run(
      customer({ signals: [signal('MONITORING_COVERAGE', { Source__c: 'Sales', Status__c: 'Confirmed' })] }),
    );
    expect(item(result, 'MONITORING_COVERAGE')?.state).toBe('confirmed');
    expect(result.explanation.planSteps).toEqual({ done: 0, total: 1 });
  });
});
