import { createElement } from 'lwc';
import App from 'console/app';
import { getRules, getSession, signOut } from 'console/api';

jest.mock('console/api', () => ({
  getSession: jest.fn(),
  getRules: jest.fn(),
  signOut: jest.fn(),
  checkDraft: jest.fn(() => Promise.resolve({ problems: [] })),
  simulateDraft: jest.fn(),
  activateDraft: jest.fn(),
  getHistory: jest.fn(() => Promise.resolve({ changes: [] })),
  rollBack: jest.fn(),
  getHealth: jest.fn(() => Promise.resolve({ state: 'running', notReady: [] })),
}));

const RULE_SET = {
  fingerprint: 'f1',
  records: {
    strategies: [{ DeveloperName: 'Default' }],
    rules: [{ DeveloperName: 'A', MasterLabel: 'A rule', Order__c: 10, Stance__c: 'Attack', Condition__c: 'true' }],
    triggers: [],
  },
  decides: { A: 3 },
  facts: [],
};

// A macrotask: the mocked API's promises and the re-render both settle.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(search = '') {
  window.history.replaceState(null, '', `/console/${search}`);
  const element = createElement('console-app', { is: App });
  document.body.appendChild(element);
  await flush();
  await flush();
  return element;
}

describe('console-app', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('offers the sign-in with Salesforce to someone not signed in, and shows no data', async () => {
    getSession.mockResolvedValue({ signedIn: false });
    const element = await mount();
    const signIn = element.shadowRoot.querySelector('console-sign-in');
    expect(signIn).not.toBeNull();
    expect(signIn.refused).toBe(false);
    expect(getRules).not.toHaveBeenCalled();
    expect(element.shadowRoot.querySelector('lightning-vertical-navigation')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('tells a refused person why, by name, with no data', async () => {
    getSession.mockResolvedValue({ signedIn: false, refusedAs: 'Dana Reyes' });
    const element = await mount('?refused=1');
    const signIn = element.shadowRoot.querySelector('console-sign-in');
    expect(signIn.refused).toBe(true);
    expect(signIn.shadowRoot.querySelector('[data-id="refused"]').textContent).toBe(
      'You signed in as Dana Reyes, who may not use the Stance console: ask your Salesforce admin for the Stance_Admin permission set.',
    );
    expect(getRules).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('shows the rules in force, the navigation and who is signed in', async () => {
    getSession.mockResolvedValue({ signedIn: true, user: { id: '005', name: 'Sofia Marin' }, csrfToken: 't' });
    getRules.mockResolvedValue(RULE_SET);
    const element = await mount();
    expect(element.shadowRoot.querySelector('[data-id="user"]').textContent).toBe('Signed in as Sofia Marin');
    const items = [...element.shadowRoot.querySelectorAll('lightning-vertical-navigation-item')];
    expect(items.map((item) => item.label)).toEqual(['Rules', 'Edit', 'Simulate', 'Activate', 'History', 'Health']);
    expect(element.shadowRoot.querySelector('console-rules-page').ruleSet).toEqual(RULE_SET);
    await expect(element).toBeAccessible();
  });

  it('moves between pages and keeps one draft for Edit, Simulate and Activate', async () => {
    getSession.mockResolvedValue({ signedIn: true, user: { id: '005', name: 'Sofia Marin' }, csrfToken: 't' });
    getRules.mockResolvedValue(RULE_SET);
    const element = await mount();
    const nav = element.shadowRoot.querySelector('lightning-vertical-navigation');
    nav.dispatchEvent(new CustomEvent('select', { detail: { name: 'edit' } }));
    await flush();
    const edit = element.shadowRoot.querySelector('console-edit-page');
    const changed = { ...RULE_SET.records, rules: [{ ...RULE_SET.records.rules[0], Stance__c: 'None' }] };
    edit.dispatchEvent(new CustomEvent('draftchange', { detail: { records: changed } }));
    edit.dispatchEvent(new CustomEvent('problems', { detail: { problems: [{ source: 'x', message: 'y' }] } }));
    await flush();
    nav.dispatchEvent(new CustomEvent('select', { detail: { name: 'simulate' } }));
    await flush();
    const simulate = element.shadowRoot.querySelector('console-simulate-page');
    expect(simulate.draft).toEqual(changed);
    expect(simulate.problems).toHaveLength(1);
    expect(element.shadowRoot.querySelector('console-edit-page')).toBeNull();
    nav.dispatchEvent(new CustomEvent('select', { detail: { name: 'activate' } }));
    await flush();
    expect(element.shadowRoot.querySelector('console-activate-panel').draft).toEqual(changed);
    expect(window.location.hash).toBe('#activate');
  });

  it('shows an error panel when the session cannot be read, and tries again', async () => {
    getSession.mockRejectedValueOnce(Object.assign(new Error('api/session: HTTP 502'), { status: 502 }));
    const element = await mount();
    const panel = element.shadowRoot.querySelector('console-error-panel');
    expect(panel).not.toBeNull();
    await expect(element).toBeAccessible();
    getSession.mockResolvedValue({ signedIn: false });
    panel.dispatchEvent(new CustomEvent('retry'));
    await flush();
    await flush();
    expect(element.shadowRoot.querySelector('console-sign-in')).not.toBeNull();
  });

  it('shows an error panel when the rules cannot be read', async () => {
    getSession.mockResolvedValue({ signedIn: true, user: { id: '005', name: 'Sofia Marin' }, csrfToken: 't' });
    getRules.mockRejectedValue(
      Object.assign(new Error('api/rules: no access'), { status: 500, body: { error: 'no access' } }),
    );
    const element = await mount();
    expect(element.shadowRoot.querySelector('console-error-panel').errors.status).toBe(500);
    expect(element.shadowRoot.querySelector('console-rules-page')).toBeNull();
  });

  it('signs out and goes back to the sign-in', async () => {
    getSession.mockResolvedValue({ signedIn: true, user: { id: '005', name: 'Sofia Marin' }, csrfToken: 't' });
    getRules.mockResolvedValue(RULE_SET);
    signOut.mockResolvedValue(undefined);
    const element = await mount();
    element.shadowRoot.querySelector('[data-id="sign-out"]').click();
    await flush();
    expect(signOut).toHaveBeenCalledTimes(1);
    expect(element.shadowRoot.querySelector('console-sign-in')).not.toBeNull();
    expect(element.shadowRoot.querySelector('console-rules-page')).toBeNull();
  });
});
