/**
 * The package's custom labels against the components and the translations: every label a
 * component imports (`@salesforce/label/c.X` in force-app/…/lwc JavaScript) is defined; every
 * defined label is imported somewhere; names follow the contract (Stance_<Area>_<Key>, ≤ 80
 * characters, no double or trailing underscore), values fit (≤ 1000 characters), each is defined
 * once; every translations/<language> file translates every label, names no label the package
 * lacks, and keeps the master value's placeholders ({0}, {1} ...).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readLabels, readTranslations, translationFile, translationLanguages } from '../i18n/labelFiles';
import type { Report } from './report';

/**
 * Whether a label defined and imported by no component fails the check (the contract). Off while
 * the components are being converted to labels; set it to true once they import theirs.
 * `npm run metadata:check -- --unused-labels` runs the check with it on meanwhile.
 */
export const FAIL_ON_UNUSED_LABELS = false;

export interface LabelCheckOptions {
  /** Fail on a label defined and imported by no component. */
  readonly unusedLabels: boolean;
}

const NAME = /^Stance_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+$/;
const MAX_NAME = 80;
const MAX_VALUE = 1000;

/** Every JavaScript file of the components (not their tests). */
function componentScripts(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (entry === '__tests__' || entry.startsWith('.')) return [];
      if (statSync(path).isDirectory()) return componentScripts(path);
      return entry.endsWith('.js') ? [path] : [];
    });
}

const placeholders = (value: string) => [...new Set(value.match(/\{\d+\}/g) ?? [])].sort().join(' ');

export function checkLabels(
  sourceDir: string,
  projectRoot: string,
  report: Report,
  options: LabelCheckOptions = { unusedLabels: FAIL_ON_UNUSED_LABELS },
): void {
  const labelsFile = join(sourceDir, 'labels/CustomLabels.labels-meta.xml');
  const where = relative(projectRoot, labelsFile);
  const labels = readLabels(labelsFile);
  const defined = new Map(labels.map((label) => [label.fullName, label]));

  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label.fullName)) report('labels', where, `${label.fullName} is defined more than once`);
    seen.add(label.fullName);
    if (!NAME.test(label.fullName) || label.fullName.length > MAX_NAME)
      report(
        'labels',
        where,
        `${label.fullName}: a label's name is Stance_<Area>_<Key>, letters and digits between single underscores, at most ${MAX_NAME} characters`,
      );
    if (label.value.length > MAX_VALUE)
      report(
        'labels',
        where,
        `${label.fullName}: its value has ${label.value.length} characters, at most ${MAX_VALUE}`,
      );
    if (label.value.trim() === '') report('labels', where, `${label.fullName} has no value`);
  }

  const imported = new Set<string>();
  for (const file of componentScripts(join(sourceDir, 'lwc'))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/['"]@salesforce\/label\/c\.(\w+)['"]/g)) {
      const name = match[1]!;
      imported.add(name);
      if (!defined.has(name))
        report('labels', relative(projectRoot, file), `imports the label ${name}, which ${where} does not define`);
    }
  }
  if (options.unusedLabels) {
    for (const name of defined.keys())
      if (!imported.has(name)) report('labels', where, `${name} is defined and no component imports it`);
  }

  const translationsDir = join(sourceDir, 'translations');
  for (const language of translationLanguages(translationsDir)) {
    const file = relative(projectRoot, translationFile(language, translationsDir));
    const translated = readTranslations(language, translationsDir).labels;
    for (const [name, label] of defined) {
      const value = translated.get(name);
      if (value === undefined) report('labels', file, `${name} has no ${language} translation`);
      else if (value.trim() === '') report('labels', file, `${name}: the ${language} translation is empty`);
      else if (placeholders(value) !== placeholders(label.value))
        report(
          'labels',
          file,
          `${name}: the ${language} translation has placeholders ${placeholders(value) || 'none'}, the label ${placeholders(label.value) || 'none'}`,
        );
    }
    for (const name of translated.keys())
      if (!defined.has(name)) report('labels', file, `translates ${name}, which ${where} does not define`);
  }
}
