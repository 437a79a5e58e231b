import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMetadata } from '../check';

const PROJECT_ROOT = join(__dirname, '../../..');
const SOURCE = join(PROJECT_ROOT, 'force-app/main/default');

/** A copy of force-app/main/default with edits applied (file -> new content from old). */
function brokenCopy(edits: Record<string, (text: string) => string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-metadata-check-'));
  cpSync(SOURCE, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    let text = '';
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch {
      // a new file
    }
    writeFileSync(join(dir, file), edit(text));
  }
  return dir;
}

const messages = (dir: string) =>
  checkMetadata(dir, dir).problems.map((problem) => `${problem.file} [${problem.check}] ${problem.message}`);

describe('the metadata check', () => {
  it('passes on the shipped package', () => {
    const result = checkMetadata(SOURCE, PROJECT_ROOT);
    expect(result.problems).toEqual([]);
    expect(result.counts.components).toBeGreaterThanOrEqual(8);
    expect(result.counts.permissionSets).toBe(5);
  });

  it('fails on a required field in a permission set', () => {
    const dir = brokenCopy({
      'permissionsets/Stance_User.permissionset-meta.xml': (xml) =>
        xml.replace(
          '<hasActivationRequired>',
          '<fieldPermissions><editable>true</editable><field>Stance_Signal__c.Trigger__c</field><readable>true</readable></fieldPermissions>\n    <hasActivationRequired>',
        ),
    });
    expect(messages(dir)).toContain(
      'permissionsets/Stance_User.permissionset-meta.xml [deploy] PermissionSet Stance_User: You cannot deploy to a required field: Stance_Signal__c.Trigger__c',
    );
  });

  it('fails on a master-detail field in a permission set', () => {
    const dir = brokenCopy({
      'permissionsets/Stance_User.permissionset-meta.xml': (xml) =>
        xml.replace(
          '<hasActivationRequired>',
          '<fieldPermissions><editable>false</editable><field>Stance_Signal__c.Account__c</field><readable>true</readable></fieldPermissions>\n    <hasActivationRequired>',
        ),
    });
    expect(messages(dir)).toContain(
      'permissionsets/Stance_User.permissionset-meta.xml [deploy] PermissionSet Stance_User: You cannot deploy to a required field: Stance_Signal__c.Account__c',
    );
  });

  it('fails on an unknown field in a list view', () => {
    const dir = brokenCopy({
      'objects/Account/listViews/Stance_At_Risk.listView-meta.xml': (xml) =>
        xml.replace('<field>At_Risk__c</field>', '<field>At_Risk_Flag__c</field>'),
    });
    expect(messages(dir)).toEqual([
      'objects/Account/listViews/Stance_At_Risk.listView-meta.xml [list-views] filter on At_Risk_Flag__c, which is not a field of Account',
    ]);
  });

  it('fails on a list view filter value the picklist does not have', () => {
    const dir = brokenCopy({
      'objects/Account/listViews/Stance_Attack_Targets.listView-meta.xml': (xml) =>
        xml.replace('<value>Attack</value>', '<value>Atack</value>'),
    });
    expect(messages(dir).join('\n')).toContain('filter Stance__c = Atack: not a value of the picklist');
  });

  it('fails on a multi-select picklist on a custom metadata type', () => {
    const dir = brokenCopy({
      'objects/Stance_Rule__mdt/fields/Regions__c.field-meta.xml': () =>
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Regions__c</fullName><label>Regions</label><type>MultiselectPicklist</type><visibleLines>4</visibleLines></CustomField>\n',
    });
    expect(messages(dir)).toEqual([
      'objects/Stance_Rule__mdt/fields/Regions__c.field-meta.xml [custom-metadata] Stance_Rule__mdt.Regions__c is a MultiselectPicklist, which custom metadata types cannot have',
      // A field added without its German label (translations.ts).
      'objectTranslations/Stance_Rule__mdt-de/Stance_Rule__mdt-de.objectTranslation-meta.xml [translations] Stance_Rule__mdt.Regions__c has no de label',
    ]);
  });

  it('fails on malformed XML, naming the position', () => {
    const dir = brokenCopy({
      'objects/Account/fields/At_Risk__c.field-meta.xml': (xml) => xml.replace('</label>', '</labl>'),
    });
    expect(messages(dir).join('\n')).toMatch(
      /objects\/Account\/fields\/At_Risk__c.field-meta.xml \[xml\] not well-formed XML at \d+:\d+/,
    );
  });

  it('fails when a picklist drifts from the engine', () => {
    const dir = brokenCopy({
      'objects/Stance_Signal__c/fields/Status__c.field-meta.xml': (xml) =>
        xml.replace(/<value>\s*<fullName>Done<\/fullName>[\s\S]*?<\/value>\s*/, ''),
    });
    expect(messages(dir).join('\n')).toContain(
      "Stance_Signal__c.Status__c values New, Acknowledged, Confirmed, Dismissed, Resolved differ from the engine's",
    );
  });

  it('fails when a component names a field force-app does not have', () => {
    const dir = brokenCopy({
      'lwc/stancePanel/stancePanel.js': (js) =>
        js.replace("'@salesforce/schema/Account.At_Risk__c'", "'@salesforce/schema/Account.Is_At_Risk__c'"),
    });
    expect(messages(dir).join('\n')).toContain(
      '@salesforce/schema/Account.Is_At_Risk__c: Account has no field Is_At_Risk__c',
    );
  });

  it('fails when a component writes a status the picklist does not have', () => {
    const dir = brokenCopy({
      'lwc/stanceChecklist/stanceChecklist.js': (js) =>
        js.replace("[SIGNAL_STATUS.fieldApiName]: 'Confirmed'", "[SIGNAL_STATUS.fieldApiName]: 'Approved'"),
    });
    expect(messages(dir)).toEqual([
      "lwc/stanceChecklist/stanceChecklist.js [picklists] writes 'Approved' to Stance_Signal__c.Status__c, which is not one of its values (New, Acknowledged, Confirmed, Dismissed, Resolved, Done)",
    ]);
  });

  it('fails when a permission set does not grant what a component writes', () => {
    const dir = brokenCopy({
      'permissionsets/Stance_User.permissionset-meta.xml': (xml) =>
        xml.replace(
          /<fieldPermissions>\s*<editable>true<\/editable>\s*<field>Stance_Signal__c.Dismiss_Reason__c<\/field>\s*<readable>true<\/readable>\s*<\/fieldPermissions>\s*/,
          '',
        ),
    });
    expect(messages(dir).join('\n')).toContain(
      'component stanceChecklist writes Stance_Signal__c.Dismiss_Reason__c, but Stance_User does not grant edit on Stance_Signal__c.Dismiss_Reason__c',
    );
  });

  it('fails when the engine reads a field with another type', () => {
    const dir = brokenCopy({
      'objects/Account/fields/Strategic_Account__c.field-meta.xml': (xml) =>
        xml
          .replace('<type>Checkbox</type>', '<type>Text</type>')
          .replace('<defaultValue>false</defaultValue>', '<length>10</length>'),
    });
    expect(messages(dir).join('\n')).toContain(
      'the engine reads Account.Strategic_Account__c as boolean, but it is Text (string)',
    );
  });

  it("fails when a component's copy of the engine's vocabulary drifts", () => {
    const dir = brokenCopy({
      'lwc/stanceLiveUpdates/stanceLiveUpdates.js': (js) => js.replace("'Stance_Update__e'", "'Stance_Updated__e'"),
    });
    expect(messages(dir)).toEqual([
      'lwc/stanceLiveUpdates/stanceLiveUpdates.js [copies] STANCE_UPDATE_EVENT differs from the engine\'s STANCE_UPDATE_EVENT: it is "Stance_Updated__e", the engine\'s is "Stance_Update__e"',
    ]);
  });

  it('fails when the record page places a component that does not exist', () => {
    const dir = brokenCopy({
      'flexipages/Stance_Account_Record_Page.flexipage-meta.xml': (xml) =>
        xml.replace('<componentName>stancePanel</componentName>', '<componentName>stancePanell</componentName>'),
    });
    expect(messages(dir)).toEqual([
      'flexipages/Stance_Account_Record_Page.flexipage-meta.xml [pages] places component stancePanell, which is not in force-app',
    ]);
  });

  it('fails when the Home page places a component not exposed for Home pages', () => {
    const dir = brokenCopy({
      'lwc/stancePortfolio/stancePortfolio.js-meta.xml': (xml) =>
        xml.replace('<target>lightning__HomePage</target>', ''),
    });
    expect(messages(dir)).toEqual([
      'flexipages/Stance_Home.flexipage-meta.xml [pages] places stancePortfolio, which is not exposed for Home pages',
    ]);
  });
});
