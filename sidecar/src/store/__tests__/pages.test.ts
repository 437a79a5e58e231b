/**
 * Passes over every account read the mirror a page at a time (keyset pages, no cursor left open),
 * so what they hold is one page, and the sync may write between two pages.
 */
import { MirrorStore } from '../mirror';

const AT = '2026-06-15T12:00:00.000Z';
const idOf = (n: number) => `001${String(n).padStart(5, '0')}`;

function mirrorOf(accounts: number): MirrorStore {
  const mirror = new MirrorStore(':memory:');
  mirror.upsert(
    'Account',
    Array.from({ length: accounts }, (_, n) => ({
      Id: idOf(n),
      Name: `Acme ${n}`,
      Industry: n % 3 === 0 ? 'Chocolate' : 'Steel',
      BillingCountry: n % 2 === 0 ? 'Österreich' : 'Belgium',
    })),
  );
  mirror.upsert('Contact', [{ Id: '003A', AccountId: idOf(1), LastName: 'Bo' }]);
  return mirror;
}

describe('account pages', () => {
  it('yields every account once, in id order, in pages of the size asked', () => {
    const mirror = mirrorOf(23);
    const pages = [...mirror.accountIdPages(5)];
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flat()).toEqual(Array.from({ length: 23 }, (_, n) => idOf(n)));
    expect([...mirror.accountIdPages(23)]).toHaveLength(1);
    expect([...new MirrorStore(':memory:').accountIdPages(5)]).toEqual([]);
    expect(mirror.accountCount()).toBe(23);
    mirror.close();
  });

  it('lets the caller write between two pages: removed accounts are skipped, added ones behind the page come', () => {
    const mirror = mirrorOf(10);
    const seen: string[] = [];
    let page = 0;
    for (const ids of mirror.accountIdPages(4)) {
      seen.push(...ids);
      if (page++ === 0) {
        // An open cursor would refuse these writes (better-sqlite3: "This database connection is busy").
        mirror.remove('Account', [idOf(5)], AT);
        mirror.upsert('Account', [{ Id: idOf(50), Name: 'Late' }]);
        mirror.ledger.addToOutbox(ids, AT);
      }
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 50].map(idOf));
    expect(mirror.ledger.outboxSize()).toBe(4);
    mirror.close();
  });

  it("finds a market signal's accounts by industry and country, ignoring case beyond ASCII", () => {
    const mirror = mirrorOf(12);
    expect(mirror.accountIdsFor('chocolate', 'ÖSTERREICH')).toEqual([0, 6].map(idOf));
    expect(mirror.accountIdsFor(null, 'belgium')).toEqual([1, 3, 5, 7, 9, 11].map(idOf));
    expect(mirror.accountIdsFor(null, null)).toHaveLength(12);
    // A signal of every industry and country concerns every account: handed on a page at a time.
    expect([...mirror.accountIdPagesFor(null, null, 5)].map((page) => page.length)).toEqual([5, 5, 2]);
    expect([...mirror.accountIdPagesFor(null, 'belgium', 4)]).toEqual([[1, 3, 5, 7].map(idOf), [9, 11].map(idOf)]);
    mirror.close();
  });

  it("notes many accounts' Stance values seen in the org at once, each added to what was known", () => {
    const mirror = mirrorOf(3);
    mirror.ledger.noteOrgStance(idOf(0), { Stance__c: 'Fire', At_Risk__c: true }, AT);
    mirror.ledger.noteOrgStances(
      [
        [idOf(0), { Stance__c: 'Attack' }],
        [idOf(2), { Stance__c: null, At_Risk__c: false }],
      ],
      AT,
    );
    expect(mirror.ledger.orgStance(idOf(0))).toEqual({ Stance__c: 'Attack', At_Risk__c: true });
    expect(mirror.ledger.orgStance(idOf(1))).toBeNull();
    expect(mirror.ledger.orgStance(idOf(2))).toEqual({ Stance__c: null, At_Risk__c: false });
    mirror.close();
  });

  it("finds an account's refused write by its id", () => {
    const mirror = mirrorOf(2);
    mirror.ledger.recordFailure(idOf(1), 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'no', AT);
    expect(mirror.ledger.failure(idOf(1))).toEqual({
      accountId: idOf(1),
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'no',
      at: AT,
      attempts: 1,
    });
    expect(mirror.ledger.failure(idOf(0))).toBeNull();
    mirror.close();
  });
});
