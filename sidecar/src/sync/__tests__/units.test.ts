import { classify } from '../../domain';
import { shippedCompiled } from '../../domain/__tests__/support/shippedConfig';
import { isOwnChange } from '../changeEvents';
import type { ChangeEventHeader } from '../../salesforce/changeStream';
import { byIdsQuery, changedSinceQuery, readAllQuery, soqlDateTime } from '../queries';
import { ownerNotifications } from '../notices';
import { planWrite } from '../writePlan';

const header = (changes: Partial<ChangeEventHeader>): ChangeEventHeader => ({
  entityName: 'Account',
  recordIds: ['001000000000001AAA'],
  changeType: 'UPDATE',
  changeOrigin: 'com/salesforce/api/rest/62.0;client=stance-sidecar',
  commitTimestamp: 0,
  changedFields: ['Stance__c', 'Stance_Checklist__c', 'LastModifiedDate'],
  nulledFields: [],
  ...changes,
});

describe('recognising our own echo', () => {
  it('is ours only with our client name and nothing but Stance fields changed', () => {
    expect(isOwnChange(header({}), 'stance-sidecar')).toBe(true);
    expect(
      isOwnChange(header({ changeOrigin: 'com/salesforce/api/rest/62.0;client=stance-sidecar-2' }), 'stance-sidecar'),
    ).toBe(false);
    expect(isOwnChange(header({ changeOrigin: 'com/salesforce/api/rest/62.0' }), 'stance-sidecar')).toBe(false);
    expect(isOwnChange(header({ changedFields: ['Stance__c', 'Industry'] }), 'stance-sidecar')).toBe(false);
    expect(isOwnChange(header({ changeType: 'CREATE', changedFields: [] }), 'stance-sidecar')).toBe(false);
  });
});

describe('the queries it sends', () => {
  it('reads the engine fields plus what change events need, flat', () => {
    expect(readAllQuery('Stance_Signal__c')).toMatch(
      /^SELECT Id, Account__c, .*CreatedById, CreatedBy\.Name, SystemModstamp FROM Stance_Signal__c$/,
    );
    expect(readAllQuery('Account', { withWritten: true })).toContain('Stance_Checklist__c');
    expect(readAllQuery('Account')).not.toContain('Stance_Checklist__c');
  });

  it('catches up from a SystemModstamp to the second, rounded down', () => {
    expect(soqlDateTime('2026-06-15T12:00:00.999Z')).toBe('2026-06-15T12:00:00Z');
    expect(soqlDateTime('2026-06-15T12:00:00.000+0000')).toBe('2026-06-15T12:00:00Z');
    expect(changedSinceQuery('Contact', '2026-06-15T12:00:00.500Z')).toMatch(
      /WHERE SystemModstamp >= 2026-06-15T12:00:00Z ORDER BY SystemModstamp$/,
    );
    expect(() => soqlDateTime('yesterday')).toThrow(/not a date-time: "yesterday"/);
  });

  it('refuses anything but Salesforce ids in an id list', () => {
    expect(byIdsQuery('Account', ['001000000000001AAA'])).toMatch(/WHERE Id IN \('001000000000001AAA'\)$/);
    expect(() => byIdsQuery('Account', ["001' OR Name != '"])).toThrow(/not a Salesforce id/);
  });
});

describe('what a classification writes', () => {
  const classification = classify(
    {
      account: {
        Id: '001000000000001AAA',
        Name: 'Acme',
        Type: 'Prospect',
        Industry: 'Chocolate',
        BillingCountry: 'Belgium',
      },
      contacts: [],
      opportunities: [],
      signals: [],
      marketSignals: [],
    },
    shippedCompiled(),
    Date.parse('2026-06-15T12:00:00Z'),
  );
  const at = '2026-06-15T12:00:00.000Z';

  it('an account never classified: its fields, no history, no notice', () => {
    const plan = planWrite(classification, { OwnerId: '005A', Name: 'Acme' }, null, at);
    expect(plan.account.fields).toMatchObject({
      Stance__c: 'Attack',
      Stance_Computed_At__c: at,
      Stance_Changed_At__c: at,
    });
    expect(plan.change).toBeNull();
    expect(plan.notice).toBeNull();
  });

  it('a stance change: a keyed history record and a notice for the owner', () => {
    const plan = planWrite(classification, { OwnerId: '005A', Name: 'Acme' }, { stance: 'None', atRisk: false }, at);
    expect(plan.change).toMatchObject({
      type: 'Stance_Change__c',
      createKey: 'Change_Key__c',
      fields: { Change_Key__c: `001000000000001AAA:${at}`, From__c: 'None', To__c: 'Attack' },
    });
    expect(plan.notice).toMatchObject({ ownerId: '005A', from: 'None', to: 'Attack', becameAtRisk: false });
  });

  it('the same stance: fields refreshed, Stance_Changed_At__c left alone, nothing else', () => {
    const plan = planWrite(classification, { OwnerId: '005A' }, { stance: 'Attack', atRisk: false }, at);
    expect(plan.account.fields).not.toHaveProperty('Stance_Changed_At__c');
    expect(plan.change).toBeNull();
    expect(plan.notice).toBeNull();
  });
});

describe('telling owners their accounts moved', () => {
  const notice = (ownerId: string, accountName: string, from = 'None', to = 'Attack', becameAtRisk = false) => ({
    ownerId,
    accountId: `001${accountName}`,
    accountName,
    from,
    to,
    becameAtRisk,
  });

  it('sends one notification per owner, naming the account when only one moved', () => {
    const sent = ownerNotifications([
      notice('005A', 'Acme'),
      notice('005B', 'Kakao', 'Defend', 'Defend', true),
      notice('005A', 'Bolt', 'Defend', 'Fire', true),
    ]);
    expect(sent).toEqual([
      {
        recipientIds: ['005A'],
        targetId: '001Acme',
        title: 'Stance: 2 of your accounts changed',
        body: 'Acme: No stance → Attack\nBolt: Defend → Fire, at risk',
      },
      {
        recipientIds: ['005B'],
        targetId: '001Kakao',
        title: 'Stance: Kakao: now at risk (Defend)',
        body: 'Kakao: now at risk (Defend)',
      },
    ]);
  });

  it('lists at most ten accounts and counts the rest', () => {
    const [sent] = ownerNotifications(Array.from({ length: 13 }, (_, i) => notice('005A', `A${i}`)));
    expect(sent!.body.split('\n')).toHaveLength(11);
    expect(sent!.body).toMatch(/… and 3 more$/);
  });
});
