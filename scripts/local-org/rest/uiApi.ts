/**
 * The subset of the UI API that Lightning Data Service uses for Stance's components: record
 * representations (get, create, update, delete), object info with picklist values, and related
 * list records. Shapes follow the UI API's record and object-info representations. Labels and
 * picklist display values are in the signed-in person's language (User.LanguageLocaleKey).
 */
import { ApiError, notFound } from '../errors';
import type { Words } from '../i18n/words';
import { normaliseId } from '../ids';
import type { LocalOrg } from '../org';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { runQuery } from '../soql/query';
import { MASTER_RECORD_TYPE_ID, picklistValues } from './picklistValues';
import { relatedListInfo } from './relatedListInfo';
import { asRecordSave } from './recordError';
import { route } from './call';
import type { Answer, CallContext, Route } from './call';

const DATA_TYPES: Record<string, string> = {
  id: 'String',
  string: 'String',
  picklist: 'Picklist',
  multipicklist: 'MultiPicklist',
  reference: 'Reference',
  boolean: 'Boolean',
  double: 'Double',
  int: 'Int',
  currency: 'Currency',
  percent: 'Percent',
  date: 'Date',
  datetime: 'DateTime',
  textarea: 'TextArea',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
};

/** Records, object info and related lists as Lightning Data Service asks for them. */
export function uiApiRoutes(org: LocalOrg, ui: UiApi): Route[] {
  return [
    route('GET', /^\/ui-api\/records\/(\w{15,18})\/?$/, (m, q, _b, c) => ui.record(m[1]!, q, c)),
    route('POST', /^\/ui-api\/records\/?$/, (_m, _q, b, c) => ui.create(b, c)),
    route('PATCH', /^\/ui-api\/records\/(\w{15,18})\/?$/, (m, _q, b, c) => ui.update(m[1]!, b, c)),
    route('DELETE', /^\/ui-api\/records\/(\w{15,18})\/?$/, (m, _q, _b, c) => ui.remove(m[1]!, c)),
    route('GET', /^\/ui-api\/object-info\/(\w+)\/picklist-values\/(\w+)\/(\w+)\/?$/, (m, _q, _b, c) =>
      picklistValues(org, m[1]!, m[2]!, m[3]!, c),
    ),
    route('GET', /^\/ui-api\/object-info\/(\w+)\/?$/, (m, _q, _b, c) => ui.objectInfo(m[1]!, c)),
    route('GET', /^\/ui-api\/related-list-info\/(\w+)\/(\w+)\/?$/, (m, q, _b, c) =>
      relatedListInfo(org, m[1]!, m[2]!, q, c),
    ),
    route('GET', /^\/ui-api\/related-list-records\/(\w{15,18})\/(\w+)\/?$/, (m, q, _b, c) =>
      ui.relatedListRecords(m[1]!, m[2]!, q, c),
    ),
  ];
}

export class UiApi {
  constructor(private readonly org: LocalOrg) {}

  private objectOf(id: string): OrgObject {
    const object = this.org.schema.objectOfId(id);
    // A platform event's publish id names no record.
    if (!object || object.platformEvent) throw notFound(`No record found for ${id}`);
    return object;
  }

  /** Field names of `Object.Field` form for this object (spanning ones like Account.Owner.Name too). */
  private requested(object: OrgObject, params: URLSearchParams): { fields: string[]; optional: string[] } {
    const names = (key: string) =>
      (params.get(key) ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .filter((name) => name.split('.')[0] === object.name)
        .map((name) => name.split('.').slice(1).join('.'));
    return { fields: names('fields'), optional: names('optionalFields') };
  }

  record(id: string, params: URLSearchParams, context: CallContext): Answer {
    const normalised = normaliseId(id);
    if (!normalised) throw notFound();
    const object = this.objectOf(normalised);
    const { fields, optional } = this.requested(object, params);
    for (const name of fields) {
      if (!this.resolvable(object, name, context))
        throw new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'`);
    }
    const usable = [...fields, ...optional.filter((name) => this.resolvable(object, name, context))];
    return { status: 200, body: this.representation(object, normalised, usable, context) };
  }

  /** The words of the signed-in person's language. */
  wordsOf(context: CallContext): Words {
    return this.org.wordsFor(context.session.userId);
  }

  /** Whether a field path exists and the caller may read every field along it (field-level security). */
  private resolvable(object: OrgObject, path: string, context: CallContext): boolean {
    const rights = this.org.access.rightsOf(context.session.userId);
    const parts = path.split('.');
    let current = object;
    for (const part of parts.slice(0, -1)) {
      const reference = [...current.fields.values()].find((field) => field.relationshipName === part);
      if (!reference || !rights.canReadField(current, reference)) return false;
      current = this.org.schema.object(reference.referenceTo[0]!)!;
    }
    const field = fieldOf(current, parts[parts.length - 1]!);
    return field !== undefined && rights.canReadField(current, field);
  }

  /** One record as the UI API represents it, with the fields asked for (and the system ones). */
  representation(
    object: OrgObject,
    id: string,
    paths: readonly string[],
    context: CallContext,
  ): Record<string, unknown> {
    const select = [...new Set(['Id', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp', ...paths])];
    const result = runQuery(this.org.store, `SELECT ${select.join(', ')} FROM ${object.name} WHERE Id = '${id}'`, {
      apiVersion: context.apiVersion,
      userId: context.session.userId,
      now: this.org.clock(),
    });
    const row = result.records[0];
    if (!row) throw notFound(`No record found for ${id}`);
    return this.shape(object, row, paths, this.wordsOf(context));
  }

  /**
   * A query result row as a record representation; paths name fields as the schema spells them;
   * picklists' display values in these words (the master labels without).
   */
  shape(
    object: OrgObject,
    row: Record<string, unknown>,
    paths: readonly string[],
    words?: Words,
  ): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const path of paths) {
      const [first, ...rest] = path.split('.');
      if (rest.length === 0) {
        const field = fieldOf(object, first!)!;
        fields[field.name] = fieldValue(object, field, row[field.name], words);
        continue;
      }
      const reference = [...object.fields.values()].find((field) => field.relationshipName === first)!;
      const parent = row[first!] as Record<string, unknown> | null;
      const parentObject = this.org.schema.object(reference.referenceTo[0]!)!;
      const existing = fields[first!] as { value: Record<string, unknown> | null } | undefined;
      const nested = parent
        ? this.shape(
            parentObject,
            { ...parent, Id: (parent.attributes as { url: string }).url.split('/').pop() },
            [rest.join('.')],
            words,
          )
        : null;
      if (!nested) {
        fields[first!] = { displayValue: null, value: null };
      } else if (existing?.value) {
        Object.assign(existing.value.fields as Record<string, unknown>, nested.fields as Record<string, unknown>);
      } else {
        fields[first!] = { displayValue: null, value: nested };
      }
    }
    return {
      apiName: object.name,
      childRelationships: {},
      eTag: `${String(row.Id)}-${String(row.SystemModstamp ?? '')}`,
      fields,
      id: row.Id ?? (row.attributes as { url?: string } | undefined)?.url?.split('/').pop(),
      lastModifiedById: row.LastModifiedById ?? null,
      lastModifiedDate: row.LastModifiedDate ?? null,
      recordTypeId: MASTER_RECORD_TYPE_ID,
      recordTypeInfo: null,
      systemModstamp: row.SystemModstamp ?? null,
      weakEtag: Date.parse(String(row.SystemModstamp ?? 0)) || 0,
    };
  }

  create(body: unknown, context: CallContext): Answer {
    const { apiName, fields } = (body ?? {}) as { apiName?: string; fields?: Record<string, unknown> };
    const object = this.org.schema.object(apiName ?? '');
    if (!object || !fields) throw new ApiError(400, 'INVALID_INPUT', 'apiName and fields are required');
    if (object.platformEvent) {
      throw new ApiError(
        400,
        'INVALID_TYPE',
        `${object.name} is a platform event: the UI API does not create records of it (Lightning Data Service cannot publish events; publish it through the REST API, Apex or a flow)`,
      );
    }
    const write = this.org.context(context.session.userId, context.client, context.apiVersion);
    const id = asRecordSave(object, this.wordsOf(context), 'create', () =>
      this.org.write(write, () => this.org.store.create(object.name, fields, write)),
    );
    return { status: 201, body: this.representation(object, id, Object.keys(fields), context) };
  }

  update(id: string, body: unknown, context: CallContext): Answer {
    const { fields } = (body ?? {}) as { fields?: Record<string, unknown> };
    const normalised = normaliseId(id);
    if (!normalised || !fields) throw new ApiError(400, 'INVALID_INPUT', 'fields are required');
    const object = this.objectOf(normalised);
    const write = this.org.context(context.session.userId, context.client, context.apiVersion);
    const { Id: _id, ...values } = fields;
    asRecordSave(object, this.wordsOf(context), 'update', () =>
      this.org.write(write, () => this.org.store.update(object.name, normalised, values, write)),
    );
    return { status: 200, body: this.representation(object, normalised, Object.keys(values), context) };
  }

  remove(id: string, context: CallContext): Answer {
    const normalised = normaliseId(id);
    if (!normalised) throw notFound();
    const object = this.objectOf(normalised);
    const write = this.org.context(context.session.userId, context.client, context.apiVersion);
    this.org.write(write, () => this.org.store.delete(object.name, normalised, write));
    return { status: 204 };
  }

  /**
   * Object info as the caller sees it: what they may do to the object (createable, updateable,
   * deletable) and to each field they may read; fields they cannot read are left out.
   */
  objectInfo(name: string, context: CallContext): Answer {
    const object = this.org.schema.object(name);
    const rights = this.org.access.rightsOf(context.session.userId);
    if (!object || !rights.canRead(object)) throw notFound(`Object ${name} is not supported in UI API`);
    const may = rights.object(object);
    const words = this.wordsOf(context);
    const fields = Object.fromEntries(
      [...object.fields.values()]
        .filter((field) => rights.canReadField(object, field))
        .map((field) => [
          field.name,
          {
            apiName: field.name,
            calculated: field.calculated,
            compound: false,
            controllingFields: [],
            createable: field.createable && !object.readOnly && may.create && rights.canEditField(object, field),
            custom: field.custom,
            dataType: DATA_TYPES[field.type] ?? 'String',
            externalId: field.externalId,
            filterable: field.filterable,
            inlineHelpText: words.helpText(object, field),
            label: words.fieldLabel(object, field),
            length: field.length,
            nameField: field.name === object.nameField,
            precision: field.precision,
            reference: field.type === 'reference',
            referenceToInfos: field.referenceTo.map((apiName) => ({ apiName, nameFields: ['Name'] })),
            relationshipName: field.relationshipName,
            required: !field.nillable && field.createable && !field.defaultedOnCreate,
            scale: field.scale,
            sortable: field.sortable,
            unique: field.unique,
            updateable: field.updateable && !object.readOnly && may.edit && rights.canEditField(object, field),
          },
        ]),
    );
    return {
      status: 200,
      body: {
        apiName: object.name,
        label: words.objectLabel(object),
        labelPlural: words.objectPlural(object),
        keyPrefix: object.keyPrefix,
        custom: object.custom,
        createable: !object.readOnly && may.create,
        updateable: !object.readOnly && !object.platformEvent && may.edit,
        deletable: !object.readOnly && !object.platformEvent && may.delete,
        queryable: !object.platformEvent,
        defaultRecordTypeId: MASTER_RECORD_TYPE_ID,
        recordTypeInfos: {
          [MASTER_RECORD_TYPE_ID]: {
            available: true,
            defaultRecordTypeMapping: true,
            master: true,
            name: 'Master',
            recordTypeId: MASTER_RECORD_TYPE_ID,
          },
        },
        nameFields: object.nameField ? [object.nameField] : [],
        fields,
        childRelationships: object.childRelationships.map((child) => ({
          childObjectApiName: child.childSObject,
          fieldName: child.field,
          relationshipName: child.relationshipName,
        })),
        themeInfo: null,
      },
    };
  }

  relatedListRecords(parentId: string, relatedListId: string, params: URLSearchParams, context: CallContext): Answer {
    const normalised = normaliseId(parentId);
    if (!normalised) throw notFound();
    const parent = this.objectOf(normalised);
    const relationship = parent.childRelationships.find((child) => child.relationshipName === relatedListId);
    if (!relationship) throw notFound(`No related list ${relatedListId} on ${parent.name}`);
    const child = this.org.schema.object(relationship.childSObject)!;
    const { fields, optional } = this.requested(child, params);
    const paths = [...fields, ...optional.filter((name) => this.resolvable(child, name, context))];
    const pageSize = Math.min(2000, Number(params.get('pageSize') ?? 50));
    const sortBy = params.get('sortBy');
    const order = sortBy
      ? ` ORDER BY ${sortBy.replace(/^-/, '').split('.').pop()} ${sortBy.startsWith('-') ? 'DESC' : 'ASC'}`
      : '';
    const select = [...new Set(['Id', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp', ...paths])];
    const where = params.get('where');
    const result = runQuery(
      this.org.store,
      `SELECT ${select.join(', ')} FROM ${child.name} WHERE ${relationship.field} = '${normalised}'${where ? ` AND (${where})` : ''}${order} LIMIT ${pageSize}`,
      { apiVersion: context.apiVersion, userId: context.session.userId, now: this.org.clock() },
    );
    return {
      status: 200,
      body: {
        count: result.records.length,
        currentPageToken: '0',
        currentPageUrl: null,
        listInfoETag: null,
        listReference: {
          id: null,
          inContextOfRecordId: normalised,
          listViewApiName: null,
          objectApiName: child.name,
          parentObjectApiName: parent.name,
          recordTypeId: null,
          relatedListId,
        },
        nextPageToken: null,
        nextPageUrl: null,
        pageSize,
        previousPageToken: null,
        previousPageUrl: null,
        records: result.records.map((row) => this.shape(child, row, paths, this.wordsOf(context))),
        sortBy: sortBy ? [sortBy] : [],
      },
    };
  }
}

/** A field's value and display value: picklists show their labels (in the person's words), dates and numbers their value. */
function fieldValue(
  object: OrgObject,
  field: OrgField,
  value: unknown,
  words: Words | undefined,
): { displayValue: string | null; value: unknown } {
  const label = (part: string) =>
    words
      ? words.valueLabel(object, field, part)
      : (field.picklistValues.find((entry) => entry.value === part)?.label ?? part);
  const display =
    value === null || value === undefined
      ? null
      : field.type === 'picklist' || field.type === 'multipicklist'
        ? String(value).split(';').map(label).join(';')
        : field.type === 'boolean' ||
            field.type === 'string' ||
            field.type === 'textarea' ||
            field.type === 'id' ||
            field.type === 'reference'
          ? null
          : String(value);
  return { displayValue: display, value: value ?? null };
}
