import { createElement } from 'lwc';
import ConditionField from 'console/conditionField';

const FACTS = [
  { name: 'Industry', type: 'text' },
  { name: 'IndustryInTarget', type: 'boolean' },
  { name: 'IsCustomer', type: 'boolean' },
  { name: 'Country', type: 'text' },
];

function mount(props) {
  const element = createElement('console-condition-field', { is: ConditionField });
  Object.assign(element, { label: 'Condition', facts: FACTS, ...props });
  document.body.appendChild(element);
  return element;
}

const flush = () => Promise.resolve();

describe('console-condition-field', () => {
  afterEach(() => document.body.replaceChildren());

  it('puts the caret under the reported column of the reported line', async () => {
    const element = mount({
      value: 'IsCustomer\nand Industri = "Banking"',
      problems: [
        {
          source: 'Stance_Rule.X',
          field: 'Condition__c',
          line: 2,
          column: 5,
          message: 'unknown fact Industri',
          hint: 'did you mean Industry?',
        },
      ],
    });
    await flush();
    const root = element.shadowRoot;
    expect(root.querySelector('[data-id="where"]').textContent).toBe('Line 2, column 5');
    // The line, then the caret on the next line of the same monospace block, under column 5.
    expect(root.querySelector('[data-id="excerpt"]').textContent).toBe('and Industri = "Banking"\n    ^');
    expect(root.querySelector('[data-id="message"]').textContent).toBe('unknown fact Industri');
    expect(root.querySelector('[data-id="hint"]').textContent).toBe('did you mean Industry?');
    const area = root.querySelector('textarea');
    expect(area.value).toBe('IsCustomer\nand Industri = "Banking"');
    expect(area.getAttribute('aria-invalid')).toBe('true');
    await expect(element).toBeAccessible();
  });

  it('keeps tabs above the caret so it lines up, and a column past the end points just after the text', async () => {
    const element = mount({
      value: '\tIsCustomer and',
      problems: [{ source: 'S', field: 'Condition__c', line: 1, column: 16, message: 'expected an expression' }],
    });
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="excerpt"]').textContent).toBe(
      '\tIsCustomer and\n\t              ^',
    );
  });

  it('shows a problem without a position as its message only', async () => {
    const element = mount({ value: '', problems: [{ source: 'S', field: 'Condition__c', message: 'required' }] });
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="excerpt"]')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="message"]').textContent).toBe('required');
  });

  it('is valid and quiet without problems', async () => {
    const element = mount({ value: 'IsCustomer', problems: [] });
    await flush();
    expect(element.shadowRoot.querySelectorAll('[data-id="problem"]')).toHaveLength(0);
    expect(element.shadowRoot.querySelector('textarea').getAttribute('aria-invalid')).toBe('false');
    await expect(element).toBeAccessible();
  });

  it('offers the facts that match the word being typed and completes it when one is chosen', async () => {
    const element = mount({ value: 'IsCustomer and ', problems: [] });
    const values = [];
    element.addEventListener('change', (event) => values.push(event.detail.value));
    await flush();
    const area = element.shadowRoot.querySelector('textarea');
    area.value = 'IsCustomer and Indu';
    area.setSelectionRange(area.value.length, area.value.length);
    area.dispatchEvent(new CustomEvent('input'));
    await flush();
    const offered = [...element.shadowRoot.querySelectorAll('[data-id="suggestion"]')];
    expect(offered.map((button) => button.dataset.name)).toEqual(['Industry', 'IndustryInTarget']);
    await expect(element).toBeAccessible();

    element.value = 'IsCustomer and Indu';
    offered[1].click();
    await flush();
    expect(values).toEqual(['IsCustomer and Indu', 'IsCustomer and IndustryInTarget']);
    expect(element.shadowRoot.querySelector('[data-id="suggestions"]')).toBeNull();
  });

  it('offers nothing when no fact matches', async () => {
    const element = mount({ value: '', problems: [] });
    await flush();
    const area = element.shadowRoot.querySelector('textarea');
    area.value = 'Zebra';
    area.dispatchEvent(new CustomEvent('input'));
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="suggestions"]')).toBeNull();
  });
});
