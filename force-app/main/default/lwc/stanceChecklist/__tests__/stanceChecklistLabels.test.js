/**
 * What the checklist names by label rather than by what is stored: triggers by the package's
 * labels, departments and competitors by their picklist labels, counts in their plural form.
 */
import { createElement } from 'lwc';
import StanceChecklist from 'c/stanceChecklist';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';

const defendHealthy = require('./data/defendHealthy.json');
const defendCompetitors = require('./data/defendCompetitors.json');
const signalInfo = require('./data/signalObjectInfo.json');
const sourcePicklist = require('./data/sourcePicklist.json');
const competitorPicklist = require('./data/competitorPicklist.json');

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const forField = (name) => (config) => config.fieldApiName && config.fieldApiName.fieldApiName === name;
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const textOf = (node) => (node ? node.textContent.replace(/\s+/g, ' ').trim() : null);
const line = (element, code, id) => textOf($(element, `li[data-code="${code}"] [data-id="${id}"]`));

function withExplanation(record, change) {
  const explanation = JSON.parse(record.fields.Stance_Checklist__c.value);
  change(explanation);
  const field = { ...record.fields.Stance_Checklist__c, value: JSON.stringify(explanation) };
  return { ...record, fields: { ...record.fields, Stance_Checklist__c: field } };
}

const relabel = (picklist, labels) => ({
  ...picklist,
  values: picklist.values.map((entry) => ({ ...entry, label: labels[entry.value] || entry.label })),
});

async function mount(record, { sources = sourcePicklist, competitors = competitorPicklist } = {}) {
  const element = createElement('c-stance-checklist', { is: StanceChecklist });
  element.recordId = '001000000000001AAA';
  document.body.appendChild(element);
  getObjectInfo.emit(signalInfo);
  await flush();
  getPicklistValues.emit(sources, forField('Source__c'));
  getPicklistValues.emit(competitors, forField('Competitor__c'));
  getRecord.emit(record);
  await flush();
  return element;
}

describe('c-stance-checklist: labels, not stored values', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('names departments and competitors by their picklist labels, not their API values', async () => {
    const element = await mount(defendCompetitors, {
      sources: relabel(sourcePicklist, { 'Customer Support': 'Customer Care', Technical: 'Engineering' }),
      competitors: relabel(competitorPicklist, { 'Cacao Nova': 'Cacao Nova S.A.' }),
    });
    expect(line(element, 'COMPETITOR_APPROACH', 'source')).toMatch(/^reported by Sam Okafor, Customer Care · .+ ago$/);
    expect(line(element, 'COMPETITOR_APPROACH', 'competitor')).toBe('Competitor: Cacao Nova S.A.');
    expect(line(element, 'MONITORING_COVERAGE', 'coverage')).toBe(
      'Reported in the last 90 days: Customer Care, Engineering. Silent: Logistics.',
    );
    await expect(element).toBeAccessible();
  });

  it("names items by the package's trigger label, and by the stored label only for a code it does not know", async () => {
    const record = withExplanation(defendHealthy, (explanation) => {
      explanation.checklist.find((entry) => entry.code === 'PROCESS_CHANGE').label = 'PROCESS_CHANGE stored label';
      explanation.checklist.push({
        ...explanation.checklist.find((entry) => entry.code === 'STRATEGY_CHANGE'),
        code: 'SUPPLY_RISK',
        label: 'Supply risk',
      });
    });
    const element = await mount(record);
    expect(textOf($(element, 'li[data-code="PROCESS_CHANGE"] .slds-text-title_bold'))).toBe('Process change');
    expect(textOf($(element, 'li[data-code="SUPPLY_RISK"] .slds-text-title_bold'))).toBe('Supply risk');
  });

  it('counts the signals pointing elsewhere in their plural form, one and more', async () => {
    const one = await mount(defendHealthy);
    expect(textOf($(one, '[data-id="elsewhere"]'))).toBe('Pointing elsewhere: 1 signal toward Fire (Macro shift)');
    document.body.removeChild(one);

    const two = await mount(
      withExplanation(defendHealthy, (explanation) => {
        explanation.elsewhere.push({ ...explanation.elsewhere[0], code: 'COMPETITIVE_SHIFT', label: 'x' });
        explanation.elsewhere.push({ code: 'CUSTOMER_PROBLEM', label: 'y', stance: 'Attack', kind: 'opening' });
      }),
    );
    expect(textOf($(two, '[data-id="elsewhere"]'))).toBe(
      'Pointing elsewhere: 2 signals toward Fire (Macro shift and Competitive shift); ' +
        '1 signal toward Attack (Customer problem found)',
    );
  });
});
