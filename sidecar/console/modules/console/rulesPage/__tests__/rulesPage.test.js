import { createElement } from 'lwc';
import RulesPage from 'console/rulesPage';

const RULE_SET = {
  fingerprint: 'abcdef0123456789',
  records: {
    strategies: [
      {
        DeveloperName: 'Default',
        Target_Industries__c: 'Banking;Insurance',
        Target_Countries__c: 'DE\nAT',
        Large_Account_Revenue__c: 50000000,
        Lookback_Days__c: 90,
        Key_Title_Pattern__c: '(CEO|CFO)',
        At_Risk_Threat_Weight__c: 5,
      },
    ],
    rules: [
      {
        DeveloperName: 'Later',
        MasterLabel: 'Later rule',
        Order__c: 20,
        Stance__c: 'None',
        Condition__c: 'true',
        Active__c: true,
      },
      {
        DeveloperName: 'First',
        MasterLabel: 'First rule',
        Order__c: 10,
        Stance__c: 'Attack',
        Condition__c: 'Industry = "Banking"',
        Active__c: true,
      },
      {
        DeveloperName: 'Old',
        MasterLabel: 'Old rule',
        Order__c: 15,
        Stance__c: 'Fire',
        Condition__c: 'false',
        Active__c: false,
      },
    ],
    triggers: [
      {
        DeveloperName: 'Attack_CustomerProblem',
        Code__c: 'CUSTOMER_PROBLEM',
        Stance__c: 'Attack',
        Kind__c: 'opening',
        Weight__c: 3,
      },
    ],
  },
  decides: { First: 1, Later: 41 },
  facts: [],
};

function mount(ruleSet) {
  const element = createElement('console-rules-page', { is: RulesPage });
  element.ruleSet = ruleSet;
  document.body.appendChild(element);
  return element;
}

describe('console-rules-page', () => {
  afterEach(() => document.body.replaceChildren());

  it('lists the rules in the order the engine tries them, each with how many accounts it decides', async () => {
    const element = mount(RULE_SET);
    const rows = [...element.shadowRoot.querySelectorAll('[data-id="rule"]')];
    expect(rows.map((row) => row.dataset.name)).toEqual(['First', 'Old', 'Later']);
    expect(rows.map((row) => row.querySelector('[data-id="decides"]').textContent)).toEqual([
      '1 account',
      'Retired',
      '41 accounts',
    ]);
    expect(element.shadowRoot.querySelector('[data-id="strategy"]').textContent).toContain('Banking, Insurance');
    expect(element.shadowRoot.querySelector('[data-id="strategy"]').textContent).toContain('DE, AT');
    expect(element.shadowRoot.querySelectorAll('[data-id="trigger"]')).toHaveLength(1);
    await expect(element).toBeAccessible();
  });

  it('says so when nothing is in force', async () => {
    const element = mount({ fingerprint: null, records: { strategies: [], rules: [], triggers: [] }, decides: {} });
    expect(element.shadowRoot.querySelector('[data-id="no-strategy"]')).not.toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="no-rules"]')).not.toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="no-triggers"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});
