import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getPicklistValues } from 'lightning/uiObjectInfoApi';
import {
  $,
  RECORD_ID,
  actions,
  flush,
  forField,
  formButton,
  item,
  line,
  markDone,
  mount as mountChecklist,
  signalInfo,
  spyOnValidity,
  tearDown,
  textOf,
  withExplanation,
  withStep,
  withoutField,
} from './support/checklist';

const fireExitPlan = require('./data/fireExitPlan.json');
const attackLevers = require('./data/attackLevers.json');
const defendCompetitors = require('./data/defendCompetitors.json');
// The levers' values as getPicklistValues answers them (global value set Stance_Value_Levers).
const leverPicklist = require('./data/leverPicklist.json');

async function mount(record, { info = signalInfo, levers = leverPicklist } = {}) {
  const { element } = await mountChecklist(record, { info, picklists: levers ? { Value_Levers__c: levers } : {} });
  return element;
}

function tomorrow() {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  const pad = (value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

describe('c-stance-checklist: the framework', () => {
  afterEach(tearDown);

  describe('the exit plan of a Fire account', () => {
    it('lists the exit steps under "Exit plan" with who did them and when, and counts exit steps', async () => {
      const element = await mount(fireExitPlan);
      expect($(element, 'lightning-card').title).toBe('Fire checklist');
      expect([...element.shadowRoot.querySelectorAll('h3')].map(textOf)).toEqual([
        'Misalignments',
        'Exit plan',
        'Monitoring',
      ]);
      expect(textOf($(element, '[data-id="progress"]'))).toBe('2 of 4 exit steps');
      expect(line(element, 'EXIT_DECISION', 'source')).toMatch(/^done by Max Laurent, Management · .+ ago$/);
      expect(line(element, 'EXIT_CUSTOMER_TOLD', 'source')).toMatch(/^done by Dana Reyes, Sales · /);
      expect(line(element, 'EXIT_CUSTOMER_TOLD', 'transition')).toBe('Transition until Sep 30, 2026');
      expect(actions(element, 'EXIT_DECISION')).toEqual([]);
      expect(actions(element, 'EXIT_CUSTOMER_TOLD')).toEqual([]);
      expect(actions(element, 'EXIT_HANDOVER')).toEqual(['Mark done']);
      expect(actions(element, 'EXIT_EFFORT_MOVED')).toEqual(['Mark done']);
      await expect(element).toBeAccessible();
    });

    it('reads a step detection already meets as met, with the facts, and offers no "Mark done"', async () => {
      const record = withStep(
        fireExitPlan,
        'EXIT_EFFORT_MOVED',
        { state: 'detected', evidence: { Open_Opportunity_Count: 0, Open_Case_Count: 0 } },
        { done: 3, total: 4 },
      );
      const element = await mount(record);
      expect(line(element, 'EXIT_EFFORT_MOVED', 'state')).toBe('Met');
      expect(line(element, 'EXIT_EFFORT_MOVED', 'source')).toBe(
        'met: The number of open opportunities: 0 · The number of open cases: 0',
      );
      expect(actions(element, 'EXIT_EFFORT_MOVED')).toEqual([]);
      expect(textOf($(element, '[data-id="progress"]'))).toBe('3 of 4 exit steps');
      await expect(element).toBeAccessible();
    });

    it('marks a step that asks nothing more done in one click', async () => {
      const element = await mount(fireExitPlan);
      markDone(element, 'EXIT_HANDOVER').click();
      await flush();
      expect(item(element, 'EXIT_HANDOVER').querySelector('[data-id="step-form"]')).toBeNull();
      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Stance_Signal__c',
        fields: expect.objectContaining({ Trigger__c: 'EXIT_HANDOVER', Status__c: 'Done', Detail__c: 'Marked done' }),
      });
    });

    describe('telling the customer', () => {
      const notYetTold = withStep(
        fireExitPlan,
        'EXIT_CUSTOMER_TOLD',
        { state: 'open', signal: null },
        { done: 1, total: 4 },
      );

      async function openForm() {
        const element = await mount(notYetTold);
        markDone(element, 'EXIT_CUSTOMER_TOLD').click();
        await flush();
        const input = spyOnValidity(item(element, 'EXIT_CUSTOMER_TOLD').querySelector('lightning-input'));
        return { element, input };
      }

      const choose = async (input, value) => {
        input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
        await flush();
      };

      it("asks for the transition's last day, required and not in the past, before it saves", async () => {
        const { element, input } = await openForm();
        expect(input.type).toBe('date');
        expect(input.label).toBe('Last day of the transition period');
        expect(input.required).toBe(true);
        expect(input.min).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // The form's Save is the step's "Mark done" while it is open.
        expect(actions(element, 'EXIT_CUSTOMER_TOLD')).toEqual([]);
        expect(createRecord).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();

        formButton(element, 'EXIT_CUSTOMER_TOLD', 'Save').click();
        await flush();
        expect(input.setCustomValidity).toHaveBeenLastCalledWith(
          'Give the last day you will serve them, so the team can plan the hand-over.',
        );
        expect(input.reportValidity).toHaveBeenCalled();

        await choose(input, '2020-01-31');
        formButton(element, 'EXIT_CUSTOMER_TOLD', 'Save').click();
        await flush();
        expect(input.setCustomValidity).toHaveBeenLastCalledWith('The transition period cannot end in the past.');
        expect(createRecord).not.toHaveBeenCalled();
      });

      it('records the step done with the transition end, then closes the form', async () => {
        const { element, input } = await openForm();
        const until = tomorrow();
        await choose(input, until);
        formButton(element, 'EXIT_CUSTOMER_TOLD', 'Save').click();
        await flush();
        expect(input.setCustomValidity).toHaveBeenLastCalledWith('');
        expect(createRecord).toHaveBeenCalledWith({
          apiName: 'Stance_Signal__c',
          fields: expect.objectContaining({
            Account__c: RECORD_ID,
            Trigger__c: 'EXIT_CUSTOMER_TOLD',
            Status__c: 'Done',
            Transition_Until__c: until,
          }),
        });
        expect(item(element, 'EXIT_CUSTOMER_TOLD').querySelector('[data-id="step-form"]')).toBeNull();
      });

      it('keeps the form open when the org refuses the write', async () => {
        createRecord.mockRejectedValueOnce({ body: { message: 'FIELD_INTEGRITY_EXCEPTION: Transition Until' } });
        const { element, input } = await openForm();
        await choose(input, tomorrow());
        formButton(element, 'EXIT_CUSTOMER_TOLD', 'Save').click();
        await flush();
        expect(item(element, 'EXIT_CUSTOMER_TOLD').querySelector('[data-id="step-form"]')).not.toBeNull();
      });

      it('cancels without writing', async () => {
        const { element } = await openForm();
        formButton(element, 'EXIT_CUSTOMER_TOLD', 'Cancel').click();
        await flush();
        expect(item(element, 'EXIT_CUSTOMER_TOLD').querySelector('[data-id="step-form"]')).toBeNull();
        expect(actions(element, 'EXIT_CUSTOMER_TOLD')).toEqual(['Mark done']);
        expect(createRecord).not.toHaveBeenCalled();
      });

      it('is not offered to a user who may not set the transition end', async () => {
        const element = await mount(notYetTold, { info: withoutField(signalInfo, 'Transition_Until__c') });
        expect(actions(element, 'EXIT_CUSTOMER_TOLD')).toEqual([]);
        expect(actions(element, 'EXIT_HANDOVER')).toEqual(['Mark done']);
      });
    });
  });

  describe('the levers of the value proposition', () => {
    const notDefined = withStep(
      attackLevers,
      'VALUE_PROPOSITION',
      { state: 'open', signal: null },
      { done: 0, total: 2 },
    );

    it('shows the levers of a done value proposition by their labels', async () => {
      const element = await mount(attackLevers);
      expect(line(element, 'VALUE_PROPOSITION', 'levers')).toBe('Levers: Technical solution and Service');
      expect(textOf($(element, '[data-id="progress"]'))).toBe('1 of 2 plan steps done');
      await expect(element).toBeAccessible();
    });

    it('asks which levers, at least one, and writes them on the Done signal', async () => {
      const element = await mount(notDefined);
      markDone(element, 'VALUE_PROPOSITION').click();
      await flush();
      const group = spyOnValidity(item(element, 'VALUE_PROPOSITION').querySelector('lightning-checkbox-group'));
      expect(group.label).toBe('Which levers does the offer pull?');
      expect(group.required).toBe(true);
      expect(group.options).toEqual([
        { label: 'Technical solution', value: 'Technical' },
        { label: 'Price', value: 'Price' },
        { label: 'Service', value: 'Service' },
      ]);
      await expect(element).toBeAccessible();

      formButton(element, 'VALUE_PROPOSITION', 'Save').click();
      await flush();
      expect(group.setCustomValidity).toHaveBeenLastCalledWith(
        'Choose at least one lever: Technical solution, Price, or Service.',
      );
      expect(createRecord).not.toHaveBeenCalled();

      group.dispatchEvent(new CustomEvent('change', { detail: { value: ['Service', 'Technical'] } }));
      await flush();
      formButton(element, 'VALUE_PROPOSITION', 'Save').click();
      await flush();
      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Stance_Signal__c',
        fields: expect.objectContaining({
          Trigger__c: 'VALUE_PROPOSITION',
          Status__c: 'Done',
          Value_Levers__c: 'Technical;Service',
        }),
      });
    });

    it('updates the existing signal of a step that has one', async () => {
      const reported = withStep(attackLevers, 'VALUE_PROPOSITION', { state: 'open' }, { done: 0, total: 2 });
      const element = await mount(reported);
      markDone(element, 'VALUE_PROPOSITION').click();
      await flush();
      const group = spyOnValidity(item(element, 'VALUE_PROPOSITION').querySelector('lightning-checkbox-group'));
      group.dispatchEvent(new CustomEvent('change', { detail: { value: ['Price'] } }));
      formButton(element, 'VALUE_PROPOSITION', 'Save').click();
      await flush();
      expect(updateRecord).toHaveBeenCalledWith({
        fields: { Id: 'a01000000000005AAA', Status__c: 'Done', Value_Levers__c: 'Price' },
      });
    });

    it('does not offer the levers to a user without edit on Value_Levers__c: the step is marked done without them', async () => {
      const element = await mount(notDefined, { info: withoutField(signalInfo, 'Value_Levers__c') });
      markDone(element, 'VALUE_PROPOSITION').click();
      await flush();
      expect(item(element, 'VALUE_PROPOSITION').querySelector('lightning-checkbox-group')).toBeNull();
      const fields = createRecord.mock.calls[0][0].fields;
      expect(fields).toMatchObject({ Trigger__c: 'VALUE_PROPOSITION', Status__c: 'Done' });
      expect(fields).not.toHaveProperty('Value_Levers__c');
    });

    it('marks the step done without levers when the org offers none to choose from', async () => {
      const element = await mount(notDefined, { levers: { ...leverPicklist, values: [] } });
      markDone(element, 'VALUE_PROPOSITION').click();
      await flush();
      expect(item(element, 'VALUE_PROPOSITION').querySelector('[data-id="step-form"]')).toBeNull();
      expect(createRecord.mock.calls[0][0].fields).toMatchObject({
        Trigger__c: 'VALUE_PROPOSITION',
        Status__c: 'Done',
      });
      expect(createRecord.mock.calls[0][0].fields).not.toHaveProperty('Value_Levers__c');
    });

    it('says so when the levers cannot be loaded, and saves nothing', async () => {
      const element = await mount(notDefined, { levers: null });
      getPicklistValues.emitError(
        { status: 500, body: { message: 'The org did not answer' } },
        forField('Value_Levers__c'),
      );
      await flush();
      markDone(element, 'VALUE_PROPOSITION').click();
      await flush();
      expect(item(element, 'VALUE_PROPOSITION').querySelector('c-error-panel').friendlyMessage).toBe(
        'We could not load the value levers.',
      );
      formButton(element, 'VALUE_PROPOSITION', 'Save').click();
      await flush();
      expect(createRecord).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });
  });

  describe('monitoring and competitors', () => {
    it('names the reporting and the silent departments under the monitoring step, and the competitor a signal names', async () => {
      const element = await mount(defendCompetitors);
      expect(line(element, 'MONITORING_COVERAGE', 'coverage')).toBe(
        'Reported in the last 90 days: Customer Support, Technical. Silent: Logistics.',
      );
      expect($(element, '[data-id="monitoring"]')).toBeNull();
      expect(line(element, 'COMPETITOR_APPROACH', 'source')).toMatch(/^reported by Sam Okafor, Customer Support · /);
      expect(line(element, 'COMPETITOR_APPROACH', 'competitor')).toBe('Competitor: Cacao Nova');
      await expect(element).toBeAccessible();
    });

    it('names coverage once at the end for a stance without the monitoring step', async () => {
      const element = await mount(attackLevers);
      expect(textOf($(element, '[data-id="monitoring"]'))).toBe(
        'Reported in the last 90 days: Technical. Silent: Customer Support, Logistics.',
      );
    });

    it('says nothing of coverage or competitors when the explanation has none (an older sidecar, or no monitored department)', async () => {
      // As a sidecar before the framework wrote it: none of the optional parts.
      const older = withExplanation(defendCompetitors, (explanation) => {
        ['coverage', 'competitors', 'effort', 'planSteps'].forEach((part) => delete explanation[part]);
        explanation.checklist.forEach((entry) => {
          if (entry.signal) {
            ['competitor', 'levers', 'transitionUntil'].forEach((part) => delete entry.signal[part]);
          }
        });
      });
      const element = await mount(older);
      expect(textOf($(element, '[data-id="progress"]'))).toBe('0 of 1 plan steps done');
      expect(item(element, 'MONITORING_COVERAGE').querySelector('[data-id="coverage"]')).toBeNull();
      expect(item(element, 'COMPETITOR_APPROACH').querySelector('[data-id="competitor"]')).toBeNull();
      expect($(element, '[data-id="monitoring"]')).toBeNull();
      const silentNone = withExplanation(defendCompetitors, (explanation) => {
        explanation.coverage = null;
      });
      document.body.removeChild(element);
      const again = await mount(silentNone);
      expect(item(again, 'MONITORING_COVERAGE').querySelector('[data-id="coverage"]')).toBeNull();
      await expect(again).toBeAccessible();
    });
  });
});
