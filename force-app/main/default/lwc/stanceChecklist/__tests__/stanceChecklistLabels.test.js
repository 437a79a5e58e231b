/**
 * What the checklist names by label rather than by what is stored: triggers by the package's
 * labels, departments and competitors by their picklist labels, counts in their plural form.
 */
import { $, line, mount as mountChecklist, tearDown, textOf, withExplanation } from './support/checklist';

const defendHealthy = require('./data/defendHealthy.json');
const defendCompetitors = require('./data/defendCompetitors.json');
const sourcePicklist = require('./data/sourcePicklist.json');
const competitorPicklist = require('./data/competitorPicklist.json');

const relabel = (picklist, labels) => ({
  ...picklist,
  values: picklist.values.map((entry) => ({ ...entry, label: labels[entry.value] || entry.label })),
});

async function mount(record, { sources = sourcePicklist, competitors = competitorPicklist } = {}) {
  const { element } = await mountChecklist(record, { picklists: { Source__c: sources, Competitor__c: competitors } });
  return element;
}

describe('c-stance-checklist: labels, not stored values', () => {
  afterEach(tearDown);

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
