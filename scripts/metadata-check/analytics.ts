/**
 * Reports, report types and dashboards name what exists, as a deploy would insist: every report
 * type column is a field of its table's object and every join a child relationship; every report
 * names a report type in the package (`X__c` for reportTypes/X) and only columns that report type
 * declares, in its groupings, filters, chart and date filter; filter values fit the field (picklist
 * values, checkbox 1/0); sums are over numbers; every dashboard component names a report in the
 * package and sums a column that report can see; reports and dashboards sit in folders that exist;
 * a dashboard that runs as a specified user names one. Salesforce deploys these only into an org
 * that renders them, so this is what can be known without one.
 */
import { readAnalytics } from '../metadata/analytics';
import type { ReportMeta, ReportTypeMeta } from '../metadata/analytics';
import type { ProjectMetadata } from '../metadata/reader';
import { picklistValues, reportTypeTables, resolveFieldPath } from './analyticsFields';
import type { ResolvedField } from './analyticsFields';
import type { Report } from './report';
import type { Schema } from './schema';

const OPERATORS = new Set([
  'equals',
  'notEqual',
  'lessThan',
  'greaterThan',
  'lessOrEqual',
  'greaterOrEqual',
  'contains',
  'notContain',
  'startsWith',
  'includes',
  'excludes',
  'within',
]);
const DASHBOARD_TYPES = new Set(['SpecifiedUser', 'LoggedInUser', 'MyTeamUser']);
const REPORT_FORMATS = new Set(['Tabular', 'Summary', 'Matrix', 'MultiBlock']);

/** A report type's columns as a report names them (`table$field`), each resolved to its field. */
function columnsOf(
  metadata: ProjectMetadata,
  schema: Schema,
  type: ReportTypeMeta,
  report: Report,
): Map<string, ResolvedField> {
  const columns = new Map<string, ResolvedField>();
  const { tables, problems } = reportTypeTables(metadata, type);
  const where = `ReportType ${type.name}`;
  if (!schema.hasObject(type.baseObject))
    report('reports', type.file, `${where}: baseObject ${type.baseObject} is not an object the package knows`);
  for (const problem of problems) report('reports', type.file, `${where}: ${problem}`);
  for (const column of type.columns) {
    const object = tables.get(column.table);
    if (!object) {
      report(
        'reports',
        type.file,
        `${where}: column ${column.field} is in table ${column.table}, not one of its tables`,
      );
      continue;
    }
    const resolved = resolveFieldPath(schema, object, column.field);
    if (typeof resolved === 'string')
      report('reports', type.file, `${where}: column ${column.table}.${column.field}: ${resolved}`);
    else columns.set(`${column.table}$${column.field}`, resolved);
  }
  return columns;
}

function checkFilterValue(
  metadata: ProjectMetadata,
  field: ResolvedField,
  filter: ReportMeta['filters'][number],
): string | undefined {
  const { facts } = field;
  const blank = filter.value === '';
  if (facts.kind === 'boolean' && !['0', '1', 'true', 'false'].includes(filter.value))
    return `a checkbox filter takes 1 or 0, not "${filter.value}"`;
  if (facts.kind === 'number' && !blank && Number.isNaN(Number(filter.value))) return `${filter.value} is not a number`;
  const values = picklistValues(metadata, facts);
  if (values && !blank) {
    const unknown = filter.value.split(',').filter((value) => !values.includes(value.trim()));
    if (unknown.length > 0) return `${unknown.join(', ')}: not a value of the picklist ${facts.object}.${facts.field}`;
  }
  if ((filter.operator === 'includes' || filter.operator === 'excludes') && facts.type !== 'MultiselectPicklist')
    return `${filter.operator} works on a multi-select picklist, and ${facts.field} is a ${facts.type}`;
  return undefined;
}

function checkReport(
  metadata: ProjectMetadata,
  reportMeta: ReportMeta,
  columns: Map<string, ResolvedField> | undefined,
  folders: ReadonlySet<string>,
  report: Report,
): void {
  const where = `Report ${reportMeta.fullName}`;
  if (!folders.has(reportMeta.folder))
    report(
      'reports',
      reportMeta.file,
      `${where}: folder ${reportMeta.folder || '(none)'} has no reports/${reportMeta.folder || '<folder>'}.reportFolder-meta.xml`,
    );
  if (!REPORT_FORMATS.has(reportMeta.format))
    report(
      'reports',
      reportMeta.file,
      `${where}: format ${reportMeta.format || '(none)'} is not one of ${[...REPORT_FORMATS].join(', ')}`,
    );
  if (!columns) {
    const name = reportMeta.reportType.replace(/__c$/, '');
    const hint = reportMeta.reportType.endsWith('__c')
      ? `there is no reportTypes/${name}.reportType-meta.xml`
      : `a report names the package's report type ${name} as ${name}__c`;
    report(
      'reports',
      reportMeta.file,
      `${where}: reportType ${reportMeta.reportType || '(none)'} is not in the package (${hint})`,
    );
    return;
  }
  const type = reportMeta.reportType;
  for (const use of reportMeta.columnUses) {
    if (!columns.has(use.column))
      report(
        'reports',
        reportMeta.file,
        `${where}: ${use.element} names ${use.column}, which is not a column of report type ${type}`,
      );
  }
  for (const filter of reportMeta.filters) {
    if (!OPERATORS.has(filter.operator))
      report('reports', reportMeta.file, `${where}: filter on ${filter.column}: unknown operator ${filter.operator}`);
    const field = columns.get(filter.column);
    const problem = field && checkFilterValue(metadata, field, filter);
    if (problem)
      report(
        'reports',
        reportMeta.file,
        `${where}: filter ${filter.column} ${filter.operator} ${filter.value}: ${problem}`,
      );
  }
  for (const { column, aggregate } of reportMeta.aggregates) {
    const field = columns.get(column);
    if (field && aggregate !== 'Unique' && field.facts.kind !== 'number')
      report('reports', reportMeta.file, `${where}: column ${column} sums (${aggregate}) a ${field.facts.type} field`);
  }
  const date = reportMeta.dateColumn && columns.get(reportMeta.dateColumn);
  if (date && date.facts.kind !== 'date' && date.facts.kind !== 'datetime')
    report(
      'reports',
      reportMeta.file,
      `${where}: timeFrameFilter dateColumn ${reportMeta.dateColumn} is a ${date.facts.type} field, not a date`,
    );
}

export function checkAnalytics(metadata: ProjectMetadata, schema: Schema, report: Report): void {
  const analytics = readAnalytics(metadata);
  const typeColumns = new Map<string, Map<string, ResolvedField>>();
  for (const type of analytics.reportTypes)
    typeColumns.set(`${type.name}__c`, columnsOf(metadata, schema, type, report));

  const reports = new Map<string, ReportMeta>();
  for (const reportMeta of analytics.reports) {
    reports.set(reportMeta.fullName, reportMeta);
    checkReport(metadata, reportMeta, typeColumns.get(reportMeta.reportType), analytics.reportFolders, report);
  }

  for (const dashboard of analytics.dashboards) {
    const where = `Dashboard ${dashboard.fullName}`;
    if (!analytics.dashboardFolders.has(dashboard.folder))
      report(
        'dashboards',
        dashboard.file,
        `${where}: folder ${dashboard.folder || '(none)'} has no dashboards/${dashboard.folder || '<folder>'}.dashboardFolder-meta.xml`,
      );
    if (!DASHBOARD_TYPES.has(dashboard.dashboardType))
      report(
        'dashboards',
        dashboard.file,
        `${where}: dashboardType ${dashboard.dashboardType || '(none)'} is not one of ${[...DASHBOARD_TYPES].join(', ')}`,
      );
    if (dashboard.dashboardType === 'SpecifiedUser' && !dashboard.runningUser)
      report('dashboards', dashboard.file, `${where}: runs as a specified user but names no runningUser`);
    if (dashboard.components.length === 0) report('dashboards', dashboard.file, `${where}: has no components`);
    for (const component of dashboard.components) {
      const target = reports.get(component.report);
      if (!target) {
        report(
          'dashboards',
          dashboard.file,
          `${where}: component "${component.header}" names report ${component.report || '(none)'}, which is not in the package`,
        );
        continue;
      }
      const columns = typeColumns.get(target.reportType);
      const uses = [
        ...component.summaryColumns.map((column) => ['sums', column] as const),
        ...component.groupingColumns.map((column) => ['groups by', column] as const),
      ];
      for (const [verb, column] of uses) {
        if (columns && !columns.has(column))
          report(
            'dashboards',
            dashboard.file,
            `${where}: component "${component.header}" ${verb} ${column}, which is not a column of report type ${target.reportType}`,
          );
      }
    }
  }
}
