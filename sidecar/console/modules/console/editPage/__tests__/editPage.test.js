import { createElement } from 'lwc';
import EditPage, { CHECK_DELAY_MS } from 'console/editPage';
import { checkDraft } from 'console/api';

jest.mock('console/api', () => ({ checkDraft: jest.fn() }));

const RECORDS = {
  strategies: [{ DeveloperName: 'Default', Target_Industries__c: 'Banking', Lookback_Days__c: 90 }],
  rules: [
    {
      DeveloperName: 'A',
      MasterLabel: 'A rule',
      Order__c: 10,
      Stance__c: 'Attack',
      Condition__c: 'IsCustomer',
      Active__c: true,
    },
    {
      DeveloperName: 'B',
      MasterLabel: 'B rule',
      Order__c: 20,
      Stance__c: 'None',
      Condition__c: 'true',
      Active__c: true,
    },
  ],
  triggers: [{ DeveloperName: 'T', Weight__c: 3 }],
};
const RULE_SET = {
  fingerprint: 'f1',
  records: RECORDS,
  decides: { A: 2, B: 5 },
  facts: [{ name: 'IsCustomer', type: 'boolean' }],
};

/** A parent's part: keeps the draft and the problems the page sends up. */
function mount() {
  const element = createElement('console-edit-page', { is: EditPage });
  element.ruleSet = RULE_SET;
  element.draft = RECORDS;
  element.problems = [];
  const sent = { drafts: [], problems: [] };
  element.addEventListener('draftchange', (event) => {
    sent.drafts.push(event.detail.records);
    element.draft = event.detail.records;
  });
  element.addEventListener('problems', (event) => {
    sent.problems.push(event.detail.problems);
    element.problems = event.detail.problems;
  });
  document.body.appendChild(element);
  return { element, sent };
}

function cards(element) {
  return [...element.shadowRoot.querySelectorAll('console-rule-card')];
}

async function typeCondition(element, ruleIndex, text) {
  const field = cards(element)[ruleIndex].shadowRoot.querySelector('console-condition-field');
  const area = field.shadowRoot.querySelector('textarea');
  area.value = text;
  area.dispatchEvent(new CustomEvent('input'));
  await Promise.resolve();
}

describe('console-edit-page', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('checks the draft once typing pauses, with the latest text only, and shows the problem under the condition', async () => {
    checkDraft.mockResolvedValue({
      problems: [
        {
          source: 'Stance_Rule.B',
          field: 'Condition__c',
          line: 1,
          column: 8,
          message: 'unknown fact Bogus',
          hint: 'did you mean IsCustomer?',
        },
      ],
    });
    const { element, sent } = mount();
    await Promise.resolve();
    await typeCondition(element, 1, 'true or');
    await typeCondition(element, 1, 'true or Bogus');
    expect(element.shadowRoot.querySelector('[data-id="check-status"]').textContent).toBe('Checking the draft');
    jest.advanceTimersByTime(CHECK_DELAY_MS - 1);
    expect(checkDraft).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(checkDraft).toHaveBeenCalledTimes(1);
    expect(checkDraft.mock.calls[0][0].rules.find((rule) => rule.DeveloperName === 'B').Condition__c).toBe(
      'true or Bogus',
    );
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(sent.problems).toHaveLength(1);
    expect(element.shadowRoot.querySelector('[data-id="check-status"]').textContent).toBe('The draft has 1 problem.');
    const field = cards(element)[1].shadowRoot.querySelector('console-condition-field');
    expect(field.shadowRoot.querySelector('[data-id="excerpt"]').textContent).toBe('true or Bogus\n       ^');
    // The other rule's card shows nothing of it.
    expect(cards(element)[0].shadowRoot.querySelector('console-condition-field').problems).toEqual([]);
    expect(element.shadowRoot.querySelector('[data-id="draft-status"]').textContent).toBe('The draft has 1 change.');
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('says when the draft cannot be checked', async () => {
    checkDraft.mockRejectedValue(new Error('api/check: HTTP 500'));
    const { element } = mount();
    await Promise.resolve();
    await typeCondition(element, 0, 'IsCustomer and');
    jest.advanceTimersByTime(CHECK_DELAY_MS);
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(element.shadowRoot.querySelector('[data-id="check-status"]').textContent).toBe(
      'The draft could not be checked: api/check: HTTP 500',
    );
  });

  it('adds a rule at the end, reorders and retires rules, and changes trigger weights in the draft', async () => {
    checkDraft.mockResolvedValue({ problems: [] });
    const { element, sent } = mount();
    await Promise.resolve();
    element.shadowRoot.querySelector('[data-id="add-rule"]').click();
    await Promise.resolve();
    expect(cards(element).map((card) => card.rule.DeveloperName)).toEqual(['A', 'B', 'New_Rule_1']);

    cards(element)[2].shadowRoot.querySelector('[data-id="up"]').click();
    await Promise.resolve();
    expect(cards(element).map((card) => card.rule.DeveloperName)).toEqual(['A', 'New_Rule_1', 'B']);

    cards(element)[0].shadowRoot.querySelector('[data-id="retire"]').click();
    await Promise.resolve();
    expect(sent.drafts.at(-1).rules.find((rule) => rule.DeveloperName === 'A').Active__c).toBe(false);
    expect(cards(element)[0].shadowRoot.querySelector('[data-id="restore"]')).not.toBeNull();

    const weight = element.shadowRoot.querySelector('[data-id="weight"]');
    weight.value = '7';
    weight.dispatchEvent(new CustomEvent('change', { detail: { value: '7' } }));
    await Promise.resolve();
    expect(sent.drafts.at(-1).triggers[0].Weight__c).toBe(7);
    expect(RECORDS.triggers[0].Weight__c).toBe(3);
    expect(element.shadowRoot.querySelector('[data-id="draft-status"]').textContent).toBe('The draft has 4 changes.');
  });

  it('adds a rule under the API name the admin gives, and refuses a name Salesforce would refuse or the draft has', async () => {
    checkDraft.mockResolvedValue({ problems: [] });
    const { element } = mount();
    await Promise.resolve();
    const name = element.shadowRoot.querySelector('[data-id="new-rule-name"]');
    const add = element.shadowRoot.querySelector('[data-id="add-rule"]');
    for (const [typed, error] of [
      ['1st_Rule', 'Use a letter first'],
      ['Two__Underscores', 'Use a letter first'],
      ['Ends_', 'Use a letter first'],
      ['B', 'The draft already has a rule named B.'],
    ]) {
      name.dispatchEvent(new CustomEvent('change', { detail: { value: typed } }));
      add.click();
      // eslint-disable-next-line no-await-in-loop -- one name at a time, each rendered before the next
      await Promise.resolve();
      expect(element.shadowRoot.querySelector('[data-id="new-rule-name-error"]').textContent).toContain(error);
      expect(cards(element)).toHaveLength(2);
    }
    name.dispatchEvent(new CustomEvent('change', { detail: { value: 'Banking_Prospects_Out' } }));
    add.click();
    await Promise.resolve();
    expect(element.shadowRoot.querySelector('[data-id="new-rule-name-error"]')).toBeNull();
    expect(cards(element).map((card) => card.rule.DeveloperName)).toEqual(['A', 'B', 'Banking_Prospects_Out']);
    expect(cards(element)[2].rule.MasterLabel).toBe('Banking Prospects Out');
  });

  it('changes the strategy in the draft', async () => {
    const { element, sent } = mount();
    await Promise.resolve();
    const editor = element.shadowRoot.querySelector('console-strategy-editor');
    const markets = editor.shadowRoot.querySelector('[data-field="Target_Industries__c"]');
    markets.dispatchEvent(new CustomEvent('change', { detail: { value: 'Banking\nInsurance' } }));
    const days = editor.shadowRoot.querySelector('[data-field="Lookback_Days__c"]');
    days.dispatchEvent(new CustomEvent('change', { detail: { value: '120' } }));
    await Promise.resolve();
    expect(sent.drafts.at(-1).strategies[0]).toMatchObject({
      Target_Industries__c: 'Banking\nInsurance',
      Lookback_Days__c: 120,
    });
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });

  it('discards the draft on request', async () => {
    const { element } = mount();
    const discarded = jest.fn();
    element.addEventListener('discard', discarded);
    element.draft = { ...RECORDS, triggers: [{ DeveloperName: 'T', Weight__c: 4 }] };
    await Promise.resolve();
    const button = element.shadowRoot.querySelector('[data-id="discard"]');
    expect(button.disabled).toBe(false);
    button.click();
    expect(discarded).toHaveBeenCalledTimes(1);
  });
});
