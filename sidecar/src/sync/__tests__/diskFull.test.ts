import { ACCOUNTS } from '../../../../scripts/demo-data/firm';
import { classify, stanceFieldValues } from '../../domain';
import { shippedCompiled } from '../../domain/__tests__/support/shippedConfig';
import { SalesforceOrg } from '../../salesforce/org';
import { readAll } from '../../salesforce/reader';
import { MIRRORED_OBJECTS, MirrorStore } from '../../store/mirror';
import { WRITTEN_ACCOUNT_FIELDS, fieldKinds, readAllQuery } from '../queries';
import { eventually, settled, startHarness } from './support/harness';
import type { Harness } from './support/harness';

jest.setTimeout(90_000);

/** Every account's Stance fields in the org against a fresh full recompute from a new mirror. */
async function differencesFromFreshRecompute(h: Harness): Promise<string[]> {
  const fresh = new MirrorStore(':memory:');
  const inOrg = new Map<string, Record<string, unknown>>();
  for (const object of MIRRORED_OBJECTS) {
    const { records } = await readAll(h.admin, readAllQuery(object, { withWritten: object === 'Account' }), {
      apiVersion: '62.0',
      bulkThreshold: 100_000,
      kinds: fieldKinds(object),
    });
    fresh.upsert(object, records);
    if (object === 'Account') for (const record of records) inOrg.set(String(record.Id), record);
  }
  const differences: string[] = [];
  for (const accountId of fresh.allAccountIds()) {
    const expected = stanceFieldValues(
      classify(fresh.snapshot(accountId)!, shippedCompiled(), Date.now()),
    ) as unknown as Record<string, unknown>;
    const actual = inOrg.get(accountId)!;
    for (const field of WRITTEN_ACCOUNT_FIELDS) {
      if (!(field in expected) || field === 'Stance_Computed_At__c') continue;
      const want = expected[field] ?? null;
      const got = actual[field] ?? null;
      if (typeof want === 'number' ? Number(got) !== want : got !== want)
        differences.push(`${String(actual.Name)} ${field}: org ${String(got)}, fresh ${String(want)}`);
    }
  }
  fresh.close();
  return differences;
}

interface Readiness {
  ready: boolean;
  notReady?: Array<{ reason: string }>;
}

describe('a full disk under STANCE_DB', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ config: { diskProbeMs: 300 } });
    await settled(h.sidecar);
  });

  afterAll(() => h.close());

  const readyz = async () => (await (await fetch(`${h.sidecar.url}/readyz`)).json()) as Readiness;

  it('says disk-full, reads nothing per event, and catches up at once when space returns', async () => {
    const { records: accounts } = await h.admin.query<{ Id: string; Name: string }>(
      'SELECT Id, Name FROM Account ORDER BY Name',
    );
    const edits = accounts.slice(0, 12).map((account, index) => ({
      Id: account.Id,
      ...(index % 2 === 0
        ? { Industry: 'Chocolate', BillingCountry: 'Belgium' }
        : { Industry: 'Paper', BillingCountry: 'Japan' }),
    }));
    const calls = () => h.org.org.accounting.used;

    const { metrics } = h.sidecar.sync;
    const received = () => metrics.events + metrics.eventsDeferred;
    const receivedBefore = received();
    h.sidecar.mirror.fillDisk();
    // Each edit: an account moved, and a new deal on it (new records need room on disk).
    for (const [index, edit] of edits.entries()) {
      await h.admin.sobject('Account').update(edit);
      await h.admin.sobject('Opportunity').create({
        AccountId: edit.Id,
        Name: `Renewal of the cocoa replacer supply agreement, lot ${index}, with extended terms`,
        StageName: 'Prospecting',
        CloseDate: '2027-06-30',
        Amount: 10_000 + index,
      });
    }
    await eventually(async () => {
      expect(received() - receivedBefore).toBeGreaterThanOrEqual(edits.length * 2);
      expect((await readyz()).notReady?.map((item) => item.reason)).toContain('disk-full');
    }, 30_000);
    expect(await (await fetch(`${h.sidecar.url}/metrics`)).text()).toMatch(/^stance_disk_full_total 1$/m);

    // While full: more changes arrive, and the sidecar reads nothing for them (no catch-up per event).
    const reads = jest.spyOn(SalesforceOrg.prototype, 'read');
    const catchUps = (object: string) =>
      reads.mock.calls.filter(([soql]) => soql.includes(`FROM ${object} WHERE SystemModstamp >=`)).length;
    try {
      const deferredBefore = metrics.eventsDeferred;
      const callsBefore = calls();
      const later = edits.slice(0, 6).map(({ Id, BillingCountry }) => ({
        Id,
        BillingCountry: BillingCountry === 'Belgium' ? 'France' : 'Belgium',
      }));
      for (const edit of later) await h.admin.sobject('Account').update(edit);
      await eventually(async () => expect(metrics.eventsDeferred - deferredBefore).toBe(later.length), 30_000);
      expect(reads).not.toHaveBeenCalled();
      expect(calls() - callsBefore).toBe(later.length); // our own edits, nothing of the sidecar's
      expect(h.sidecar.sync.state).toBe('live');

      // Space again: caught up at once, one read per object that missed changes, then written.
      const callsAtRecovery = calls();
      h.sidecar.mirror.freeDisk();
      await eventually(async () => expect(await readyz()).toMatchObject({ ready: true }), 30_000);
      await settled(h.sidecar);
      expect(catchUps('Account')).toBe(1);
      expect(catchUps('Opportunity')).toBe(1);
      expect(calls() - callsAtRecovery).toBeLessThan(later.length + edits.length);
    } finally {
      reads.mockRestore();
    }
    expect(h.sidecar.sync.outboxSize).toBe(0);
    expect(await differencesFromFreshRecompute(h)).toEqual([]);
    expect(accounts).toHaveLength(ACCOUNTS.length);
  });
});
