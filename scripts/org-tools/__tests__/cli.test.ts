/**
 * The org tools' shared command-line tail, as a user meets it: each tool run as `npm run` runs
 * it (tsx, its own process) with arguments it cannot use, and the exit code and words it leaves;
 * and expectedErrors on its own.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expectedErrors } from '../cli';
import { captured } from './support';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Runs a tool with no org configured at all; answers its exit code, stdout and stderr. */
function tool(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return new Promise((resolve) => {
    const child = spawn(TSX, [join(ROOT, 'scripts/org-tools', script), ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const NO_TARGET = 'Name the org: --target-org <alias>, or --instance-url <url> with SF_ACCESS_TOKEN';

describe('the org tools on the command line', () => {
  it('exits 2 with "<tool>: <what to do>" when no org is named', async () => {
    const [demo, doctor] = await Promise.all([tool('demo.ts', []), tool('doctor.ts', [])]);
    expect(demo).toEqual({ code: 2, stdout: '', stderr: `org:demo: ${NO_TARGET}\n` });
    expect(doctor).toEqual({ code: 2, stdout: '', stderr: `org:doctor: ${NO_TARGET}\n` });
  });

  it('exits 2 naming an option it does not know, and 0 with the usage for --help', async () => {
    const [unknown, help] = await Promise.all([tool('doctor.ts', ['--bogus']), tool('demo.ts', ['--help'])]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run org:demo -- /);
  });

  it('test:org exits 0 saying it skipped when no org is named', async () => {
    const skipped = await tool('testOrg.ts', []);
    expect(skipped).toEqual({
      code: 0,
      stdout: expect.stringContaining('test:org: skipped: no org named'),
      stderr: '',
    });
  });
});

describe('expectedErrors', () => {
  class Refused extends Error {}

  it('answers the work’s own code', async () => {
    expect(await expectedErrors('tool', [Refused], async () => 1)).toBe(1);
  });

  it('prints an expected error as "<tool>: <message>" and answers 2', async () => {
    const run = () =>
      expectedErrors('org:tool', [TypeError, Refused], async () => {
        throw new Refused('the org said no');
      });
    expect(await captured(run)).toEqual({ code: 2, out: ['org:tool: the org said no'] });
  });

  it('lets any other error go on up, printing nothing', async () => {
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const run = expectedErrors('org:tool', [Refused], async () => {
        throw new RangeError('a bug');
      });
      await expect(run).rejects.toThrow(new RangeError('a bug'));
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });
});
