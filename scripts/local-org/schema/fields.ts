/** Fields as describe describes them, from the built-in standard fields and from CustomField metadata. */
import type { FieldMeta } from '../../metadata/reader';
import type { StandardField } from '../../metadata/standardObjects';
import type { OrgField, SqlType } from './orgSchema';

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

export function field(partial: Partial<OrgField> & Pick<OrgField, 'name' | 'type'>): OrgField {
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
    groupable: type !== 'textarea' && type !== 'double' && type !== 'currency' && type !== 'multipicklist',
    custom: false,
    inlineHelpText: null,
    ...partial,
  };
}

export function fromStandard(standard: StandardField): OrgField {
  const readOnly = standard.readOnly === true || standard.type === 'id';
  return field({
    name: standard.name,
    label: standard.label,
    type: standard.type,
    ...(standard.length ? { length: standard.length } : {}),
    nillable: !standard.required && standard.type !== 'boolean' && standard.type !== 'id',
    createable: !readOnly,
    updateable: !readOnly && standard.createOnly !== true,
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

export function fromCustom(meta: FieldMeta): OrgField {
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
          : type === 'multipicklist'
            ? 4099
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
    // Salesforce neither sorts nor groups by a multi-select picklist.
    sortable: meta.type !== 'LongTextArea' && meta.type !== 'Html' && type !== 'multipicklist',
    groupable: type !== 'textarea' && type !== 'double' && type !== 'currency' && type !== 'multipicklist',
    custom: true,
    inlineHelpText: meta.inlineHelpText ?? null,
  });
}

/** Organization: what `sf org login` and other clients ask of every org. */
