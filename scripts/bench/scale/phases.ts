/**
 * One measured phase: wall time, what the sidecar spent in the org (API calls, event deliveries)
 * and what each process spent on this machine (CPU seconds, peak RSS), read around `work`.
 */
import type { OrgCounter } from './orgClient';
import { spent } from './orgClient';
import type { ProcessMeter } from './processMeter';

export interface PhaseRow {
  readonly phase: string;
  readonly seconds: number;
  /** The phase's own rate or figure, e.g. "52,000 accounts/s". */
  readonly figure: string;
  readonly apiCalls: number;
  readonly deliveries: number;
  readonly sidecarCpuS: number;
  readonly sidecarPeakMb: number;
  readonly orgCpuS: number;
  readonly orgPeakMb: number;
  /** The target it is held against, and whether it met it. */
  readonly target: string;
}

export interface Meters {
  readonly org: ProcessMeter;
  sidecar: ProcessMeter | null;
  readonly counter: OrgCounter;
}

export interface PhaseOutcome {
  readonly figure: (seconds: number) => string;
  readonly target: (seconds: number) => string;
}

export async function measure(
  phase: string,
  meters: Meters,
  work: () => Promise<PhaseOutcome>,
  log: (line: string) => void,
): Promise<PhaseRow> {
  log(`${phase} ...`);
  meters.org.mark();
  meters.sidecar?.mark();
  const benchBefore = meters.counter.benchCalls;
  const before = await meters.counter.read();
  const started = Date.now();
  const outcome = await work();
  const seconds = (Date.now() - started) / 1000;
  const after = await meters.counter.read();
  const cost = spent(before, after, meters.counter.benchCalls - benchBefore);
  // A phase that starts the sidecar gives it a meter during `work`.
  const sidecar = meters.sidecar;
  const row: PhaseRow = {
    phase,
    seconds,
    figure: outcome.figure(seconds),
    apiCalls: cost.apiCalls,
    deliveries: cost.deliveries,
    sidecarCpuS: sidecar ? safe(() => sidecar.cpuSinceMark()) : 0,
    sidecarPeakMb: sidecar ? safe(() => sidecar.peakRssMb()) : 0,
    orgCpuS: meters.org.cpuSinceMark(),
    orgPeakMb: meters.org.peakRssMb(),
    target: outcome.target(seconds),
  };
  log(`${phase}: ${seconds.toFixed(1)} s, ${row.figure}, ${row.apiCalls} API calls, ${row.deliveries} deliveries`);
  return row;
}

/** A process that has exited has no /proc entry left: its figures read as 0. */
function safe(read: () => number): number {
  try {
    return read();
  } catch {
    return 0;
  }
}

const whole = (value: number) => Math.round(value).toLocaleString('en-US');

export function rate(count: number, seconds: number, unit: string): string {
  return `${whole(count / Math.max(seconds, 0.001))} ${unit}/s`;
}

export function verdict(met: boolean, target: string): string {
  return `${met ? 'met' : 'missed'}: ${target}`;
}

export function table(rows: readonly PhaseRow[]): string {
  const header = [
    'phase',
    's',
    'figure',
    'API calls',
    'event deliveries',
    'sidecar CPU s',
    'sidecar peak RSS MB',
    'org CPU s',
    'org peak RSS MB',
    'target',
  ];
  const lines = rows.map((row) => [
    row.phase,
    row.seconds.toFixed(1),
    row.figure,
    whole(row.apiCalls),
    whole(row.deliveries),
    row.sidecarCpuS.toFixed(1),
    whole(row.sidecarPeakMb),
    row.orgCpuS.toFixed(1),
    whole(row.orgPeakMb),
    row.target,
  ]);
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
