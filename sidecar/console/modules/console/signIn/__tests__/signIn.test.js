import { createElement } from 'lwc';
import SignIn from 'console/signIn';

function mount(props) {
  const element = createElement('console-sign-in', { is: SignIn });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

describe('console-sign-in', () => {
  afterEach(() => document.body.replaceChildren());

  it('links to the sign-in with Salesforce', async () => {
    const element = mount({});
    const link = element.shadowRoot.querySelector('[data-id="sign-in"]');
    expect(link.getAttribute('href')).toBe('/console/oauth/start');
    expect(link.textContent).toBe('Sign in with Salesforce');
    expect(element.shadowRoot.querySelector('[data-id="refused"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('names who was refused when it is known, in the contract sentence', async () => {
    const element = mount({ refused: true, refusedName: 'Dana Rep' });
    expect(element.shadowRoot.querySelector('[data-id="refused"]').textContent).toBe(
      'You signed in as Dana Rep, who may not use the Stance console: ask your Salesforce admin for the Stance_Admin permission set.',
    );
    await expect(element).toBeAccessible();
  });
});
