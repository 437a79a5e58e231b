/**
 * npm run bench [-- --accounts N --sync-accounts N --changes M --coalesce-ms MS --org-records N]
 * Prints one table per measurement with ratios against a baseline measured in the same run.
 * A benchmark, not a test: figures depend on the machine; run it on a quiet one.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { classifyThroughput } from './classifyThroughput';
import { localOrgThroughput } from './localOrgThroughput';
import { syncThrift } from './syncThrift';

const ROOT = join(__dirname, '../..');
const BAR_PER_SECOND = 300_000;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`bench: --${name} needs a positive whole number`);
    process.exit(2);
  }
  return value;
}

function table(rows: ReadonlyArray<Record<string, string>>): string {
  const keys = Object.keys(rows[0]!);
  const widths = keys.map((key) => Math.max(key.length, ...rows.map((row) => row[key]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  return [
    line(keys),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(keys.map((k) => row[k]!))),
  ].join('\n');
}

const accounts = option('accounts', 100_000);
const now = Date.parse('2026-06-15T12:00:00Z');
console.log(`Stance benchmarks: node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, one core (main thread)`);
console.log(`\n(a) classify throughput, ${accounts} generated accounts, shipped rules`);
process.stdout.write('    measuring...\r');
const rows = classifyThroughput(ROOT, accounts, now);
const baseline = rows[rows.length - 1]!.perSecond;
console.log(
  table(
    rows.map((row) => ({
      case: row.case,
      accounts: String(row.accounts),
      'accounts/s': Math.round(row.perSecond).toLocaleString('en-US'),
      'vs baseline': `${(row.perSecond / baseline).toFixed(1)}x`,
    })),
  ),
);
const verdict = rows[0]!.perSecond >= BAR_PER_SECOND ? 'meets' : 'MISSES';
console.log(`classify ${verdict} the bar of ${BAR_PER_SECOND.toLocaleString('en-US')} accounts/s on one core.`);

async function syncTables(): Promise<void> {
  const syncAccounts = option('sync-accounts', 200);
  const changes = option('changes', 1_000);
  const coalesceMs = option('coalesce-ms', 500);
  console.log(
    `\n(b) sync thrift: local org, ${syncAccounts} accounts (3 contacts, 2 opportunities each), a burst of ${changes} edits, coalescing window ${coalesceMs} ms`,
  );
  process.stdout.write('    measuring...\r');
  const result = await syncThrift(syncAccounts, changes, coalesceMs);
  const share = result.sidecarCalls / result.naiveCalls;
  console.log(
    table([
      {
        case: 'sidecar (coalesced, changed accounts only, composite writes)',
        'API calls': String(result.sidecarCalls),
        'vs naive': `${(share * 100).toFixed(2)}%`,
      },
      {
        case: 'baseline: naive (per event: query account+children, update)',
        'API calls': String(result.naiveCalls),
        'vs naive': '100%',
      },
    ]),
  );
  console.log(
    `sync ${share <= 0.02 ? 'meets' : 'MISSES'} the bar of 2% of the naive integration's calls (${result.writes} account writes for ${result.changes} edits).`,
  );
  const ms = (value: number | null) => (value === null ? 'n/a' : `${Math.round(value)} ms`);
  console.log(`\n(c) event-to-write latency over the same burst (commit in the org to classification written)`);
  console.log(
    table([{ 'coalescing window': `${result.coalesceMs} ms`, p50: ms(result.p50Ms), p95: ms(result.p95Ms) }]),
  );
  console.log(
    `latency ${result.p95Ms !== null && result.p95Ms <= 1_000 && result.coalesceMs <= 1_000 ? 'meets' : 'MISSES'} the bar of p95 <= 1 s with a window <= 1 s.`,
  );
  console.log(
    `restart: ${result.restartCalls} API calls to resume from the stored replay ids (the rules; catch-up reads by SystemModstamp for market signals and for channels that had no event yet), against ${result.initialLoadCalls} for the first load.`,
  );
}

async function orgTable(): Promise<void> {
  const records = option('org-records', 10_000);
  console.log(`\n(d) local org through jsforce, ${records} accounts, in-memory SQLite`);
  const orgRows = await localOrgThroughput(records);
  /** A measurement is compared with the baseline row that names it; a baseline is 1.0x. */
  const ratio = (row: (typeof orgRows)[number]) => {
    const baseline = orgRows.find((candidate) => candidate.baselineOf === row.case);
    return baseline ? row.perSecond / baseline.perSecond : 1;
  };
  console.log(
    table(
      orgRows.map((row) => ({
        case: row.case,
        records: String(row.records),
        'API calls': String(row.apiCalls),
        'records/s': Math.round(row.perSecond).toLocaleString('en-US'),
        'vs baseline': `${ratio(row).toFixed(1)}x`,
      })),
    ),
  );
}

void syncTables().then(orgTable);
