import { createElement } from 'lwc';
import StancePanel from 'c/stancePanel';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { subscribe } from 'lightning/messageService';
import { RefreshEvent, RefreshEventName } from 'lightning/refresh';
import {
  isEmpEnabled,
  onError as onStreamingError,
  subscribe as subscribeToStream,
  unsubscribe as unsubscribeFromStream,
} from 'lightning/empApi';

// As in lwc-recipes: empApi is replaced so a test can stand in for the streaming server.
jest.mock('lightning/empApi', () => ({
  isEmpEnabled: jest.fn(),
  onError: jest.fn(),
  subscribe: jest.fn(),
  unsubscribe: jest.fn(),
}));

const defendAtRisk = require('./data/defendAtRisk.json');
const defendHealthy = require('./data/defendHealthy.json');
const attackWithOpenings = require('./data/attackWithOpenings.json');
const fireOutsideStrategy = require('./data/fireOutsideStrategy.json');
const noneOutsideStrategy = require('./data/noneOutsideStrategy.json');
const overridden = require('./data/overridden.json');
const stale = require('./data/stale.json');

const RECORD_ID = '001000000000001AAA';
const CHANNEL = '/event/Stance_Update__e';
const SUBSCRIPTION = { id: 'stance-panel-stance-updates', channel: CHANNEL };

function withField(record, name, value) {
  return { ...record, fields: { ...record.fields, [name]: { value, displayValue: null } } };
}

function mount(recordId = RECORD_ID) {
  const element = createElement('c-stance-panel', { is: StancePanel });
  element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

const flush = () => Promise.resolve();
const text = (element, id) => {
  const node = element.shadowRoot.querySelector(`[data-id="${id}"]`);
  return node ? node.textContent.replace(/\s+/g, ' ').trim() : null;
};

describe('c-stance-panel', () => {
  beforeEach(() => {
    isEmpEnabled.mockResolvedValue(true);
    subscribeToStream.mockResolvedValue(SUBSCRIPTION);
    unsubscribeFromStream.mockResolvedValue(true);
    onStreamingError.mockResolvedValue(undefined);
  });

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

  it('asks for the stance fields of the account on the page, as optional fields', async () => {
    mount();
    await flush();
    const config = getRecord.getLastConfig();
    expect(config.recordId).toBe(RECORD_ID);
    expect(config.fields.map((field) => field.fieldApiName)).toEqual(['Id']);
    expect(config.optionalFields.map((field) => field.fieldApiName)).toEqual(
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
    expect(text(element, 'why-toggle')).toBe('Why: rule “Threatened customer”');
    expect(element.shadowRoot.querySelector('[data-id="why"]')).toBeNull();

    element.shadowRoot.querySelector('[data-id="why-toggle"]').click();
    await flush();
    expect(text(element, 'why-toggle')).toBe('Hide why: rule “Threatened customer”');
    // The rule's own words, and the facts behind them in words, not by their API names.
    expect(text(element, 'why')).toContain('Threat_Count >= 1 (The number of threats: 2)');
    await expect(element).toBeAccessible();
  });

  it('says which threats would put a healthy customer at risk', async () => {
    const element = mount();
    getRecord.emit(defendHealthy);
    await flush();
    expect(text(element, 'at-risk')).toBeNull();
    expect(text(element, 'near-miss')).toBe(
      'What would change it: Key person change, Product dissatisfaction, or Service dissatisfaction would each put this account at risk.',
    );
  });

  it('names the closest rule for another stance when no threat would tip it', async () => {
    const element = mount();
    getRecord.emit(noneOutsideStrategy);
    await flush();
    expect(text(element, 'stance-badge')).toBe('NO STANCE');
    expect(text(element, 'priority')).toBeNull();
    expect(text(element, 'near-miss')).toBe(
      'What would change it: Fire (rule “Customer outside the strategy”) if the account were a customer.',
    );
  });

  it('says what would change it in words when the sidecar stored the comparison', async () => {
    const element = mount();
    const explanation = JSON.parse(noneOutsideStrategy.fields.Stance_Checklist__c.value);
    explanation.nearMiss.failing = explanation.nearMiss.failing.map((part) => ({
      ...part,
      comparison: { fact: 'Is_Customer', type: 'boolean', op: '=', value: true },
    }));
    getRecord.emit(withField(noneOutsideStrategy, 'Stance_Checklist__c', JSON.stringify(explanation)));
    await flush();
    expect(text(element, 'near-miss')).toBe(
      'What would change it: Fire (rule “Customer outside the strategy”) if the account were a customer.',
    );
    await expect(element).toBeAccessible();
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
    expect(element.shadowRoot.querySelector('[data-id="override"] c-stance-override-summary')).toMatchObject({
      label: 'Attack',
      until: '2026-07-15',
      reason: 'New buyer wants us on every line',
    });
    expect(text(element, 'override')).toContain('Rules say: Defend (conflict)');
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

  it('says in a plain sentence that the stance is not for this user when the UI API leaves it out', async () => {
    const element = mount();
    getRecord.emit({ ...defendAtRisk, fields: { Name: { value: 'Kakao Werke GmbH', displayValue: null } } });
    await flush();
    expect(text(element, 'stance-hidden')).toBe(
      "You can't see the stance of accounts: ask your Salesforce admin for the Stance User permission set.",
    );
    expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="stance-badge"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the stance without the fields the UI API left out', async () => {
    const element = mount();
    const fields = { ...defendAtRisk.fields };
    ['Stance_Priority__c', 'Stance_Checklist__c', 'Stance_Computed_At__c', 'LastModifiedDate'].forEach((name) => {
      delete fields[name];
    });
    getRecord.emit({ ...defendAtRisk, fields });
    await flush();
    expect(text(element, 'stance-badge')).toBe('DEFEND');
    expect(text(element, 'reason')).toBe(defendAtRisk.fields.Stance_Reason__c.value);
    expect(element.shadowRoot.querySelector('[data-id="priority"]')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="why-toggle"]')).toBeNull();
    expect(element.shadowRoot.querySelector('[data-id="stale"]')).toBeNull();
    expect(element.shadowRoot.querySelector('c-error-panel')).toBeNull();
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

  describe('when the sidecar rewrites accounts after what others did', () => {
    const OTHER_ACCOUNT = '001000000000999AAA';
    // empApi answers after a few promise turns; a macrotask lets them all run.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const stanceUpdate = (accountIds) => ({
      channel: CHANNEL,
      data: {
        schema: 'p8MuLBkNf0Zr0WLbBuEJ1g',
        payload: {
          Account_Ids__c: accountIds,
          CreatedById: '005000000000002AAA',
          CreatedDate: '2026-06-15T12:05:03.000Z',
        },
        event: { replayId: 7 },
      },
    });
    const receive = (message) => subscribeToStream.mock.calls[0][2](message);
    const failStreaming = (error) => onStreamingError.mock.calls[0][0](error);

    let consoleError;
    beforeEach(() => {
      consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
    });
    afterEach(() => {
      consoleError.mockRestore();
    });

    async function showing(record, recordId) {
      const element = mount(recordId);
      getRecord.emit(record);
      await settle();
      return element;
    }

    it('listens to the Stance update events from now on', async () => {
      await showing(defendHealthy);
      expect(subscribeToStream).toHaveBeenCalledTimes(1);
      expect(subscribeToStream).toHaveBeenCalledWith('/event/Stance_Update__e', -1, expect.any(Function));
      expect(onStreamingError).toHaveBeenCalledWith(expect.any(Function));
    });

    it('re-reads this account, refreshes the whole page, and shows the new stance, without a reload', async () => {
      const element = await showing(defendHealthy);
      const refreshes = [];
      const hear = (event) => refreshes.push(event);
      document.body.addEventListener(RefreshEventName, hear);
      expect(text(element, 'at-risk')).toBeNull();

      receive(stanceUpdate(`${OTHER_ACCOUNT}`));
      expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
      expect(refreshes).toHaveLength(0);

      receive(stanceUpdate(RECORD_ID));
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(1);
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);
      // Lightning's refresh event, from the panel, for the page's refresh container.
      expect(refreshes).toHaveLength(1);
      expect(refreshes[0]).toBeInstanceOf(RefreshEvent);
      expect(refreshes[0].target).toBe(element);
      document.body.removeEventListener(RefreshEventName, hear);

      getRecord.emit(defendAtRisk);
      await flush();
      expect(text(element, 'stance-badge')).toBe('DEFEND');
      expect(text(element, 'at-risk')).toBe('at risk');
      expect(text(element, 'reason')).toBe(defendAtRisk.fields.Stance_Reason__c.value);
      await expect(element).toBeAccessible();
    });

    it('recognises the account when the page holds its 15-character id', async () => {
      const shortId = RECORD_ID.slice(0, 15);
      await showing(defendHealthy, shortId);
      receive(stanceUpdate(`${OTHER_ACCOUNT},${RECORD_ID}`));
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: shortId }]);
    });

    it('stops listening when it leaves the page', async () => {
      const element = await showing(defendHealthy);
      document.body.removeChild(element);
      await settle();
      expect(unsubscribeFromStream).toHaveBeenCalledWith(SUBSCRIPTION, expect.any(Function));
    });

    it('does not listen where streaming is not enabled, and still shows the stance', async () => {
      isEmpEnabled.mockResolvedValue(false);
      const element = await showing(defendAtRisk);
      expect(subscribeToStream).not.toHaveBeenCalled();
      expect(text(element, 'stance-badge')).toBe('DEFEND');
      expect(text(element, 'live-off')).toBeNull();
      document.body.removeChild(element);
      expect(unsubscribeFromStream).not.toHaveBeenCalled();
    });

    it('keeps showing the stance, with a quiet note, when it cannot subscribe', async () => {
      const refusal = { error: '403::Forbidden', subscription: CHANNEL };
      subscribeToStream.mockRejectedValue(refusal);
      const element = await showing(defendAtRisk);
      expect(text(element, 'stance-badge')).toBe('DEFEND');
      expect(text(element, 'at-risk')).toBe('at risk');
      expect(text(element, 'live-off')).toBe('Live updates are off: changes made by others appear after a reload.');
      expect(consoleError).toHaveBeenCalledWith(expect.any(String), refusal);
      await expect(element).toBeAccessible();
    });

    it('keeps showing the last stance, with a quiet note, when streaming fails', async () => {
      const element = await showing(defendHealthy);
      failStreaming({ error: '402::Unknown client', channel: '/meta/connect' });
      await flush();
      expect(consoleError).toHaveBeenCalled();
      expect(text(element, 'stance-badge')).toBe('DEFEND');
      expect(text(element, 'reason')).toBe(defendHealthy.fields.Stance_Reason__c.value);
      expect(text(element, 'live-off')).toContain('Live updates are off');
      await expect(element).toBeAccessible();

      // Streaming recovered: the next update for this account arrives and the note goes.
      receive(stanceUpdate(RECORD_ID));
      await flush();
      expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);
      expect(text(element, 'live-off')).toBeNull();
    });
  });
});
