import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertSource } from '../convert';

// The CLI starts slowly on a busy machine; nothing here asserts how long it takes.
jest.setTimeout(180_000);

const PROJECT_ROOT = join(__dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'stance-convert-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the source, converted to the Metadata API format offline', () => {
  it('places the report types, the reports in their folder, the dashboard and the console entry, and leaves the tests out', () => {
    const converted = convertSource(PROJECT_ROOT, join(work, 'shipped'));
    expect(converted.members.get('ReportType')).toEqual([
      'Stance_Accounts',
      'Stance_Accounts_With_Signals',
      'Stance_Opportunity_Wins',
    ]);
    expect(converted.members.get('Report')).toEqual(
      expect.arrayContaining(['Stance/', 'Stance/Stance_At_Risk_By_Owner', 'Stance/Stance_Wins_Service']),
    );
    expect(converted.members.get('Report')).toHaveLength(8);
    expect(converted.members.get('Dashboard')).toEqual(['Stance/', 'Stance/Stance_Portfolio']);
    expect(existsSync(join(work, 'shipped/reports/Stance/Stance_At_Risk_By_Owner.report'))).toBe(true);
    expect(existsSync(join(work, 'shipped/dashboards/Stance/Stance_Portfolio.dashboard'))).toBe(true);
    const reportType = readFileSync(join(work, 'shipped/reportTypes/Stance_Accounts.reportType'), 'utf8');
    expect(reportType).toContain('<baseObject>Account</baseObject>');
    // What the console needs, placed as a deploy sends it (the app, its tab and page, the permissions, the history).
    expect(converted.members.get('CustomApplication')).toEqual(['Stance']);
    expect(converted.members.get('CustomPermission')).toEqual(['Stance_Console']);
    expect(converted.members.get('CustomTab')).toEqual(expect.arrayContaining(['Stance_Console', 'Stance_Portfolio']));
    expect(converted.members.get('FlexiPage')).toEqual(expect.arrayContaining(['Stance_Console']));
    expect(converted.members.get('LightningComponentBundle')).toEqual(
      expect.arrayContaining(['stanceConsoleLauncher']),
    );
    expect(converted.members.get('CustomObject')).toEqual(expect.arrayContaining(['Stance_Rule_Change__c']));
    expect(converted.members.get('PermissionSet')).toEqual(expect.arrayContaining(['Stance_Rules_Author']));
    expect(readFileSync(join(work, 'shipped/applications/Stance.app'), 'utf8')).toContain(
      '<tabs>Stance_Console</tabs>',
    );
    // .forceignore keeps tests and jest mocks out of what a deploy sends.
    expect(JSON.stringify([...converted.members])).not.toMatch(/__tests__|jest-mocks/);
  });

  it('fails, naming the file, on a report whose suffix the CLI cannot place', () => {
    const project = join(work, 'project');
    cpSync(join(PROJECT_ROOT, 'force-app'), join(project, 'force-app'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'sfdx-project.json'), join(project, 'sfdx-project.json'));
    const reports = join(project, 'force-app/main/default/reports/Stance');
    writeFileSync(
      join(reports, 'Typo.reprt-meta.xml'),
      readFileSync(join(reports, 'Stance_Wins_Price.report-meta.xml')),
    );
    const cli = join(PROJECT_ROOT, 'node_modules/.bin/sf');
    expect(() => convertSource(project, join(work, 'broken'), cli)).toThrow(
      /convert: sf project convert source failed in .*: .*Typo\.reprt-meta\.xml: Could not infer a metadata type/,
    );
  });
});
