/**
 * The local org's schema: the standard objects Stance uses (built in) plus everything force-app
 * defines (custom objects, custom fields on standard objects, custom metadata types), described
 * the way Salesforce's describe calls describe them. Platform events (__e) are objects too, with
 * the event's system fields instead of a record's: they are published, never stored.
 */
import type { FieldMeta, ObjectMeta, ProjectMetadata } from '../../metadata/reader';
import { STANDARD_OBJECTS, systemFields } from '../../metadata/standardObjects';
import type { StandardField, StandardObject } from '../../metadata/standardObjects';

export type SqlType = 'TEXT' | 'REAL' | 'INTEGER';

export interface PicklistEntry {
  readonly value: string;
  readonly label: string;
  readonly active: boolean;
  readonly defaultValue: boolean;
}

export interface OrgField {
  readonly name: string;
  readonly label: string;
  /** The describe type: id, string, picklist, reference, boolean, double, currency, date, datetime, textarea, ... */
  readonly type: string;
  readonly sqlType: SqlType;
  readonly length: number;
  readonly precision: number;
  readonly scale: number;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate: boolean;
  readonly defaultValue: string | boolean | null;
  readonly picklistValues: readonly PicklistEntry[];
  readonly restrictedPicklist: boolean;
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  readonly cascadeDelete: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly caseSensitive: boolean;
  readonly calculated: boolean;
  readonly calculatedFormula: string | null;
  readonly autoNumber: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  readonly groupable: boolean;
  readonly custom: boolean;
  readonly inlineHelpText: string | null;
}

export interface ChildRelationship {
  readonly relationshipName: string;
  readonly childSObject: string;
  readonly field: string;
  readonly cascadeDelete: boolean;
}

export interface OrgObject {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  readonly customMetadata: boolean;
  /** Read-only through the API (custom metadata, Organization). */
  readonly readOnly: boolean;
  readonly fields: ReadonlyMap<string, OrgField>;
  readonly childRelationships: readonly ChildRelationship[];
  readonly nameField: string | null;
  readonly autoNumberFormat: string | null;
  /** A platform event (__e): creating one publishes it on /event/<name>; it is never stored or queried. */
  readonly platformEvent: PlatformEventInfo | null;
}

export interface PlatformEventInfo {
  /** PublishAfterCommit: delivered once the publishing transaction commits, and not at all when it rolls back. */
  readonly publishAfterCommit: boolean;
  readonly eventType: string;
}

/** The CometD channel of a platform event: /event/Stance_Update__e. */
export function eventChannelOf(object: OrgObject): string {
  return `/event/${object.name}`;
}

const DESCRIBE_TYPES: Record<string, string> = {
  Checkbox: 'boolean',
  Currency: 'currency',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  Number: 'double',
  Percent: 'percent',
  Phone: 'phone',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Html: 'textarea',
  Url: 'url',
  Lookup: 'reference',
  MasterDetail: 'reference',
  AutoNumber: 'string',
  MetadataRelationship: 'string',
};

export function sqlTypeOf(type: string): SqlType {
  if (type === 'boolean' || type === 'int') return 'INTEGER';
  if (type === 'double' || type === 'currency' || type === 'percent') return 'REAL';
  return 'TEXT';
}

function field(partial: Partial<OrgField> & Pick<OrgField, 'name' | 'type'>): OrgField {
  const type = partial.type;
  return {
    label: partial.name,
    sqlType: sqlTypeOf(type),
    length:
      type === 'string' || type === 'picklist'
        ? 255
        : type === 'textarea'
          ? 32768
          : type === 'id' || type === 'reference'
            ? 18
            : 0,
    precision: type === 'double' || type === 'currency' ? 18 : 0,
    scale: type === 'currency' ? 2 : 0,
    nillable: true,
    createable: true,
    updateable: true,
    defaultedOnCreate: false,
    defaultValue: null,
    picklistValues: [],
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    cascadeDelete: false,
    externalId: false,
    unique: false,
    caseSensitive: false,
    calculated: false,
    calculatedFormula: null,
    autoNumber: false,
    filterable: true,
    sortable: true,
    groupable: type !== 'textarea' && type !== 'double' && type !== 'currency',
    custom: false,
    inlineHelpText: null,
    ...partial,
  };
}

function fromStandard(standard: StandardField): OrgField {
  const readOnly = standard.readOnly === true || standard.type === 'id';
  return field({
    name: standard.name,
    label: standard.label,
    type: standard.type,
    ...(standard.length ? { length: standard.length } : {}),
    nillable: !standard.required && standard.type !== 'boolean' && standard.type !== 'id',
    createable: !readOnly,
    updateable: !readOnly,
    defaultedOnCreate: standard.name === 'OwnerId' || readOnly || standard.type === 'boolean',
    defaultValue: standard.type === 'boolean' && !readOnly ? false : null,
    picklistValues: (standard.picklistValues ?? []).map((value) => ({
      value,
      label: value,
      active: true,
      defaultValue: false,
    })),
    referenceTo: standard.referenceTo ? [standard.referenceTo] : [],
    relationshipName: standard.relationshipName ?? null,
  });
}

function fromCustom(meta: FieldMeta): OrgField {
  const formula = meta.formula ?? null;
  const type = DESCRIBE_TYPES[meta.type] ?? 'string';
  const masterDetail = meta.type === 'MasterDetail';
  const autoNumber = meta.type === 'AutoNumber';
  const checkbox = meta.type === 'Checkbox';
  const length =
    meta.type === 'LongTextArea' || meta.type === 'Html'
      ? (meta.length ?? 32768)
      : meta.type === 'TextArea'
        ? 255
        : type === 'string' || type === 'picklist' || type === 'email' || type === 'phone' || type === 'url'
          ? (meta.length ?? 255)
          : type === 'reference'
            ? 18
            : 0;
  const defaultPicklist = meta.picklistValues?.find((value) => value.isDefault)?.apiName ?? null;
  return field({
    name: meta.apiName,
    label: meta.label,
    type,
    length,
    precision: meta.precision ?? (type === 'double' ? 18 : 0),
    scale: meta.scale ?? 0,
    nillable: !checkbox && !masterDetail && !meta.required,
    createable: !formula && !autoNumber,
    updateable: !formula && !autoNumber && !(masterDetail && meta.xml.reparentableMasterDetail !== 'true'),
    defaultedOnCreate: checkbox || defaultPicklist !== null || autoNumber,
    defaultValue: checkbox ? meta.defaultValue === 'true' : defaultPicklist,
    picklistValues: (meta.picklistValues ?? []).map((value) => ({
      value: value.apiName,
      label: value.label,
      active: true,
      defaultValue: value.isDefault,
    })),
    restrictedPicklist: meta.restrictedPicklist === true,
    referenceTo: meta.referenceTo ? [meta.referenceTo] : [],
    // A custom reference's own relationship is its name with __r; the XML's relationshipName names the parent's child relationship.
    relationshipName: type === 'reference' ? meta.apiName.replace(/__c$/, '__r') : null,
    cascadeDelete: masterDetail,
    externalId: meta.externalId,
    unique: meta.xml.unique === 'true',
    caseSensitive: meta.xml.caseSensitive === 'true',
    calculated: formula !== null,
    calculatedFormula: formula,
    autoNumber,
    filterable: meta.type !== 'LongTextArea' && meta.type !== 'Html',
    sortable: meta.type !== 'LongTextArea' && meta.type !== 'Html',
    custom: true,
    inlineHelpText: meta.inlineHelpText ?? null,
  });
}

/** Organization: what `sf org login` and other clients ask of every org. */
const ORGANIZATION: StandardObject = {
  name: 'Organization',
  label: 'Organization',
  labelPlural: 'Organizations',
  keyPrefix: '00D',
  fields: [
    ...systemFields(),
    { name: 'Name', type: 'string', label: 'Name', readOnly: true },
    { name: 'InstanceName', type: 'string', label: 'Instance Name', readOnly: true },
    { name: 'IsSandbox', type: 'boolean', label: 'Is Sandbox', readOnly: true },
    { name: 'TrialExpirationDate', type: 'datetime', label: 'Trial Expiration Date', readOnly: true },
    { name: 'NamespacePrefix', type: 'string', label: 'Namespace Prefix', readOnly: true },
    { name: 'OrganizationType', type: 'string', label: 'Edition', readOnly: true },
  ],
  childRelationships: [],
};

/** Setup objects the sidecar reads: notification types, permission sets and who holds them. */
const SETUP_OBJECTS: readonly StandardObject[] = [
  {
    name: 'CustomNotificationType',
    label: 'Custom Notification Type',
    labelPlural: 'Custom Notification Types',
    keyPrefix: '0ML',
    fields: [
      ...systemFields(),
      { name: 'DeveloperName', type: 'string', label: 'API Name', readOnly: true },
      { name: 'CustomNotifTypeName', type: 'string', label: 'Custom Notification Name', readOnly: true },
    ],
    childRelationships: [],
  },
  {
    name: 'PermissionSet',
    label: 'Permission Set',
    labelPlural: 'Permission Sets',
    keyPrefix: '0PS',
    fields: [
      ...systemFields(),
      { name: 'Name', type: 'string', label: 'Name', readOnly: true },
      { name: 'Label', type: 'string', label: 'Label', readOnly: true },
    ],
    childRelationships: [],
  },
  {
    name: 'PermissionSetAssignment',
    label: 'Permission Set Assignment',
    labelPlural: 'Permission Set Assignments',
    keyPrefix: '0Pa',
    fields: [
      ...systemFields(),
      {
        name: 'AssigneeId',
        type: 'reference',
        label: 'Assignee ID',
        referenceTo: 'User',
        relationshipName: 'Assignee',
        readOnly: true,
      },
      {
        name: 'PermissionSetId',
        type: 'reference',
        label: 'Permission Set ID',
        referenceTo: 'PermissionSet',
        relationshipName: 'PermissionSet',
        readOnly: true,
      },
    ],
    childRelationships: [],
  },
];

/** Objects the API reads but does not write (records come from metadata and setup). */
export const READ_ONLY_STANDARD = new Set(['Organization', ...SETUP_OBJECTS.map((object) => object.name)]);

export class OrgSchema {
  private readonly byLowerName = new Map<string, OrgObject>();
  private readonly byPrefix = new Map<string, OrgObject>();

  constructor(readonly objects: readonly OrgObject[]) {
    for (const object of objects) {
      this.byLowerName.set(object.name.toLowerCase(), object);
      this.byPrefix.set(object.keyPrefix, object);
    }
  }

  /** Object names are case-insensitive in SOQL and REST paths, as in Salesforce. */
  object(name: string): OrgObject | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  objectOfId(id: string): OrgObject | undefined {
    return this.byPrefix.get(id.slice(0, 3));
  }
}

/** Finds a field by name without regard to case. */
export function fieldOf(object: OrgObject, name: string): OrgField | undefined {
  return (
    object.fields.get(name) ??
    [...object.fields.values()].find((candidate) => candidate.name.toLowerCase() === name.toLowerCase())
  );
}

export function buildOrgSchema(metadata: ProjectMetadata): OrgSchema {
  const objects: OrgObject[] = [];
  const customNames = [...metadata.objects.values()]
    .filter((object) => object.file && object.isCustom)
    .map((object) => object.apiName)
    .sort();

  for (const standard of [...Object.values(STANDARD_OBJECTS), ORGANIZATION, ...SETUP_OBJECTS]) {
    const fields = new Map(standard.fields.map((candidate) => [candidate.name, fromStandard(candidate)]));
    for (const custom of metadata.objects.get(standard.name)?.fields.values() ?? [])
      fields.set(custom.apiName, fromCustom(custom));
    objects.push({
      name: standard.name,
      label: standard.label,
      labelPlural: standard.labelPlural,
      keyPrefix: standard.keyPrefix,
      custom: false,
      customMetadata: false,
      readOnly: READ_ONLY_STANDARD.has(standard.name),
      fields,
      childRelationships: standard.childRelationships.map((child) => ({
        ...child,
        childSObject: child.childObject,
        cascadeDelete: false,
      })),
      nameField: fields.has('Name') ? 'Name' : null,
      autoNumberFormat: null,
      platformEvent: null,
    });
  }

  // Platform events take the key prefixes e00, e01, ... in name order, as Salesforce's do.
  const eventNames = customNames.filter((name) => name.endsWith('__e'));
  customNames.forEach((name, index) => {
    const meta = metadata.objects.get(name)!;
    if (name.endsWith('__e')) {
      objects.push(platformEventObject(meta, `e0${eventNames.indexOf(name).toString(36).toUpperCase()}`));
      return;
    }
    const xml = meta.xml ?? {};
    const nameField = (xml.nameField ?? {}) as Record<string, unknown>;
    const customMetadata = name.endsWith('__mdt');
    const detail = [...meta.fields.values()].some((candidate) => candidate.type === 'MasterDetail');
    const fields = new Map<string, OrgField>();
    for (const system of systemFields()) fields.set(system.name, fromStandard(system));
    if (customMetadata) {
      for (const [fieldName, label] of [
        ['DeveloperName', 'Custom Metadata Record Name'],
        ['MasterLabel', 'Label'],
        ['Label', 'Label'],
        ['QualifiedApiName', 'Qualified API Name'],
        ['NamespacePrefix', 'Namespace Prefix'],
        ['Language', 'Master Language'],
      ] as const) {
        fields.set(fieldName, field({ name: fieldName, label, type: 'string', createable: false, updateable: false }));
      }
    } else {
      const autoNumber = nameField.type === 'AutoNumber';
      fields.set(
        'Name',
        field({
          name: 'Name',
          label: String(nameField.label ?? 'Name'),
          type: 'string',
          length: 80,
          autoNumber,
          createable: !autoNumber,
          updateable: !autoNumber,
          defaultedOnCreate: true,
        }),
      );
      if (!detail) {
        fields.set(
          'OwnerId',
          fromStandard({
            name: 'OwnerId',
            type: 'reference',
            label: 'Owner ID',
            referenceTo: 'User',
            relationshipName: 'Owner',
          }),
        );
      }
    }
    for (const custom of meta.fields.values()) fields.set(custom.apiName, fromCustom(custom));
    objects.push({
      name,
      label: meta.label ?? name,
      labelPlural: meta.pluralLabel ?? name,
      keyPrefix: customMetadata
        ? `m0${(index + 10).toString(36).toUpperCase()}`
        : `a0${(index + 10).toString(36).toUpperCase()}`,
      custom: true,
      customMetadata,
      readOnly: customMetadata,
      fields,
      childRelationships: [],
      nameField: customMetadata ? 'DeveloperName' : 'Name',
      autoNumberFormat: nameField.type === 'AutoNumber' ? String(nameField.displayFormat ?? '{0}') : null,
      platformEvent: null,
    });
  });

  // Child relationships of lookups and master-details defined in force-app.
  const byName = new Map(objects.map((object) => [object.name, object]));
  for (const object of objects) {
    for (const candidate of object.fields.values()) {
      if (!candidate.custom || candidate.type !== 'reference') continue;
      const parent = byName.get(candidate.referenceTo[0]!);
      const childName = metadata.objects.get(object.name)?.fields.get(candidate.name)?.relationshipName ?? '';
      if (!parent || !childName) continue;
      (parent.childRelationships as ChildRelationship[]).push({
        relationshipName: childName.endsWith('__r') ? childName : `${childName}__r`,
        childSObject: object.name,
        field: candidate.name,
        cascadeDelete: candidate.cascadeDelete,
      });
    }
  }
  return new OrgSchema(objects);
}

/**
 * A platform event as Salesforce describes one: its system fields (ReplayId, CreatedDate,
 * CreatedById, EventUuid), none of which a publisher sets, and its custom fields, which can be set
 * when publishing and never updated (an event is not a record).
 */
function platformEventObject(meta: ObjectMeta, keyPrefix: string): OrgObject {
  const xml = meta.xml ?? {};
  const system = { createable: false, updateable: false, defaultedOnCreate: true, filterable: false, sortable: false };
  const fields = new Map<string, OrgField>([
    ['ReplayId', field({ name: 'ReplayId', label: 'Replay ID', type: 'string', length: 255, ...system })],
    [
      'CreatedDate',
      field({ name: 'CreatedDate', label: 'Created Date', type: 'datetime', nillable: false, ...system }),
    ],
    [
      'CreatedById',
      field({
        name: 'CreatedById',
        label: 'Created By ID',
        type: 'reference',
        nillable: false,
        referenceTo: ['User'],
        relationshipName: 'CreatedBy',
        ...system,
      }),
    ],
    ['EventUuid', field({ name: 'EventUuid', label: 'Event UUID', type: 'string', length: 36, ...system })],
  ]);
  for (const custom of meta.fields.values()) {
    const described = fromCustom(custom);
    fields.set(custom.apiName, {
      ...described,
      updateable: false,
      filterable: false,
      sortable: false,
      groupable: false,
    });
  }
  return {
    name: meta.apiName,
    label: meta.label ?? meta.apiName,
    labelPlural: meta.pluralLabel ?? meta.apiName,
    keyPrefix,
    custom: true,
    customMetadata: false,
    readOnly: false,
    fields,
    childRelationships: [],
    nameField: null,
    autoNumberFormat: null,
    platformEvent: {
      // Salesforce's default for a new platform event is PublishImmediately.
      publishAfterCommit: String(xml.publishBehavior ?? 'PublishImmediately') === 'PublishAfterCommit',
      eventType: String(xml.eventType ?? 'HighVolume'),
    },
  };
}
