// A German user: labels resolve to their German translations (set before the component loads).
require('../../stanceI18n/__tests__/support/germanUser').asGermanUser();
const { createElement } = require('lwc');
const StanceConsoleLauncher = require('c/stanceConsoleLauncher').default;

describe('c-stance-console-launcher in German', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('says it in German and opens the same address', async () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    const element = createElement('c-stance-console-launcher', { is: StanceConsoleLauncher });
    document.body.appendChild(element);
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Stance-Konsole');
    expect(element.shadowRoot.querySelector('[data-id="description"]').textContent).toMatch(
      /^Ändern Sie die Strategie und ihre Regeln in der Stance-Konsole/,
    );
    const button = element.shadowRoot.querySelector('button[data-id="open"]');
    expect(button.textContent).toBe('Stance-Konsole öffnen(öffnet sich in einem neuen Fenster)');
    await expect(element).toBeAccessible();
    button.click();
    expect(open).toHaveBeenCalledWith('http://localhost:7200/console/', '_blank', 'noopener');
    open.mockRestore();
  });
});
