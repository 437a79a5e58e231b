/**
 * `npm run labels:check [paths]`: fails on any word a component shows that is not a custom
 * label (scripts/i18n/literals.ts says how a literal is told apart). With no paths, every
 * component in force-app; tests and their fixtures are not shown to anyone and are skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { scriptLiterals, templateLiterals, type Literal } from './literals';

const ROOT = join(__dirname, '../..');
const COMPONENTS = join(ROOT, 'force-app/main/default/lwc');

function sources(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === '__tests__' || entry.name.startsWith('.')) return [];
    const full = join(path, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(js|html)$/.test(entry.name) ? [full] : [];
  });
}

const paths = process.argv.slice(2).map((path) => resolve(path));
const files = (paths.length > 0 ? paths : [COMPONENTS]).flatMap(sources);
const found: Literal[] = files.flatMap((file) => {
  const source = readFileSync(file, 'utf8');
  const name = relative(ROOT, file);
  return file.endsWith('.html') ? templateLiterals(name, source) : scriptLiterals(name, source);
});
for (const literal of found)
  console.error(
    `${literal.file}:${literal.line}:${literal.column}: "${literal.text}" (${literal.where}) is not a custom label`,
  );
if (found.length > 0) {
  console.error(
    `labels:check: ${found.length} words in ${new Set(found.map((literal) => literal.file)).size} files do not come through a custom label. ` +
      'Import a label (@salesforce/label/c.…), or mark what no person reads with i18n-exempt: <why>.',
  );
  process.exit(1);
}
console.log(`labels:check: ok, ${files.length} files, every word through a custom label`);
