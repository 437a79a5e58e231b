/** Cases in the mirror: read with their account, kept current from change events, gone with it. */
import { classify } from '../../domain';
import { shippedCompiled } from '../../domain/__tests__/support/shippedConfig';
import { MIRRORED_OBJECTS, MirrorStore } from '../mirror';

const AT = '2026-06-15T12:00:00.000Z';
const NOW = Date.parse(AT);
const ACCOUNT = { Id: '001000000000001AAA', Name: 'Andes Mining', Type: 'Customer - Direct', Industry: 'Mining' };

describe('cases in the mirror', () => {
  let mirror: MirrorStore;
  beforeEach(() => {
    mirror = new MirrorStore(':memory:');
    mirror.upsert('Account', [ACCOUNT]);
  });
  afterEach(() => mirror.close());

  const openCases = () => classify(mirror.snapshot(ACCOUNT.Id)!, shippedCompiled(), NOW).explanation.effort!.openCases;

  it('is a mirrored object, read into its account snapshot with the fields the engine reads', () => {
    expect(MIRRORED_OBJECTS).toContain('Case');
    mirror.upsert('Case', [
      {
        attributes: { type: 'Case' },
        Id: '500000000000001AAA',
        AccountId: ACCOUNT.Id,
        IsClosed: false,
        Status: 'New',
        Subject: 'not read by the engine',
        CreatedDate: '2026-06-10T08:00:00.000+0000',
        ClosedDate: null,
      },
    ]);
    expect(mirror.snapshot(ACCOUNT.Id)!.cases).toEqual([
      {
        Id: '500000000000001AAA',
        AccountId: ACCOUNT.Id,
        IsClosed: false,
        Status: 'New',
        CreatedDate: '2026-06-10T08:00:00.000Z',
        ClosedDate: null,
      },
    ]);
    expect(openCases()).toBe(1);
  });

  it('follows a case closed by a change event: its account has one open case fewer', () => {
    const created = mirror.applyChange(
      'Case',
      '500000000000002AAA',
      { AccountId: ACCOUNT.Id, Status: 'New', IsClosed: false, CreatedDate: '2026-06-14T08:00:00Z' },
      [],
      AT,
    );
    expect(created).toBe(ACCOUNT.Id);
    expect(openCases()).toBe(1);
    const closed = mirror.applyChange(
      'Case',
      '500000000000002AAA',
      { Status: 'Closed', IsClosed: true, ClosedDate: '2026-06-15T09:00:00Z' },
      [],
      AT,
    );
    expect(closed).toBe(ACCOUNT.Id);
    expect(openCases()).toBe(0);
    expect(mirror.snapshot(ACCOUNT.Id)!.cases![0]).toMatchObject({
      IsClosed: true,
      ClosedDate: '2026-06-15T09:00:00.000Z',
      CreatedDate: '2026-06-14T08:00:00.000Z',
    });
  });

  it('names both accounts of a case moved to another, and drops a case deleted', () => {
    const other = '001000000000002AAA';
    mirror.upsert('Account', [{ ...ACCOUNT, Id: other }]);
    mirror.applyChange('Case', '500000000000003AAA', { AccountId: ACCOUNT.Id, IsClosed: false }, [], AT);
    expect(mirror.accountIdsOf('Case', ['500000000000003AAA'])).toEqual([ACCOUNT.Id]);
    expect(mirror.applyChange('Case', '500000000000003AAA', { AccountId: other }, [], AT)).toBe(other);
    expect(mirror.snapshot(ACCOUNT.Id)!.cases).toEqual([]);
    expect(mirror.remove('Case', ['500000000000003AAA'], AT)).toEqual([other]);
    expect(mirror.snapshot(other)!.cases).toEqual([]);
  });

  it('takes an account’s cases with it when the account is deleted', () => {
    mirror.applyChange('Case', '500000000000004AAA', { AccountId: ACCOUNT.Id, IsClosed: false }, [], AT);
    mirror.remove('Account', [ACCOUNT.Id], AT);
    expect(mirror.record('Case', '500000000000004AAA')).toBeNull();
  });
});
