/**
 * npm run metadata:check [-- --dir <folder>] [-- --convert] [-- --unused-labels]: prints every problem in force-app and
 * exits 1 on any. With --convert it also converts the source to the Metadata API format offline
 * (`sf project convert source`, convert.ts) into a temporary folder, as a deploy would package it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { checkMetadata } from './check';
import { convertSource } from './convert';

const at = process.argv.indexOf('--dir');
const dir = resolve(at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : 'force-app/main/default');
// --unused-labels: fail on a label no component imports even before labels.ts turns that on for good.
const result = checkMetadata(
  dir,
  process.cwd(),
  process.argv.includes('--unused-labels') ? { unusedLabels: true } : {},
);
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

if (process.argv.includes('--convert')) {
  const work = mkdtempSync(join(tmpdir(), 'stance-convert-'));
  try {
    const converted = convertSource(process.cwd(), join(work, 'mdapi'));
    const count = [...converted.members.values()].reduce((n, members) => n + members.length, 0);
    console.log(
      `metadata:check: converted to the Metadata API format, ${count} members of ${converted.members.size} types`,
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
