import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

const flush = () => Promise.resolve();

describe('c-error-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows the friendly message and reveals the details on request', async () => {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    element.friendlyMessage = 'We could not load the stance.';
    element.errors = [{ body: { message: 'INVALID_FIELD: No such column' } }, new Error('Network down')];
    document.body.appendChild(element);
    expect(element.shadowRoot.querySelector('p').textContent).toBe('We could not load the stance.');
    expect(element.shadowRoot.querySelector('li')).toBeNull();
    const toggle = element.shadowRoot.querySelector('button');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await flush();
    expect([...element.shadowRoot.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'INVALID_FIELD: No such column',
      'Network down',
    ]);
    expect(toggle.textContent).toBe('Hide details');
    await expect(element).toBeAccessible();
  });

  it('offers no details when there are none', async () => {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    document.body.appendChild(element);
    expect(element.shadowRoot.querySelector('p').textContent).toBe('Something went wrong.');
    expect(element.shadowRoot.querySelector('button')).toBeNull();
    await expect(element).toBeAccessible();
  });
});
