/**
 * Local org throughput through unmodified jsforce: collection updates (200 records a call)
 * against single-record updates, and query paging at 2,000 records a page against 200.
 */
import { DEFAULTS } from '../local-org/org';
import { startLocalOrg } from '../local-org/server';
import { signIn } from '../testing/signIn';

export interface OrgThroughputRow {
  readonly case: string;
  readonly records: number;
  readonly apiCalls: number;
  readonly perSecond: number;
  readonly baselineOf: string | null;
}

async function timed(work: () => Promise<number>): Promise<{ records: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const records = await work();
  return { records, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function localOrgThroughput(accounts: number): Promise<OrgThroughputRow[]> {
  const running = await startLocalOrg({ seed: 'none' });
  try {
    // The admin: the integration user may not edit Rating, and these are plain data writes.
    const conn = await signIn(running, DEFAULTS.username);
    const context = running.org.context(running.org.adminUserId);
    const ids: string[] = [];
    running.org.store.db.transaction(() => {
      for (let i = 0; i < accounts; i++)
        ids.push(running.org.store.insertRaw('Account', { Name: `Bench ${i}`, Industry: 'Bakery' }, context));
    })();
    const calls = async (work: () => Promise<number>) => {
      const before = running.org.accounting.used;
      const result = await timed(work);
      return { ...result, apiCalls: running.org.accounting.used - before };
    };

    const collections = await calls(async () => {
      for (let start = 0; start < ids.length; start += 200) {
        const chunk = ids.slice(start, start + 200).map((Id) => ({ Id, Rating: 'Warm' }));
        const results = await conn.sobject('Account').update(chunk);
        if (results.some((result) => !result.success)) throw new Error('a collection update failed');
      }
      return ids.length;
    });
    const singles = await calls(async () => {
      const sample = ids.slice(0, Math.min(1_000, ids.length));
      for (const Id of sample) await conn.sobject('Account').update({ Id, Rating: 'Cold' });
      return sample.length;
    });

    const page = (batchSize: number) =>
      calls(async () => {
        let url: string | undefined =
          `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id, Name, Industry, Rating FROM Account')}`;
        let count = 0;
        while (url) {
          const result: { records: unknown[]; nextRecordsUrl?: string } = await conn.request({
            method: 'GET',
            url,
            headers: { 'Sforce-Query-Options': `batchSize=${batchSize}` },
          });
          count += result.records.length;
          url = result.nextRecordsUrl;
        }
        return count;
      });
    const bigPages = await page(2_000);
    const smallPages = await page(200);

    const row = (
      name: string,
      measured: { records: number; seconds: number; apiCalls: number },
      baselineOf: string | null,
    ): OrgThroughputRow => ({
      case: name,
      records: measured.records,
      apiCalls: measured.apiCalls,
      perSecond: measured.records / measured.seconds,
      baselineOf,
    });
    return [
      row('collection updates, 200 a call', collections, null),
      row('baseline: one update a call', singles, 'collection updates, 200 a call'),
      row('query paging, 2,000 a page', bigPages, null),
      row('baseline: 200 a page', smallPages, 'query paging, 2,000 a page'),
    ];
  } finally {
    await running.close();
  }
}
