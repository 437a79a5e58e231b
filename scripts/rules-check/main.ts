/**
 * npm run rules:check [-- --dir <folder>]
 * Prints every problem in the Stance custom metadata (file, rule, position, hint) and exits 1
 * on any; prints a one-line summary and exits 0 when all are valid.
 */
import { resolve, relative } from 'node:path';
import { formatProblem } from '../../sidecar/src/domain';
import { checkRules } from './check';
import type { LocatedProblem } from './check';

const DEFAULT_DIR = 'force-app/main/default';

function parseArgs(argv: readonly string[]): { dir: string } | { error: string } | { help: true } {
  let dir = DEFAULT_DIR;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--dir') {
      const value = argv[++i];
      if (!value) return { error: '--dir needs a folder, e.g. --dir force-app/main/default' };
      dir = value;
    } else if (arg.startsWith('--dir=')) {
      dir = arg.slice('--dir='.length);
    } else {
      return { error: `unknown argument ${arg}; usage: npm run rules:check [-- --dir <folder>]` };
    }
  }
  return { dir };
}

function render(problem: LocatedProblem): string {
  const lines = [`  ${formatProblem(problem)}`];
  if (problem.excerpt) lines.push(...problem.excerpt.split('\n').map((line) => `      ${line}`));
  return lines.join('\n');
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if ('help' in args) {
    console.log('usage: npm run rules:check [-- --dir <folder>]   (default folder: force-app/main/default)');
    return 0;
  }
  if ('error' in args) {
    console.error(`rules:check: ${args.error}`);
    return 2;
  }
  const dir = resolve(args.dir);
  const result = checkRules(dir);
  const shown = relative(process.cwd(), dir) || '.';
  if (result.counts.rules + result.counts.triggers + result.counts.strategies === 0) {
    console.error(`rules:check: no Stance custom metadata records found in ${shown}`);
    return 1;
  }
  if (result.problems.length === 0) {
    console.log(
      `rules:check: ok, ${result.counts.strategies} strategy, ${result.counts.rules} rules and ${result.counts.triggers} triggers are valid (${shown})`,
    );
    return 0;
  }
  const byFile = new Map<string, LocatedProblem[]>();
  for (const problem of result.problems) {
    const key = problem.file ?? problem.source;
    byFile.set(key, [...(byFile.get(key) ?? []), problem]);
  }
  for (const [file, problems] of byFile) {
    console.error(file);
    for (const problem of problems) console.error(render(problem));
  }
  console.error(
    `rules:check: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'} (${shown})`,
  );
  return 1;
}

process.exitCode = main();
