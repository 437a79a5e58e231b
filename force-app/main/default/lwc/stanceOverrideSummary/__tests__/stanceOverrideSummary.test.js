import { createElement } from 'lwc';
import StanceOverrideSummary from 'c/stanceOverrideSummary';

function mount(props) {
  const element = createElement('c-stance-override-summary', { is: StanceOverrideSummary });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

// lightning-formatted-date-time is an empty stub under jest: the date shows as its value.
function summaryText(element) {
  const summary = element.shadowRoot.querySelector('[data-id="summary"]');
  const date = summary.querySelector('lightning-formatted-date-time');
  if (date) {
    date.textContent = 'Dec 31, 2027';
  }
  return summary.textContent;
}

describe('c-stance-override-summary', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('says the stance, its last day and the reason, with the spaces between them', async () => {
    const element = mount({ label: 'Fire', until: '2027-12-31', reason: 'Board decision' });
    await Promise.resolve();
    expect(summaryText(element).replace(/\s+/g, ' ').trim()).toBe(
      'Set by hand to Fire until Dec 31, 2027: "Board decision"',
    );
    const date = element.shadowRoot.querySelector('lightning-formatted-date-time');
    expect(date.value).toBe('2027-12-31');
    expect(date.timeZone).toBe('UTC');
    await expect(element).toBeAccessible();
  });

  it('keeps the space before "until", which the template would otherwise drop', async () => {
    const element = mount({ label: 'Fire', until: '2027-12-31' });
    await Promise.resolve();
    expect(summaryText(element)).toContain('Fire until Dec 31, 2027');
  });

  it('leaves out the last day and the reason when there are none', async () => {
    const element = mount({ label: 'Attack' });
    await Promise.resolve();
    expect(summaryText(element).replace(/\s+/g, ' ').trim()).toBe('Set by hand to Attack');
    expect(element.shadowRoot.querySelector('lightning-formatted-date-time')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says the reason straight after the stance when it lasts until cleared', async () => {
    const element = mount({ label: 'Defend', reason: 'Key account' });
    await Promise.resolve();
    expect(summaryText(element).replace(/\s+/g, ' ').trim()).toBe('Set by hand to Defend: "Key account"');
  });
});
