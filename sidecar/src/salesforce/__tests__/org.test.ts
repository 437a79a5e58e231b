import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import type { RunningOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import { loadConfig } from '../../config';
import { connect } from '../connection';
import { SalesforceOrg } from '../org';

jest.setTimeout(30_000);

describe('the org as the sync sees it', () => {
  let running: RunningOrg;
  let org: SalesforceOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
    org = new SalesforceOrg(await connect(loadConfig({ SF_LOGIN_URL: running.url })), {
      apiVersion: '62.0',
      bulkThreshold: 10_000,
    });
  });

  afterAll(() => running.close());

  it("names a signal's reporter from the user id a change event carries", async () => {
    expect(await org.userNames([running.org.adminUserId])).toEqual([[running.org.adminUserId, 'Stance Admin']]);
    // An id from a payload cannot break out of the query: only its letters and digits are sent.
    await expect(org.userNames(["005' OR Name != '"])).rejects.toThrow(/005ORName/);
  });

  it('knows the API calls used and allowed today once the org has answered', async () => {
    await org.refreshUsage();
    expect(org.apiUsage).toEqual({ used: expect.any(Number), limit: expect.any(Number) });
    expect(org.apiUsage!.used).toBeLessThanOrEqual(org.apiUsage!.limit);
    expect(org.apiUsage!.limit).toBeGreaterThan(0);
  });

  it('reads deleted records only when asked, so a catch-up sees what was removed', async () => {
    // Reps may not delete contacts (Standard User has no Delete); the admin does.
    const admin = await signIn(running, DEFAULTS.username);
    const [gone] = (await admin.query<{ Id: string }>('SELECT Id FROM Contact LIMIT 1')).records;
    await admin.sobject('Contact').destroy(gone!.Id);
    const soql = `SELECT Id, IsDeleted FROM Contact WHERE Id = '${gone!.Id}'`;
    const kinds = { IsDeleted: 'boolean' } as const;
    expect((await org.read(soql, { kinds })).records).toEqual([]);
    expect((await org.read(soql, { kinds, includeDeleted: true })).records).toEqual([
      { Id: gone!.Id, IsDeleted: true },
    ]);
  });
});
