/** describeGlobal and describe answers in the shape jsforce and the sf CLI read. */
import type { LocalOrg } from '../org';
import type { OrgObject, OrgSchema } from '../schema/orgSchema';
import { objectNamed, route } from './call';
import type { Route } from './call';

export function describeRoutes(org: LocalOrg): Route[] {
  return [
    route('GET', /^\/sobjects\/?$/, (_m, _q, _b, c) => ({
      status: 200,
      body: describeGlobal(org.schema, c.apiVersion),
    })),
    route('GET', /^\/sobjects\/(\w+)\/describe\/?$/, (m, _q, _b, c) => ({
      status: 200,
      body: describeObject(objectNamed(org, m[1]!, c), org.schema, c.apiVersion),
    })),
    route('GET', /^\/sobjects\/(\w+)\/?$/, (m, _q, _b, c) => ({
      status: 200,
      body: {
        objectDescribe: describeObject(objectNamed(org, m[1]!, c), org.schema, c.apiVersion, false),
        recentItems: [],
      },
    })),
  ];
}

function urls(object: OrgObject, version: string) {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function summary(object: OrgObject, version: string) {
  const writable = !object.readOnly;
  const base = {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    customSetting: false,
    createable: writable,
    updateable: writable,
    deletable: writable,
    queryable: true,
    retrieveable: true,
    searchable: !object.customMetadata,
    triggerable: writable,
    undeletable: writable,
    layoutable: writable,
    replicateable: writable,
    mergeable: false,
    feedEnabled: false,
    activateable: false,
    deprecatedAndHidden: false,
    urls: urls(object, version),
  };
  if (!object.platformEvent) return base;
  // A platform event is published (created) only: never queried, retrieved, updated or deleted.
  return {
    ...base,
    custom: true,
    createable: true,
    updateable: false,
    deletable: false,
    queryable: false,
    retrieveable: false,
    searchable: false,
    triggerable: true,
    undeletable: false,
    layoutable: false,
    replicateable: false,
  };
}

export function describeGlobal(schema: OrgSchema, version: string) {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: schema.objects.map((object) => summary(object, version)) };
}

export function describeObject(object: OrgObject, schema: OrgSchema, version: string, full = true) {
  const base = summary(object, version);
  if (!full) return base;
  return {
    ...base,
    fields: [...object.fields.values()].map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type,
      soapType:
        field.type === 'id' || field.type === 'reference'
          ? 'tns:ID'
          : `xsd:${field.sqlType === 'REAL' ? 'double' : field.type === 'boolean' ? 'boolean' : field.type === 'date' ? 'date' : field.type === 'datetime' ? 'dateTime' : 'string'}`,
      length: field.length,
      precision: field.precision,
      scale: field.scale,
      byteLength: field.length * 3,
      digits: 0,
      nillable: field.nillable,
      createable: field.createable && !object.readOnly,
      updateable: field.updateable && !object.readOnly,
      defaultedOnCreate: field.defaultedOnCreate,
      defaultValue: field.defaultValue,
      calculated: field.calculated,
      calculatedFormula: field.calculatedFormula,
      autoNumber: field.autoNumber,
      custom: field.custom,
      externalId: field.externalId,
      unique: field.unique,
      caseSensitive: field.caseSensitive,
      idLookup: field.name === 'Id' || field.externalId,
      nameField: field.name === object.nameField,
      filterable: field.filterable,
      sortable: field.sortable,
      groupable: field.groupable,
      picklistValues: field.picklistValues.map((entry) => ({ ...entry, validFor: null })),
      restrictedPicklist: field.restrictedPicklist,
      referenceTo: field.referenceTo,
      relationshipName: field.relationshipName,
      cascadeDelete: field.cascadeDelete,
      inlineHelpText: field.inlineHelpText,
      htmlFormatted: false,
      dependentPicklist: false,
      deprecatedAndHidden: false,
      permissionable: field.custom && field.nillable,
    })),
    childRelationships: object.childRelationships.map((child) => ({
      childSObject: child.childSObject,
      field: child.field,
      relationshipName: child.relationshipName,
      cascadeDelete: child.cascadeDelete,
      deprecatedAndHidden: false,
      restrictedDelete: false,
    })),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }],
    compactLayoutable: false,
    hasSubtypes: false,
    isSubtype: false,
    sobjectDescribeOption: 'FULL',
    listviewable: null,
    lookupLayoutable: null,
    searchLayoutable: !object.customMetadata && !object.platformEvent,
    networkScopeFieldName: null,
    actionOverrides: [],
    namedLayoutInfos: [],
  };
}
