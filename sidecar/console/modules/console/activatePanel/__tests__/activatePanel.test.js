import { createElement } from 'lwc';
import ActivatePanel from 'console/activatePanel';
import { activateDraft, checkDraft } from 'console/api';

jest.mock('console/api', () => ({ activateDraft: jest.fn(), checkDraft: jest.fn() }));

const IN_FORCE = {
  strategies: [],
  rules: [{ DeveloperName: 'Target_Prospect', Stance__c: 'Attack', Condition__c: 'IsTarget', Active__c: true }],
  triggers: [],
};
const DRAFT = { ...IN_FORCE, rules: [{ ...IN_FORCE.rules[0], Stance__c: 'None' }] };

// A macrotask: the mocked API's promises and the re-render both settle.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(draft = DRAFT, problems = []) {
  const element = createElement('console-activate-panel', { is: ActivatePanel });
  element.ruleSet = { fingerprint: 'base-fp', records: IN_FORCE, decides: {}, facts: [] };
  element.draft = draft;
  element.problems = problems;
  document.body.appendChild(element);
  await flush();
  return element;
}

// The reason, its button and the conflict block are the reason form's (console-reason-form).
const form = (element) => element.shadowRoot.querySelector('console-reason-form').shadowRoot;

async function giveReason(element, text) {
  const reason = form(element).querySelector('[data-id="reason"]');
  reason.value = text;
  reason.dispatchEvent(new CustomEvent('change', { detail: { value: text } }));
  await flush();
}

const button = (element) => form(element).querySelector('[data-id="submit"]');

describe('console-activate-panel', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('says what will change, needs a reason, and activates the draft on the fingerprint it was drafted on', async () => {
    checkDraft.mockResolvedValue({ problems: [] });
    activateDraft.mockResolvedValue({ fingerprint: 'new-fp', historyId: 'a00' });
    const element = await mount();
    const reload = jest.fn();
    element.addEventListener('reload', reload);
    const diff = element.shadowRoot.querySelector('console-diff-list');
    expect([...diff.shadowRoot.querySelectorAll('[data-id="diff-line"]')].map((li) => li.textContent)).toEqual([
      'Stance_Rule.Target_Prospect Stance__c: Attack → None',
    ]);
    expect(button(element).disabled).toBe(true);
    await giveReason(element, '   ');
    expect(button(element).disabled).toBe(true);
    await giveReason(element, 'Banking leaves the strategy');
    expect(button(element).disabled).toBe(false);
    await expect(element).toBeAccessible();

    button(element).click();
    await flush();
    expect(activateDraft).toHaveBeenCalledWith(DRAFT, 'base-fp', 'Banking leaves the strategy');
    expect(element.shadowRoot.querySelector('[data-id="activated"]')).not.toBeNull();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(button(element).disabled).toBe(true);
  });

  it('stays disabled while the draft has problems, even with a reason', async () => {
    checkDraft.mockResolvedValue({
      problems: [
        { source: 'Stance_Rule.Target_Prospect', field: 'Condition__c', line: 1, column: 3, message: 'unknown fact' },
      ],
    });
    // Edit saw the same problem: the panel shows it once, from its own fresh check.
    const element = await mount(DRAFT, [
      { source: 'Stance_Rule.Target_Prospect', field: 'Condition__c', line: 1, column: 3, message: 'unknown fact' },
    ]);
    await giveReason(element, 'a reason');
    expect(button(element).disabled).toBe(true);
    const panel = element.shadowRoot.querySelector('[data-id="problems"]');
    expect(panel.friendlyMessage).toBe('The draft has problems: fix them in Edit first.');
    expect([...panel.shadowRoot.querySelectorAll('[data-id="error-message"]')].map((li) => li.textContent)).toEqual([
      'Stance_Rule.Target_Prospect Condition__c: unknown fact',
    ]);
    await expect(element).toBeAccessible();
  });

  it('stays disabled while the draft is being checked and when it changes nothing', async () => {
    let answer;
    checkDraft.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const element = await mount(IN_FORCE);
    await giveReason(element, 'a reason');
    expect(element.shadowRoot.querySelector('[data-id="checking"]')).not.toBeNull();
    expect(button(element).disabled).toBe(true);
    answer({ problems: [] });
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="unchanged"]')).not.toBeNull();
    expect(button(element).disabled).toBe(true);
  });

  it('says the rules changed in Setup on a 409, and reloads them on request', async () => {
    checkDraft.mockResolvedValue({ problems: [] });
    activateDraft.mockRejectedValue(
      Object.assign(new Error('conflict'), { status: 409, body: { error: 'the rules changed' } }),
    );
    const element = await mount();
    const reload = jest.fn();
    element.addEventListener('reload', reload);
    await giveReason(element, 'a reason');
    button(element).click();
    await flush();
    const conflict = form(element).querySelector('[data-id="conflict"]');
    expect(conflict.textContent).toContain('The rules changed in Setup since you opened the draft.');
    await expect(element).toBeAccessible();
    form(element).querySelector('[data-id="reload"]').click();
    await flush();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(form(element).querySelector('[data-id="conflict"]')).toBeNull();
  });

  it('shows other refusals in an error panel', async () => {
    checkDraft.mockResolvedValue({ problems: [] });
    activateDraft.mockRejectedValue(
      Object.assign(new Error('x'), { status: 500, body: { error: 'INSUFFICIENT_ACCESS: Modify Metadata' } }),
    );
    const element = await mount();
    await giveReason(element, 'a reason');
    button(element).click();
    await flush();
    const panel = element.shadowRoot.querySelector('console-error-panel');
    expect(panel.shadowRoot.querySelector('[data-id="error-message"]').textContent).toBe(
      'The console answered 500. INSUFFICIENT_ACCESS: Modify Metadata',
    );
  });
});
