/** metadata:check on custom labels and translations: each fixture is the package with one thing broken. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkMetadata } from '../check';

const SOURCE = join(__dirname, '../../../force-app/main/default');
const LABELS = 'labels/CustomLabels.labels-meta.xml';
const GERMAN = 'translations/de.translation-meta.xml';
const SIGNAL = 'objectTranslations/Stance_Signal__c-de';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of force-app/main/default with edits applied (file -> new content from old; a new file from ''). */
function brokenCopy(edits: Record<string, (text: string) => string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-translations-check-'));
  dirs.push(dir);
  cpSync(SOURCE, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    let text = '';
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
    }
    writeFileSync(join(dir, file), edit(text));
  }
  return dir;
}

const problems = (dir: string, unusedLabels = false) =>
  checkMetadata(dir, dir, { unusedLabels })
    .problems.filter((problem) => problem.check === 'labels' || problem.check === 'translations')
    .map((problem) => `${problem.file} [${problem.check}] ${problem.message}`);

const label = (name: string, value: string) =>
  `<labels><fullName>${name}</fullName><categories>Stance</categories><language>en_US</language><protected>false</protected><shortDescription>${name}</shortDescription><value>${value}</value></labels>`;
const addLabel = (name: string, value: string) => (xml: string) =>
  xml.replace('</CustomLabels>', `${label(name, value)}\n</CustomLabels>`);
const addGerman = (name: string, value: string) => (xml: string) =>
  xml.replace(
    '<customLabels>',
    `<customLabels><label>${value}</label><name>${name}</name></customLabels>\n<customLabels>`,
  );
const importing =
  (...names: string[]) =>
  () =>
    names.map((name, index) => `import L${index} from '@salesforce/label/c.${name}';`).join('\n') + '\n';

describe('metadata:check on labels and translations', () => {
  it('finds nothing wrong in the shipped package', () => {
    expect(problems(SOURCE)).toEqual([]);
  });

  it('fails on a label a component imports and the package does not define', () => {
    const dir = brokenCopy({ 'lwc/stancePanel/labelsUsed.js': importing('Stance_Panel_Nowhere') });
    expect(problems(dir)).toEqual([
      `lwc/stancePanel/labelsUsed.js [labels] imports the label Stance_Panel_Nowhere, which ${LABELS} does not define`,
    ]);
  });

  it('fails on a label no component imports when unused labels fail, and only then', () => {
    const dir = brokenCopy({
      [LABELS]: addLabel('Stance_Panel_Unused', 'Unused'),
      [GERMAN]: addGerman('Stance_Panel_Unused', 'Unbenutzt'),
      'lwc/stancePanel/labelsUsed.js': importing('Stance_Common_Loading'),
    });
    expect(problems(dir, true)).toEqual([
      `${LABELS} [labels] Stance_Panel_Unused is defined and no component imports it`,
    ]);
    expect(problems(dir, false)).toEqual([]);
  });

  it('fails on a label without a German translation, and on a translation of a label the package lacks', () => {
    const dir = brokenCopy({
      [LABELS]: addLabel('Stance_Panel_Untranslated', 'Only English'),
      [GERMAN]: addGerman('Stance_Panel_Gone', 'Weg'),
    });
    expect(problems(dir)).toEqual([
      `${GERMAN} [labels] Stance_Panel_Untranslated has no de translation`,
      `${GERMAN} [labels] translates Stance_Panel_Gone, which ${LABELS} does not define`,
    ]);
  });

  it('fails on a translation that drops a placeholder, and on a badly named label', () => {
    const dir = brokenCopy({
      [LABELS]: (xml) => addLabel('Stance__Bad', 'Bad')(addLabel('Stance_Panel_Count', '{0} of {1} done')(xml)),
      [GERMAN]: (xml) => addGerman('Stance__Bad', 'Schlecht')(addGerman('Stance_Panel_Count', '{0} erledigt')(xml)),
    });
    expect(problems(dir)).toEqual([
      `${LABELS} [labels] Stance__Bad: a label's name is Stance_<Area>_<Key>, letters and digits between single underscores, at most 80 characters`,
      `${GERMAN} [labels] Stance_Panel_Count: the de translation has placeholders {0}, the label {0} {1}`,
    ]);
  });

  it('fails on a field translation of a field the object lacks, of a value the picklist lacks, of help text the field lacks', () => {
    const dir = brokenCopy({
      [`${SIGNAL}/Severity__c.fieldTranslation-meta.xml`]: () =>
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomFieldTranslation xmlns="http://soap.sforce.com/2006/04/metadata"><label>Schwere</label><name>Severity__c</name></CustomFieldTranslation>\n',
      [`${SIGNAL}/Status__c.fieldTranslation-meta.xml`]: (xml) =>
        xml.replace('<masterLabel>Done</masterLabel>', '<masterLabel>Finished</masterLabel>'),
      'objects/Stance_Signal__c/fields/Detail__c.field-meta.xml': (xml) =>
        xml.replace(/<inlineHelpText>[^<]*<\/inlineHelpText>/, ''),
    });
    expect(problems(dir)).toEqual([
      `${SIGNAL}/Detail__c.fieldTranslation-meta.xml [translations] translates the help text of Stance_Signal__c.Detail__c, which has none`,
      `${SIGNAL}/Severity__c.fieldTranslation-meta.xml [translations] translates Stance_Signal__c.Severity__c, a field Stance_Signal__c does not have`,
      `${SIGNAL}/Status__c.fieldTranslation-meta.xml [translations] translates the picklist value "Finished", which Stance_Signal__c.Status__c does not have`,
      `${SIGNAL}/Status__c.fieldTranslation-meta.xml [translations] Stance_Signal__c.Status__c: the value "Done" has no de label`,
    ]);
  });

  it('fails on a field, or a picklist value, added without its German label', () => {
    const dir = brokenCopy({
      'objects/Stance_Signal__c/fields/Severity__c.field-meta.xml': () =>
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Severity__c</fullName><label>Severity</label><length>20</length><type>Text</type></CustomField>\n',
      'objects/Stance_Signal__c/fields/Status__c.field-meta.xml': (xml) =>
        xml.replace(
          '<value>\n                <fullName>Done</fullName>',
          '<value>\n                <fullName>Parked</fullName>\n                <default>false</default>\n                <label>Parked</label>\n            </value>\n            <value>\n                <fullName>Done</fullName>',
        ),
    });
    expect(problems(dir)).toEqual([
      `${SIGNAL}/Stance_Signal__c-de.objectTranslation-meta.xml [translations] Stance_Signal__c.Severity__c has no de label`,
      `${SIGNAL}/Status__c.fieldTranslation-meta.xml [translations] Stance_Signal__c.Status__c: the value "Parked" has no de label`,
    ]);
  });

  it('fails on value translations a global value set lacks, or put on the field instead of the set', () => {
    const dir = brokenCopy({
      'globalValueSetTranslations/Stance_Value_Levers-de.globalValueSetTranslation-meta.xml': (xml) =>
        xml.replace('<masterLabel>Price</masterLabel>', '<masterLabel>Cost</masterLabel>'),
      [`${SIGNAL}/Value_Levers__c.fieldTranslation-meta.xml`]: (xml) =>
        xml.replace(
          '</CustomFieldTranslation>',
          '<picklistValues><masterLabel>Price</masterLabel><translation>Preis</translation></picklistValues></CustomFieldTranslation>',
        ),
    });
    const file = 'globalValueSetTranslations/Stance_Value_Levers-de.globalValueSetTranslation-meta.xml';
    expect(problems(dir)).toEqual([
      `${SIGNAL}/Value_Levers__c.fieldTranslation-meta.xml [translations] Stance_Signal__c.Value_Levers__c takes its values from the global value set Stance_Value_Levers: translate them in globalValueSetTranslations/Stance_Value_Levers-de`,
      `${file} [translations] translates "Cost", which Stance_Value_Levers does not have`,
      `${file} [translations] Stance_Value_Levers: the value "Price" has no de label (Stance_Value_Levers-de)`,
    ]);
  });

  it('fails on a tab, report type section or quick action the package lacks, and on an untranslated report type', () => {
    const dir = brokenCopy({
      [GERMAN]: (xml) =>
        xml
          .replace('<name>Stance_Portfolio</name>', '<name>Stance_Cockpit</name>')
          .replace('<name>Effort</name>', '<name>Efforts</name>')
          .replace('<name>Stance_Opportunity_Wins</name>', '<name>Stance_Wins</name>'),
      'objectTranslations/Account-de/Account-de.objectTranslation-meta.xml': (xml) =>
        xml.replace('<name>Report_Signal</name>', '<name>Report_Problem</name>'),
    });
    expect(problems(dir)).toEqual([
      'objectTranslations/Account-de/Account-de.objectTranslation-meta.xml [translations] translates the quick action Account.Report_Problem, which does not exist',
      `${GERMAN} [translations] translates the tab Stance_Cockpit, which the package lacks`,
      `${GERMAN} [translations] the tab Stance_Portfolio has no de label`,
      `${GERMAN} [translations] Stance_Accounts: translates the section "Efforts", which the report type lacks`,
      `${GERMAN} [translations] translates the report type Stance_Wins, which the package lacks`,
      `${GERMAN} [translations] the report type Stance_Opportunity_Wins has no de label`,
    ]);
  });

  it('fails on a custom object without its German names', () => {
    const dir = brokenCopy({
      [`${SIGNAL}/Stance_Signal__c-de.objectTranslation-meta.xml`]: (xml) =>
        xml.replace(/<caseValues>[\s\S]*<\/caseValues>/, ''),
    });
    expect(problems(dir)).toEqual([
      `${SIGNAL}/Stance_Signal__c-de.objectTranslation-meta.xml [translations] Stance_Signal__c: no de singular and plural name (caseValues)`,
    ]);
  });

  it('fails when a trigger picklist reads otherwise than the checklist’s Stance_Trigger_<CODE> label, in English or German', () => {
    const dir = brokenCopy({
      [`${SIGNAL}/Trigger__c.fieldTranslation-meta.xml`]: (xml) =>
        xml.replace(
          '<translation>Ansprache durch Wettbewerber</translation>',
          '<translation>Wettbewerber nähert sich</translation>',
        ),
      'objects/Stance_Trigger__mdt/fields/Code__c.field-meta.xml': (xml) =>
        xml.replace('<label>Macro shift</label>', '<label>Macro change</label>'),
      'objectTranslations/Stance_Trigger__mdt-de/Code__c.fieldTranslation-meta.xml': (xml) =>
        xml.replace('<masterLabel>Macro shift</masterLabel>', '<masterLabel>Macro change</masterLabel>'),
    });
    expect(problems(dir)).toEqual([
      `${SIGNAL}/Trigger__c.fieldTranslation-meta.xml [translations] Stance_Signal__c.Trigger__c: COMPETITOR_APPROACH reads "Wettbewerber nähert sich" in de, the label Stance_Trigger_COMPETITOR_APPROACH "Ansprache durch Wettbewerber"`,
      'objects/Stance_Trigger__mdt/fields/Code__c.field-meta.xml [translations] Stance_Trigger__mdt.Code__c: MACRO_SHIFT reads "Macro change", the label Stance_Trigger_MACRO_SHIFT "Macro shift"',
    ]);
  });
});
