import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAnalytics } from '../../metadata/analytics';
import { readProjectMetadata } from '../../metadata/reader';
import { checkMetadata } from '../check';

const PROJECT_ROOT = join(__dirname, '../../..');
const SOURCE = join(PROJECT_ROOT, 'force-app/main/default');
const REPORTS = 'reports/Stance';
const AT_RISK = `${REPORTS}/Stance_At_Risk_By_Owner.report-meta.xml`;
const WINS_SERVICE = `${REPORTS}/Stance_Wins_Service.report-meta.xml`;
const DASHBOARD = 'dashboards/Stance/Stance_Portfolio.dashboard-meta.xml';
const ACCOUNTS_TYPE = 'reportTypes/Stance_Accounts.reportType-meta.xml';
const SIGNALS_TYPE = 'reportTypes/Stance_Accounts_With_Signals.reportType-meta.xml';

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of force-app/main/default with edits applied (file -> new content, or null to delete it). */
function brokenCopy(edits: Record<string, ((text: string) => string) | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-analytics-check-'));
  copies.push(dir);
  cpSync(SOURCE, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    if (edit === null) rmSync(join(dir, file));
    else writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  }
  return dir;
}

/** The problems of the reports and dashboards checks, as `file [check] message`. */
const problems = (dir: string) =>
  checkMetadata(dir, dir)
    .problems.filter((problem) => ['reports', 'dashboards', 'xml-order'].includes(problem.check))
    .map((problem) => `${problem.file} [${problem.check}] ${problem.message}`);

/** Replaces exactly one occurrence, so a test cannot pass because its edit missed. */
const once = (from: string, to: string) => (text: string) => {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
};

describe('the reports and dashboard checks', () => {
  it('read the shipped report types, reports and dashboard, and find nothing wrong', () => {
    const analytics = readAnalytics(readProjectMetadata(SOURCE, PROJECT_ROOT));
    expect(analytics.reportTypes.map((type) => type.name).sort()).toEqual([
      'Stance_Accounts',
      'Stance_Accounts_With_Signals',
      'Stance_Opportunity_Wins',
    ]);
    expect(analytics.reports.map((report) => report.fullName).sort()).toEqual([
      'Stance/Stance_At_Risk_By_Owner',
      'Stance/Stance_Competitors_Named',
      'Stance/Stance_Effort_On_Accounts_To_Fire',
      'Stance/Stance_Mix_By_Industry_And_Country',
      'Stance/Stance_Wins_Price',
      'Stance/Stance_Wins_Service',
      'Stance/Stance_Wins_Technical',
    ]);
    const [dashboard] = analytics.dashboards;
    expect(dashboard).toMatchObject({ fullName: 'Stance/Stance_Portfolio', dashboardType: 'LoggedInUser' });
    expect(new Set(dashboard!.components.map((component) => component.report))).toEqual(
      new Set(analytics.reports.map((report) => report.fullName)),
    );
    expect(problems(SOURCE)).toEqual([]);
  });

  it('fails on a report column its report type does not have', () => {
    const dir = brokenCopy({
      [AT_RISK]: once('<field>Account$Stance_Reason__c</field>', '<field>Account$Stance_Reasons__c</field>'),
    });
    expect(problems(dir)).toEqual([
      `${AT_RISK} [reports] Report Stance/Stance_At_Risk_By_Owner: columns names Account$Stance_Reasons__c, which is not a column of report type Stance_Accounts__c`,
    ]);
  });

  it('fails on a grouping and a filter on a column the report type leaves out', () => {
    // Stance_Checklist__c is a real Account field the report type does not offer.
    const dir = brokenCopy({
      [AT_RISK]: (xml) =>
        xml
          .replace(
            '<groupingsDown>\n        <dateGranularity>Day</dateGranularity>\n        <field>Account$Owner</field>',
            '<groupingsDown>\n        <dateGranularity>Day</dateGranularity>\n        <field>Account$Stance_Checklist__c</field>',
          )
          .replace('<column>Account$At_Risk__c</column>', '<column>Account$Stance_Conflict__c</column>'),
    });
    expect(problems(dir)).toEqual([
      `${AT_RISK} [reports] Report Stance/Stance_At_Risk_By_Owner: groupingsDown names Account$Stance_Checklist__c, which is not a column of report type Stance_Accounts__c`,
      `${AT_RISK} [reports] Report Stance/Stance_At_Risk_By_Owner: filter names Account$Stance_Conflict__c, which is not a column of report type Stance_Accounts__c`,
    ]);
  });

  it('fails on a report type column that is not a field of its object', () => {
    const dir = brokenCopy({
      [ACCOUNTS_TYPE]: once('<field>Stance_Recent_Cases__c</field>', '<field>Stance_Cases__c</field>'),
    });
    expect(problems(dir)).toEqual([
      `${ACCOUNTS_TYPE} [reports] ReportType Stance_Accounts: column Account.Stance_Cases__c: Stance_Cases__c is not a field of Account`,
      // The report that shows the column now names one its type does not have.
      `${REPORTS}/Stance_Effort_On_Accounts_To_Fire.report-meta.xml [reports] Report Stance/Stance_Effort_On_Accounts_To_Fire: columns names Account$Stance_Recent_Cases__c, which is not a column of report type Stance_Accounts__c`,
    ]);
  });

  it('fails on a report type joined through a relationship that does not exist', () => {
    const dir = brokenCopy({
      [SIGNALS_TYPE]: once('<relationship>Stance_Signals__r</relationship>', '<relationship>Signals__r</relationship>'),
    });
    const found = problems(dir);
    expect(found[0]).toBe(
      `${SIGNALS_TYPE} [reports] ReportType Stance_Accounts_With_Signals: join: Signals__r is not a child relationship of Account`,
    );
    expect(found).toContain(
      `${SIGNALS_TYPE} [reports] ReportType Stance_Accounts_With_Signals: column Trigger__c is in table Account.Stance_Signals__r, not one of its tables`,
    );
  });

  it('fails on a report whose report type is missing from the package', () => {
    const dir = brokenCopy({ 'reportTypes/Stance_Opportunity_Wins.reportType-meta.xml': null });
    expect(problems(dir)).toEqual(
      ['Price', 'Service', 'Technical'].map(
        (lever) =>
          `${REPORTS}/Stance_Wins_${lever}.report-meta.xml [reports] Report Stance/Stance_Wins_${lever}: reportType Stance_Opportunity_Wins__c is not in the package (there is no reportTypes/Stance_Opportunity_Wins.reportType-meta.xml)`,
      ),
    );
  });

  it("fails on a report naming its report type without Salesforce's __c", () => {
    const dir = brokenCopy({
      [WINS_SERVICE]: once(
        '<reportType>Stance_Opportunity_Wins__c</reportType>',
        '<reportType>Stance_Opportunity_Wins</reportType>',
      ),
    });
    expect(problems(dir)).toEqual([
      `${WINS_SERVICE} [reports] Report Stance/Stance_Wins_Service: reportType Stance_Opportunity_Wins is not in the package (a report names the package's report type Stance_Opportunity_Wins as Stance_Opportunity_Wins__c)`,
    ]);
  });

  it('fails on a dashboard component that names a report the package does not have', () => {
    const dir = brokenCopy({ [WINS_SERVICE]: null });
    expect(problems(dir)).toEqual([
      `${DASHBOARD} [dashboards] Dashboard Stance/Stance_Portfolio: component "Won on service (90 days)" names report Stance/Stance_Wins_Service, which is not in the package`,
    ]);
  });

  it("fails on a dashboard component summing a column its report's type does not have", () => {
    const dir = brokenCopy({
      [DASHBOARD]: once(
        '<column>Account$Stance_Open_Pipeline__c</column>',
        '<column>Account$AnnualRevenue__c</column>',
      ),
    });
    expect(problems(dir)).toEqual([
      `${DASHBOARD} [dashboards] Dashboard Stance/Stance_Portfolio: component "Effort on accounts to fire (open pipeline)" sums Account$AnnualRevenue__c, which is not a column of report type Stance_Accounts__c`,
    ]);
  });

  it("fails on a dashboard component grouping by a column its report's type does not have", () => {
    const dir = brokenCopy({
      [DASHBOARD]: once(
        '<groupingColumn>Account$Stance__c</groupingColumn>',
        '<groupingColumn>Account$Stance</groupingColumn>',
      ),
    });
    expect(problems(dir)).toEqual([
      `${DASHBOARD} [dashboards] Dashboard Stance/Stance_Portfolio: component "Effort on accounts to fire (open pipeline)" groups by Account$Stance, which is not a column of report type Stance_Accounts__c`,
    ]);
  });

  it('fails on filter values the field does not take: a lever the global value set lacks, a checkbox word', () => {
    const dir = brokenCopy({
      [WINS_SERVICE]: once('<value>Service</value>', '<value>Services</value>'),
      [AT_RISK]: once('<value>1</value>\n        </criteriaItems>', '<value>yes</value>\n        </criteriaItems>'),
    });
    expect(problems(dir)).toEqual([
      `${AT_RISK} [reports] Report Stance/Stance_At_Risk_By_Owner: filter Account$At_Risk__c equals yes: a checkbox filter takes 1 or 0, not "yes"`,
      `${WINS_SERVICE} [reports] Report Stance/Stance_Wins_Service: filter Opportunity$Value_Levers__c includes Services: Services: not a value of the picklist Opportunity.Value_Levers__c`,
    ]);
  });

  it('fails on a report or dashboard outside a folder the package has', () => {
    const dir = brokenCopy({
      'reports/Stance.reportFolder-meta.xml': null,
      'dashboards/Stance.dashboardFolder-meta.xml': null,
    });
    const found = problems(dir);
    expect(found).toHaveLength(8);
    expect(found).toContain(
      `${AT_RISK} [reports] Report Stance/Stance_At_Risk_By_Owner: folder Stance has no reports/Stance.reportFolder-meta.xml`,
    );
    expect(found).toContain(
      `${DASHBOARD} [dashboards] Dashboard Stance/Stance_Portfolio: folder Stance has no dashboards/Stance.dashboardFolder-meta.xml`,
    );
  });

  it('fails on a dashboard that runs as a specified user without naming one', () => {
    const dir = brokenCopy({
      [DASHBOARD]: once('<dashboardType>LoggedInUser</dashboardType>', '<dashboardType>SpecifiedUser</dashboardType>'),
    });
    expect(problems(dir)).toEqual([
      `${DASHBOARD} [dashboards] Dashboard Stance/Stance_Portfolio: runs as a specified user but names no runningUser`,
    ]);
  });

  it('fails on a sum over a field that is not a number, and a date filter on a field that is not a date', () => {
    const dir = brokenCopy({
      [WINS_SERVICE]: (xml) =>
        once(
          '<aggregateTypes>Sum</aggregateTypes>\n        <field>Opportunity$Amount</field>',
          '<aggregateTypes>Sum</aggregateTypes>\n        <field>Opportunity$StageName</field>',
        )(once('<dateColumn>Opportunity$CloseDate</dateColumn>', '<dateColumn>Opportunity$Name</dateColumn>')(xml)),
    });
    expect(problems(dir)).toEqual([
      `${WINS_SERVICE} [reports] Report Stance/Stance_Wins_Service: column Opportunity$StageName sums (Sum) a picklist field`,
      `${WINS_SERVICE} [reports] Report Stance/Stance_Wins_Service: timeFrameFilter dateColumn Opportunity$Name is a string field, not a date`,
    ]);
  });

  it('fails on an element out of its place, or same-named elements split apart, as a deploy would', () => {
    const dir = brokenCopy({
      // <name> moved before <format>; a second <columns> after <description>.
      [AT_RISK]: (xml) =>
        once(
          '    <name>At-risk accounts by owner</name>\n',
          '',
        )(xml).replace(
          '    <format>Summary</format>',
          '    <name>At-risk accounts by owner</name>\n    <format>Summary</format>',
        ),
      [WINS_SERVICE]: once(
        '    <filter>',
        '    <columns>\n        <field>Opportunity$StageName</field>\n    </columns>\n    <filter>',
      ),
    });
    expect(problems(dir)).toEqual([
      `${AT_RISK} [xml-order] Report: element format invalid at this location in type Report (after name)`,
      `${WINS_SERVICE} [xml-order] Report: element columns is duplicated at this location in type Report: keep same-named elements together`,
    ]);
  });

  it('fails on an element its type does not have, at any depth', () => {
    // A filter item's flag is columnToColumn; columnToValue is not in the Metadata API's schema.
    const dir = brokenCopy({
      [AT_RISK]: once('<columnToColumn>false</columnToColumn>', '<columnToValue>false</columnToValue>'),
      [DASHBOARD]: once('<header>Won on price (90 days)</header>', '<heading>Won on price (90 days)</heading>'),
    });
    expect(problems(dir)).toEqual([
      `${DASHBOARD} [xml-order] Dashboard > dashboardGridLayout > dashboardGridComponents > dashboardComponent: element heading is not an element of DashboardComponent`,
      `${AT_RISK} [xml-order] Report > filter > criteriaItems: element columnToValue is not an element of ReportFilterItem`,
    ]);
  });
});
