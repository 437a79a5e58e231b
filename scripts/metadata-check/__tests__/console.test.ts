/**
 * What the package ships for the Stance console, held by metadata:check: the Stance app's tabs and
 * page, the custom permission and who enables it, the rules author's system permissions, and their
 * translations. Each case breaks a copy of force-app and names the one problem it must report.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMetadata } from '../check';

const PROJECT_ROOT = join(__dirname, '../../..');
const SOURCE = join(PROJECT_ROOT, 'force-app/main/default');
const copies: string[] = [];

/** The problems metadata:check reports on a copy of force-app with edits applied (file -> new content from old). */
function problemsAfter(edits: Record<string, (text: string) => string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'stance-console-check-'));
  copies.push(dir);
  cpSync(SOURCE, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const before = readFileSync(join(dir, file), 'utf8');
    const after = edit(before);
    if (after === before)
      throw new Error(`the edit of ${file} changed nothing: the test no longer breaks what it means to`);
    writeFileSync(join(dir, file), after);
  }
  return checkMetadata(dir, dir).problems.map((problem) => `${problem.file} [${problem.check}] ${problem.message}`);
}

const ADMIN = 'permissionsets/Stance_Admin.permissionset-meta.xml';
const AUTHOR = 'permissionsets/Stance_Rules_Author.permissionset-meta.xml';
const userPermission = (name: string) =>
  `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>\n`;

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('metadata:check on what the console needs', () => {
  it('passes on the shipped package: the app, its tabs and page, the permissions and their translations', () => {
    expect(checkMetadata(SOURCE, PROJECT_ROOT).problems).toEqual([]);
  });

  it('fails on an app tab that is neither a tab of the package nor a standard object', () => {
    expect(
      problemsAfter({
        'applications/Stance.app-meta.xml': (xml) =>
          xml.replace('<tabs>standard-Account</tabs>', '<tabs>standard-Acount</tabs>'),
      }),
    ).toEqual([
      'applications/Stance.app-meta.xml [apps] the app Stance names the tab standard-Acount, which is neither in tabs/ nor standard-<Object>',
    ]);
  });

  it('fails on a tab opening a page the package lacks, or a record page', () => {
    expect(
      problemsAfter({
        'tabs/Stance_Console.tab-meta.xml': (xml) =>
          xml.replace('<flexiPage>Stance_Console</flexiPage>', '<flexiPage>Stance_Konsole</flexiPage>'),
      }),
    ).toEqual([
      'tabs/Stance_Console.tab-meta.xml [apps] the tab Stance_Console opens the page Stance_Konsole, which is not in flexipages/',
    ]);
    expect(
      problemsAfter({
        'tabs/Stance_Console.tab-meta.xml': (xml) =>
          xml.replace('<flexiPage>Stance_Console</flexiPage>', '<flexiPage>Stance_Account_Record_Page</flexiPage>'),
      }),
    ).toEqual([
      'tabs/Stance_Console.tab-meta.xml [apps] the tab Stance_Console opens Stance_Account_Record_Page, a RecordPage: a tab opens a Lightning app page',
    ]);
  });

  it('fails when the console page places a component not exposed for app pages', () => {
    expect(
      problemsAfter({
        'lwc/stanceConsoleLauncher/stanceConsoleLauncher.js-meta.xml': (xml) =>
          xml.replace('lightning__AppPage', 'lightning__HomePage'),
      }),
    ).toEqual([
      'flexipages/Stance_Console.flexipage-meta.xml [pages] places stanceConsoleLauncher, which is not exposed for app pages',
    ]);
  });

  it('fails when a permission set names an app, a tab or a custom permission the package lacks', () => {
    expect(
      problemsAfter({
        'permissionsets/Stance_User.permissionset-meta.xml': (xml) =>
          xml
            .replace('<application>Stance</application>', '<application>Stance_App</application>')
            .replace('<tab>Stance_Portfolio</tab>', '<tab>Stance_Portfolios</tab>'),
      }),
    ).toEqual([
      'permissionsets/Stance_User.permissionset-meta.xml [apps] Stance_User makes visible the app Stance_App, which is not in applications/',
      'permissionsets/Stance_User.permissionset-meta.xml [apps] Stance_User sets the tab Stance_Portfolios, which is not in tabs/',
    ]);
  });

  it('fails when Stance_Admin does not enable Stance_Console, so that no one could use the console', () => {
    expect(
      problemsAfter({ [ADMIN]: (xml) => xml.replace('<name>Stance_Console</name>', '<name>Stance_Konsole</name>') }),
    ).toEqual([
      `${ADMIN} [permissions] Stance_Admin must enable the custom permission Stance_Console`,
      `${ADMIN} [apps] Stance_Admin enables the custom permission Stance_Konsole, which is not in customPermissions/`,
      'customPermissions/Stance_Console.customPermission-meta.xml [apps] no permission set enables the custom permission Stance_Console',
    ]);
  });

  it('fails when another permission set enables Stance_Console, and when its holder cannot read setup data', () => {
    const grant =
      '    <customPermissions>\n        <enabled>true</enabled>\n        <name>Stance_Console</name>\n    </customPermissions>\n';
    expect(
      problemsAfter({
        'permissionsets/Stance_User.permissionset-meta.xml': (xml) =>
          xml.replace('    <description>', `${grant}    <description>`),
      }),
    ).toEqual([
      'permissionsets/Stance_User.permissionset-meta.xml [permissions] Stance_User enables Stance_Console, which only Stance_Admin may grant (who may use the console)',
      "permissionsets/Stance_User.permissionset-meta.xml [permissions] Stance_User enables Stance_Console without ViewSetup: the console's sign-in reads SetupEntityAccess with the person's own token, which needs View Setup and Configuration",
    ]);
    expect(problemsAfter({ [ADMIN]: (xml) => xml.replace(userPermission('ViewSetup'), '') })).toEqual([
      `${ADMIN} [permissions] Stance_Admin enables Stance_Console without ViewSetup: the console's sign-in reads SetupEntityAccess with the person's own token, which needs View Setup and Configuration`,
    ]);
  });

  it('fails when the rules author cannot write custom metadata through the Metadata API, or lacks what a permission depends on', () => {
    expect(problemsAfter({ [AUTHOR]: (xml) => xml.replace(userPermission('ModifyMetadata'), '') })).toEqual([
      `${AUTHOR} [permissions] Stance_Rules_Author needs ModifyMetadata: the console writes the rules through the Metadata API as the person`,
    ]);
    expect(problemsAfter({ [AUTHOR]: (xml) => xml.replace(userPermission('ViewSetup'), '') })).toEqual([
      `${AUTHOR} [permissions] Permission CustomizeApplication depends on permission(s): ViewSetup`,
    ]);
  });

  it('fails when the integration user may touch the rule history', () => {
    const history =
      '    <objectPermissions>\n        <allowCreate>true</allowCreate>\n        <allowDelete>false</allowDelete>\n        <allowEdit>false</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>false</modifyAllRecords>\n        <object>Stance_Rule_Change__c</object>\n        <viewAllRecords>false</viewAllRecords>\n    </objectPermissions>\n';
    const file = 'permissionsets/Stance_Integration.permissionset-meta.xml';
    expect(
      problemsAfter({ [file]: (xml) => xml.replace('    <userPermissions>', `${history}    <userPermissions>`) }),
    ).toEqual([
      `${file} [permissions] Stance_Integration grants custom permissions or Stance_Rule_Change__c: the rule history is written by people with their own token, never by the sidecar`,
    ]);
  });

  it('fails when a language lacks the app, the console tab or the rule history object', () => {
    const file = 'translations/de.translation-meta.xml';
    expect(
      problemsAfter({
        [file]: (xml) =>
          xml
            .replace(/<customApplications>[\s\S]*?<\/customApplications>\s*/, '')
            .replace(/<customTabs>\s*<label>Stance-Konsole<\/label>[\s\S]*?<\/customTabs>\s*/, ''),
        'objectTranslations/Stance_Rule_Change__c-de/Kind__c.fieldTranslation-meta.xml': (xml) =>
          xml.replace('<translation>Zurücksetzung</translation>', '<translation></translation>'),
      }),
    ).toEqual([
      `${file} [translations] the app Stance has no de label`,
      `${file} [translations] the tab Stance_Console has no de label`,
      'objectTranslations/Stance_Rule_Change__c-de/Kind__c.fieldTranslation-meta.xml [translations] Stance_Rule_Change__c.Kind__c: the value "Rollback" has no de label',
    ]);
  });
});
