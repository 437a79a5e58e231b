/**
 * Lightning navigation and what permission sets name besides objects and fields: an app's tabs
 * exist (a tab of the package, or `standard-<Object>` for a standard object); a tab opens a page
 * of the package that is an app page; permission sets make visible apps and tabs that exist and
 * enable custom permissions that exist (Salesforce refuses the deploy otherwise); and every custom
 * permission of the package is enabled by one of its permission sets, or nobody could hold it.
 */
import { basename } from 'node:path';
import type { MetadataFile, ProjectMetadata } from '../metadata/reader';
import { list } from './report';
import type { Report } from './report';
import type { Schema } from './schema';

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());
const flag = (value: unknown) => text(value) === 'true';

/** The package's files of one kind by API name (the file name up to its first dot). */
function named(metadata: ProjectMetadata, kind: string): Map<string, MetadataFile> {
  return new Map(
    metadata.files.filter((file) => file.kind === kind).map((file) => [basename(file.file).split('.')[0]!, file]),
  );
}

export function checkApps(metadata: ProjectMetadata, schema: Schema, report: Report): void {
  const apps = named(metadata, 'app');
  const tabs = named(metadata, 'tab');
  const pages = named(metadata, 'flexipage');
  const permissions = named(metadata, 'customPermission');
  const check = (file: string, message: string) => report('apps', file, message);
  /** A tab name as apps and permission sets write it: ours, or standard-<Object>. */
  const tabExists = (tab: string) => {
    const standard = /^standard-(\w+)$/.exec(tab);
    return standard ? schema.hasObject(standard[1]!) && !/__/.test(standard[1]!) : tabs.has(tab);
  };

  for (const [name, app] of apps) {
    if (text(app.xml.uiType) !== 'Lightning')
      check(app.file, `the app ${name} is not a Lightning app (uiType ${text(app.xml.uiType) || 'missing'})`);
    const entries = list<unknown>(app.xml.tabs).map(text);
    if (entries.length === 0) check(app.file, `the app ${name} has no tabs`);
    for (const tab of entries)
      if (!tabExists(tab))
        check(app.file, `the app ${name} names the tab ${tab}, which is neither in tabs/ nor standard-<Object>`);
    for (const tab of new Set(entries))
      if (entries.filter((entry) => entry === tab).length > 1) check(app.file, `the app ${name} lists ${tab} twice`);
  }

  for (const [name, tab] of tabs) {
    const page = text(tab.xml.flexiPage);
    if (!page) continue;
    const target = pages.get(page);
    if (!target) check(tab.file, `the tab ${name} opens the page ${page}, which is not in flexipages/`);
    else if (text(target.xml.type) !== 'AppPage')
      check(tab.file, `the tab ${name} opens ${page}, a ${text(target.xml.type)}: a tab opens a Lightning app page`);
  }

  const enabled = new Set<string>();
  for (const set of metadata.files.filter((file) => file.kind === 'permissionset')) {
    const setName = basename(set.file).split('.')[0]!;
    for (const entry of list<Record<string, unknown>>(set.xml.applicationVisibilities)) {
      const app = text(entry.application);
      if (!apps.has(app) && !app.startsWith('standard__'))
        check(set.file, `${setName} makes visible the app ${app}, which is not in applications/`);
    }
    for (const entry of list<Record<string, unknown>>(set.xml.tabSettings)) {
      const tab = text(entry.tab);
      if (!tabExists(tab)) check(set.file, `${setName} sets the tab ${tab}, which is not in tabs/`);
      if (!['Visible', 'Available', 'None'].includes(text(entry.visibility)))
        check(
          set.file,
          `${setName}: the tab ${tab} has visibility ${text(entry.visibility)}, not Visible, Available or None`,
        );
    }
    for (const entry of list<Record<string, unknown>>(set.xml.customPermissions)) {
      const permission = text(entry.name);
      if (!permissions.has(permission))
        check(set.file, `${setName} enables the custom permission ${permission}, which is not in customPermissions/`);
      if (flag(entry.enabled)) enabled.add(permission);
    }
  }
  for (const [name, permission] of permissions)
    if (!enabled.has(name)) check(permission.file, `no permission set enables the custom permission ${name}`);
}
