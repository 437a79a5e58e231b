/**
 * Work over every account (POST /recompute, /rules/simulate, new rules) leaves the event loop
 * free between slices, so /healthz is answered meanwhile; and a key-title pattern that stalls a
 * backtracking engine either runs (linear time) or is refused with what to write instead.
 */
import { ACCOUNTS } from '../../../../scripts/demo-data/firm';
import { ACCOUNTS_PER_TURN, nextTurn } from '../turns';
import { ADMIN_TOKEN, eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(120_000);

const EXTRA = 2_000;
const TOTAL = ACCOUNTS.length + EXTRA;

describe('full recomputes and simulations over a few thousand accounts', () => {
  let h: Harness;
  const post = (path: string, body: unknown) =>
    fetch(`${h.sidecar.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify(body),
    });
  /** Counts turns of the event loop until stopped. */
  const turnCounter = () => {
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    return () => {
      counting = false;
      return turns;
    };
  };
  /** As a deployment would: custom metadata is not writable through the data API. */
  const setKeyTitlePattern = (pattern: string) =>
    h.org.org.store.db
      .prepare(`UPDATE "o_Stance_Strategy__mdt" SET "Key_Title_Pattern__c" = ?, "SystemModstamp" = ?`)
      .run(pattern, new Date().toISOString());

  beforeAll(async () => {
    h = await startHarness();
    await settled(h.sidecar);
    for (let start = 0; start < EXTRA; start += 200) {
      const created = await h.admin.sobject('Account').create(
        Array.from({ length: 200 }, (_, i) => ({
          Name: `Volume ${start + i}`,
          Type: i % 3 ? 'Prospect' : 'Customer - Direct',
          Industry: i % 2 ? 'Confectionery' : 'Paper',
          BillingCountry: 'Germany',
        })),
      );
      expect(created.filter((result) => result.success)).toHaveLength(200);
    }
    await eventually(async () => expect(h.sidecar.sync.accountCount).toBe(TOTAL), 60_000);
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  it('answers /healthz while POST /recompute {"all": true} is classifying every account', async () => {
    const { metrics } = h.sidecar.sync;
    const before = metrics.accountsClassified;
    const recompute = post('/recompute', { all: true });
    // Wait, turn by turn, until the recompute has classified some accounts and not all.
    while (metrics.accountsClassified === before) await nextTurn();
    expect(metrics.accountsClassified - before).toBeLessThan(TOTAL);
    const health = await fetch(`${h.sidecar.url}/healthz`);
    expect(health.status).toBe(200);
    // Answered in the middle of the recompute, not after it.
    expect(metrics.accountsClassified - before).toBeLessThan(TOTAL);
    const answer = await recompute;
    expect(await answer.json()).toEqual({ accounts: TOTAL, written: 0 });
    expect(metrics.accountsClassified - before).toBe(TOTAL);
  });

  it('turns the event loop once per slice during /rules/simulate, here with ^(.*?){12}Z as the key-title pattern', async () => {
    const records = h.sidecar.sync.rules!.records;
    const stop = turnCounter();
    const health = fetch(`${h.sidecar.url}/healthz`).then((response) => response.status);
    const answer = await post('/rules/simulate', {
      strategies: records.strategies.map((strategy) => ({ ...strategy, Key_Title_Pattern__c: '^(.*?){12}Z' })),
    });
    const turns = stop();
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { accounts: number }).accounts).toBe(TOTAL);
    expect(await health).toBe(200);
    // A blocking pass would leave the handful of turns the requests take themselves.
    expect(turns).toBeGreaterThanOrEqual(TOTAL / ACCOUNTS_PER_TURN - 2);
  });

  it('classifies everything under ^(.*?){12}Z in custom metadata, and refuses a backreference at load', async () => {
    setKeyTitlePattern('^(.*?){12}Z');
    const reloads = h.sidecar.sync.metrics.rulesReloads;
    await h.sidecar.sync.pollRules({ initial: false });
    expect(h.sidecar.sync.metrics.rulesReloads).toBe(reloads + 1);
    await settled(h.sidecar);
    expect(h.sidecar.sync.refusedRules).toBeNull();

    setKeyTitlePattern('(chief)\\s+\\1');
    await h.sidecar.sync.pollRules({ initial: false });
    expect(h.sidecar.sync.refusedRules?.problems).toEqual([
      expect.stringMatching(
        /Stance_Strategy\.Default Key_Title_Pattern__c INVALID_RECORD: .*a backreference \(\\1\).*\(write the alternatives out/,
      ),
    ]);
  });
});
