/**
 * The UI API's list views, built from the project's ListView metadata (force-app/.../listViews):
 * list-info (a list view's metadata), list-records (its records as UI API record representations,
 * paged and sorted), list-ui (the list views of an object, or one list view's metadata with its
 * records) and list-info/{object} (the newer collection of an object's list views).
 *
 * A list view's filters become SOQL and run through the org's SOQL engine, so a list view selects
 * exactly what the equivalent query selects, formula fields such as `Is_My_Account__c` included.
 * Column tokens, operations and scopes the local org cannot translate are refused with an error
 * that names the token and the list view's file: nothing is dropped silently.
 */
import { createHash } from 'node:crypto';
import type { ListViewMeta } from '../../metadata/reader';
import { ApiError, notFound } from '../errors';
import { makeId, normaliseId } from '../ids';
import type { LocalOrg } from '../org';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { runQuery } from '../soql/query';
import { route } from './call';
import type { Answer, CallContext, Route } from './call';
import type { UiApi } from './uiApi';

const LIST_VIEW_KEY_PREFIX = '00B';
const RECORDS_PAGE_SIZE = 50;
const LISTS_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 2000;
const MAX_OFFSET = 2000;

/** Standard column and filter tokens that do not spell their field's API name. */
const STANDARD_TOKENS: Readonly<Record<string, string>> = {
  'CORE.USERS.ALIAS': 'Owner.Alias',
  'CORE.USERS.FULL_NAME': 'Owner.Name',
  'CORE.USERS.FIRST_NAME': 'Owner.FirstName',
  'CORE.USERS.LAST_NAME': 'Owner.LastName',
  'OWNER.ALIAS': 'Owner.Alias',
  'OWNER.FIRST_NAME': 'Owner.FirstName',
  'OWNER.LAST_NAME': 'Owner.LastName',
  'CREATEDBY_USER.ALIAS': 'CreatedBy.Alias',
  'UPDATEDBY_USER.ALIAS': 'LastModifiedBy.Alias',
  CREATED_DATE: 'CreatedDate',
  LAST_UPDATE: 'LastModifiedDate',
  FULL_NAME: 'Name',
};

/** ListView filter operations and the UI API's names for them (List Filter By Info `operator`). */
const OPERATORS: Readonly<Record<string, string>> = {
  equals: 'Equals',
  notEqual: 'NotEqual',
  lessThan: 'LessThan',
  greaterThan: 'GreaterThan',
  lessOrEqual: 'LessOrEqual',
  greaterOrEqual: 'GreaterOrEqual',
  contains: 'Contains',
  notContain: 'NotContain',
  startsWith: 'StartsWith',
  includes: 'Includes',
  excludes: 'Excludes',
  within: 'Within',
};

const COMPARISONS: Readonly<Record<string, string>> = {
  lessThan: '<',
  greaterThan: '>',
  lessOrEqual: '<=',
  greaterOrEqual: '>=',
};

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'email', 'phone', 'url']);

/** A field path from the list view's object, as the schema spells it (Owner.Alias, Account__r.Name). */
interface Column {
  readonly path: string;
  readonly field: OrgField;
  readonly label: string;
  readonly sortable: boolean;
}

interface Filter {
  readonly column: Column;
  readonly operator: string;
  readonly operandLabels: readonly string[];
  readonly soql: string;
}

interface CompiledView {
  readonly meta: ListViewMeta;
  readonly object: OrgObject;
  readonly id: string;
  readonly columns: readonly Column[];
  readonly filters: readonly Filter[];
  /** booleanFilter as the metadata writes it, and as SOQL with %n for the n-th filter's condition. */
  readonly filterLogic: { readonly text: string; readonly soql: string } | null;
  readonly mine: boolean;
}

interface Sort {
  readonly column: Column;
  readonly descending: boolean;
}

/** list-info, list-records and list-ui, by object and list view name or by list view id. */
export function listViewRoutes(lists: ListViews): Route[] {
  return [
    route('GET', /^\/ui-api\/list-info\/(\w+)\/(\w+)\/?$/, (m) => lists.info(m[1]!, m[2]!)),
    route('GET', /^\/ui-api\/list-info\/(\w+)\/?$/, (m, q, _b, c) => lists.infoByIdOrObject(m[1]!, q, c)),
    route('GET', /^\/ui-api\/list-records\/(\w+)\/(\w+)\/?$/, (m, q, _b, c) => lists.records(m[1]!, m[2]!, q, c)),
    route('GET', /^\/ui-api\/list-records\/(\w+)\/?$/, (m, q, _b, c) => lists.recordsById(m[1]!, q, c)),
    route('GET', /^\/ui-api\/list-ui\/(\w+)\/(\w+)\/?$/, (m, q, _b, c) => lists.listUi(m[1]!, m[2]!, q, c)),
    route('GET', /^\/ui-api\/list-ui\/(\w+)\/?$/, (m, q, _b, c) => lists.listUiByIdOrObject(m[1]!, q, c)),
  ];
}

export class ListViews {
  private idsByView?: Map<ListViewMeta, string>;

  constructor(
    private readonly org: LocalOrg,
    private readonly ui: UiApi,
  ) {}

  // ---- resources -------------------------------------------------------------------------------

  /** GET ui-api/list-info/{objectApiName}/{listViewApiName}: List Info. */
  info(objectApiName: string, listViewApiName: string): Answer {
    return { status: 200, body: this.infoBody(this.compile(this.find(objectApiName, listViewApiName))) };
  }

  /** GET ui-api/list-records/{objectApiName}/{listViewApiName}: List Record Collection. */
  records(objectApiName: string, listViewApiName: string, params: URLSearchParams, context: CallContext): Answer {
    const view = this.compile(this.find(objectApiName, listViewApiName));
    return { status: 200, body: this.recordsBody(view, params, context) };
  }

  /** GET ui-api/list-ui/{objectApiName}/{listViewApiName}: a list view's metadata with its records. */
  listUi(objectApiName: string, listViewApiName: string, params: URLSearchParams, context: CallContext): Answer {
    return {
      status: 200,
      body: this.listUiBody(this.compile(this.find(objectApiName, listViewApiName)), params, context),
    };
  }

  /** GET ui-api/list-info/{listViewId}, or the object's list views for GET ui-api/list-info/{objectApiName}. */
  infoByIdOrObject(segment: string, params: URLSearchParams, context: CallContext): Answer {
    const meta = this.byId(segment);
    if (meta) return { status: 200, body: this.infoBody(this.compile(meta)) };
    return { status: 200, body: this.collection(segment, params, context, 'list-info') };
  }

  /** GET ui-api/list-records/{listViewId}. */
  recordsById(id: string, params: URLSearchParams, context: CallContext): Answer {
    const meta = this.byId(id);
    if (!meta) throw notFound(`List view ${id} does not exist`);
    return { status: 200, body: this.recordsBody(this.compile(meta), params, context) };
  }

  /** GET ui-api/list-ui/{listViewId}, or the object's list views for GET ui-api/list-ui/{objectApiName}. */
  listUiByIdOrObject(segment: string, params: URLSearchParams, context: CallContext): Answer {
    const meta = this.byId(segment);
    if (meta) return { status: 200, body: this.listUiBody(this.compile(meta), params, context) };
    return { status: 200, body: this.collection(segment, params, context, 'list-ui') };
  }

  // ---- finding list views ------------------------------------------------------------------------

  private objectNamed(name: string): OrgObject {
    const object = this.org.schema.object(name);
    if (!object) throw notFound(`Object ${name} does not exist or is not supported by the UI API`);
    return object;
  }

  private viewsOf(object: OrgObject): readonly ListViewMeta[] {
    const project = this.org.metadata.objects.get(object.name)?.listViews ?? [];
    return [...STANDARD_LIST_VIEWS.filter((view) => view.object === object.name), ...project];
  }

  private find(objectApiName: string, listViewApiName: string): ListViewMeta {
    const object = this.objectNamed(objectApiName);
    const views = this.viewsOf(object);
    const meta =
      views.find((view) => view.apiName === listViewApiName) ??
      views.find((view) => view.apiName.toLowerCase() === listViewApiName.toLowerCase());
    if (!meta) throw notFound(`List view ${listViewApiName} does not exist on ${object.name}`);
    return meta;
  }

  /** List view ids (00B...) are numbered over every list view in force-app, ordered by object and name. */
  private ids(): Map<ListViewMeta, string> {
    if (!this.idsByView) {
      const all = [
        ...STANDARD_LIST_VIEWS,
        ...[...this.org.metadata.objects.values()].flatMap((object) => object.listViews),
      ].sort((a, b) => `${a.object}.${a.apiName}`.localeCompare(`${b.object}.${b.apiName}`));
      this.idsByView = new Map(all.map((view, index) => [view, makeId(LIST_VIEW_KEY_PREFIX, index + 1)]));
    }
    return this.idsByView;
  }

  private idOf(meta: ListViewMeta): string {
    return this.ids().get(meta)!;
  }

  private byId(segment: string): ListViewMeta | undefined {
    const id = normaliseId(segment);
    if (!id?.startsWith(LIST_VIEW_KEY_PREFIX)) return undefined;
    return [...this.ids()].find(([, candidate]) => candidate === id)?.[0];
  }

  // ---- translating a list view -----------------------------------------------------------------

  private compile(meta: ListViewMeta): CompiledView {
    const object = this.objectNamed(meta.object);
    const refuse = (message: string) =>
      new ApiError(400, 'INVALID_LIST_VIEW', `List view ${object.name}.${meta.apiName} (${meta.file}): ${message}`);
    const columnOf = (token: string, role: string): Column => {
      const column = this.tokenColumn(object, token);
      if (!column)
        throw refuse(
          `the ${role} '${token}' names no field of ${object.name} the local org knows (standard tokens it maps: NAME, ${Object.keys(STANDARD_TOKENS).join(', ')}, <OBJECT>.<FIELD> such as ACCOUNT.NAME; other fields by their API name)`,
        );
      return column;
    };
    const columns = meta.columns.map((token) => columnOf(token, 'column'));
    const filters = meta.filters.map((filter, index) => {
      const column = columnOf(filter.field, `filter ${index + 1} field`);
      return this.filter(column, filter.operation, filter.value, (message) =>
        refuse(`filter ${index + 1} (${filter.field} ${filter.operation} '${filter.value}'): ${message}`),
      );
    });
    const booleanFilter = typeof meta.xml.booleanFilter === 'string' ? meta.xml.booleanFilter.trim() : '';
    const filterLogic = booleanFilter
      ? { text: booleanFilter, soql: this.filterLogic(booleanFilter, filters.length, refuse) }
      : null;
    const scope = meta.filterScope ?? 'Everything';
    if (scope !== 'Everything' && scope !== 'Mine')
      throw refuse(`filterScope ${scope} is not supported by the local org (only Everything and Mine are)`);
    if (scope === 'Mine' && !object.fields.has('OwnerId'))
      throw refuse(`filterScope Mine needs an owner, and ${object.name} has no OwnerId`);
    return {
      meta,
      object,
      id: this.idOf(meta),
      columns,
      filters,
      filterLogic,
      mine: scope === 'Mine',
    };
  }

  /** The column a list-view token names: a standard token, a field's API name, or OBJECT.FIELD. */
  private tokenColumn(object: OrgObject, token: string): Column | undefined {
    const standard = STANDARD_TOKENS[token];
    if (standard) return this.column(object, standard);
    if (fieldOf(object, token)) return this.column(object, token);
    const match = /^(\w+)\.(\w+)$/.exec(token);
    if (!match) return undefined;
    const [, prefix, name] = match as unknown as [string, string, string];
    const loosely = (target: OrgObject) =>
      [...target.fields.values()].find((field) => squash(field.name) === squash(name));
    if (prefix.toLowerCase() === object.name.toLowerCase()) {
      const field = loosely(object);
      return field ? this.column(object, field.name) : undefined;
    }
    const reference = this.reference(object, prefix);
    const target = reference && this.org.schema.object(reference.referenceTo[0]!);
    const field = target && loosely(target);
    return field ? this.column(object, `${reference.relationshipName}.${field.name}`) : undefined;
  }

  private reference(object: OrgObject, relationshipName: string): OrgField | undefined {
    return [...object.fields.values()].find(
      (field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === relationshipName.toLowerCase(),
    );
  }

  /** A field path resolved from the object, spelled as the schema spells it, with its label. */
  private column(object: OrgObject, path: string): Column | undefined {
    const parts = path.split('.');
    let current = object;
    const spelled: string[] = [];
    const labels: string[] = [];
    for (const part of parts.slice(0, -1)) {
      const reference = this.reference(current, part);
      const target = reference && this.org.schema.object(reference.referenceTo[0]!);
      if (!reference || !target) return undefined;
      spelled.push(reference.relationshipName!);
      labels.push(
        reference.name === 'OwnerId' ? `${current.label} Owner` : reference.label.replace(/ ID$/, '') || part,
      );
      current = target;
    }
    const field = fieldOf(current, parts[parts.length - 1]!);
    if (!field) return undefined;
    return {
      path: [...spelled, field.name].join('.'),
      field,
      label: [...labels, field.label].join(' '),
      sortable: field.sortable,
    };
  }

  /** A field named by a request (Name, Account.Name, Account.Owner.Alias), or undefined. */
  private requestedColumn(object: OrgObject, name: string): Column | undefined {
    const parts = name.trim().split('.');
    if (parts.length > 1 && parts[0]!.toLowerCase() === object.name.toLowerCase() && !this.reference(object, parts[0]!))
      parts.shift();
    return this.column(object, parts.join('.'));
  }

  private filter(column: Column, operation: string, value: string, refuse: (message: string) => ApiError): Filter {
    const operator = OPERATORS[operation];
    if (!operator) throw refuse(`the operation '${operation}' is not a ListView filter operation`);
    if (operation === 'includes' || operation === 'excludes' || operation === 'within')
      throw refuse(`the operation ${operation} is not supported by the local org`);
    const { path, field } = column;
    const values = value.trim() === '' ? [] : value.split(',').map((part) => part.trim());
    const operandLabels = values.map((part) =>
      field.type === 'boolean'
        ? /^(1|true)$/i.test(part)
          ? 'True'
          : 'False'
        : (field.picklistValues.find((entry) => entry.value === part)?.label ?? part),
    );
    const done = (soql: string): Filter => ({ column, operator, operandLabels, soql });
    if (values.length === 0) {
      if (operation === 'equals') return done(`${path} = null`);
      if (operation === 'notEqual') return done(`${path} != null`);
      throw refuse(`${operation} needs a value`);
    }
    const literal = (part: string) => this.literal(field, part, refuse);
    switch (operation) {
      case 'equals':
        return done(
          values.length === 1 ? `${path} = ${literal(values[0]!)}` : `${path} IN (${values.map(literal).join(', ')})`,
        );
      case 'notEqual':
        return done(
          values.length === 1
            ? `${path} != ${literal(values[0]!)}`
            : `${path} NOT IN (${values.map(literal).join(', ')})`,
        );
      case 'contains':
      case 'notContain':
      case 'startsWith': {
        if (!TEXT_TYPES.has(field.type))
          throw refuse(`${operation} needs a text or picklist field, and ${path} is ${field.type}`);
        const lead = operation === 'startsWith' ? '' : '%';
        const likes = values.map((part) => `${path} LIKE '${lead}${escapeLike(part)}%'`);
        const any = likes.length === 1 ? likes[0]! : `(${likes.join(' OR ')})`;
        return done(operation === 'notContain' ? `(${path} = null OR (NOT ${any}))` : any);
      }
      default:
        if (values.length > 1) throw refuse(`${operation} takes one value`);
        return done(`${path} ${COMPARISONS[operation]!} ${literal(values[0]!)}`);
    }
  }

  /** A list view's filter value as a SOQL literal for the field's type. */
  private literal(field: OrgField, value: string, refuse: (message: string) => ApiError): string {
    switch (field.type) {
      case 'boolean':
        if (/^(1|true)$/i.test(value)) return 'TRUE';
        if (/^(0|false)$/i.test(value)) return 'FALSE';
        throw refuse(`'${value}' is not a checkbox value (1, 0, true or false)`);
      case 'double':
      case 'currency':
      case 'percent':
      case 'int':
        if (/^-?\d+(\.\d+)?$/.test(value)) return value;
        throw refuse(`'${value}' is not a number`);
      case 'date':
      case 'datetime':
        if (/^[A-Za-z_]+(:\d+)?$/.test(value)) return value.toUpperCase();
        if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
        if (
          field.type === 'datetime' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
        )
          return value;
        throw refuse(
          `'${value}' is not a date literal (TODAY, LAST_N_DAYS:7, ...) or a ${field.type === 'date' ? 'YYYY-MM-DD date' : 'full ISO date and time'}`,
        );
      case 'id':
      case 'reference': {
        const id = normaliseId(value);
        if (!id) throw refuse(`'${value}' is not a record id`);
        return `'${id}'`;
      }
      default:
        return `'${escapeSoql(value)}'`;
    }
  }

  /** booleanFilter such as "1 AND (2 OR 3)", with each number replaced by its filter's condition. */
  private filterLogic(logic: string, count: number, refuse: (message: string) => ApiError): string {
    const tokens = logic.match(/\d+|\(|\)|[^\s()]+/g) ?? [];
    for (const token of tokens) {
      if (/^\d+$/.test(token)) {
        if (Number(token) < 1 || Number(token) > count)
          throw refuse(`booleanFilter '${logic}' names filter ${token}, and the list view has ${count}`);
      } else if (!/^(AND|OR|NOT|\(|\))$/i.test(token)) {
        throw refuse(`booleanFilter '${logic}' has '${token}': only filter numbers, AND, OR, NOT and parentheses`);
      }
    }
    return tokens
      .map((token) => (/^\d+$/.test(token) ? `%${token}` : /^[a-z]+$/i.test(token) ? token.toUpperCase() : token))
      .join(' ');
  }

  /** The list view's WHERE clause for this user, or '' when it selects every record. */
  private where(view: CompiledView, userId: string): string {
    const parts: string[] = [];
    if (view.mine) parts.push(`OwnerId = '${userId}'`);
    if (view.filterLogic) {
      parts.push(view.filterLogic.soql.replace(/%(\d+)/g, (_, n: string) => `(${view.filters[Number(n) - 1]!.soql})`));
    } else {
      parts.push(...view.filters.map((filter) => filter.soql));
    }
    return parts.map((part) => `(${part})`).join(' AND ');
  }

  private defaultSort(view: CompiledView): Sort {
    const column = this.column(view.object, view.object.nameField ?? 'Id') ?? this.column(view.object, 'Id')!;
    return { column, descending: false };
  }

  private sort(view: CompiledView, sortBy: string | null): Sort {
    if (!sortBy) return this.defaultSort(view);
    if (sortBy.includes(',')) throw badParameter(`sortBy takes one field, got ${sortBy}`);
    const descending = sortBy.startsWith('-');
    const name = sortBy.replace(/^-/, '');
    const column = this.requestedColumn(view.object, name);
    if (!column) throw new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${view.object.name}'`);
    if (!column.sortable) throw new ApiError(400, 'INVALID_FIELD', `The field ${column.path} can not be sorted`);
    return { column, descending };
  }

  // ---- answers ------------------------------------------------------------------------------------

  private listReference(view: CompiledView) {
    return { id: view.id, listViewApiName: view.meta.apiName, objectApiName: view.object.name, type: 'listView' };
  }

  private infoBody(view: CompiledView): Record<string, unknown> {
    const order = this.defaultSort(view);
    const plural = view.object.labelPlural;
    const body = {
      cloneable: false,
      createable: false,
      deletable: false,
      displayColumns: view.columns.map((column) => ({
        fieldApiName: column.path,
        label: column.label,
        sortable: column.sortable,
      })),
      filterLogicString: view.filterLogic?.text ?? null,
      filteredByInfo: view.filters.map((filter) => ({
        fieldApiName: filter.column.path,
        label: filter.column.label,
        operandLabels: filter.operandLabels,
        operator: filter.operator,
      })),
      label: view.meta.label,
      listReference: this.listReference(view),
      listShares: [],
      objectApiNames: [view.object.name],
      orderedByInfo: [{ fieldApiName: order.column.path, isAscending: true, label: order.column.label }],
      scope: view.mine
        ? { apiName: 'mine', label: `My ${plural}`, relatedEntityId: null }
        : { apiName: 'everything', label: `All ${plural}`, relatedEntityId: null },
      searchable: true,
      updateable: false,
      userPreferences: { columnWidths: {}, columnWrap: {} },
      visibility: 'Public',
      visibilityEditable: false,
    };
    return { eTag: etag(body), ...body };
  }

  private recordsBody(view: CompiledView, params: URLSearchParams, context: CallContext): Record<string, unknown> {
    const object = view.object;
    const pageSize = pageSizeOf(params, RECORDS_PAGE_SIZE);
    const offset = pageTokenOf(params);
    const sort = this.sort(view, params.get('sortBy'));
    const fields = names(params.get('fields'));
    const optionalFields = names(params.get('optionalFields'));
    const requested = fields.map((name) => {
      const column = this.requestedColumn(object, name);
      if (!column) throw new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'`);
      return column.path;
    });
    const optional = optionalFields.flatMap((name) => this.requestedColumn(object, name)?.path ?? []);
    // A lookup column also brings the parent's name, for showing it instead of an id.
    const lookupNames = view.columns.flatMap((column) => {
      const target = column.field.type === 'reference' && this.org.schema.object(column.field.referenceTo[0] ?? '');
      if (!target || !target.nameField || !column.field.relationshipName || column.path.includes('.')) return [];
      return [`${column.field.relationshipName}.${target.nameField}`];
    });
    const paths = [
      ...new Set([...view.columns.map((column) => column.path), ...lookupNames, ...requested, ...optional]),
    ];
    const select = [...new Set(['Id', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp', ...paths])];
    const where = this.where(view, context.session.userId);
    const soql =
      `SELECT ${select.join(', ')} FROM ${object.name}${where ? ` WHERE ${where}` : ''}` +
      ` ORDER BY ${sort.column.path} ${sort.descending ? 'DESC' : 'ASC'} LIMIT ${pageSize + 1} OFFSET ${offset}`;
    let rows: Array<Record<string, unknown>>;
    try {
      rows = runQuery(this.org.store, soql, {
        apiVersion: context.apiVersion,
        userId: context.session.userId,
        now: this.org.clock(),
      }).records;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new ApiError(
        error.status,
        error.errorCode,
        `List view ${object.name}.${view.meta.apiName} (${view.meta.file}): ${error.message}`,
        error.fields,
      );
    }
    const records = rows.slice(0, pageSize).map((row) => this.ui.shape(object, row, paths));
    const more = rows.length > pageSize;
    const sortBy = `${sort.descending ? '-' : ''}${sort.column.path}`;
    const base = `/services/data/v${context.apiVersion}/ui-api/list-records/${object.name}/${view.meta.apiName}`;
    const url = (token: number) =>
      `${base}?${queryString({
        fields: fields.join(','),
        optionalFields: optionalFields.join(','),
        pageSize: String(pageSize),
        pageToken: String(token),
        sortBy: params.get('sortBy') ? sortBy : '',
      })}`;
    const previous = offset > 0 ? Math.max(0, offset - pageSize) : null;
    return {
      count: records.length,
      currentPageToken: String(offset),
      currentPageUrl: url(offset),
      fields,
      listInfoETag: this.infoBody(view).eTag,
      listReference: this.listReference(view),
      nextPageToken: more ? String(offset + pageSize) : null,
      nextPageUrl: more ? url(offset + pageSize) : null,
      optionalFields,
      pageSize,
      previousPageToken: previous === null ? null : String(previous),
      previousPageUrl: previous === null ? null : url(previous),
      records,
      sortBy,
    };
  }

  private listUiBody(view: CompiledView, params: URLSearchParams, context: CallContext): Record<string, unknown> {
    const info = this.infoBody(view);
    const records = this.recordsBody(view, params, context);
    const recordTags = (records.records as Array<{ eTag: unknown }>).map((record) => record.eTag);
    return { eTag: etag({ info: info.eTag, records: recordTags }), info, records };
  }

  /** The list views of an object: List View Summary Collection (list-ui) or List Info Summary Collection (list-info). */
  private collection(
    objectApiName: string,
    params: URLSearchParams,
    context: CallContext,
    kind: 'list-ui' | 'list-info',
  ): Record<string, unknown> {
    const object = this.objectNamed(objectApiName);
    const pageSize = pageSizeOf(params, LISTS_PAGE_SIZE);
    const offset = pageTokenOf(params);
    const q = params.get('q');
    const term = q?.replace(/\*/g, '').toLowerCase() ?? '';
    const matching = this.viewsOf(object).filter(
      (view) => view.label.toLowerCase().includes(term) || view.apiName.toLowerCase().includes(term),
    );
    const page = matching.slice(offset, offset + pageSize);
    const version = `/services/data/v${context.apiVersion}/ui-api`;
    const url = (token: number) =>
      `${version}/${kind}/${object.name}?${queryString({ pageSize: String(pageSize), pageToken: String(token), q: q ?? '' })}`;
    const more = offset + pageSize < matching.length;
    const previous = offset > 0 ? Math.max(0, offset - pageSize) : null;
    return {
      count: page.length,
      currentPageToken: String(offset),
      currentPageUrl: url(offset),
      lists: page.map((view) =>
        kind === 'list-ui'
          ? {
              apiName: view.apiName,
              id: this.idOf(view),
              label: view.label,
              listUiUrl: `${version}/list-ui/${this.idOf(view)}`,
            }
          : {
              apiName: view.apiName,
              id: this.idOf(view),
              label: view.label,
              url: `${version}/list-info/${object.name}/${view.apiName}`,
            },
      ),
      nextPageToken: more ? String(offset + pageSize) : null,
      nextPageUrl: more ? url(offset + pageSize) : null,
      objectApiName: object.name,
      pageSize,
      previousPageToken: previous === null ? null : String(previous),
      previousPageUrl: previous === null ? null : url(previous),
      queryString: q,
      recentListsOnly: params.get('recentListsOnly') === 'true',
    };
  }
}

/** List views every org has whatever is deployed, e.g. All Accounts (the project adds its own). */
const STANDARD_LIST_VIEWS: readonly ListViewMeta[] = [
  {
    object: 'Account',
    apiName: 'AllAccounts',
    label: 'All Accounts',
    columns: ['ACCOUNT.NAME', 'ACCOUNT.TYPE', 'ACCOUNT.INDUSTRY', 'CORE.USERS.ALIAS'],
    filters: [],
    filterScope: 'Everything',
    file: '(a standard list view of every org)',
    xml: {},
  },
];

function badParameter(message: string): ApiError {
  return new ApiError(400, 'ILLEGAL_QUERY_PARAMETER_VALUE', message);
}

function pageSizeOf(params: URLSearchParams, fallback: number): number {
  const text = params.get('pageSize');
  if (text === null) return fallback;
  const size = Number(text);
  if (!/^\d+$/.test(text) || size < 1 || size > MAX_PAGE_SIZE)
    throw badParameter(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${text}`);
  return size;
}

function pageTokenOf(params: URLSearchParams): number {
  const text = params.get('pageToken');
  if (text === null || text === '') return 0;
  if (!/^\d+$/.test(text)) throw badParameter(`pageToken must be a token from an earlier page, got ${text}`);
  const offset = Number(text);
  if (offset > MAX_OFFSET)
    throw new ApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `The maximum offset is ${MAX_OFFSET}, got pageToken ${text}`);
  return offset;
}

/** A query string of the parameters that have a value. */
function queryString(params: Record<string, string>): string {
  return new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '')).toString();
}

function names(text: string | null): string[] {
  return (text ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

function squash(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

function escapeSoql(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

function escapeLike(value: string): string {
  return escapeSoql(value).replace(/%/g, '\\%').replace(/_/g, '\\_');
}

function etag(value: unknown): string {
  return createHash('md5').update(JSON.stringify(value)).digest('hex');
}
