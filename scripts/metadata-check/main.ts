/** npm run metadata:check [-- --dir <folder>]: prints every problem in force-app and exits 1 on any. */
import { relative, resolve } from 'node:path';
import { checkMetadata } from './check';

const at = process.argv.indexOf('--dir');
const dir = resolve(at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : 'force-app/main/default');
const result = checkMetadata(dir, process.cwd());
for (const problem of result.problems) console.error(`${problem.file} [${problem.check}] ${problem.message}`);
const where = relative(process.cwd(), dir) || '.';
if (result.problems.length > 0) {
  console.error(`metadata:check: ${result.problems.length} problem(s) in ${where}`);
  process.exitCode = 1;
} else {
  console.log(
    `metadata:check: ok, ${result.counts.files} metadata files, ${result.counts.components} components, ${result.counts.permissionSets} permission sets (${where})`,
  );
}
