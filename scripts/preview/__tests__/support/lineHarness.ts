/**
 * A Node process that runs one of the preview's browser modules and answers on stdout, one JSON
 * line per thing it did (see the *Harness.mjs files): the test sends commands on stdin and waits
 * for the lines it expects.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export class LineHarness<Line extends Record<string, unknown>> {
  readonly lines: Line[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.lines.push(JSON.parse(line) as Line);
      for (const wake of this.waiters) wake();
    });
  }

  send(command: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** The first line from `from` on that matches, waiting for it. */
  async next(matches: (line: Line) => boolean, from = 0, timeoutMs = 10_000): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.slice(from).find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such line; saw ${JSON.stringify(this.lines.slice(from))}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        setTimeout(wake, 100);
      });
    }
  }

  /** Sends a command and waits for the line it answers with (after everything before it). */
  async ask(command: Record<string, unknown>, matches: (line: Line) => boolean): Promise<Line> {
    const from = this.lines.length;
    this.send(command);
    return this.next(matches, from);
  }

  stop(): void {
    this.child.kill();
  }
}
