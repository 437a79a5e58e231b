/**
 * The sidecar as `npm run sidecar` runs it, in its own process (so it can be killed with -9), and
 * what a test reads of it from outside: its store's committed replay ids, /readyz, /metrics.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RunningOrg } from '../../../../../scripts/local-org/server';
import { freePort } from '../../../../../scripts/testing/ports';
import { ADMIN_TOKEN } from './harness';

const ROOT = join(__dirname, '../../../../..');

export interface SidecarProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
}

/**
 * The environment of a sidecar process against a local org: a new STANCE_DB in a temporary folder
 * named after the test, a free port, the tests' admin token, a 100 ms coalescing window, info logs.
 */
export async function sidecarEnv(
  running: RunningOrg,
  name: string,
): Promise<Record<string, string> & { STANCE_DB: string }> {
  return {
    SF_LOGIN_URL: running.url,
    STANCE_DB: join(mkdtempSync(join(tmpdir(), `stance-${name}-`)), 'stance.db'),
    STANCE_PORT: String(await freePort()),
    STANCE_COALESCE_MS: '100',
    STANCE_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'info',
  };
}

export function startSidecarProcess(env: Record<string, string>): SidecarProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sidecar/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"sidecar ready"')) resolve();
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    void exited.then((code) => reject(new Error(`sidecar exited with ${code}:\n${output.slice(-4000)}`)));
  });
  ready.catch(() => undefined);
  return { child, url: `http://127.0.0.1:${env.STANCE_PORT}`, output: () => output, ready, exited };
}

/** Kills with -9 (nothing flushed, nothing closed) and waits for the exit. */
export async function killHard(sidecar: SidecarProcess): Promise<void> {
  if (sidecar.child.exitCode === null && sidecar.child.signalCode === null) sidecar.child.kill('SIGKILL');
  await sidecar.exited;
}

/**
 * Waits until the store holds a committed replay id for each channel, reading it read-only as a
 * second process would. A sidecar killed before its first commit rightly catches up by
 * SystemModstamp instead of replaying.
 */
export async function replayIdsCommitted(file: string, channels: readonly string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT channel FROM replay_ids').all() as { channel: string }[];
        const stored = new Set(rows.map((row) => row.channel));
        if (channels.every((channel) => stored.has(channel))) return;
      } finally {
        db.close();
      }
    } catch (error) {
      if (!/no such table|unable to open|does not exist/i.test((error as Error).message)) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`${file}: no replay id committed for ${channels.join(', ')} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until /status shows nothing pending, nothing in the outbox and no new write for six polls
 * in a row (1.5 s), as an operator would read it; answers false if timeoutMs ran out first.
 */
export async function statusQuiet(url: string, timeoutMs = 90_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let lastWrites = -1;
  while (quiet < 6) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
    const status = (await (await fetch(`${url}/status`)).json()) as {
      pending: number;
      outbox: number;
      catchUpsWaiting: number;
      counters: { writes: number };
    };
    const idle =
      status.pending === 0 &&
      status.outbox === 0 &&
      status.catchUpsWaiting === 0 &&
      status.counters.writes === lastWrites;
    quiet = idle ? quiet + 1 : 0;
    lastWrites = status.counters.writes;
  }
  return true;
}

/** /metrics as name{labels} -> value. */
export async function scrapeMetrics(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

export interface Readiness {
  readonly ready: boolean;
  readonly reasons: string[];
}

export async function readiness(url: string): Promise<Readiness | null> {
  try {
    const body = (await (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).json()) as {
      ready: boolean;
      notReady?: Array<{ reason: string }>;
      problem?: string;
    };
    return { ready: body.ready, reasons: (body.notReady ?? []).map((reason) => reason.reason) };
  } catch {
    return null;
  }
}

/**
 * Polls /readyz every 200 ms and keeps what it saw, with the time, so a case can say when the
 * sidecar turned not-ready (and why) and when it was ready again. Unanswered polls count as not ready.
 */
export class ReadinessWatch {
  readonly seen: Array<{ at: number; ready: boolean; reasons: string[] }> = [];
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> = Promise.resolve();

  constructor(private readonly url: () => string) {}

  start(): void {
    this.timer = setInterval(() => {
      this.polling = this.polling.then(async () => {
        const answer = await readiness(this.url());
        this.seen.push({ at: Date.now(), ready: answer?.ready ?? false, reasons: answer?.reasons ?? ['(no answer)'] });
      });
    }, 200);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.polling;
  }

  /** Seconds from `from` to the first poll not ready (with `reason`, when given), or null. */
  notReadyAfter(from: number, reason?: string): number | null {
    const hit = this.seen.find((poll) => poll.at >= from && !poll.ready && (!reason || poll.reasons.includes(reason)));
    return hit ? (hit.at - from) / 1000 : null;
  }

  /** Seconds from `from` to the first ready poll after it, or null. */
  readyAfter(from: number): number | null {
    const hit = this.seen.find((poll) => poll.at >= from && poll.ready);
    return hit ? (hit.at - from) / 1000 : null;
  }

  /** Every reason seen from `from` on. */
  reasonsSince(from: number): string[] {
    return [...new Set(this.seen.filter((poll) => poll.at >= from).flatMap((poll) => poll.reasons))];
  }
}
