/**
 * Checks force-app against what Salesforce accepts and what Stance's code expects, without an
 * org: well-formed XML; every field the components, the engine and the custom metadata records
 * name exists with a compatible type; picklists equal the engine's enums; permission sets grant
 * what the components and the sidecar use and never a required or master-detail field; custom
 * metadata uses only types it may have; list views, pages and actions name things that exist.
 */
import { join } from 'node:path';
import {
  MARKET_SIGNAL_EFFECTS,
  MARKET_SIGNAL_KINDS,
  SIGNAL_SOURCES,
  SIGNAL_STATUSES,
  SNAPSHOT_FIELDS,
  STANCES,
  TRIGGER_CATALOG,
  TRIGGER_CODES,
  TRIGGER_KINDS,
  WRITTEN_FIELDS,
} from '../../sidecar/src/domain';
import type { FieldUse } from '../../sidecar/src/domain';
import { readProjectMetadata } from '../metadata/reader';
import type { MetadataFile, ProjectMetadata } from '../metadata/reader';
import { readComponents } from './components';
import type { ComponentUsage } from './components';
import { Schema } from './schema';

export interface MetadataProblem {
  readonly check: string;
  readonly file: string;
  readonly message: string;
}

/** Who each component is for: its permission set must grant what it reads, writes and creates. */
export const COMPONENT_AUDIENCE: Readonly<Record<string, string>> = {
  stancePanel: 'Stance_User',
  stanceChecklist: 'Stance_User',
  reportSignal: 'Stance_User',
  stanceOverride: 'Stance_Manager',
};
export const INTEGRATION_PERMISSION_SET = 'Stance_Integration';
/** Each grants at least what the one before it grants. */
export const PERMISSION_LADDER = ['Stance_User', 'Stance_Manager', 'Stance_Admin'];
const CONFIG_TYPES = ['Stance_Strategy__mdt', 'Stance_Rule__mdt', 'Stance_Trigger__mdt'];

/** Field types a custom metadata type may have (no multi-select picklist, currency, lookup, formula, ...). */
export const CUSTOM_METADATA_FIELD_TYPES = [
  'Checkbox',
  'Date',
  'DateTime',
  'Email',
  'MetadataRelationship',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Text',
  'TextArea',
  'LongTextArea',
  'Url',
];

/** Picklists whose values are the engine's vocabulary. */
const ENUM_PICKLISTS: ReadonlyArray<[string, string, readonly string[]]> = [
  ['Account', 'Stance__c', STANCES],
  ['Account', 'Stance_Computed__c', STANCES],
  ['Account', 'Stance_Override__c', STANCES],
  ['Stance_Change__c', 'From__c', STANCES],
  ['Stance_Change__c', 'To__c', STANCES],
  ['Stance_Signal__c', 'Trigger__c', TRIGGER_CODES],
  ['Stance_Signal__c', 'Status__c', SIGNAL_STATUSES],
  ['Stance_Signal__c', 'Source__c', SIGNAL_SOURCES],
  ['Market_Signal__c', 'Kind__c', MARKET_SIGNAL_KINDS],
  ['Market_Signal__c', 'Effect__c', MARKET_SIGNAL_EFFECTS],
  ['Stance_Rule__mdt', 'Stance__c', STANCES],
  ['Stance_Trigger__mdt', 'Code__c', TRIGGER_CODES],
  ['Stance_Trigger__mdt', 'Stance__c', ['Attack', 'Defend', 'Fire']],
  ['Stance_Trigger__mdt', 'Kind__c', TRIGGER_KINDS],
];

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
  ],
  custom: ['NAME', 'CREATED_DATE', 'CREATEDBY_USER.ALIAS', 'LAST_UPDATE', 'UPDATEDBY_USER.ALIAS', 'OWNER.ALIAS'],
};

export interface CheckResult {
  readonly problems: readonly MetadataProblem[];
  readonly counts: { readonly files: number; readonly components: number; readonly permissionSets: number };
}

export function checkMetadata(sourceDir: string, projectRoot: string): CheckResult {
  const metadata = readProjectMetadata(sourceDir, projectRoot);
  const schema = new Schema(metadata);
  const components = readComponents(join(sourceDir, 'lwc'), projectRoot);
  const problems: MetadataProblem[] = [];
  const report = (check: string, file: string, message: string) => problems.push({ check, file, message });

  for (const problem of metadata.xmlProblems) {
    report('xml', problem.file, `not well-formed XML at ${problem.line}:${problem.column}: ${problem.message}`);
  }
  checkFieldUses(schema, components, report);
  checkPicklists(schema, report);
  checkCustomMetadata(metadata, schema, report);
  checkPermissionSets(metadata, schema, components, report);
  checkListViews(metadata, schema, report);
  checkPagesAndActions(metadata, schema, components, report);
  checkHistoryTracking(metadata, report);

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

type Report = (check: string, file: string, message: string) => void;

function checkFieldUses(schema: Schema, components: readonly ComponentUsage[], report: Report): void {
  for (const component of components) {
    for (const ref of component.reads) {
      if (!schema.hasObject(ref.object))
        report(
          'fields',
          component.file,
          `@salesforce/schema/${ref.object}.${ref.field}: no object ${ref.object} in force-app or the standard objects`,
        );
      else if (!schema.field(ref.object, ref.field))
        report(
          'fields',
          component.file,
          `@salesforce/schema/${ref.object}.${ref.field}: ${ref.object} has no field ${ref.field}`,
        );
    }
    for (const object of component.creates) {
      if (!schema.hasObject(object)) report('fields', component.file, `creates ${object}, which does not exist`);
    }
  }
  const engineFile = 'sidecar/src/domain/snapshotFields.ts';
  for (const use of [...SNAPSHOT_FIELDS, ...WRITTEN_FIELDS]) {
    const field = schema.field(use.object, use.field);
    if (!field) report('fields', engineFile, `the engine uses ${use.object}.${use.field}, which does not exist`);
    else if (field.kind !== use.kind)
      report(
        'fields',
        engineFile,
        `the engine reads ${use.object}.${use.field} as ${use.kind}, but it is ${field.type} (${field.kind})`,
      );
  }
}

function checkPicklists(schema: Schema, report: Report): void {
  for (const [object, fieldName, expected] of ENUM_PICKLISTS) {
    const field = schema.field(object, fieldName);
    const file = field?.custom?.file ?? `objects/${object}`;
    if (!field || !field.picklistValues) {
      report('picklists', file, `${object}.${fieldName} must be a picklist of ${expected.join(', ')}`);
      continue;
    }
    if (field.picklistValues.join('|') !== expected.join('|')) {
      report(
        'picklists',
        file,
        `${object}.${fieldName} values ${field.picklistValues.join(', ')} differ from the engine's ${expected.join(', ')}`,
      );
    }
    if (!field.restricted) report('picklists', file, `${object}.${fieldName} must be a restricted picklist`);
  }
  const trigger = schema.field('Stance_Signal__c', 'Trigger__c')?.custom;
  for (const value of trigger?.picklistValues ?? []) {
    const entry = TRIGGER_CATALOG.find((candidate) => candidate.code === value.apiName);
    if (entry && entry.label !== value.label) {
      report(
        'picklists',
        trigger!.file,
        `Trigger__c label of ${value.apiName} is "${value.label}", the catalog says "${entry.label}"`,
      );
    }
  }
}

function checkCustomMetadata(metadata: ProjectMetadata, schema: Schema, report: Report): void {
  for (const object of metadata.objects.values()) {
    if (!object.isCustomMetadata) continue;
    for (const field of object.fields.values()) {
      if (!CUSTOM_METADATA_FIELD_TYPES.includes(field.type) || field.formula !== undefined) {
        report(
          'custom-metadata',
          field.file,
          `${object.apiName}.${field.apiName} is a ${field.formula ? 'formula' : field.type}, which custom metadata types cannot have`,
        );
      }
    }
  }
  for (const record of metadata.customMetadata) {
    const type = metadata.objects.get(record.type);
    if (!type) {
      report('custom-metadata', record.file, `record of ${record.type}, which is not defined in force-app`);
      continue;
    }
    for (const [name, value] of Object.entries(record.values)) {
      const field = schema.field(record.type, name);
      if (!field) {
        report('custom-metadata', record.file, `${record.type} has no field ${name}`);
        continue;
      }
      if (value === null) continue;
      const valueKind = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string';
      const fieldKind = field.kind === 'date' || field.kind === 'datetime' ? 'string' : field.kind;
      if (valueKind !== fieldKind)
        report(
          'custom-metadata',
          record.file,
          `${name} holds a ${valueKind}, but ${record.type}.${name} is ${field.type}`,
        );
      if (field.picklistValues && typeof value === 'string' && !field.picklistValues.includes(value)) {
        report('custom-metadata', record.file, `${name} = ${value} is not a value of ${record.type}.${name}`);
      }
    }
    for (const field of type.fields.values()) {
      const value = record.values[field.apiName];
      if (field.required && (value === undefined || value === null || value === '')) {
        report('custom-metadata', record.file, `${field.apiName} is required on ${record.type}`);
      }
    }
  }
}

interface Grants {
  readonly file: string;
  readonly fields: ReadonlyMap<string, { readable: boolean; editable: boolean }>;
  readonly objects: ReadonlyMap<string, Record<string, boolean>>;
  readonly metadataTypes: ReadonlySet<string>;
  readonly userPermissions: ReadonlySet<string>;
}

const list = <T>(value: unknown): T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T];
const flag = (value: unknown) => String(value) === 'true';

function grantsOf(file: MetadataFile): Grants {
  const xml = file.xml;
  return {
    file: file.file,
    fields: new Map(
      list<Record<string, unknown>>(xml.fieldPermissions).map((entry) => [
        String(entry.field),
        { readable: flag(entry.readable), editable: flag(entry.editable) },
      ]),
    ),
    objects: new Map(
      list<Record<string, unknown>>(xml.objectPermissions).map((entry) => [
        String(entry.object),
        Object.fromEntries(Object.entries(entry).map(([key, value]) => [key, flag(value)])),
      ]),
    ),
    metadataTypes: new Set(
      list<Record<string, unknown>>(xml.customMetadataTypeAccesses)
        .filter((e) => flag(e.enabled))
        .map((e) => String(e.name)),
    ),
    userPermissions: new Set(
      list<Record<string, unknown>>(xml.userPermissions)
        .filter((e) => flag(e.enabled))
        .map((e) => String(e.name)),
    ),
  };
}

function checkPermissionSets(
  metadata: ProjectMetadata,
  schema: Schema,
  components: readonly ComponentUsage[],
  report: Report,
): void {
  const sets = new Map(
    metadata.files
      .filter((file) => file.kind === 'permissionset')
      .map((file) => [file.file.split('/').pop()!.replace('.permissionset-meta.xml', ''), grantsOf(file)]),
  );

  for (const grants of sets.values()) {
    for (const [name, access] of grants.fields) {
      const facts = schema.byPermissionName(name);
      if (!facts) {
        report('permissions', grants.file, `grants ${name}, which does not exist`);
        continue;
      }
      if (facts.required || facts.masterDetail) {
        report(
          'permissions',
          grants.file,
          `grants ${name}, a ${facts.masterDetail ? 'master-detail' : 'required'} field: permission sets cannot include it (the deployment fails)`,
        );
      } else if (facts.computed && access.editable) {
        report('permissions', grants.file, `grants edit on ${name}, which is computed and cannot be edited`);
      }
      if (access.editable && !access.readable)
        report('permissions', grants.file, `grants edit without read on ${name}`);
    }
    for (const object of grants.objects.keys()) {
      if (!schema.hasObject(object))
        report('permissions', grants.file, `grants access to ${object}, which does not exist`);
    }
  }

  const need = (setName: string, why: string, object: string, field: string, edit: boolean) => {
    const grants = sets.get(setName);
    if (!grants) return;
    const facts = schema.field(object, field);
    if (!facts || !facts.permissionName) return;
    const access = grants.fields.get(facts.permissionName);
    if (!access?.readable || (edit && !access.editable)) {
      report(
        'permissions',
        grants.file,
        `${why} ${edit ? 'writes' : 'reads'} ${object}.${field}, but ${setName} does not grant ${edit ? 'edit on' : 'read on'} ${facts.permissionName}`,
      );
    }
  };
  const needObject = (setName: string, why: string, object: string, permission: string) => {
    const grants = sets.get(setName);
    if (grants && !grants.objects.get(object)?.[permission]) {
      report('permissions', grants.file, `${why} needs ${permission} on ${object}, which ${setName} does not grant`);
    }
  };

  for (const setName of [
    ...new Set(Object.values(COMPONENT_AUDIENCE)),
    INTEGRATION_PERMISSION_SET,
    ...PERMISSION_LADDER,
  ]) {
    if (!sets.has(setName)) report('permissions', 'permissionsets', `permission set ${setName} is missing`);
  }
  for (const component of components) {
    const audience = COMPONENT_AUDIENCE[component.name];
    if (!audience) continue;
    for (const ref of component.reads) need(audience, `component ${component.name}`, ref.object, ref.field, false);
    for (const ref of component.writes) need(audience, `component ${component.name}`, ref.object, ref.field, true);
    for (const object of component.creates) needObject(audience, `component ${component.name}`, object, 'allowCreate');
  }

  const integration = `the sidecar (${INTEGRATION_PERMISSION_SET})`;
  const changeEventObjects = new Set(
    metadata.files
      .filter((f) => f.kind === 'platformEventChannelMember')
      .map((f) => changeEventObject(String(f.xml.selectedEntity))),
  );
  const readObjects = new Set(SNAPSHOT_FIELDS.map((use) => use.object));
  for (const use of SNAPSHOT_FIELDS) need(INTEGRATION_PERMISSION_SET, integration, use.object, use.field, false);
  for (const use of WRITTEN_FIELDS) need(INTEGRATION_PERMISSION_SET, integration, use.object, use.field, true);
  for (const object of readObjects)
    needObject(
      INTEGRATION_PERMISSION_SET,
      integration,
      object,
      changeEventObjects.has(object) ? 'viewAllRecords' : 'allowRead',
    );
  for (const object of new Set(WRITTEN_FIELDS.map((use: FieldUse) => use.object))) {
    needObject(INTEGRATION_PERMISSION_SET, integration, object, object === 'Account' ? 'allowEdit' : 'allowCreate');
  }
  for (const setName of [INTEGRATION_PERMISSION_SET, 'Stance_Admin']) {
    const grants = sets.get(setName);
    for (const type of CONFIG_TYPES) {
      if (grants && !grants.metadataTypes.has(type)) report('permissions', grants.file, `${setName} must read ${type}`);
    }
  }
  const integrationGrants = sets.get(INTEGRATION_PERMISSION_SET);
  for (const permission of ['ApiEnabled', 'SendCustomNotifications']) {
    if (integrationGrants && !integrationGrants.userPermissions.has(permission))
      report('permissions', integrationGrants.file, `${INTEGRATION_PERMISSION_SET} needs ${permission}`);
  }

  for (let i = 1; i < PERMISSION_LADDER.length; i++) {
    const lower = sets.get(PERMISSION_LADDER[i - 1]!);
    const upper = sets.get(PERMISSION_LADDER[i]!);
    if (!lower || !upper) continue;
    for (const [name, access] of lower.fields) {
      const above = upper.fields.get(name);
      if (!above?.readable || (access.editable && !above.editable))
        report(
          'permissions',
          upper.file,
          `${PERMISSION_LADDER[i]} grants less than ${PERMISSION_LADDER[i - 1]} on ${name}`,
        );
    }
  }
}

/** AccountChangeEvent -> Account; Stance_Signal__ChangeEvent -> Stance_Signal__c. */
function changeEventObject(entity: string): string {
  return entity.endsWith('__ChangeEvent')
    ? entity.replace(/__ChangeEvent$/, '__c')
    : entity.replace(/ChangeEvent$/, '');
}

function checkListViews(metadata: ProjectMetadata, schema: Schema, report: Report): void {
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

function checkPagesAndActions(
  metadata: ProjectMetadata,
  schema: Schema,
  components: readonly ComponentUsage[],
  report: Report,
): void {
  const byName = new Map(components.map((component) => [component.name, component]));
  for (const file of metadata.files) {
    if (file.kind === 'flexipage') {
      const sobject = String(file.xml.sobjectType ?? '');
      for (const region of list<Record<string, unknown>>(file.xml.flexiPageRegions)) {
        for (const item of list<Record<string, unknown>>(region.itemInstances)) {
          const name = String((item.componentInstance as Record<string, unknown> | undefined)?.componentName ?? '');
          if (!name || name.includes(':')) continue;
          const component = byName.get(name);
          if (!component) report('pages', file.file, `places component ${name}, which is not in force-app`);
          else if (!component.exposed || !component.targets.includes('lightning__RecordPage'))
            report('pages', file.file, `places ${name}, which is not exposed for record pages`);
          else if (component.recordPageObjects.length > 0 && !component.recordPageObjects.includes(sobject))
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

function checkHistoryTracking(metadata: ProjectMetadata, report: Report): void {
  for (const object of metadata.objects.values()) {
    const tracked = [...object.fields.values()].filter((field) => field.trackHistory);
    if (tracked.length > 20)
      report('history', tracked[0]!.file, `${object.apiName} tracks ${tracked.length} fields; Salesforce allows 20`);
  }
  if (!metadata.objects.get('Account')?.fields.get('Stance__c')?.trackHistory) {
    report(
      'history',
      'objects/Account/fields/Stance__c.field-meta.xml',
      'Account.Stance__c must have field history tracking',
    );
  }
}
