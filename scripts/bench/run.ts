/**
 * npm run bench [-- --accounts N]
 * Prints one table per measurement with ratios against a baseline measured in the same run.
 * A benchmark, not a test: figures depend on the machine; run it on a quiet one.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { classifyThroughput } from './classifyThroughput';
import { localOrgThroughput } from './localOrgThroughput';

const ROOT = join(__dirname, '../..');
const BAR_PER_SECOND = 100_000;

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

async function orgTable(): Promise<void> {
  const records = option('org-records', 10_000);
  console.log(`\n(b) local org through jsforce, ${records} accounts, in-memory SQLite`);
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

void orgTable();
