import { reduceErrors } from 'c/ldsUtils';

describe('reduceErrors', () => {
  it.each([
    ['a UI API error list', { body: [{ message: 'A' }, { message: 'B' }] }, ['A', 'B']],
    [
      'record and field errors of a save',
      { body: { output: { errors: [{ message: 'Locked' }], fieldErrors: { X__c: [{ message: 'Too long' }] } } } },
      ['Locked', 'Too long'],
    ],
    ['a body message', { body: { message: 'INVALID_SESSION_ID' } }, ['INVALID_SESSION_ID']],
    ['a JavaScript error', new TypeError('x is undefined'), ['x is undefined']],
    ['a fetch failure', { statusText: 'Service Unavailable' }, ['Service Unavailable']],
  ])('reads %s', (_name, error, expected) => {
    expect(reduceErrors(error)).toEqual(expected);
  });

  it('flattens a list, drops empty entries and duplicates', () => {
    expect(reduceErrors([{ body: { message: 'Same' } }, null, new Error('Same'), undefined])).toEqual(['Same']);
  });

  it('answers an empty list for no error', () => {
    expect(reduceErrors(undefined)).toEqual([]);
  });
});
