import { publish, subscribe, unsubscribe } from 'lightning/messageService';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { announceRecompute, GIVE_UP_AFTER_MS, POLL_EVERY_MS, RecomputeWait, STANCE_RECOMPUTE } from 'c/stanceRecompute';

const RECORD_ID = '001000000000001AAA';
const SINCE = '2026-06-15T12:05:00.000Z';
const CONTEXT = { page: 'record' };

function waiting(recordId = RECORD_ID) {
  const onChange = jest.fn();
  const wait = new RecomputeWait({ recordId: () => recordId, onChange });
  wait.start(CONTEXT);
  const announce = (message) => subscribe.mock.calls[0][2](message);
  return { wait, onChange, announce };
}

describe('announceRecompute', () => {
  afterEach(() => jest.clearAllMocks());

  it('tells the page which record changed and since when', () => {
    announceRecompute(CONTEXT, RECORD_ID, new Date(SINCE));
    expect(publish).toHaveBeenCalledWith(CONTEXT, STANCE_RECOMPUTE, { recordId: RECORD_ID, since: SINCE });
  });

  it('says nothing without a record', () => {
    announceRecompute(CONTEXT, undefined);
    expect(publish).not.toHaveBeenCalled();
  });
});

describe('RecomputeWait', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    jest.clearAllMocks();
  });

  it('listens on the recompute channel while started', () => {
    const { wait } = waiting();
    expect(subscribe).toHaveBeenCalledWith(CONTEXT, STANCE_RECOMPUTE, expect.any(Function));
    wait.stop();
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('asks LDS to re-read the record until a classification computed since the change arrives', () => {
    const { wait, onChange, announce } = waiting();
    announce({ recordId: RECORD_ID, since: SINCE });
    expect(onChange).toHaveBeenLastCalledWith({ since: SINCE, timedOut: false });
    jest.advanceTimersByTime(2 * POLL_EVERY_MS + 100);
    expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(2);
    expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);

    wait.recordRead('2026-06-15T12:04:59.000Z');
    expect(onChange).toHaveBeenCalledTimes(1);
    wait.recordRead('2026-06-15T12:05:03.000Z');
    expect(onChange).toHaveBeenLastCalledWith({ since: null, timedOut: false });
    jest.advanceTimersByTime(10 * POLL_EVERY_MS);
    expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(2);
  });

  it('gives up after a while and says so', () => {
    const { onChange, announce } = waiting();
    announce({ recordId: RECORD_ID, since: SINCE });
    jest.advanceTimersByTime(GIVE_UP_AFTER_MS + 2 * POLL_EVERY_MS);
    expect(onChange).toHaveBeenLastCalledWith({ since: null, timedOut: true });
    const polls = notifyRecordUpdateAvailable.mock.calls.length;
    jest.advanceTimersByTime(10 * POLL_EVERY_MS);
    expect(notifyRecordUpdateAvailable).toHaveBeenCalledTimes(polls);
  });

  it('ignores announcements about other records', () => {
    const { onChange, announce } = waiting();
    announce({ recordId: '001000000000999AAA', since: SINCE });
    announce(undefined);
    jest.advanceTimersByTime(3 * POLL_EVERY_MS);
    expect(onChange).not.toHaveBeenCalled();
    expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
  });

  it('stops re-reading when stopped', () => {
    const { wait, announce } = waiting();
    announce({ recordId: RECORD_ID, since: SINCE });
    wait.stop();
    jest.advanceTimersByTime(3 * POLL_EVERY_MS);
    expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
  });

  it('ignores a record read while nothing is awaited', () => {
    const { wait, onChange } = waiting();
    wait.recordRead('2026-06-15T12:05:03.000Z');
    expect(onChange).not.toHaveBeenCalled();
  });
});
