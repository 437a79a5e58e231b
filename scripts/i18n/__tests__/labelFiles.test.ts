import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTranslations, translationFile, writeTranslations } from '../labelFiles';

describe('translation files written back by labels:sort', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stance-labels-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the non-label parts (tabs, report types with sections) as written, run after run', () => {
    writeFileSync(
      translationFile('de', dir),
      `<?xml version="1.0" encoding="UTF-8"?>
<Translations xmlns="http://soap.sforce.com/2006/04/metadata">
    <customLabels>
        <label>Zweites</label>
        <name>Stance_B</name>
    </customLabels>
    <customLabels>
        <label>Erstes</label>
        <name>Stance_A</name>
    </customLabels>
    <customTabs>
        <label>Stance-Portfolio</label>
        <name>Stance_Portfolio</name>
    </customTabs>
    <reportTypes>
        <label>Stance-Accounts</label>
        <name>Stance_Accounts</name>
        <sections>
            <label>Aufwand</label>
            <name>Effort</name>
        </sections>
    </reportTypes>
</Translations>
`,
    );
    writeTranslations(readTranslations('de', dir), dir);
    const once = readFileSync(translationFile('de', dir), 'utf8');
    writeTranslations(readTranslations('de', dir), dir);
    expect(readFileSync(translationFile('de', dir), 'utf8')).toBe(once);
    expect(once).not.toMatch(/\n\s*\n/);
    expect(once.indexOf('Stance_A')).toBeLessThan(once.indexOf('Stance_B'));
    expect(once).toContain(
      '        <sections>\n            <label>Aufwand</label>\n            <name>Effort</name>\n        </sections>',
    );
  });
});
