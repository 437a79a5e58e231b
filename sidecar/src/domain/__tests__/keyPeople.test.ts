import { departureOf, detectedSignalOf, retitleOf } from '../keyPeople';

const AT = '2026-06-15T12:00:00.000Z';

describe('key-person changes', () => {
  const ada = { Id: '003A', AccountId: '001A', Name: 'Ada', Title: 'Buyer' };

  it('notices a known contact retitled, and nothing when the title stays or the contact is new', () => {
    const after = { ...ada, Title: 'Chief Procurement Officer' };
    expect(retitleOf('003A', ada, after, { Title: after.Title }, AT)).toEqual({
      change: { contactId: '003A', change: 'retitled', at: AT, title: after.Title, previousTitle: 'Buyer' },
      accountId: '001A',
      name: 'Ada',
    });
    expect(retitleOf('003A', ada, ada, { Title: 'Buyer' }, AT)).toBeNull();
    expect(retitleOf('003A', null, after, { Title: after.Title }, AT)).toBeNull();
    expect(retitleOf('003A', ada, { ...after, AccountId: null }, { Title: after.Title }, AT)).toBeNull();
  });

  it('notices a contact leaving its account', () => {
    expect(departureOf('003A', ada, AT)).toEqual({
      change: { contactId: '003A', change: 'left', at: AT, title: 'Buyer' },
      accountId: '001A',
      name: 'Ada',
    });
    expect(departureOf('003A', { ...ada, AccountId: '' }, AT)).toBeNull();
  });

  it('becomes a Detected signal only when a title is a key one', () => {
    const keyTitle = /chief|head/i;
    const left = {
      contactId: '003A',
      accountId: '001A',
      name: null,
      change: 'left' as const,
      at: AT,
      title: 'Head of R&D',
    };
    expect(detectedSignalOf(left, keyTitle)).toEqual({
      Detection_Key__c: `kpc:003A:left:${Date.parse(AT)}`,
      Account__c: '001A',
      Trigger__c: 'KEY_PERSON_CHANGE',
      Status__c: 'New',
      Source__c: 'Detected',
      Detail__c: 'A key contact (Head of R&D) left the account.',
    });
    expect(detectedSignalOf({ ...left, title: 'Intern' }, keyTitle)).toBeNull();
  });
});
