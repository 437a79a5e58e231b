/**
 * Custom labels for the component tests, as the platform resolves them: one module per label
 * (`@salesforce/label/c.<Name>`) whose default export is the label's value in the test's
 * language, English unless a test sets `global.__STANCE_LABEL_LANGUAGE__` (e.g. 'de') before it
 * imports the component (jest.isolateModules or jest.resetModules). Generated from the package's
 * labels/CustomLabels.labels-meta.xml and translations/*.translation-meta.xml when jest starts,
 * into a directory of this checkout's own under node_modules/.cache (written over, never emptied:
 * jest may read the config in more than one process).
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { XMLParser } = require('fast-xml-parser');

const ROOT = join(__dirname, '../..');
const SOURCE = join(ROOT, 'force-app/main/default');
const parser = new XMLParser({
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => ['labels', 'customLabels'].includes(name),
});

function read(file) {
  return existsSync(file) ? parser.parse(readFileSync(file, 'utf8')) : {};
}

function generateLabelModules() {
  const dir = join(
    ROOT,
    'node_modules/.cache',
    `stance-jest-labels-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`,
  );
  mkdirSync(dir, { recursive: true });
  const values = new Map();
  for (const label of read(join(SOURCE, 'labels/CustomLabels.labels-meta.xml')).CustomLabels?.labels ?? []) {
    values.set(String(label.fullName).trim(), { en_US: String(label.value ?? '') });
  }
  const translations = join(SOURCE, 'translations');
  for (const file of existsSync(translations) ? readdirSync(translations) : []) {
    const language = /^(.+)\.translation-meta\.xml$/.exec(file)?.[1];
    if (!language) continue;
    for (const entry of read(join(translations, file)).Translations?.customLabels ?? []) {
      const label = values.get(String(entry.name).trim());
      if (label) label[language] = String(entry.label ?? '');
    }
  }
  for (const [name, byLanguage] of values) {
    writeFileSync(
      join(dir, `${name}.js`),
      `const values = ${JSON.stringify(byLanguage)};\n` +
        `const language = global.__STANCE_LABEL_LANGUAGE__;\n` +
        `module.exports = { __esModule: true, default: (language && values[language]) || values.en_US };\n`,
    );
  }
  return dir;
}

module.exports = { generateLabelModules };
