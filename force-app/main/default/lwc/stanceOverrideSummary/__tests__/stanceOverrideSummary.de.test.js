// A German user (LanguageLocaleKey de, LocaleSidKey de_DE): the labels resolve to their German
// translation and dates are written as in Germany. Set before the component loads.
jest.mock('@salesforce/i18n/locale', () => ({ __esModule: true, default: 'de-DE' }), { virtual: true });
jest.mock('@salesforce/i18n/lang', () => ({ __esModule: true, default: 'de' }), { virtual: true });
global.__STANCE_LABEL_LANGUAGE__ = 'de';
const { createElement } = require('lwc');
const StanceOverrideSummary = require('c/stanceOverrideSummary').default;

function mount(props) {
  const element = createElement('c-stance-override-summary', { is: StanceOverrideSummary });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const summaryText = (element) => element.shadowRoot.querySelector('[data-id="summary"]').textContent;

describe('c-stance-override-summary in German', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('says it in German words, the day as Germans write it, in German quotes', async () => {
    const element = mount({ label: 'Beenden', until: '2027-12-31', reason: 'Vorstandsbeschluss' });
    await Promise.resolve();
    expect(summaryText(element)).toBe('Von Hand gesetzt auf Beenden bis 31.12.2027: „Vorstandsbeschluss“');
    expect(element.shadowRoot.querySelector('strong').textContent).toBe('Beenden');
    await expect(element).toBeAccessible();
  });

  it('leaves out what is not there', async () => {
    const element = mount({ label: 'Angreifen' });
    await Promise.resolve();
    expect(summaryText(element)).toBe('Von Hand gesetzt auf Angreifen');
    await expect(element).toBeAccessible();
  });
});
