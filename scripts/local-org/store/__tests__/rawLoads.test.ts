/**
 * Records loaded as given (the demo seed, custom metadata, population loads) still hold what
 * Salesforce keeps itself: a checkbox the load leaves out is false, never null (so `= false`
 * finds it), and a case's IsClosed and ClosedDate follow its status unless the load gives them.
 */
import type { Connection } from 'jsforce';
import { signIn } from '../../../testing/signIn';
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';

describe('records loaded as given', () => {
  let running: RunningOrg;
  let admin: Connection;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    admin = await signIn(running, DEFAULTS.username);
  });

  afterAll(() => running.close());

  it('answers every seeded account to At_Risk__c = false or = true', async () => {
    const all = await admin.query('SELECT COUNT() FROM Account');
    const atRisk = await admin.query('SELECT COUNT() FROM Account WHERE At_Risk__c = true');
    const notAtRisk = await admin.query('SELECT COUNT() FROM Account WHERE At_Risk__c = false');
    expect(all.totalSize).toBeGreaterThan(0);
    expect(atRisk.totalSize + notAtRisk.totalSize).toBe(all.totalSize);
  });

  it("derives a loaded case's IsClosed and ClosedDate, keeping a ClosedDate the load gives", async () => {
    const context = running.org.context(
      running.org.store.db.prepare('SELECT "Id" FROM "o_User" LIMIT 1').pluck().get() as string,
    );
    const [account] = (await admin.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1')).records;
    const closed = running.org.store.insertRaw('Case', { AccountId: account!.Id, Status: 'Closed' }, context);
    const dated = running.org.store.insertRaw(
      'Case',
      { AccountId: account!.Id, Status: 'Closed', ClosedDate: '2026-10-01T09:00:00.000Z' },
      context,
    );
    const open = running.org.store.insertRaw('Case', { AccountId: account!.Id, Status: 'New' }, context);
    const rows = await admin.query<{ Id: string; IsClosed: boolean; ClosedDate: string | null }>(
      `SELECT Id, IsClosed, ClosedDate FROM Case WHERE Id IN ('${closed}', '${dated}', '${open}')`,
    );
    const byId = new Map(rows.records.map((row) => [row.Id, row]));
    expect(byId.get(closed)).toMatchObject({ IsClosed: true, ClosedDate: expect.stringMatching(/^\d{4}-/) });
    expect(byId.get(dated)).toMatchObject({ IsClosed: true, ClosedDate: '2026-10-01T09:00:00.000+0000' });
    expect(byId.get(open)).toMatchObject({ IsClosed: false, ClosedDate: null });
    const openCount = await admin.query(`SELECT COUNT() FROM Case WHERE IsClosed = false AND Id = '${open}'`);
    expect(openCount.totalSize).toBe(1);
  });
});
