/** /limits as Salesforce serves it: only to users with View Setup and Configuration, through jsforce. */
import { DEFAULTS } from '../../org';
import { startLocalOrg } from '../../server';
import type { RunningOrg } from '../../server';
import { signIn } from '../../../testing/signIn';

describe('the org limits resource', () => {
  let running: RunningOrg;

  beforeAll(async () => {
    running = await startLocalOrg({ seed: 'demo' });
  });

  afterAll(() => running.close());

  it('answers a user with View Setup and Configuration (the admin)', async () => {
    const admin = await signIn(running, DEFAULTS.username);
    const limits = (await admin.limits()) as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(limits.DailyApiRequests.Max).toBe(DEFAULTS.dailyApiLimit);
  });

  it('refuses users without it: the integration user and a rep', async () => {
    for (const conn of [await signIn(running), await signIn(running, 'dana@stance.local')]) {
      await expect(conn.limits()).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS' });
      // Every answer still carries the usage figures, which need no permission.
      await conn.request('/services/data/v62.0/');
      expect(conn.limitInfo.apiUsage).toEqual({ used: expect.any(Number), limit: DEFAULTS.dailyApiLimit });
    }
  });
});
