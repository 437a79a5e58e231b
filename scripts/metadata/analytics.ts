/**
 * Reads the package's reports, report types, dashboards and their folders (source format) from
 * what readProjectMetadata parsed: the shapes metadata:check validates. Names follow Salesforce:
 * a custom report type `Stance_Accounts` is `Stance_Accounts__c` to a report; a report
 * `reports/Stance/At_Risk.report-meta.xml` is `Stance/At_Risk` to a dashboard; a report column is
 * `<table>$<field>`, both halves as the report type declares them (`Account.Stance_Signals__r$Trigger__c`).
 */
import type { MetadataFile, ProjectMetadata } from './reader';

export interface ReportTypeColumn {
  /** The relationship path from the base object: `Account`, `Account.Stance_Signals__r`. */
  readonly table: string;
  /** A field, a lookup by its relationship name (`Owner`) or a path through lookups (`Account.Stance__c`). */
  readonly field: string;
}

export interface ReportTypeJoin {
  /** The table the join starts from and the child relationship it follows. */
  readonly from: string;
  readonly relationship: string;
  readonly outerJoin: boolean;
}

export interface ReportTypeMeta {
  /** Developer name as the file names it; reports address it as `${name}__c`. */
  readonly name: string;
  readonly baseObject: string;
  readonly joins: readonly ReportTypeJoin[];
  readonly columns: readonly ReportTypeColumn[];
  readonly file: string;
}

export interface ReportMeta {
  /** `Folder/DeveloperName`, as a dashboard names it. */
  readonly fullName: string;
  readonly folder: string;
  readonly reportType: string;
  readonly format: string;
  /** Every place the report names a column, with the element that names it. */
  readonly columnUses: ReadonlyArray<{ readonly element: string; readonly column: string }>;
  readonly filters: ReadonlyArray<{ readonly column: string; readonly operator: string; readonly value: string }>;
  readonly aggregates: ReadonlyArray<{ readonly column: string; readonly aggregate: string }>;
  readonly dateColumn?: string;
  readonly file: string;
}

export interface DashboardComponentMeta {
  readonly header: string;
  readonly report: string;
  readonly componentType: string;
  readonly summaryColumns: readonly string[];
  readonly groupingColumns: readonly string[];
}

export interface DashboardMeta {
  readonly fullName: string;
  readonly folder: string;
  readonly dashboardType: string;
  readonly runningUser?: string;
  readonly components: readonly DashboardComponentMeta[];
  readonly file: string;
}

export interface AnalyticsMetadata {
  readonly reportTypes: readonly ReportTypeMeta[];
  readonly reports: readonly ReportMeta[];
  readonly dashboards: readonly DashboardMeta[];
  /** Folder developer names, by kind. */
  readonly reportFolders: ReadonlySet<string>;
  readonly dashboardFolders: ReadonlySet<string>;
}

type Xml = Record<string, unknown>;
const list = <T>(value: unknown): T[] =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? (value as T[]) : [value as T];
const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'object' ? String((value as Xml)['#text'] ?? '') : String(value);
};

/** The file name without its suffix, and the folder it sits in below `reports/` or `dashboards/`. */
function placeOf(file: MetadataFile, root: string, suffix: string): { name: string; folder: string } {
  const segments = file.file.split(/[\\/]/);
  const name = segments[segments.length - 1]!.replace(suffix, '');
  const at = segments.lastIndexOf(root);
  const folder = at >= 0 ? segments.slice(at + 1, -1).join('/') : '';
  return { name, folder };
}

/** A folder's path as its contents name it: `Stance`, or `Stance/Team` for a subfolder. */
function folderPath(file: MetadataFile, root: string, suffix: string): string {
  const { name, folder } = placeOf(file, root, suffix);
  return folder ? `${folder}/${name}` : name;
}

function readJoins(join: unknown, from: string, into: ReportTypeJoin[]): void {
  for (const entry of list<Xml>(join)) {
    const relationship = text(entry.relationship);
    into.push({ from, relationship, outerJoin: text(entry.outerJoin) === 'true' });
    readJoins(entry.join, `${from}.${relationship}`, into);
  }
}

function readReportType(file: MetadataFile): ReportTypeMeta {
  const baseObject = text(file.xml.baseObject);
  const joins: ReportTypeJoin[] = [];
  readJoins(file.xml.join, baseObject, joins);
  const columns = list<Xml>(file.xml.sections).flatMap((section) =>
    list<Xml>(section.columns).map((column) => ({ table: text(column.table), field: text(column.field) })),
  );
  return {
    name: placeOf(file, 'reportTypes', '.reportType-meta.xml').name,
    baseObject,
    joins,
    columns,
    file: file.file,
  };
}

function readReport(file: MetadataFile): ReportMeta {
  const { name, folder } = placeOf(file, 'reports', '.report-meta.xml');
  const xml = file.xml;
  const uses: Array<{ element: string; column: string }> = [];
  const use = (element: string, value: unknown) => {
    const column = text(value);
    if (column) uses.push({ element, column });
  };
  const aggregates: Array<{ column: string; aggregate: string }> = [];
  for (const column of list<Xml>(xml.columns)) {
    use('columns', column.field);
    for (const aggregate of list<unknown>(column.aggregateTypes))
      aggregates.push({ column: text(column.field), aggregate: text(aggregate) });
  }
  for (const grouping of list<Xml>(xml.groupingsDown)) use('groupingsDown', grouping.field);
  for (const grouping of list<Xml>(xml.groupingsAcross)) use('groupingsAcross', grouping.field);
  const filter = (xml.filter ?? {}) as Xml;
  const filters = list<Xml>(filter.criteriaItems).map((item) => ({
    column: text(item.column),
    operator: text(item.operator),
    value: text(item.value),
  }));
  for (const item of filters) use('filter', item.column);
  const chart = xml.chart as Xml | undefined;
  if (chart) {
    use('chart groupingColumn', chart.groupingColumn);
    use('chart secondaryGroupingColumn', chart.secondaryGroupingColumn);
    for (const summary of list<Xml>(chart.chartSummaries)) {
      const column = text(summary.column);
      if (column !== 'RowCount') use('chart summary', column);
    }
  }
  const sort = xml.sortColumn;
  if (sort) use('sortColumn', sort);
  const timeFrame = xml.timeFrameFilter as Xml | undefined;
  const dateColumn = timeFrame ? text(timeFrame.dateColumn) : '';
  if (dateColumn) use('timeFrameFilter', dateColumn);
  return {
    fullName: `${folder}/${name}`,
    folder,
    reportType: text(xml.reportType),
    format: text(xml.format),
    columnUses: uses,
    filters,
    aggregates,
    ...(dateColumn ? { dateColumn } : {}),
    file: file.file,
  };
}

function readDashboard(file: MetadataFile): DashboardMeta {
  const { name, folder } = placeOf(file, 'dashboards', '.dashboard-meta.xml');
  const xml = file.xml;
  const grid = (xml.dashboardGridLayout ?? {}) as Xml;
  const gridComponents = list<Xml>(grid.dashboardGridComponents).map(
    (entry) => (entry.dashboardComponent ?? {}) as Xml,
  );
  // Classic layout: components in up to three sections.
  const sectionComponents = ['leftSection', 'middleSection', 'rightSection'].flatMap((section) =>
    list<Xml>(((xml[section] ?? {}) as Xml).components),
  );
  const components = [...gridComponents, ...sectionComponents].map((component) => ({
    header: text(component.header) || text(component.title),
    report: text(component.report),
    componentType: text(component.componentType),
    summaryColumns: list<Xml>(component.chartSummary)
      .map((summary) => text(summary.column))
      .filter((column) => column && column !== 'RowCount'),
    groupingColumns: list<unknown>(component.groupingColumn).map(text),
  }));
  const runningUser = text(xml.runningUser);
  return {
    fullName: `${folder}/${name}`,
    folder,
    dashboardType: text(xml.dashboardType),
    ...(runningUser ? { runningUser } : {}),
    components,
    file: file.file,
  };
}

/** The reports, report types, dashboards and folders among the package's metadata files. */
export function readAnalytics(metadata: ProjectMetadata): AnalyticsMetadata {
  const of = (kind: string) => metadata.files.filter((file) => file.kind === kind);
  return {
    reportTypes: of('reportType').map(readReportType),
    reports: of('report').map(readReport),
    dashboards: of('dashboard').map(readDashboard),
    reportFolders: new Set(of('reportFolder').map((file) => folderPath(file, 'reports', '.reportFolder-meta.xml'))),
    dashboardFolders: new Set(
      of('dashboardFolder').map((file) => folderPath(file, 'dashboards', '.dashboardFolder-meta.xml')),
    ),
  };
}
