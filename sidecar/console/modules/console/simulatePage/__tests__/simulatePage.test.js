import { createElement } from 'lwc';
import SimulatePage from 'console/simulatePage';
import { simulateDraft } from 'console/api';

jest.mock('console/api', () => ({ simulateDraft: jest.fn() }));

const DRAFT = { strategies: [], rules: [{ DeveloperName: 'Target_Prospect', Stance__c: 'None' }], triggers: [] };
const RESULT = {
  accounts: 50,
  changed: 2,
  matrix: {
    Attack: { Attack: 10, Defend: 0, Fire: 0, None: 2 },
    Defend: { Attack: 0, Defend: 20, Fire: 0, None: 0 },
    Fire: { Attack: 0, Defend: 0, Fire: 3, None: 0 },
    None: { Attack: 0, Defend: 0, Fire: 0, None: 15 },
  },
  transitions: [
    {
      from: 'Attack',
      to: 'None',
      count: 2,
      samples: [
        {
          id: '001A',
          name: 'Nordbank AG',
          reasonBefore: 'Target prospect in Banking',
          reasonAfter: 'Outside the strategy',
        },
        {
          id: '001B',
          name: 'Alpen Versicherung',
          reasonBefore: 'Target prospect in Insurance',
          reasonAfter: 'Outside the strategy',
        },
      ],
    },
  ],
  atRisk: { before: 4, after: 3 },
  hits: { Target_Prospect: { before: 12, after: 10 }, Healthy_Customer: { before: 20, after: 20 } },
};

// A macrotask: the mocked API's promises and the re-render both settle.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function mount(problems = []) {
  const element = createElement('console-simulate-page', { is: SimulatePage });
  element.draft = DRAFT;
  element.problems = problems;
  document.body.appendChild(element);
  return element;
}

describe('console-simulate-page', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('shows the from→to matrix, and the accounts that move with their reason before and after when a cell is clicked', async () => {
    simulateDraft.mockResolvedValue(RESULT);
    const element = mount();
    await flush();
    element.shadowRoot.querySelector('[data-id="simulate"]').click();
    await flush();
    expect(simulateDraft).toHaveBeenCalledWith(DRAFT);
    const root = element.shadowRoot;
    expect(root.querySelector('[data-id="summary"]').textContent).toBe('50 accounts simulated, 2 would change stance.');
    const matrix = root.querySelector('[data-id="matrix"]');
    expect([...matrix.querySelectorAll('thead th[scope="col"]')].map((th) => th.textContent)).toEqual([
      'Attack',
      'Defend',
      'Fire',
      'None',
    ]);
    expect([...matrix.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent)).toEqual([
      'Attack',
      'Defend',
      'Fire',
      'None',
    ]);
    const cell = (from, to) => matrix.querySelector(`td[data-from="${from}"][data-to="${to}"]`);
    expect(cell('Attack', 'None').textContent.trim()).toBe('2');
    expect(cell('Attack', 'Attack').textContent.trim()).toBe('10');
    // Only cells where accounts move are buttons.
    expect(cell('Attack', 'Attack').querySelector('button')).toBeNull();
    const button = cell('Attack', 'None').querySelector('button');
    expect(button.getAttribute('aria-label')).toBe('2 accounts from Attack to None: show them');
    expect(root.querySelector('[data-id="samples"]')).toBeNull();

    button.click();
    await flush();
    const samples = [...root.querySelectorAll('[data-id="sample"]')].map((row) =>
      [...row.children].map((cellElement) => cellElement.textContent),
    );
    expect(samples).toEqual([
      ['Nordbank AG', 'Target prospect in Banking', 'Outside the strategy'],
      ['Alpen Versicherung', 'Target prospect in Insurance', 'Outside the strategy'],
    ]);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(root.querySelector('[data-id="at-risk"]').textContent).toBe('4 accounts at risk now, 3 with the draft.');
    expect([...root.querySelectorAll('[data-id="hit"]')].map((row) => row.textContent)).toEqual([
      'Healthy_Customer2020',
      'Target_Prospect1210',
    ]);
    await expect(element).toBeAccessible();
  });

  it('says when none of the moving accounts may be read by the admin', async () => {
    simulateDraft.mockResolvedValue({
      ...RESULT,
      transitions: [{ from: 'Attack', to: 'None', count: 2, samples: [] }],
    });
    const element = mount();
    await flush();
    element.shadowRoot.querySelector('[data-id="simulate"]').click();
    await flush();
    element.shadowRoot.querySelector('td[data-from="Attack"][data-to="None"] button').click();
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="no-samples"]')).not.toBeNull();
  });

  it('will not simulate a draft with problems', async () => {
    const element = mount([{ source: 'Stance_Rule.X', message: 'bad' }]);
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="simulate"]').disabled).toBe(true);
    expect(element.shadowRoot.querySelector('[data-id="blocked"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the problems the sidecar refused the draft with (422) and other errors in an error panel', async () => {
    simulateDraft.mockRejectedValueOnce(
      Object.assign(new Error('x'), {
        status: 422,
        body: { problems: [{ source: 'Stance_Rule.X', field: 'Condition__c', message: 'bad' }] },
      }),
    );
    const element = mount();
    await flush();
    element.shadowRoot.querySelector('[data-id="simulate"]').click();
    await flush();
    let panel = element.shadowRoot.querySelector('console-error-panel');
    expect(panel.shadowRoot.querySelector('[data-id="error-message"]').textContent).toBe(
      'Stance_Rule.X Condition__c: bad',
    );
    expect(element.shadowRoot.querySelector('[data-id="matrix"]')).toBeNull();

    simulateDraft.mockRejectedValueOnce(
      Object.assign(new Error('api/simulate: busy'), { status: 503, body: { error: 'busy' } }),
    );
    element.shadowRoot.querySelector('[data-id="simulate"]').click();
    await flush();
    panel = element.shadowRoot.querySelector('console-error-panel');
    expect(panel.shadowRoot.querySelector('[data-id="error-message"]').textContent).toBe(
      'The console answered 503. busy',
    );
    await expect(element).toBeAccessible();
  });
});
