import {
  addRule,
  caretAt,
  diffRecords,
  factsMatching,
  moveRule,
  orderedRules,
  updateField,
  wordAt,
} from 'console/draft';

const SET = {
  strategies: [{ DeveloperName: 'Default', Target_Countries__c: 'DE' }],
  rules: [
    { DeveloperName: 'A', Order__c: 10, Condition__c: 'true', Active__c: true },
    { DeveloperName: 'B', Order__c: 20, Condition__c: 'false', Active__c: true },
    { DeveloperName: 'C', Order__c: 30, Condition__c: 'true', Active__c: true },
  ],
  triggers: [{ DeveloperName: 'T', Weight__c: 3 }],
};

describe('console/draft', () => {
  it('changes a copy, never the set in force', () => {
    const next = updateField(SET, 'rules', 'A', 'Condition__c', 'IsCustomer');
    expect(SET.rules[0].Condition__c).toBe('true');
    expect(next.rules[0].Condition__c).toBe('IsCustomer');
  });

  it('moves a rule by swapping orders with its neighbour, and not past an end', () => {
    expect(orderedRules(moveRule(SET, 'C', -1)).map((r) => r.DeveloperName)).toEqual(['A', 'C', 'B']);
    expect(orderedRules(moveRule(SET, 'A', 1)).map((r) => r.DeveloperName)).toEqual(['B', 'A', 'C']);
    expect(orderedRules(moveRule(SET, 'A', -1)).map((r) => r.DeveloperName)).toEqual(['A', 'B', 'C']);
    const tied = {
      ...SET,
      rules: [
        { DeveloperName: 'X', Order__c: 5 },
        { DeveloperName: 'Y', Order__c: 5 },
      ],
    };
    expect(orderedRules(moveRule(tied, 'Y', -1)).map((r) => r.DeveloperName)).toEqual(['Y', 'X']);
  });

  it('adds a new active rule at the end with a free name', () => {
    const once = addRule(SET, 'New rule');
    const twice = addRule(once, 'New rule');
    expect(
      orderedRules(twice)
        .slice(-2)
        .map((r) => [r.DeveloperName, r.Order__c, r.Active__c]),
    ).toEqual([
      ['New_Rule_1', 40, true],
      ['New_Rule_2', 50, true],
    ]);
  });

  it('diffs in the history shape, naming records as Type.DeveloperName', () => {
    let draft = updateField(SET, 'rules', 'B', 'Active__c', false);
    draft = updateField(draft, 'triggers', 'T', 'Weight__c', 5);
    draft = addRule(draft, 'New rule');
    expect(diffRecords(SET, draft)).toEqual({
      added: ['Stance_Rule.New_Rule_1'],
      removed: [],
      changed: [
        { record: 'Stance_Rule.B', field: 'Active__c', before: true, after: false },
        { record: 'Stance_Trigger.T', field: 'Weight__c', before: 3, after: 5 },
      ],
    });
    expect(diffRecords(SET, updateField(SET, 'triggers', 'T', 'Weight__c', '3'))).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('places the caret at the 1-based column of the 1-based line', () => {
    expect(caretAt('a\nbc = 1', 2, 4)).toEqual({ lineText: 'bc = 1', caretText: '   ^' });
    expect(caretAt('abc', 1, 1)).toEqual({ lineText: 'abc', caretText: '^' });
    expect(caretAt('abc', 1, 99)).toEqual({ lineText: 'abc', caretText: '   ^' });
  });

  it('finds the word being typed and the facts it starts', () => {
    expect(wordAt('IsCustomer and Ind', 18)).toEqual({ start: 15, prefix: 'Ind' });
    expect(wordAt('IsCustomer and ', 15)).toEqual({ start: 15, prefix: '' });
    const facts = [{ name: 'Industry' }, { name: 'IsCustomer' }];
    expect(factsMatching(facts, 'ind')).toEqual([{ name: 'Industry' }]);
    expect(factsMatching(facts, 'Industry')).toEqual([]);
    expect(factsMatching(facts, '')).toEqual([]);
  });
});
