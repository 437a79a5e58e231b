/**
 * A recompute of every account commits per slice of accounts, not several times per account:
 * the frames it adds to the mirror's write-ahead log are counted (no timing), with a real org.
 */
import type Database from 'better-sqlite3';
import { ACCOUNTS } from '../../../../scripts/demo-data/firm';
import { settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(120_000);

describe('commits of a full recompute', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  it('adds fewer than two log frames per account', async () => {
    const db = (h.sidecar.mirror as unknown as { database: Database.Database }).database;
    // Frames are counted from an empty log: no checkpoint moves them meanwhile.
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const result = await h.sidecar.sync.recomputeNow('all');
    expect(result.accounts).toBe(ACCOUNTS.length);
    const { log } = (db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]!;
    // A commit per ledger change of each account wrote 195 frames here (7 an account); a commit
    // per slice of accounts writes each page it changed once (48, 58 since issue 15). Most of
    // those pages hold what the org shows of each account, read for drift and forgotten in the
    // same recompute (org_stance), so they grow with the explanation's size, which issue 15 made
    // about a fifth larger; the commits did not change. Two and a half an account is the bar,
    // still far below a commit per account.
    expect(log).toBeGreaterThan(0);
    expect(log).toBeLessThan(2.5 * ACCOUNTS.length);
  });
});
