import {
  isEmpEnabled,
  onError as onStreamingError,
  subscribe as subscribeToStream,
  unsubscribe as unsubscribeFromStream,
} from 'lightning/empApi';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { RefreshEvent, RefreshEventName } from 'lightning/refresh';
import { StanceUpdates, STANCE_UPDATE_CHANNEL, refreshRecordPage, updateNames } from 'c/stanceLiveUpdates';

// As in lwc-recipes: empApi is replaced so a test can stand in for the streaming server.
jest.mock('lightning/empApi', () => ({
  isEmpEnabled: jest.fn(),
  onError: jest.fn(),
  subscribe: jest.fn(),
  unsubscribe: jest.fn(),
}));

const RECORD_ID = '001000000000001AAA';
const OTHER_ACCOUNT = '001000000000999AAA';
const SUBSCRIPTION = { id: 'stance-updates', channel: '/event/Stance_Update__e' };

const stanceUpdate = (accountIds) => ({
  channel: '/event/Stance_Update__e',
  data: {
    schema: 'p8MuLBkNf0Zr0WLbBuEJ1g',
    payload: { Account_Ids__c: accountIds, CreatedById: '005000000000002AAA', CreatedDate: '2026-06-15T12:05:03Z' },
    event: { replayId: 7 },
  },
});
// empApi answers after a few promise turns; a macrotask lets them all run.
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const receive = (message) => subscribeToStream.mock.calls[0][2](message);
const failStreaming = (error) => onStreamingError.mock.calls[0][0](error);

async function following(recordId = RECORD_ID) {
  const updates = { onUpdate: jest.fn(), onLiveChange: jest.fn() };
  const follower = new StanceUpdates({ recordId: () => recordId, ...updates });
  follower.start();
  await settle();
  return { follower, ...updates };
}

describe('updateNames', () => {
  it.each([
    ['first', `${RECORD_ID},${OTHER_ACCOUNT},001000000000998AAA`],
    ['in the middle', `${OTHER_ACCOUNT},${RECORD_ID},001000000000998AAA`],
    ['last', `${OTHER_ACCOUNT},001000000000998AAA,${RECORD_ID}`],
    ['among ids with spaces around them', ` ${OTHER_ACCOUNT} , ${RECORD_ID} `],
    ['as its 15-character id in the event', RECORD_ID.slice(0, 15)],
  ])('finds the account among the ids (%s)', (_where, accountIds) => {
    expect(updateNames(accountIds, RECORD_ID)).toBe(true);
  });

  it('finds the 18-character id of an account the page holds by its 15-character id', () => {
    expect(updateNames(`${OTHER_ACCOUNT},${RECORD_ID}`, RECORD_ID.slice(0, 15))).toBe(true);
  });

  it('tells ids apart by case, as Salesforce does', () => {
    expect(updateNames('0015g00000ABCDEIAW', '0015g00000AbCdE')).toBe(false);
    expect(updateNames('0015g00000AbCdEIAW', '0015g00000AbCdE')).toBe(true);
  });

  it.each([[OTHER_ACCOUNT], [`${OTHER_ACCOUNT},001000000000998AAA`], [''], [' , '], [null], [undefined]])(
    'names no other account, and no account when it holds no ids (%p)',
    (accountIds) => {
      expect(updateNames(accountIds, RECORD_ID)).toBe(false);
    },
  );

  it('names nothing for a page without a record id', () => {
    expect(updateNames(RECORD_ID, undefined)).toBe(false);
  });
});

describe('StanceUpdates', () => {
  let consoleError;
  beforeEach(() => {
    isEmpEnabled.mockResolvedValue(true);
    subscribeToStream.mockResolvedValue(SUBSCRIPTION);
    unsubscribeFromStream.mockResolvedValue(true);
    onStreamingError.mockResolvedValue(undefined);
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    consoleError.mockRestore();
    jest.clearAllMocks();
  });

  it('subscribes to the Stance update events from now on, and listens for streaming errors', async () => {
    await following();
    expect(STANCE_UPDATE_CHANNEL).toBe('/event/Stance_Update__e');
    expect(subscribeToStream).toHaveBeenCalledTimes(1);
    expect(subscribeToStream).toHaveBeenCalledWith('/event/Stance_Update__e', -1, expect.any(Function));
    expect(onStreamingError).toHaveBeenCalledWith(expect.any(Function));
  });

  it('calls onUpdate for an event naming the account, and only then', async () => {
    const { onUpdate } = await following();
    receive(stanceUpdate(OTHER_ACCOUNT));
    receive({ channel: STANCE_UPDATE_CHANNEL, data: { payload: { CreatedById: '005000000000002AAA' } } });
    receive({ channel: STANCE_UPDATE_CHANNEL, data: {} });
    receive(undefined);
    expect(onUpdate).not.toHaveBeenCalled();
    receive(stanceUpdate(`${OTHER_ACCOUNT},${RECORD_ID}`));
    expect(onUpdate).toHaveBeenCalledTimes(1);
  });

  it('reads the record id when an event arrives, so a page that moves on follows its new record', async () => {
    let recordId = OTHER_ACCOUNT;
    const onUpdate = jest.fn();
    new StanceUpdates({ recordId: () => recordId, onUpdate, onLiveChange: jest.fn() }).start();
    await settle();
    recordId = RECORD_ID;
    receive(stanceUpdate(RECORD_ID));
    expect(onUpdate).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes when stopped', async () => {
    const { follower } = await following();
    follower.stop();
    await settle();
    expect(unsubscribeFromStream).toHaveBeenCalledWith(SUBSCRIPTION, expect.any(Function));
  });

  it('unsubscribes when stopped before the subscription is confirmed', async () => {
    let confirm;
    subscribeToStream.mockReturnValue(new Promise((resolve) => (confirm = resolve)));
    const { follower } = await following();
    follower.stop();
    confirm(SUBSCRIPTION);
    await settle();
    expect(unsubscribeFromStream).toHaveBeenCalledWith(SUBSCRIPTION, expect.any(Function));
  });

  it('does not subscribe where streaming is not enabled, and reports nothing wrong', async () => {
    isEmpEnabled.mockResolvedValue(false);
    const { follower, onLiveChange } = await following();
    expect(subscribeToStream).not.toHaveBeenCalled();
    expect(onLiveChange).not.toHaveBeenCalledWith(false);
    follower.stop();
    expect(unsubscribeFromStream).not.toHaveBeenCalled();
  });

  it('says live updates are off, and logs why, when the org refuses the subscription', async () => {
    const refusal = { error: '403::Forbidden', subscription: '/event/Stance_Update__e' };
    subscribeToStream.mockRejectedValue(refusal);
    const { onLiveChange } = await following();
    expect(onLiveChange).toHaveBeenLastCalledWith(false);
    expect(consoleError).toHaveBeenCalledWith(expect.any(String), refusal);
  });

  it('says live updates are off when streaming fails, and on again at the next event', async () => {
    const { onLiveChange, onUpdate } = await following();
    failStreaming({ error: '402::Unknown client', channel: '/meta/connect' });
    expect(onLiveChange).toHaveBeenLastCalledWith(false);
    expect(consoleError).toHaveBeenCalled();
    // Streaming recovered: any event says so, even one about other accounts.
    receive(stanceUpdate(OTHER_ACCOUNT));
    expect(onLiveChange).toHaveBeenLastCalledWith(true);
    expect(onUpdate).not.toHaveBeenCalled();
  });

  it("is not troubled by another component's streaming error", async () => {
    const { onLiveChange } = await following();
    failStreaming({ error: '403::Forbidden', subscription: '/data/AccountChangeEvent' });
    expect(onLiveChange).not.toHaveBeenCalledWith(false);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('ignores streaming errors once stopped', async () => {
    const { follower, onLiveChange } = await following();
    follower.stop();
    failStreaming({ error: '402::Unknown client', channel: '/meta/connect' });
    expect(onLiveChange).not.toHaveBeenCalledWith(false);
  });

  it('registers its error listener once, however often it starts again (empApi cannot drop one)', async () => {
    const { follower } = await following();
    follower.stop();
    follower.start();
    await settle();
    expect(onStreamingError).toHaveBeenCalledTimes(1);
    expect(subscribeToStream).toHaveBeenCalledTimes(2);
  });
});

describe('refreshRecordPage', () => {
  let consoleError;
  beforeEach(() => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    consoleError.mockRestore();
    jest.clearAllMocks();
  });

  /** A component on the page: an element whose refresh events a container above it would hear. */
  function componentOnPage() {
    const container = document.createElement('div');
    const component = document.createElement('div');
    container.appendChild(component);
    document.body.appendChild(container);
    const heard = [];
    container.addEventListener(RefreshEventName, (event) => heard.push(event));
    return { component, heard, remove: () => document.body.removeChild(container) };
  }

  it('asks LDS to read the record again and dispatches the refresh event from the component', () => {
    const { component, heard, remove } = componentOnPage();
    refreshRecordPage(component, RECORD_ID);
    expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(1);
    expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toBeInstanceOf(RefreshEvent);
    expect(heard[0].bubbles && heard[0].composed).toBe(true);
    remove();
  });

  it('still dispatches the refresh event when LDS refuses the notification, and logs why', async () => {
    const refusal = new Error('LDS is offline');
    notifyRecordUpdateAvailable.mockRejectedValueOnce(refusal);
    const { component, heard, remove } = componentOnPage();
    refreshRecordPage(component, RECORD_ID);
    await settle();
    expect(heard).toHaveLength(1);
    expect(consoleError).toHaveBeenCalledWith(expect.any(String), refusal);
    remove();
  });
});
