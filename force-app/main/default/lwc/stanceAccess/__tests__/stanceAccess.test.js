import { mayCreate, mayUpdate, objectHidden, recordAccessRefused } from 'c/stanceAccess';

// Object info as the local org answers it for Dana (rep), Max (manager) and Sam (support).
const repAccount = require('./data/repAccountInfo.json');
const managerAccount = require('./data/managerAccountInfo.json');
const signal = require('./data/signalObjectInfo.json');

const OVERRIDE_FIELDS = [
  'Stance_Override__c',
  'Stance_Override_Reason__c',
  { fieldApiName: 'Stance_Override_Until__c' },
];

describe('mayUpdate', () => {
  it('lets a manager update the override fields, not a rep', () => {
    expect(mayUpdate(managerAccount, OVERRIDE_FIELDS)).toBe(true);
    expect(mayUpdate(repAccount, OVERRIDE_FIELDS)).toBe(false);
  });

  it('refuses when the object is not updateable, whatever the fields say', () => {
    expect(mayUpdate({ ...managerAccount, updateable: false }, OVERRIDE_FIELDS)).toBe(false);
  });

  it('refuses a field the user cannot read (left out of object info)', () => {
    const fields = { ...managerAccount.fields };
    delete fields.Stance_Override_Reason__c;
    expect(mayUpdate({ ...managerAccount, fields }, OVERRIDE_FIELDS)).toBe(false);
  });

  it('refuses while there is no object info', () => {
    expect(mayUpdate(undefined, OVERRIDE_FIELDS)).toBe(false);
  });
});

describe('mayCreate', () => {
  const written = ['Account__c', 'Trigger__c', 'Status__c', 'Source__c', 'Detail__c'];

  it('lets a Stance user create a signal with every field the form sets', () => {
    expect(mayCreate(signal, written)).toBe(true);
  });

  it('refuses without Create on the object', () => {
    expect(mayCreate({ ...signal, createable: false }, written)).toBe(false);
  });

  it('refuses when one field the form sets is not createable', () => {
    const fields = { ...signal.fields, Detail__c: { ...signal.fields.Detail__c, createable: false } };
    expect(mayCreate({ ...signal, fields }, written)).toBe(false);
  });
});

describe('recordAccessRefused', () => {
  it.each([
    ['a REST-shaped refusal', { status: 400, body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'x' }] }],
    [
      'a UI API record error',
      {
        status: 400,
        body: { output: { errors: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }], fieldErrors: {} } },
      },
    ],
    [
      'no access to the master record',
      { status: 400, body: [{ errorCode: 'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', message: 'x' }] },
    ],
  ])('recognises %s', (_name, error) => {
    expect(recordAccessRefused(error)).toBe(true);
  });

  it('leaves other errors to be shown as they are', () => {
    expect(recordAccessRefused({ status: 400, body: [{ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' }] })).toBe(false);
    expect(recordAccessRefused(new Error('offline'))).toBe(false);
  });
});

describe('objectHidden', () => {
  it('tells an object the user may not see from an org that did not answer', () => {
    expect(objectHidden({ status: 404, body: [{ errorCode: 'NOT_FOUND' }] })).toBe(true);
    expect(objectHidden({ status: 403, body: [{ errorCode: 'INSUFFICIENT_ACCESS' }] })).toBe(true);
    expect(objectHidden({ status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE' }] })).toBe(false);
    expect(objectHidden(undefined)).toBe(false);
  });
});
