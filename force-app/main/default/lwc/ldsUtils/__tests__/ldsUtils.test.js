import { errorCodes, reduceErrors } from 'c/ldsUtils';

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

  it('says "Unknown error" in the user\'s language for an error without words', () => {
    expect(reduceErrors({ status: 500 })).toEqual(['Unknown error']);
    global.__STANCE_LABEL_LANGUAGE__ = 'de';
    try {
      jest.isolateModules(() => {
        expect(require('c/ldsUtils').reduceErrors({ status: 500 })).toEqual(['Unbekannter Fehler']);
      });
    } finally {
      delete global.__STANCE_LABEL_LANGUAGE__;
    }
  });
});

describe('errorCodes', () => {
  it.each([
    [
      'a REST or UI API error list',
      {
        body: [
          { errorCode: 'INVALID_FIELD', message: 'A' },
          { errorCode: 'INVALID_FIELD', message: 'B' },
        ],
      },
      ['INVALID_FIELD'],
    ],
    [
      'the record and field errors of a UI API save',
      {
        body: {
          output: {
            errors: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights' }],
            fieldErrors: { X__c: [{ errorCode: 'STRING_TOO_LONG', message: 'Too long' }] },
          },
        },
      },
      ['INSUFFICIENT_ACCESS_OR_READONLY', 'STRING_TOO_LONG'],
    ],
    ['a body with its own code', { body: { errorCode: 'NOT_FOUND', message: 'gone' } }, ['NOT_FOUND']],
    ['a JavaScript error', new TypeError('x is undefined'), []],
    ['a message without a code', { body: { message: 'INVALID_SESSION_ID' } }, []],
  ])('reads %s', (_name, error, expected) => {
    expect(errorCodes(error)).toEqual(expected);
  });

  it('answers an empty list for no error', () => {
    expect(errorCodes(undefined)).toEqual([]);
  });
});
