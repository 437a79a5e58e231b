import { checkChangeEvent } from '../changeEventShape';

const CHANNEL = '/data/AccountChangeEvent';
const good = (header: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) => ({
  schema: 'x',
  payload: {
    ChangeEventHeader: {
      entityName: 'Account',
      recordIds: ['001000000000001AAA'],
      changeType: 'UPDATE',
      changeOrigin: 'com/salesforce/api/rest/62.0',
      commitTimestamp: 1_700_000_000_000,
      changedFields: ['Industry'],
      nulledFields: [],
      ...header,
    },
    Industry: 'Secret Bank Details 1234',
    ...fields,
  },
  event: { replayId: 7 },
});

const problemOf = (raw: unknown, channel = CHANNEL) => {
  const checked = checkChangeEvent(channel, raw);
  if (checked.ok) throw new Error('expected a drop');
  return checked.problem;
};

describe('a delivered change event, checked at the edge', () => {
  it('passes a well-formed event, filling in the lists a channel may leave out', () => {
    const checked = checkChangeEvent(
      CHANNEL,
      good({ changedFields: undefined, nulledFields: null, changeOrigin: null }),
    );
    expect(checked.ok && checked.message.payload.ChangeEventHeader).toMatchObject({
      changedFields: [],
      nulledFields: [],
      changeOrigin: '',
    });
    expect(checked.ok && checked.message.payload.Industry).toBe('Secret Bank Details 1234');
    expect(checked.ok && checked.message.event.replayId).toBe(7);
  });

  it('passes a GAP_OVERFLOW with a key prefix and no ids', () => {
    expect(checkChangeEvent(CHANNEL, good({ changeType: 'GAP_OVERFLOW', recordIds: ['001*'] })).ok).toBe(true);
    expect(checkChangeEvent(CHANNEL, good({ changeType: 'GAP_OVERFLOW', recordIds: [] })).ok).toBe(true);
  });

  it.each([
    ['no payload', { event: { replayId: 1 } }, 'payload'],
    ['a payload that is a string', { payload: 'boom', event: { replayId: 1 } }, 'payload'],
    ['nothing at all', null, '(message)'],
    ['no header', { payload: { Name: 'x' }, event: { replayId: 1 } }, 'payload.ChangeEventHeader'],
    ['an unknown change type', good({ changeType: 'EXPLODE' }), 'payload.ChangeEventHeader.changeType'],
    ['a header that is an array', { payload: { ChangeEventHeader: [] }, event: { replayId: 1 } }, 'ChangeEventHeader'],
    ['a commit time as text', good({ commitTimestamp: 'yesterday' }), 'commitTimestamp'],
    ['ids that are not ids', good({ recordIds: ["001' OR 1=1"] }), 'payload.ChangeEventHeader.recordIds.0'],
    ['ids that are objects', good({ recordIds: [{ $gt: '' }] }), 'recordIds.0'],
    ['no ids on an UPDATE', good({ recordIds: [] }), 'recordIds: no record ids'],
    ['a field list of numbers', good({ changedFields: [1, 2] }), 'changedFields.0'],
    ['no replay id', { ...good(), event: {} }, 'event.replayId'],
    ['another object on this channel', good({ entityName: 'Contact' }), 'not Account, the object of this channel'],
    ['an object name that is no name', good({ entityName: '../../etc' }), 'entityName'],
  ])('drops %s, saying where without any value', (_what, raw, where) => {
    const problem = problemOf(raw);
    expect(problem).toContain(where);
    expect(problem).not.toMatch(/Secret|1=1|yesterday|EXPLODE|etc/);
  });

  it('checks the entity against custom object channels too', () => {
    const signal = good({ entityName: 'Stance_Signal__c' });
    expect(checkChangeEvent('/data/Stance_Signal__ChangeEvent', signal).ok).toBe(true);
    expect(problemOf(good(), '/data/Stance_Signal__ChangeEvent')).toContain('not Stance_Signal__c');
  });
});
