/**
 * The local org and the sidecar as their own processes (`node --import tsx`, one process each, so
 * /proc counts each alone), and what the bench reads of them over HTTP.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

export interface Child {
  readonly process: ChildProcess;
  readonly output: () => string;
  /** Resolves when `text` appears in the output; rejects if the process exits first. */
  waitFor(text: string | RegExp, timeoutMs: number): Promise<string>;
  stop(): Promise<number | null>;
}

export function startChild(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  /** Everything the process writes, also appended to this file (kept after the run, for digging). */
  logFile?: string,
): Child {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const file = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
  child.once('exit', () => file?.end());
  const seen = (chunk: Buffer) => {
    file?.write(chunk);
    output += chunk.toString();
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', seen);
  child.stderr!.on('data', seen);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    waitFor(text, timeoutMs) {
      return new Promise((resolve, reject) => {
        const match = () => (typeof text === 'string' ? (output.includes(text) ? text : null) : text.exec(output)?.[0]);
        const check = () => {
          const hit = match();
          if (hit) done(() => resolve(hit));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`${name}: no "${String(text)}" within ${timeoutMs / 1000} s`))),
          timeoutMs,
        );
        const done = (then: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        listeners.add(check);
        void exited.then((code) =>
          done(() => reject(new Error(`${name} exited with ${code}:\n${output.slice(-3000)}`))),
        );
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface SidecarStatus {
  readonly accounts: number;
  readonly pending: number;
  readonly outbox: number;
  readonly catchUpsWaiting: number;
  readonly counters: {
    readonly events: number;
    readonly ownEventsSkipped: number;
    readonly writes: number;
    readonly writesSkippedUnchanged: number;
  };
  readonly eventToWriteMs: { readonly p50: number | null; readonly p95: number | null };
}

export async function sidecarStatus(url: string): Promise<SidecarStatus> {
  const answer = await fetch(`${url}/status`, { signal: AbortSignal.timeout(30_000) });
  if (!answer.ok) throw new Error(`GET ${url}/status answered ${answer.status}`);
  return (await answer.json()) as SidecarStatus;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nothing pending, nothing in the outbox, no write for `stillMs`. Answers the last status. */
export async function quiet(url: string, stillMs: number, timeoutMs: number): Promise<SidecarStatus> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const status = await sidecarStatus(url);
    const busy =
      status.pending > 0 || status.outbox > 0 || status.catchUpsWaiting > 0 || status.counters.writes !== last;
    if (busy) {
      last = status.counters.writes;
      since = Date.now();
    } else if (Date.now() - since >= stillMs) return status;
    if (Date.now() > deadline)
      throw new Error(
        `the sidecar was not quiet within ${timeoutMs / 1000} s (pending ${status.pending}, outbox ${status.outbox})`,
      );
    await sleep(250);
  }
}
