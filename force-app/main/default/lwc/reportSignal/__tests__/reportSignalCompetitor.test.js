import { createRecord } from 'lightning/uiRecordApi';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import {
  $,
  competitorPicklist,
  create,
  emitChoices,
  flush,
  forField,
  signalObjectInfo,
  tearDown,
} from './support/form';

const competitorBox = (element) => $(element, 'lightning-combobox[data-id="competitor"]');

async function mount({ info = signalObjectInfo, competitors = competitorPicklist } = {}) {
  const { element } = create();
  await emitChoices({ info, competitors });
  await flush();
  [...element.shadowRoot.querySelectorAll('lightning-combobox, lightning-textarea')].forEach((field) => {
    field.setCustomValidity = jest.fn();
    field.reportValidity = jest.fn();
  });
  return element;
}

async function notice(element, trigger) {
  const radio = $(element, `input[value="${trigger}"]`);
  radio.checked = true;
  radio.dispatchEvent(new CustomEvent('change'));
  await flush();
}

async function report(element, { competitor } = {}) {
  if (competitor) {
    competitorBox(element).dispatchEvent(new CustomEvent('change', { detail: { value: competitor } }));
  }
  $(element, 'lightning-combobox[data-id="source"]').dispatchEvent(
    new CustomEvent('change', { detail: { value: 'Technical' } }),
  );
  const detail = $(element, 'lightning-textarea');
  detail.value = 'Their R&D got free samples';
  detail.dispatchEvent(new CustomEvent('change'));
  await flush();
  $(element, 'form').dispatchEvent(new CustomEvent('submit', { cancelable: true }));
  await flush();
}

describe('c-report-signal: naming the competitor', () => {
  afterEach(tearDown);

  it('offers the competitors, optionally, once the reporter noticed a competitor approach', async () => {
    const element = await mount();
    expect(competitorBox(element)).toBeNull();
    await notice(element, 'COMPETITOR_APPROACH');
    const box = competitorBox(element);
    expect(box.options).toEqual([
      { label: 'Cacao Nova', value: 'Cacao Nova' },
      { label: 'Valdor Ingredients', value: 'Valdor Ingredients' },
      { label: 'Nordbake Supply', value: 'Nordbake Supply' },
      { label: 'Other', value: 'Other' },
    ]);
    expect(box.required).toBeFalsy();
    await expect(element).toBeAccessible();
    await notice(element, 'SERVICE_DISSATISFACTION');
    expect(competitorBox(element)).toBeNull();
  });

  it('records the competitor on the signal', async () => {
    const element = await mount();
    await notice(element, 'COMPETITOR_APPROACH');
    await report(element, { competitor: 'Cacao Nova' });
    expect(createRecord).toHaveBeenCalledWith({
      apiName: 'Stance_Signal__c',
      fields: expect.objectContaining({ Trigger__c: 'COMPETITOR_APPROACH', Competitor__c: 'Cacao Nova' }),
    });
  });

  it('reports a competitor approach without naming one when the reporter does not know it', async () => {
    const element = await mount();
    await notice(element, 'COMPETITOR_APPROACH');
    await report(element);
    expect(createRecord).toHaveBeenCalledTimes(1);
    expect(createRecord.mock.calls[0][0].fields).not.toHaveProperty('Competitor__c');
  });

  it('never sends a competitor chosen before the reporter switched to another observation', async () => {
    const element = await mount();
    await notice(element, 'COMPETITOR_APPROACH');
    competitorBox(element).dispatchEvent(new CustomEvent('change', { detail: { value: 'Valdor Ingredients' } }));
    await notice(element, 'PRODUCT_DISSATISFACTION');
    await report(element);
    expect(createRecord.mock.calls[0][0].fields).not.toHaveProperty('Competitor__c');
  });

  it('does not ask a user who may not set the competitor, and still takes the report', async () => {
    const fields = { ...signalObjectInfo.fields };
    delete fields.Competitor__c;
    const element = await mount({ info: { ...signalObjectInfo, fields } });
    await notice(element, 'COMPETITOR_APPROACH');
    expect(competitorBox(element)).toBeNull();
    await report(element);
    expect(createRecord.mock.calls[0][0].fields).toMatchObject({ Trigger__c: 'COMPETITOR_APPROACH' });
    await expect(element).toBeAccessible();
  });

  it('takes the report without the competitor when its values cannot be loaded, or there are none', async () => {
    const element = await mount({ competitors: null });
    getPicklistValues.emitError(
      { status: 500, body: { message: 'The org did not answer' } },
      forField('Competitor__c'),
    );
    await flush();
    await notice(element, 'COMPETITOR_APPROACH');
    expect(competitorBox(element)).toBeNull();
    expect($(element, 'c-error-panel')).toBeNull();
    expect($(element, 'form')).not.toBeNull();
    await expect(element).toBeAccessible();
    document.body.removeChild(element);

    const empty = await mount({ competitors: { ...competitorPicklist, values: [] } });
    await notice(empty, 'COMPETITOR_APPROACH');
    expect(competitorBox(empty)).toBeNull();
  });
});
