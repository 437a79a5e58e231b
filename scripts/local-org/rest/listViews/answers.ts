/**
 * The UI API's list view representations: List Info, List Record Collection (paged and sorted
 * records), list-ui (both at once) and the summary collections of an object's list views.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../../errors';
import type { Words } from '../../i18n/words';
import type { LocalOrg } from '../../org';
import { runQuery } from '../../soql/query';
import type { CallContext } from '../call';
import type { UiApi } from '../uiApi';
import type { ListViewCatalog } from './catalog';
import { columnLabel, columnOf, requestedColumn } from './columns';
import type { Column } from './columns';
import { whereOf } from './compile';
import type { CompiledView } from './compile';

const RECORDS_PAGE_SIZE = 50;
const LISTS_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 2000;
const MAX_OFFSET = 2000;

interface Sort {
  readonly column: Column;
  readonly descending: boolean;
}

export class ListViewAnswers {
  constructor(
    private readonly org: LocalOrg,
    private readonly ui: UiApi,
    private readonly catalog: ListViewCatalog,
  ) {}

  private defaultSort(view: CompiledView): Sort {
    const column =
      columnOf(this.org.schema, view.object, view.object.nameField ?? 'Id') ??
      columnOf(this.org.schema, view.object, 'Id')!;
    return { column, descending: false };
  }

  private sort(view: CompiledView, sortBy: string | null): Sort {
    if (!sortBy) return this.defaultSort(view);
    if (sortBy.includes(',')) throw badParameter(`sortBy takes one field, got ${sortBy}`);
    const descending = sortBy.startsWith('-');
    const name = sortBy.replace(/^-/, '');
    const column = requestedColumn(this.org.schema, view.object, name);
    if (!column) throw new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${view.object.name}'`);
    if (!column.sortable) throw new ApiError(400, 'INVALID_FIELD', `The field ${column.path} can not be sorted`);
    return { column, descending };
  }

  private listReference(view: CompiledView) {
    return { id: view.id, listViewApiName: view.meta.apiName, objectApiName: view.object.name, type: 'listView' };
  }

  /** List Info, its column and scope labels in the person's words (the list view's own label as written: Salesforce translates none). */
  infoBody(view: CompiledView, words: Words): Record<string, unknown> {
    const order = this.defaultSort(view);
    const plural = words.objectPlural(view.object);
    const label = (column: Column) => columnLabel(this.org.schema, view.object, column, words);
    const body = {
      cloneable: false,
      createable: false,
      deletable: false,
      displayColumns: view.columns.map((column) => ({
        fieldApiName: column.path,
        label: label(column),
        sortable: column.sortable,
      })),
      filterLogicString: view.filterLogic?.text ?? null,
      filteredByInfo: view.filters.map((filter) => ({
        fieldApiName: filter.column.path,
        label: label(filter.column),
        // A picklist value of the view's own object and a checkbox value read in the person's language.
        operandLabels:
          filter.column.field.type === 'boolean'
            ? filter.operands.map((value) => words.booleanLabel(/^(1|true)$/i.test(value)))
            : filter.column.path.includes('.') || !filter.column.field.picklistValues.length
              ? filter.operandLabels
              : filter.operands.map((value) => words.valueLabel(view.object, filter.column.field, value)),
        operator: filter.operator,
      })),
      label: view.meta.label,
      listReference: this.listReference(view),
      listShares: [],
      objectApiNames: [view.object.name],
      orderedByInfo: [{ fieldApiName: order.column.path, isAscending: true, label: label(order.column) }],
      scope: view.mine
        ? { apiName: 'mine', label: words.scopeLabel('mine', plural), relatedEntityId: null }
        : { apiName: 'everything', label: words.scopeLabel('everything', plural), relatedEntityId: null },
      searchable: true,
      updateable: false,
      userPreferences: { columnWidths: {}, columnWrap: {} },
      visibility: 'Public',
      visibilityEditable: false,
    };
    return { eTag: etag(body), ...body };
  }

  recordsBody(view: CompiledView, params: URLSearchParams, context: CallContext): Record<string, unknown> {
    const object = view.object;
    const pageSize = pageSizeOf(params, RECORDS_PAGE_SIZE);
    const offset = pageTokenOf(params);
    const sort = this.sort(view, params.get('sortBy'));
    const fields = names(params.get('fields'));
    const optionalFields = names(params.get('optionalFields'));
    const requested = fields.map((name) => {
      const column = requestedColumn(this.org.schema, object, name);
      if (!column) throw new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'`);
      return column.path;
    });
    const optional = optionalFields.flatMap((name) => requestedColumn(this.org.schema, object, name)?.path ?? []);
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
    const where = whereOf(view, context.session.userId);
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
    const words = this.ui.wordsOf(context);
    const records = rows.slice(0, pageSize).map((row) => this.ui.shape(object, row, paths, words));
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
      listInfoETag: this.infoBody(view, words).eTag,
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

  listUiBody(view: CompiledView, params: URLSearchParams, context: CallContext): Record<string, unknown> {
    const info = this.infoBody(view, this.ui.wordsOf(context));
    const records = this.recordsBody(view, params, context);
    const recordTags = (records.records as Array<{ eTag: unknown }>).map((record) => record.eTag);
    return { eTag: etag({ info: info.eTag, records: recordTags }), info, records };
  }

  /** The list views of an object: List View Summary Collection (list-ui) or List Info Summary Collection (list-info). */
  collection(
    objectApiName: string,
    params: URLSearchParams,
    context: CallContext,
    kind: 'list-ui' | 'list-info',
  ): Record<string, unknown> {
    const object = this.catalog.objectNamed(objectApiName);
    const pageSize = pageSizeOf(params, LISTS_PAGE_SIZE);
    const offset = pageTokenOf(params);
    const q = params.get('q');
    const term = q?.replace(/\*/g, '').toLowerCase() ?? '';
    const matching = this.catalog
      .viewsOf(object)
      .filter((view) => view.label.toLowerCase().includes(term) || view.apiName.toLowerCase().includes(term));
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
              id: this.catalog.idOf(view),
              label: view.label,
              listUiUrl: `${version}/list-ui/${this.catalog.idOf(view)}`,
            }
          : {
              apiName: view.apiName,
              id: this.catalog.idOf(view),
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

function etag(value: unknown): string {
  return createHash('md5').update(JSON.stringify(value)).digest('hex');
}
