import { createElement } from 'lwc';
import ReasonForm from 'console/reasonForm';

// A macrotask: the re-render settles.
// eslint-disable-next-line @lwc/lwc/no-async-operation
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(props = {}) {
  const element = createElement('console-reason-form', { is: ReasonForm });
  Object.assign(
    element,
    { label: 'Why (kept in the history)', submitLabel: 'Activate', busyLabel: 'Activating' },
    props,
  );
  document.body.appendChild(element);
  await flush();
  return element;
}

const part = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);

async function type(element, text) {
  const reason = part(element, 'reason');
  reason.value = text;
  reason.dispatchEvent(new CustomEvent('change', { detail: { value: text } }));
  await flush();
}

describe('console-reason-form', () => {
  afterEach(() => document.body.replaceChildren());

  it('asks for a reason under the given label, says one is required, and submits it trimmed', async () => {
    const element = await mount();
    const submitted = jest.fn();
    element.addEventListener('submit', (event) => submitted(event.detail));
    const reason = part(element, 'reason');
    expect(reason.label).toBe('Why (kept in the history)');
    expect(reason.required).toBe(true);
    expect(reason.messageWhenValueMissing).toBe('Say why you make this change.');
    expect(part(element, 'submit').label).toBe('Activate');
    expect(part(element, 'submit').disabled).toBe(true);

    await type(element, '  \n ');
    expect(part(element, 'submit').disabled).toBe(true);
    part(element, 'submit').click();
    expect(submitted).not.toHaveBeenCalled();

    await type(element, '  Banking leaves the strategy ');
    expect(part(element, 'submit').disabled).toBe(false);
    await expect(element).toBeAccessible();
    part(element, 'submit').click();
    expect(submitted).toHaveBeenCalledWith({ reason: 'Banking leaves the strategy' });
  });

  it('keeps the button disabled while the page blocks the change, even with a reason', async () => {
    const element = await mount({ blocked: true });
    const submitted = jest.fn();
    element.addEventListener('submit', submitted);
    await type(element, 'a reason');
    expect(part(element, 'submit').disabled).toBe(true);
    part(element, 'submit').click();
    expect(submitted).not.toHaveBeenCalled();
    element.blocked = false;
    await flush();
    expect(part(element, 'submit').disabled).toBe(false);
  });

  it('while busy: the button is disabled, a spinner names what runs, and a second click sends nothing', async () => {
    const element = await mount();
    const submitted = jest.fn();
    element.addEventListener('submit', submitted);
    await type(element, 'a reason');
    expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
    element.busy = true;
    await flush();
    expect(part(element, 'submit').disabled).toBe(true);
    expect(element.shadowRoot.querySelector('lightning-spinner').alternativeText).toBe('Activating');
    part(element, 'submit').click();
    expect(submitted).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
    element.busy = false;
    await flush();
    expect(element.shadowRoot.querySelector('lightning-spinner')).toBeNull();
    expect(part(element, 'submit').disabled).toBe(false);
  });

  it('shows the conflict as an alert whose button asks for a reload, and keeps the reason typed', async () => {
    const element = await mount({ submitLabel: 'Roll back', busyLabel: 'Rolling back' });
    expect(part(element, 'conflict')).toBeNull();
    await type(element, 'Banking stays');
    element.conflict = true;
    await flush();
    const conflict = part(element, 'conflict');
    expect(conflict.getAttribute('role')).toBe('alert');
    expect(conflict.textContent).toContain('The rules changed in Setup since you opened the draft.');
    expect(part(element, 'reload').label).toBe('Reload the rules');
    await expect(element).toBeAccessible();
    const reload = jest.fn();
    element.addEventListener('reload', reload);
    part(element, 'reload').click();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(part(element, 'reason').value).toBe('Banking stays');
  });
});
