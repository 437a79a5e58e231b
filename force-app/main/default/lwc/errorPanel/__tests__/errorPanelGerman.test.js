// A German user: labels resolve to their German translations (set before the component loads).
require('../../stanceI18n/__tests__/support/germanUser').asGermanUser();
const { createElement } = require('lwc');
const ErrorPanel = require('c/errorPanel').default;

const flush = () => Promise.resolve();

describe('c-error-panel in German', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('says what went wrong, and offers and hides the details, in German', async () => {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    element.errors = [{}];
    document.body.appendChild(element);
    expect(element.shadowRoot.querySelector('p').textContent).toBe('Etwas ist schiefgelaufen.');
    expect(element.shadowRoot.querySelector('lightning-icon').alternativeText).toBe('Fehler');
    const toggle = element.shadowRoot.querySelector('button');
    expect(toggle.textContent.trim()).toBe('Details anzeigen');
    await expect(element).toBeAccessible();
    toggle.click();
    await flush();
    expect(toggle.textContent.trim()).toBe('Details ausblenden');
    expect([...element.shadowRoot.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Unbekannter Fehler']);
    await expect(element).toBeAccessible();
  });
});
