/**
 * describeGlobal and describe answers in the shape jsforce and the sf CLI read, for the calling
 * user as Salesforce answers them: objects they cannot read are absent (and answer NOT_FOUND),
 * createable/updateable/deletable/queryable/retrieveable follow their object permissions, and an
 * object's fields are the ones field-level security lets them read, createable and updateable as
 * it lets them edit. Object, field and picklist value labels and help text are in the user's
 * language (the package's translations), as Salesforce's describe answers them.
 */
import type { UserRights } from '../access/access';
import type { Words } from '../i18n/words';
import type { LocalOrg } from '../org';
import type { OrgObject, OrgSchema } from '../schema/orgSchema';
import { objectNamed, route } from './call';
import type { CallContext, Route } from './call';

const rightsOf = (org: LocalOrg, context: CallContext) => org.access.rightsOf(context.session.userId);

export function describeRoutes(org: LocalOrg): Route[] {
  return [
    route('GET', /^\/sobjects\/?$/, (_m, _q, _b, c) => ({
      status: 200,
      body: describeGlobal(org.schema, c.apiVersion, rightsOf(org, c), org.wordsFor(c.session.userId)),
    })),
    route('GET', /^\/sobjects\/(\w+)\/describe\/?$/, (m, _q, _b, c) => ({
      status: 200,
      body: describeObject(
        objectNamed(org, m[1]!, c),
        org.schema,
        c.apiVersion,
        rightsOf(org, c),
        true,
        org.wordsFor(c.session.userId),
      ),
    })),
    route('GET', /^\/sobjects\/(\w+)\/?$/, (m, _q, _b, c) => ({
      status: 200,
      body: {
        objectDescribe: describeObject(
          objectNamed(org, m[1]!, c),
          org.schema,
          c.apiVersion,
          rightsOf(org, c),
          false,
          org.wordsFor(c.session.userId),
        ),
        recentItems: [],
      },
    })),
  ];
}

function urls(object: OrgObject, version: string) {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function summary(object: OrgObject, version: string, rights: UserRights, words?: Words) {
  const writable = !object.readOnly;
  const may = rights.object(object);
  const base = {
    name: object.name,
    label: words ? words.objectLabel(object) : object.label,
    labelPlural: words ? words.objectPlural(object) : object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    customSetting: false,
    createable: writable && may.create,
    updateable: writable && may.edit,
    deletable: writable && may.delete,
    queryable: may.read,
    retrieveable: may.read,
    searchable: !object.customMetadata,
    triggerable: writable,
    undeletable: writable && may.delete,
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
    createable: may.create,
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

/** Names and labels in the caller's words when given (Salesforce describes in the user's language). */
export function describeGlobal(schema: OrgSchema, version: string, rights: UserRights, words?: Words) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema.objects
      .filter((object) => rights.canRead(object))
      .map((object) => summary(object, version, rights, words)),
  };
}

export function describeObject(
  object: OrgObject,
  schema: OrgSchema,
  version: string,
  rights: UserRights,
  full = true,
  words?: Words,
) {
  const base = summary(object, version, rights, words);
  if (!full) return base;
  return {
    ...base,
    fields: [...object.fields.values()]
      .filter((field) => rights.canReadField(object, field))
      .map((field) => ({
        name: field.name,
        label: words ? words.fieldLabel(object, field) : field.label,
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
        createable: field.createable && base.createable && rights.canEditField(object, field),
        updateable:
          field.updateable &&
          !object.readOnly &&
          !object.platformEvent &&
          rights.object(object).edit &&
          rights.canEditField(object, field),
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
        picklistValues: field.picklistValues.map((entry) => ({
          ...entry,
          label: words ? words.valueLabel(object, field, entry.value) : entry.label,
          validFor: null,
        })),
        restrictedPicklist: field.restrictedPicklist,
        referenceTo: field.referenceTo,
        relationshipName: field.relationshipName,
        cascadeDelete: field.cascadeDelete,
        inlineHelpText: words ? words.helpText(object, field) : field.inlineHelpText,
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
