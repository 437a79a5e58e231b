/** List views, record pages, quick actions, change events, message channels and history tracking name what exists. */
import type { ProjectMetadata } from '../metadata/reader';
import type { ComponentUsage } from './components';
import { changeEventObject, list } from './report';
import type { Report } from './report';
import type { Schema } from './schema';

/** Standard list view columns and filter fields, by object (custom objects share the generic ones). */
const STANDARD_LIST_VIEW_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Account: [
    'ACCOUNT.NAME',
    'ACCOUNT.TYPE',
    'ACCOUNT.INDUSTRY',
    'ACCOUNT.ADDRESS1_COUNTRY',
    'ACCOUNT.RATING',
    'CORE.USERS.ALIAS',
    'ACCOUNT.CREATED_DATE',
    'ACCOUNT.LAST_UPDATE',
    'ACCOUNT.LAST_ACTIVITY',
  ],
  custom: ['NAME', 'CREATED_DATE', 'CREATEDBY_USER.ALIAS', 'LAST_UPDATE', 'UPDATEDBY_USER.ALIAS', 'OWNER.ALIAS'],
};

export function checkListViews(metadata: ProjectMetadata, schema: Schema, report: Report): void {
  for (const object of metadata.objects.values()) {
    const standardNames = STANDARD_LIST_VIEW_FIELDS[object.apiName] ?? STANDARD_LIST_VIEW_FIELDS.custom!;
    for (const view of object.listViews) {
      const known = (name: string) => standardNames.includes(name) || schema.field(object.apiName, name) !== undefined;
      for (const column of view.columns) {
        if (!known(column)) report('list-views', view.file, `column ${column} is not a field of ${object.apiName}`);
      }
      for (const filter of view.filters) {
        if (!known(filter.field)) {
          report('list-views', view.file, `filter on ${filter.field}, which is not a field of ${object.apiName}`);
          continue;
        }
        const field = schema.field(object.apiName, filter.field);
        if (!field) continue;
        if (field.kind === 'boolean' && !['0', '1'].includes(filter.value)) {
          report('list-views', view.file, `filter ${filter.field} = ${filter.value}: a checkbox filter takes 1 or 0`);
        }
        if (field.picklistValues) {
          for (const value of filter.value.split(',')) {
            if (!field.picklistValues.includes(value.trim()))
              report('list-views', view.file, `filter ${filter.field} = ${value}: not a value of the picklist`);
          }
        }
        if (
          (field.kind === 'date' || field.kind === 'datetime') &&
          !/^(\d{4}-\d{2}-\d{2}|[A-Z_]+(:\d+)?)$/.test(filter.value)
        ) {
          report('list-views', view.file, `filter ${filter.field} = ${filter.value}: not a date or date literal`);
        }
      }
    }
  }
}

/** The component target each kind of Lightning page needs. */
const PAGE_TARGETS: Readonly<Record<string, { target: string; pages: string }>> = {
  RecordPage: { target: 'lightning__RecordPage', pages: 'record pages' },
  HomePage: { target: 'lightning__HomePage', pages: 'Home pages' },
  AppPage: { target: 'lightning__AppPage', pages: 'app pages' },
};

export function checkPagesAndActions(
  metadata: ProjectMetadata,
  schema: Schema,
  components: readonly ComponentUsage[],
  report: Report,
): void {
  const byName = new Map(components.map((component) => [component.name, component]));
  for (const file of metadata.files) {
    if (file.kind === 'flexipage') {
      const sobject = String(file.xml.sobjectType ?? '');
      const page = PAGE_TARGETS[String(file.xml.type ?? '')];
      if (!page) report('pages', file.file, `is a ${String(file.xml.type)} page, which metadata:check does not know`);
      for (const region of list<Record<string, unknown>>(file.xml.flexiPageRegions)) {
        for (const item of list<Record<string, unknown>>(region.itemInstances)) {
          const name = String((item.componentInstance as Record<string, unknown> | undefined)?.componentName ?? '');
          if (!name || name.includes(':')) continue;
          const component = byName.get(name);
          if (!component) report('pages', file.file, `places component ${name}, which is not in force-app`);
          else if (page && (!component.exposed || !component.targets.includes(page.target)))
            report('pages', file.file, `places ${name}, which is not exposed for ${page.pages}`);
          else if (
            page?.target === 'lightning__RecordPage' &&
            component.recordPageObjects.length > 0 &&
            !component.recordPageObjects.includes(sobject)
          )
            report('pages', file.file, `places ${name} on ${sobject}, which its target config does not list`);
        }
      }
    }
    if (file.kind === 'quickAction' && file.xml.lightningWebComponent) {
      const component = byName.get(String(file.xml.lightningWebComponent));
      if (!component)
        report(
          'actions',
          file.file,
          `opens component ${String(file.xml.lightningWebComponent)}, which is not in force-app`,
        );
      else if (!component.targets.includes('lightning__RecordAction'))
        report('actions', file.file, `opens ${component.name}, which has no lightning__RecordAction target`);
    }
    if (file.kind === 'platformEventChannelMember') {
      const object = changeEventObject(String(file.xml.selectedEntity));
      if (!schema.hasObject(object))
        report('cdc', file.file, `enables change events for ${object}, which does not exist`);
    }
  }
  const channels = new Set(
    metadata.files
      .filter((file) => file.kind === 'messageChannel')
      .map((file) => file.file.split('/').pop()!.replace('.messageChannel-meta.xml', '')),
  );
  for (const component of components) {
    for (const channel of component.messageChannels) {
      if (!channels.has(channel))
        report(
          'pages',
          component.file,
          `uses message channel ${channel}__c, which is not in force-app/messageChannels`,
        );
    }
  }
}

export function checkHistoryTracking(metadata: ProjectMetadata, report: Report): void {
  // At most 20 tracked fields, and only where history is on: deployChecks.ts.
  if (!metadata.objects.get('Account')?.fields.get('Stance__c')?.trackHistory) {
    report(
      'history',
      'objects/Account/fields/Stance__c.field-meta.xml',
      'Account.Stance__c must have field history tracking',
    );
  }
}
