/** One view of every field Stance may name: custom fields from force-app, standard ones from the built-in description. */
import type { FieldKind } from '../../sidecar/src/domain';
import type { FieldMeta, ProjectMetadata } from '../metadata/reader';
import { STANDARD_OBJECTS, systemFields } from '../metadata/standardObjects';
import type { StandardField } from '../metadata/standardObjects';

export interface FieldFacts {
  readonly object: string;
  readonly field: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly masterDetail: boolean;
  /** Computed (formula, system or read-only standard field): never editable. */
  readonly computed: boolean;
  /** The name a permission set grants it by (Account.BillingAddress for BillingCountry), or null when FLS does not apply. */
  readonly permissionName: string | null;
  readonly picklistValues?: readonly string[];
  readonly restricted: boolean;
  readonly type: string;
  readonly custom?: FieldMeta;
}

const CUSTOM_KINDS: Record<string, FieldKind> = {
  Checkbox: 'boolean',
  Number: 'number',
  Currency: 'number',
  Percent: 'number',
  Text: 'string',
  TextArea: 'string',
  LongTextArea: 'string',
  Html: 'string',
  Picklist: 'string',
  MultiselectPicklist: 'string',
  Email: 'string',
  Phone: 'string',
  Url: 'string',
  AutoNumber: 'string',
  Date: 'date',
  DateTime: 'datetime',
  Lookup: 'id',
  MasterDetail: 'id',
  MetadataRelationship: 'string',
};

const STANDARD_KINDS: Record<string, FieldKind> = {
  id: 'id',
  reference: 'id',
  string: 'string',
  picklist: 'string',
  textarea: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  currency: 'number',
  double: 'number',
  int: 'number',
  percent: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

export class Schema {
  constructor(readonly metadata: ProjectMetadata) {}

  hasObject(object: string): boolean {
    return object in STANDARD_OBJECTS || this.metadata.objects.get(object)?.file !== undefined;
  }

  /** The objects a field list may name: standard ones, and custom ones defined in force-app. */
  objectNames(): string[] {
    const custom = [...this.metadata.objects.values()].filter((object) => object.file).map((object) => object.apiName);
    return [...Object.keys(STANDARD_OBJECTS), ...custom];
  }

  /** The field a permission set entry names (Account.BillingAddress names the billing address fields). */
  byPermissionName(name: string): FieldFacts | undefined {
    const [object, field] = name.split('.') as [string, string];
    const direct = this.field(object, field);
    if (direct) return { ...direct, permissionName: direct.permissionName ?? name };
    const standard = STANDARD_OBJECTS[object]?.fields.find((candidate) => candidate.fls === field);
    return standard ? fromStandard(object, standard) : undefined;
  }

  field(object: string, field: string): FieldFacts | undefined {
    const custom = this.metadata.objects.get(object)?.fields.get(field);
    if (custom) return fromCustom(custom);
    const standard = STANDARD_OBJECTS[object]?.fields.find((candidate) => candidate.name === field);
    if (standard) return fromStandard(object, standard);
    if (this.metadata.objects.get(object)?.file) {
      const system = [...systemFields(), { name: 'Name', type: 'string' as const, label: 'Name' }].find(
        (candidate) => candidate.name === field,
      );
      if (system) return fromStandard(object, { ...system, readOnly: true });
    }
    return undefined;
  }
}

function fromCustom(meta: FieldMeta): FieldFacts {
  const masterDetail = meta.type === 'MasterDetail';
  const computed = meta.formula !== undefined || meta.type === 'AutoNumber';
  return {
    object: meta.object,
    field: meta.apiName,
    kind: CUSTOM_KINDS[meta.type] ?? 'string',
    required: meta.required,
    masterDetail,
    computed,
    permissionName: meta.required || masterDetail ? null : `${meta.object}.${meta.apiName}`,
    ...(meta.picklistValues ? { picklistValues: meta.picklistValues.map((value) => value.apiName) } : {}),
    restricted: meta.restrictedPicklist === true,
    type: meta.type,
    custom: meta,
  };
}

function fromStandard(object: string, field: StandardField): FieldFacts {
  const permissionName =
    field.fls === undefined || field.required ? null : `${object}.${field.fls === true ? field.name : field.fls}`;
  return {
    object,
    field: field.name,
    kind: STANDARD_KINDS[field.type] ?? 'string',
    required: field.required === true,
    masterDetail: false,
    computed: field.readOnly === true,
    permissionName,
    ...(field.picklistValues ? { picklistValues: field.picklistValues } : {}),
    restricted: false,
    type: field.type,
  };
}
