import { createElement } from 'lwc';
import HealthPage from 'console/healthPage';
import { getHealth } from 'console/api';

jest.mock('console/api', () => ({ getHealth: jest.fn() }));

// A macrotask: the mocked API's promises and the re-render both settle.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount() {
  const element = createElement('console-health-page', { is: HealthPage });
  document.body.appendChild(element);
  await flush();
  return element;
}

describe('console-health-page', () => {
  afterEach(() => {
    document.body.replaceChildren();
    jest.clearAllMocks();
  });

  it('shows why the sidecar is not ready, the rules refused and why, failed writes with the org error, the API allowance', async () => {
    getHealth.mockResolvedValue({
      state: 'running',
      streaming: false,
      streamProblem: 'handshake refused',
      notReady: [{ reason: 'api-reserve', detail: 'the API reserve is reached', since: '2026-11-30T10:00:00Z' }],
      rules: {
        fingerprint: 'f',
        inForce: ['A', 'B'],
        refused: {
          fingerprint: 'g',
          problems: ['Stance_Rule.X Condition__c 1:3 UNKNOWN_FACT'],
          at: '2026-11-30T09:00:00Z',
        },
      },
      accounts: 120,
      apiRequests: { used: 900, limit: 1000 },
      failedWrites: [
        {
          accountId: '001X',
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'Region required',
          at: 'x',
          attempts: 3,
        },
      ],
      counters: { writes: 40, errors: 1 },
    });
    const element = await mount();
    const root = element.shadowRoot;
    expect(root.querySelector('[data-id="facts"]').textContent).toContain('Not following changes: handshake refused');
    expect(root.querySelector('[data-id="facts"]').textContent).toContain('900 of 1000 used');
    expect(root.querySelector('[data-id="not-ready"]').textContent).toBe('api-reserve: the API reserve is reached');
    expect(root.querySelector('[data-id="refused"]').textContent).toContain(
      'Stance_Rule.X Condition__c 1:3 UNKNOWN_FACT',
    );
    expect([...root.querySelector('[data-id="failed-write"]').children].map((cell) => cell.textContent)).toEqual([
      '001X',
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      'Region required',
      '3',
    ]);
    await expect(element).toBeAccessible();
  });

  it('says all is well when it is', async () => {
    getHealth.mockResolvedValue({
      state: 'running',
      streaming: true,
      notReady: [],
      rules: { inForce: 7, refused: null },
    });
    const element = await mount();
    expect(element.shadowRoot.querySelector('[data-id="ready"]')).not.toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="no-failed-writes"]')).not.toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="refused"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows an error panel when health cannot be read', async () => {
    getHealth.mockRejectedValue(new Error('api/health: the sidecar did not answer'));
    const element = await mount();
    expect(
      element.shadowRoot.querySelector('console-error-panel').shadowRoot.querySelector('[data-id="error-message"]')
        .textContent,
    ).toBe('api/health: the sidecar did not answer');
    await expect(element).toBeAccessible();
  });
});
