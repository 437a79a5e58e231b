// A deployment whose admin set the Stance_Console_URL label to something that is not a web address.
jest.mock('@salesforce/label/c.Stance_Console_URL', () => ({ __esModule: true, default: 'stance.example.com' }));
const { createElement } = require('lwc');
const StanceConsoleLauncher = require('c/stanceConsoleLauncher').default;

describe('c-stance-console-launcher without a web address in its label', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('offers no button and says who sets the address, and where', async () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    const element = createElement('c-stance-console-launcher', { is: StanceConsoleLauncher });
    document.body.appendChild(element);
    expect(element.shadowRoot.querySelector('button')).toBeNull();
    const said = element.shadowRoot.querySelector('[data-id="bad-url"]');
    expect(said.getAttribute('role')).toBe('alert');
    expect(said.textContent).toContain('Stance_Console_URL');
    expect(open).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
    open.mockRestore();
  });
});
