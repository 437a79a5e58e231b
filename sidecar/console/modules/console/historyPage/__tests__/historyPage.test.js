import { createElement } from 'lwc';
import HistoryPage from 'console/historyPage';
import { getHistory, rollBack } from 'console/api';

jest.mock('console/api', () => ({ getHistory: jest.fn(), rollBack: jest.fn() }));

const CHANGES = [
  {
    id: 'a02',
    name: 'RC-00002',
    createdBy: 'Sofia Marin',
    createdAt: '2026-11-30T10:00:00.000Z',
    reason: 'Banking leaves the strategy',
    kind: 'Activation',
    diff: JSON.stringify({
      added: [],
      removed: [],
      changed: [{ record: 'Stance_Rule.Target_Prospect', field: 'Stance__c', before: 'Attack', after: 'None' }],
    }),
  },
  {
    id: 'a01',
    name: 'RC-00001',
    createdBy: { id: '005', name: 'Sofia Marin' },
    createdAt: '2026-11-29T10:00:00.000Z',
    reason: 'First set',
    kind: 'Activation',
    diff: { added: ['Stance_Rule.Target_Prospect'], removed: [], changed: [] },
  },
];

// A macrotask: the mocked API's promises and the re-render both settle.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

// The rollback's reason, its button and the conflict block are the reason form's (console-reason-form).
const form = (element) => element.shadowRoot.querySelector('console-reason-form').shadowRoot;

async function mount() {
  const element = createElement('console-history-page', { is: HistoryPage });
  element.ruleSet = { fingerprint: 'now-fp' };
  document.body.appendChild(element);
  await flush();
  return element;
}

describe('console-history-page', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('lists every change with who, why and the diff', async () => {
    getHistory.mockResolvedValue({ changes: CHANGES });
    const element = await mount();
    const items = [...element.shadowRoot.querySelectorAll('[data-id="change"]')];
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('h3').textContent).toMatch(/^RC-00002 by Sofia Marin, /);
    expect(items[1].querySelector('h3').textContent).toMatch(/^RC-00001 by Sofia Marin, /);
    expect(items[0].querySelector('[data-id="reason"]').textContent).toBe('Banking leaves the strategy');
    const diff = items[0].querySelector('console-diff-list');
    expect(diff.shadowRoot.querySelector('[data-id="diff-line"]').textContent).toBe(
      'Stance_Rule.Target_Prospect Stance__c: Attack → None',
    );
    await expect(element).toBeAccessible();
  });

  it('rolls back to a change with a reason, on the fingerprint in force, then reloads', async () => {
    getHistory.mockResolvedValue({ changes: CHANGES });
    rollBack.mockResolvedValue({ fingerprint: 'old-fp', historyId: 'a03' });
    const element = await mount();
    const reload = jest.fn();
    element.addEventListener('reload', reload);
    element.shadowRoot.querySelectorAll('[data-id="open-rollback"]')[1].click();
    await flush();
    const go = form(element).querySelector('[data-id="submit"]');
    expect(go.disabled).toBe(true);
    const reason = form(element).querySelector('[data-id="reason"]');
    expect(reason.label).toBe('Why roll back to RC-00001');
    reason.dispatchEvent(new CustomEvent('change', { detail: { value: 'Banking stays' } }));
    await flush();
    expect(go.disabled).toBe(false);
    await expect(element).toBeAccessible();
    go.click();
    await flush();
    expect(rollBack).toHaveBeenCalledWith('a01', 'now-fp', 'Banking stays');
    expect(reload).toHaveBeenCalledTimes(1);
    expect(getHistory).toHaveBeenCalledTimes(2);
    expect(element.shadowRoot.querySelector('[data-id="rolled-back"]')).not.toBeNull();
  });

  it('says the rules changed in Setup when a rollback meets a 409', async () => {
    getHistory.mockResolvedValue({ changes: CHANGES });
    rollBack.mockRejectedValue(Object.assign(new Error('conflict'), { status: 409, body: { error: 'changed' } }));
    const element = await mount();
    element.shadowRoot.querySelector('[data-id="open-rollback"]').click();
    await flush();
    form(element)
      .querySelector('[data-id="reason"]')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'why' } }));
    await flush();
    form(element).querySelector('[data-id="submit"]').click();
    await flush();
    expect(form(element).querySelector('[data-id="conflict"]').textContent).toContain(
      'The rules changed in Setup since you opened the draft.',
    );
  });

  it('says when there is no history yet', async () => {
    getHistory.mockResolvedValue({ changes: [] });
    const element = await mount();
    expect(element.shadowRoot.querySelector('[data-id="empty"]').textContent).toBe('No activation yet.');
    await expect(element).toBeAccessible();
  });

  it('shows an error panel that tries again', async () => {
    getHistory.mockRejectedValueOnce(Object.assign(new Error('x'), { status: 401, body: { error: 'sign in' } }));
    const element = await mount();
    const panel = element.shadowRoot.querySelector('console-error-panel');
    expect(panel.shadowRoot.querySelector('[data-id="error-message"]').textContent).toBe(
      'The console answered 401. sign in',
    );
    await expect(element).toBeAccessible();
    getHistory.mockResolvedValue({ changes: [] });
    panel.dispatchEvent(new CustomEvent('retry'));
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="empty"]')).not.toBeNull();
  });
});
