import { createElement } from 'lwc';
import StancePanel from 'c/stancePanel';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { subscribe } from 'lightning/messageService';

const defendAtRisk = require('./data/defendAtRisk.json');
const defendHealthy = require('./data/defendHealthy.json');
const attackWithOpenings = require('./data/attackWithOpenings.json');
const fireOutsideStrategy = require('./data/fireOutsideStrategy.json');
const noneOutsideStrategy = require('./data/noneOutsideStrategy.json');
const overridden = require('./data/overridden.json');
const stale = require('./data/stale.json');

const RECORD_ID = '001000000000001AAA';

function withField(record, name, value) {
  return { ...record, fields: { ...record.fields, [name]: { value, displayValue: null } } };
}

function mount() {
  const element = createElement('c-stance-panel', { is: StancePanel });
  element.recordId = RECORD_ID;
  document.body.appendChild(element);
  return element;
}

const flush = () => Promise.resolve();
const text = (element, id) => {
  const node = element.shadowRoot.querySelector(`[data-id="${id}"]`);
  return node ? node.textContent.replace(/\s+/g, ' ').trim() : null;
};

describe('c-stance-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('shows a spinner while the account loads', async () => {
    const element = mount();
    expect(element.shadowRoot.querySelector('lightning-spinner')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('asks for the stance fields of the account on the page', async () => {
    mount();
    await flush();
    const config = getRecord.getLastConfig();
    expect(config.recordId).toBe(RECORD_ID);
    expect(config.fields.map((field) => field.fieldApiName)).toEqual(
      expect.arrayContaining([
        'Stance__c',
        'At_Risk__c',
        'Stance_Reason__c',
        'Stance_Checklist__c',
        'Stance_Computed_At__c',
        'LastModifiedDate',
      ]),
    );
  });

  it('shows an at-risk customer: badge, flag, priority, reason and the rule behind it', async () => {
    const element = mount();
    getRecord.emit(defendAtRisk);
    await flush();
    expect(text(element, 'stance-badge')).toBe('DEFEND');
    expect(text(element, 'at-risk')).toBe('at risk');
    expect(text(element, 'priority')).toBe('Priority 100');
    expect(text(element, 'reason')).toBe(defendAtRisk.fields.Stance_Reason__c.value);
    expect(text(element, 'why-toggle')).toBe('Why: rule "Threatened customer"');
    expect(element.shadowRoot.querySelector('[data-id="why"]')).toBeNull();

    element.shadowRoot.querySelector('[data-id="why-toggle"]').click();
    await flush();
    expect(text(element, 'why')).toContain('Threat_Count >= 1 (Threat_Count = 2)');
    await expect(element).toBeAccessible();
  });

  it('says which threats would put a healthy customer at risk', async () => {
    const element = mount();
    getRecord.emit(defendHealthy);
    await flush();
    expect(text(element, 'at-risk')).toBeNull();
    expect(text(element, 'near-miss')).toBe(
      'What would change it: Key person change, product dissatisfaction or service dissatisfaction would each put this account at risk.',
    );
  });

  it('names the closest rule for another stance when no threat would tip it', async () => {
    const element = mount();
    getRecord.emit(noneOutsideStrategy);
    await flush();
    expect(text(element, 'stance-badge')).toBe('NO STANCE');
    expect(text(element, 'priority')).toBeNull();
    expect(text(element, 'near-miss')).toBe(
      'What would change it: Fire (rule "Customer outside the strategy") if Is_Customer = true.',
    );
  });

  it.each([
    ['Attack', attackWithOpenings, 'ATTACK'],
    ['Fire', fireOutsideStrategy, 'FIRE'],
  ])('shows %s with its own badge', async (_stance, record, badge) => {
    const element = mount();
    getRecord.emit(record);
    await flush();
    expect(text(element, 'stance-badge')).toBe(badge);
    await expect(element).toBeAccessible();
  });

  it('shows a manager override beside the computed stance, with the conflict', async () => {
    const element = mount();
    getRecord.emit(overridden);
    await flush();
    expect(text(element, 'stance-badge')).toBe('ATTACK');
    const override = text(element, 'override');
    expect(override).toContain('Set by hand to Attack');
    expect(override).toContain('"New buyer wants us on every line"');
    expect(override).toContain('Rules say: Defend (conflict)');
    await expect(element).toBeAccessible();
  });

  it('warns when the account changed well after the stance was computed', async () => {
    const element = mount();
    getRecord.emit(stale);
    await flush();
    expect(text(element, 'stale')).toContain('Out of date');
    getRecord.emit(defendHealthy);
    await flush();
    expect(text(element, 'stale')).toBeNull();
  });

  it('says so when Stance has not classified the account yet', async () => {
    const element = mount();
    getRecord.emit(withField(withField(defendHealthy, 'Stance__c', null), 'Stance_Checklist__c', null));
    await flush();
    expect(text(element, 'empty')).toContain('Stance has not classified this account yet');
    await expect(element).toBeAccessible();
  });

  it('shows an error panel when the account cannot be read', async () => {
    const element = mount();
    getRecord.error({ message: 'You do not have access to the Stance fields' });
    await flush();
    const panel = element.shadowRoot.querySelector('c-error-panel');
    expect(panel.friendlyMessage).toBe("We could not load this account's stance.");
    await expect(element).toBeAccessible();
  });

  it('refuses an explanation of another version instead of misreading it', async () => {
    const element = mount();
    const future = JSON.stringify({ ...JSON.parse(defendHealthy.fields.Stance_Checklist__c.value), version: 2 });
    getRecord.emit(withField(defendHealthy, 'Stance_Checklist__c', future));
    await flush();
    const panel = element.shadowRoot.querySelector('c-error-panel');
    expect(panel.friendlyMessage).toBe('The details of this stance cannot be shown.');
    expect(panel.errors.message).toContain('this page reads version 1');
    expect(text(element, 'stance-badge')).toBe('DEFEND');
  });

  describe('after the user changes something the stance depends on', () => {
    const since = '2026-06-15T12:05:00.000Z';
    const announce = (message) => subscribe.mock.calls[0][2](message);

    it('shows "recomputing" and re-checks the record until the new classification arrives', async () => {
      jest.useFakeTimers();
      const element = mount();
      getRecord.emit(defendHealthy);
      await flush();
      announce({ recordId: RECORD_ID, since });
      await flush();
      expect(text(element, 'recomputing')).toBe('Recomputing…');

      jest.advanceTimersByTime(4100);
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(2);
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);

      getRecord.emit(withField(defendAtRisk, 'Stance_Computed_At__c', '2026-06-15T12:05:03.000Z'));
      await flush();
      expect(text(element, 'recomputing')).toBeNull();
      expect(text(element, 'at-risk')).toBe('at risk');
      jest.advanceTimersByTime(10000);
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(2);
      jest.useRealTimers();
      await expect(element).toBeAccessible();
    });

    it('ignores announcements about other accounts', async () => {
      const element = mount();
      getRecord.emit(defendHealthy);
      await flush();
      announce({ recordId: '001000000000999AAA', since });
      await flush();
      expect(text(element, 'recomputing')).toBeNull();
    });

    it('stops waiting after a minute and says the change is not reflected yet', async () => {
      jest.useFakeTimers();
      const element = mount();
      getRecord.emit(defendHealthy);
      await flush();
      announce({ recordId: RECORD_ID, since });
      jest.advanceTimersByTime(62000);
      await flush();
      expect(text(element, 'recomputing')).toBeNull();
      expect(text(element, 'recompute-timeout')).toContain('has not been reflected yet');
    });
  });
});
