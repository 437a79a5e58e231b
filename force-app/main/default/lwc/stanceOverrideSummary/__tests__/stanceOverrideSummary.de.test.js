// A German user (LanguageLocaleKey de, LocaleSidKey de_DE): the labels resolve to their German
// translation and dates are written as in Germany. Set before the component loads.
require('../../stanceI18n/__tests__/support/germanUser').asGermanUser();
const { mount, removeAll, summaryText } = require('./support/summary');

describe('c-stance-override-summary in German', () => {
  afterEach(removeAll);

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
