/**
 * CPU seconds and resident memory of another process, read from /proc (Linux): the bench runs
 * the local org and the sidecar as their own processes so each one's cost is its own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

export class ProcessMeter {
  private cpuAtMark = 0;

  constructor(readonly pid: number) {
    this.cpuAtMark = this.cpuSeconds();
  }

  /** User and system CPU seconds since the process started. */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  }

  private statusField(name: string): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const line = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return line ? Number(line[1]) / 1024 : 0;
  }

  rssMb(): number {
    return this.statusField('VmRSS');
  }

  /** Peak resident memory since the last mark (or the start). */
  peakRssMb(): number {
    return this.statusField('VmHWM');
  }

  /** Starts a phase: the peak is reset (clear_refs 5) and CPU counted from now. */
  mark(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
    } catch {
      // Not permitted here: the peak then counts from the process's start, which the table says.
    }
    this.cpuAtMark = this.cpuSeconds();
  }

  cpuSinceMark(): number {
    return this.cpuSeconds() - this.cpuAtMark;
  }
}
