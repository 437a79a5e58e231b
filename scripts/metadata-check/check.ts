/**
 * Checks force-app against what Salesforce accepts and what Stance's code expects, without an
 * org: well-formed XML; every field the components, the engine and the custom metadata records
 * name exists with a compatible type; picklists equal the engine's enums; what a deploy refuses
 * (scripts/metadata/deployChecks.ts, shared with the local org); permission sets grant
 * what the components and the sidecar use; custom
 * metadata uses only types it may have; list views, pages and actions name things that exist;
 * apps' tabs, tabs' pages and the apps, tabs and custom permissions permission sets name exist
 * (apps.ts);
 * the constants the components keep as copies of the engine's vocabulary equal it; reports,
 * report types and dashboards name columns, report types and reports that exist (analytics.ts); custom
 * labels are defined, used and translated (labels.ts); translations name what exists and cover it
 * (translations.ts). One job per
 * module; this one runs them all.
 */
import { join } from 'node:path';
import { deployProblems } from '../metadata/deployChecks';
import { readProjectMetadata } from '../metadata/reader';
import { checkAnalytics } from './analytics';
import { checkAnalyticsOrder } from './analyticsOrder';
import { checkApps } from './apps';
import { readComponents } from './components';
import { checkCopies } from './copies';
import { checkCustomMetadata } from './customMetadata';
import { checkFieldUses, checkPicklists } from './fields';
import { checkLabels, FAIL_ON_UNUSED_LABELS } from './labels';
import type { LabelCheckOptions } from './labels';
import { checkHistoryTracking, checkListViews, checkPagesAndActions } from './pages';
import { checkPermissionSets } from './permissions';
import type { MetadataProblem } from './report';
import { Schema } from './schema';
import { checkTranslations } from './translations';

export type { MetadataProblem } from './report';
export { CUSTOM_METADATA_FIELD_TYPES } from './customMetadata';
export {
  COMPONENT_AUDIENCE,
  CONSOLE_PERMISSION,
  CONSOLE_PERMISSION_SET,
  INTEGRATION_PERMISSION_SET,
  PERMISSION_LADDER,
  RULES_AUTHOR_PERMISSION_SET,
} from './permissions';

export interface CheckResult {
  readonly problems: readonly MetadataProblem[];
  readonly counts: { readonly files: number; readonly components: number; readonly permissionSets: number };
}

export function checkMetadata(
  sourceDir: string,
  projectRoot: string,
  options?: Partial<LabelCheckOptions>,
): CheckResult {
  const metadata = readProjectMetadata(sourceDir, projectRoot);
  const schema = new Schema(metadata);
  const components = readComponents(join(sourceDir, 'lwc'), projectRoot);
  const problems: MetadataProblem[] = [];
  const report = (check: string, file: string, message: string) => problems.push({ check, file, message });

  for (const problem of metadata.xmlProblems) {
    report('xml', problem.file, `not well-formed XML at ${problem.line}:${problem.column}: ${problem.message}`);
  }
  // What Salesforce refuses on deploy: the same checks the local org runs when it loads the package.
  for (const problem of deployProblems(metadata))
    report('deploy', problem.file, `${problem.component}: ${problem.message}`);
  checkFieldUses(schema, components, report);
  checkPicklists(schema, report);
  checkCustomMetadata(metadata, schema, report);
  checkPermissionSets(metadata, schema, components, report);
  checkListViews(metadata, schema, report);
  checkPagesAndActions(metadata, schema, components, report);
  checkApps(metadata, schema, report);
  checkHistoryTracking(metadata, report);
  checkAnalytics(metadata, schema, report);
  checkAnalyticsOrder(metadata, report);
  checkCopies(join(sourceDir, 'lwc'), projectRoot, report);
  checkLabels(sourceDir, projectRoot, report, { unusedLabels: options?.unusedLabels ?? FAIL_ON_UNUSED_LABELS });
  checkTranslations(metadata, schema, report, sourceDir);

  const fileCount =
    metadata.files.length +
    metadata.customMetadata.length +
    [...metadata.objects.values()].reduce((n, o) => n + o.fields.size + o.listViews.length + (o.file ? 1 : 0), 0);
  return {
    problems,
    counts: {
      files: fileCount + metadata.xmlProblems.length,
      components: components.length,
      permissionSets: metadata.files.filter((file) => file.kind === 'permissionset').length,
    },
  };
}
