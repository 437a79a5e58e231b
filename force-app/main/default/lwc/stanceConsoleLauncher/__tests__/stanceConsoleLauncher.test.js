import { createElement } from 'lwc';
import StanceConsoleLauncher, { consoleAddress } from 'c/stanceConsoleLauncher';

function mount() {
  const element = createElement('c-stance-console-launcher', { is: StanceConsoleLauncher });
  document.body.appendChild(element);
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe('c-stance-console-launcher', () => {
  let open;

  beforeEach(() => {
    open = jest.spyOn(window, 'open').mockImplementation(() => null);
  });

  afterEach(() => {
    open.mockRestore();
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('says what the console is for, and names its button and that it opens a new window', async () => {
    const element = mount();
    expect($(element, 'lightning-card').title).toBe('Stance console');
    expect($(element, '[data-id="description"]').textContent).toBe(
      'Change the strategy and its rules in the Stance console: a draft is checked as you type and simulated over every account before you activate it as yourself. The console opens in a window of its own.',
    );
    const button = $(element, 'button[data-id="open"]');
    expect(button.textContent).toBe('Open the Stance console(opens in a new window)');
    expect(button.querySelector('.slds-assistive-text').textContent).toBe('(opens in a new window)');
    expect($(element, '[data-id="bad-url"]')).toBeNull();
    expect(element.shadowRoot.querySelector('iframe')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("opens the label's address in a new window without a handle back (noopener), on each click", async () => {
    const element = mount();
    expect(open).not.toHaveBeenCalled();
    $(element, 'button[data-id="open"]').click();
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('http://localhost:7200/console/', '_blank', 'noopener');
    $(element, 'button[data-id="open"]').click();
    expect(open).toHaveBeenCalledTimes(2);
  });
});

describe('consoleAddress', () => {
  it('takes an http or https address as written, trimmed', () => {
    expect(consoleAddress('https://stance.example.com/console/')).toBe('https://stance.example.com/console/');
    expect(consoleAddress('  http://localhost:7200/console/ ')).toBe('http://localhost:7200/console/');
  });

  it('refuses what is not a web address: empty, a bare host, another scheme', () => {
    expect(consoleAddress('')).toBeNull();
    expect(consoleAddress(undefined)).toBeNull();
    expect(consoleAddress('stance.example.com/console/')).toBeNull();
    // eslint-disable-next-line no-script-url -- the scheme the launcher must never open
    expect(consoleAddress('javascript:alert(1)')).toBeNull();
    expect(consoleAddress('ftp://stance.example.com/console/')).toBeNull();
  });
});
