/**
 * The REST API under /services/data/vNN.0, as one dispatcher: express serves it, and /composite
 * calls it for each subrequest (so a composite call counts once, as in Salesforce).
 */
import { randomBytes } from 'node:crypto';
import { ApiError, invalidField, invalidType, invalidTypeForOperation, notFound, unsupportedType } from '../errors';
import { normaliseId } from '../ids';
import type { LocalOrg } from '../org';
import type { OrgObject } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { runQuery } from '../soql/query';
import type { QueryResult } from '../soql/query';
import type { Session } from '../auth/auth';
import { Bulk2 } from './bulk2';
import { describeGlobal, describeObject } from './describe';
import { ListViews } from './listViews';
import { picklistValues } from './picklistValues';
import { UiApi } from './uiApi';

export interface CallContext {
  readonly session: Session;
  readonly apiVersion: string;
  readonly client?: string;
  readonly queryBatchSize?: number;
}

export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Sent as text with this content type instead of JSON (Bulk API CSV). */
  readonly contentType?: string;
}

const PAGE_SIZE = 2000;
const COLLECTION_LIMIT = 200;
const API_VERSIONS = Array.from({ length: 66 - 31 + 1 }, (_, i) => `${31 + i}.0`);

interface Cursor {
  readonly records: Array<Record<string, unknown>>;
  readonly pageSize: number;
  readonly createdAt: number;
}

type Route = {
  method: string;
  pattern: RegExp;
  handle: (match: RegExpMatchArray, query: URLSearchParams, body: unknown, context: CallContext) => Answer;
};

export class DataApi {
  private readonly cursors = new Map<string, Cursor>();
  private readonly routes: Route[];

  constructor(private readonly org: LocalOrg) {
    const bulk = new Bulk2(org);
    const ui = new UiApi(org);
    const lists = new ListViews(org, ui);
    const r = (method: string, pattern: RegExp, handle: Route['handle']): Route => ({ method, pattern, handle });
    this.routes = [
      r('GET', /^\/?$/, (_m, _q, _b, c) => ({ status: 200, body: this.resources(c.apiVersion) })),
      r('GET', /^\/(query|queryAll)\/?$/, (m, q, _b, c) => this.query(q, c, m[1] === 'queryAll')),
      r('GET', /^\/(?:query|queryAll)\/([^/]+)$/, (m, _q, _b, c) => this.nextPage(m[1]!, c)),
      r('GET', /^\/limits\/?$/, () => ({ status: 200, body: this.limits() })),
      r('GET', /^\/sobjects\/?$/, (_m, _q, _b, c) => ({
        status: 200,
        body: describeGlobal(this.org.schema, c.apiVersion),
      })),
      r('GET', /^\/sobjects\/(\w+)\/describe\/?$/, (m, _q, _b, c) => ({
        status: 200,
        body: describeObject(this.object(m[1]!), this.org.schema, c.apiVersion),
      })),
      r('GET', /^\/sobjects\/(\w+)\/?$/, (m, _q, _b, c) => ({
        status: 200,
        body: {
          objectDescribe: describeObject(this.object(m[1]!), this.org.schema, c.apiVersion, false),
          recentItems: [],
        },
      })),
      r('POST', /^\/sobjects\/(\w+)\/?$/, (m, _q, b, c) => this.createOne(m[1]!, b, c)),
      r('GET', /^\/sobjects\/(\w+)\/(\w{15,18})\/?$/, (m, q, _b, c) => this.retrieve(m[1]!, m[2]!, q, c)),
      r('PATCH', /^\/sobjects\/(\w+)\/(\w{15,18})\/?$/, (m, _q, b, c) => this.updateOne(m[1]!, m[2]!, b, c)),
      r('DELETE', /^\/sobjects\/(\w+)\/(\w{15,18})\/?$/, (m, _q, _b, c) => this.deleteOne(m[1]!, m[2]!, c)),
      r('PATCH', /^\/sobjects\/(\w+)\/(\w+)\/([^/]+)$/, (m, _q, b, c) =>
        this.upsertOne(m[1]!, m[2]!, decodeURIComponent(m[3]!), b, c),
      ),
      r('POST', /^\/composite\/sobjects\/?$/, (_m, _q, b, c) => this.collection('create', b, c)),
      r('PATCH', /^\/composite\/sobjects\/?$/, (_m, _q, b, c) => this.collection('update', b, c)),
      r('PATCH', /^\/composite\/sobjects\/(\w+)\/(\w+)\/?$/, (m, _q, b, c) =>
        this.collection('upsert', b, c, m[1], m[2]),
      ),
      r('DELETE', /^\/composite\/sobjects\/?$/, (_m, q, _b, c) => this.collectionDelete(q, c)),
      r('GET', /^\/composite\/sobjects\/(\w+)\/?$/, (m, q, _b, c) => this.collectionRetrieve(m[1]!, q, c)),
      r('POST', /^\/composite\/?$/, (_m, _q, b, c) => this.composite(b, c)),
      r('POST', /^\/jobs\/query\/?$/, (_m, _q, b, c) => bulk.createQuery(b, c)),
      r('GET', /^\/jobs\/query\/(\w+)\/?$/, (m, _q, _b, c) => bulk.getQuery(m[1]!, c)),
      r('GET', /^\/jobs\/query\/(\w+)\/results\/?$/, (m, q) => bulk.queryResults(m[1]!, q)),
      r('POST', /^\/jobs\/ingest\/?$/, (_m, _q, b, c) => bulk.createIngest(b, c)),
      r('GET', /^\/jobs\/ingest\/(\w+)\/?$/, (m, _q, _b, c) => bulk.getIngest(m[1]!, c)),
      r('PUT', /^\/jobs\/ingest\/(\w+)\/batches\/?$/, (m, _q, b) => bulk.upload(m[1]!, b)),
      r('PATCH', /^\/jobs\/ingest\/(\w+)\/?$/, (m, _q, b, c) => bulk.patchIngest(m[1]!, b, c)),
      r('GET', /^\/jobs\/ingest\/(\w+)\/(successfulResults|failedResults|unprocessedrecords)\/?$/, (m) =>
        bulk.ingestResults(m[1]!, m[2] as 'successfulResults' | 'failedResults' | 'unprocessedrecords'),
      ),
      r('POST', /^\/jobs\/query\/?$/, (_m, _q, b, c) => bulk.createQuery(b, c)),
      r('GET', /^\/jobs\/query\/(\w+)\/?$/, (m, _q, _b, c) => bulk.getQuery(m[1]!, c)),
      r('GET', /^\/jobs\/query\/(\w+)\/results\/?$/, (m, q) => bulk.queryResults(m[1]!, q)),
      r('POST', /^\/jobs\/ingest\/?$/, (_m, _q, b, c) => bulk.createIngest(b, c)),
      r('GET', /^\/jobs\/ingest\/(\w+)\/?$/, (m, _q, _b, c) => bulk.getIngest(m[1]!, c)),
      r('PUT', /^\/jobs\/ingest\/(\w+)\/batches\/?$/, (m, _q, b) => bulk.upload(m[1]!, b)),
      r('PATCH', /^\/jobs\/ingest\/(\w+)\/?$/, (m, _q, b, c) => bulk.patchIngest(m[1]!, b, c)),
      r('GET', /^\/jobs\/ingest\/(\w+)\/(successfulResults|failedResults|unprocessedrecords)\/?$/, (m) =>
        bulk.ingestResults(m[1]!, m[2] as 'successfulResults' | 'failedResults' | 'unprocessedrecords'),
      ),
      r('GET', /^\/ui-api\/records\/(\w{15,18})\/?$/, (m, q, _b, c) => ui.record(m[1]!, q, c)),
      r('POST', /^\/ui-api\/records\/?$/, (_m, _q, b, c) => ui.create(b, c)),
      r('PATCH', /^\/ui-api\/records\/(\w{15,18})\/?$/, (m, _q, b, c) => ui.update(m[1]!, b, c)),
      r('DELETE', /^\/ui-api\/records\/(\w{15,18})\/?$/, (m, _q, _b, c) => ui.remove(m[1]!, c)),
      r('GET', /^\/ui-api\/object-info\/(\w+)\/picklist-values\/(\w+)\/(\w+)\/?$/, (m, _q, _b, c) =>
        picklistValues(org, m[1]!, m[2]!, m[3]!, c),
      ),
      r('GET', /^\/ui-api\/object-info\/(\w+)\/?$/, (m) => ui.objectInfo(m[1]!)),
      r('GET', /^\/ui-api\/related-list-records\/(\w{15,18})\/(\w+)\/?$/, (m, q, _b, c) =>
        ui.relatedListRecords(m[1]!, m[2]!, q, c),
      ),
      r('GET', /^\/ui-api\/list-info\/(\w+)\/(\w+)\/?$/, (m) => lists.info(m[1]!, m[2]!)),
      r('GET', /^\/ui-api\/list-info\/(\w+)\/?$/, (m, q, _b, c) => lists.infoByIdOrObject(m[1]!, q, c)),
      r('GET', /^\/ui-api\/list-records\/(\w+)\/(\w+)\/?$/, (m, q, _b, c) => lists.records(m[1]!, m[2]!, q, c)),
      r('GET', /^\/ui-api\/list-records\/(\w+)\/?$/, (m, q, _b, c) => lists.recordsById(m[1]!, q, c)),
      r('GET', /^\/ui-api\/list-ui\/(\w+)\/(\w+)\/?$/, (m, q, _b, c) => lists.listUi(m[1]!, m[2]!, q, c)),
      r('GET', /^\/ui-api\/list-ui\/(\w+)\/?$/, (m, q, _b, c) => lists.listUiByIdOrObject(m[1]!, q, c)),
      r('POST', /^\/actions\/standard\/customNotificationAction\/?$/, (_m, _q, b) => this.notify(b)),
      r('GET', /^\/tooling\/query\/?$/, (_m, q) => {
        throw invalidType(/FROM\s+(\w+)/i.exec(q.get('q') ?? '')?.[1] ?? 'unknown');
      }),
    ];
  }

  static versions() {
    return API_VERSIONS.map((version) => ({ label: `Version ${version}`, url: `/services/data/v${version}`, version }));
  }

  dispatch(method: string, path: string, query: URLSearchParams, body: unknown, context: CallContext): Answer {
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      const match = route.pattern.exec(path);
      if (match) return route.handle(match, query, body, context);
    }
    throw notFound(`The requested resource does not exist`);
  }

  private resources(version: string) {
    const base = `/services/data/v${version}`;
    return Object.fromEntries(
      ['sobjects', 'query', 'queryAll', 'limits', 'composite', 'actions', 'tooling', 'ui-api', 'jobs'].map((name) => [
        name,
        `${base}/${name}`,
      ]),
    );
  }

  private object(name: string): OrgObject {
    const object = this.org.schema.object(name);
    if (!object) throw new ApiError(404, 'NOT_FOUND', `The requested resource does not exist`);
    return object;
  }

  private writeContext(context: CallContext) {
    return this.org.context(context.session.userId, context.client, context.apiVersion);
  }

  // ---- queries -------------------------------------------------------------------------------

  private query(params: URLSearchParams, context: CallContext, all: boolean): Answer {
    const soql = params.get('q');
    if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const result = runQuery(this.org.store, soql, {
      apiVersion: context.apiVersion,
      userId: context.session.userId,
      now: this.org.clock(),
      includeDeleted: all,
    });
    if (params.get('columns') === 'true') return { status: 200, body: this.columns(result) };
    return { status: 200, body: this.page(result.records, result.totalSize, 0, context) };
  }

  /** What `sf data query` asks for with &columns=true. */
  private columns(result: QueryResult) {
    return {
      columnMetadata: result.columns,
      entityName: result.entity,
      groupBy: false,
      idSelected: true,
      keyPrefix: null,
    };
  }

  private page(records: Array<Record<string, unknown>>, totalSize: number, position: number, context: CallContext) {
    const pageSize = Math.min(PAGE_SIZE, Math.max(200, context.queryBatchSize ?? PAGE_SIZE));
    const end = position + pageSize;
    const done = end >= records.length;
    const body: Record<string, unknown> = { totalSize, done, records: records.slice(position, end) };
    if (!done) {
      const locator = `01g${randomBytes(8).toString('hex')}`;
      this.cursors.set(locator, { records, pageSize, createdAt: this.org.clock() });
      body.nextRecordsUrl = `/services/data/v${context.apiVersion}/query/${locator}-${end}`;
    }
    return body;
  }

  private nextPage(locator: string, context: CallContext): Answer {
    const [id, positionText] = locator.split('-');
    const cursor = this.cursors.get(id ?? '');
    const position = Number(positionText);
    if (!cursor || !Number.isInteger(position)) {
      throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    const end = position + cursor.pageSize;
    const done = end >= cursor.records.length;
    const body: Record<string, unknown> = {
      totalSize: cursor.records.length,
      done,
      records: cursor.records.slice(position, end),
    };
    if (done) this.cursors.delete(id!);
    else body.nextRecordsUrl = `/services/data/v${context.apiVersion}/query/${id}-${end}`;
    return { status: 200, body };
  }

  // ---- single records --------------------------------------------------------------------------

  private retrieve(type: string, id: string, params: URLSearchParams, context: CallContext): Answer {
    const object = this.object(type);
    const normalised = normaliseId(id);
    const fields = params
      .get('fields')
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const record = normalised ? this.org.store.record(object, normalised, context.apiVersion, fields) : undefined;
    if (!record) throw notFound();
    return { status: 200, body: record };
  }

  /** Creates a record, or for a platform event publishes it: the answer is the same, {id, success, errors}. */
  private createOne(type: string, body: unknown, context: CallContext): Answer {
    const object = this.object(type);
    const values = this.values(body);
    const id = this.org.write(this.writeContext(context), () =>
      this.org.store.create(object.name, values, this.writeContext(context)),
    );
    return { status: 201, body: { id, success: true, errors: [] } };
  }

  private updateOne(type: string, id: string, body: unknown, context: CallContext): Answer {
    const object = this.object(type);
    const values = this.values(body);
    this.org.write(this.writeContext(context), () =>
      this.org.store.update(object.name, id, values, this.writeContext(context)),
    );
    return { status: 204 };
  }

  private deleteOne(type: string, id: string, context: CallContext): Answer {
    const object = this.object(type);
    this.org.write(this.writeContext(context), () =>
      this.org.store.delete(object.name, id, this.writeContext(context)),
    );
    return { status: 204 };
  }

  private upsertOne(type: string, fieldName: string, value: string, body: unknown, context: CallContext): Answer {
    const object = this.object(type);
    const result = this.org.write(this.writeContext(context), () =>
      this.upsertRecord(object, fieldName, { ...this.values(body), [fieldName]: value }, context),
    );
    return {
      status: result.created ? 201 : 200,
      body: { id: result.id, success: true, errors: [], created: result.created },
    };
  }

  private upsertRecord(
    object: OrgObject,
    fieldName: string,
    values: Record<string, unknown>,
    context: CallContext,
  ): { id: string; created: boolean } {
    if (object.platformEvent) throw invalidTypeForOperation(object.name, 'upsert');
    const field = fieldOf(object, fieldName);
    if (!field || !(field.externalId || field.name === 'Id')) {
      throw invalidField(`Provided external ID field does not exist or is not accessible: ${fieldName}`, [fieldName]);
    }
    const key = values[field.name] ?? values[fieldName];
    if (key === undefined || key === null || key === '')
      throw new ApiError(400, 'MISSING_ARGUMENT', `${field.name} not specified`, [field.name]);
    const matches = field.name === 'Id' ? [String(key)] : this.org.store.findByExternalId(object, field, key);
    if (matches.length > 1) {
      throw new ApiError(
        300,
        'MULTIPLE_CHOICES',
        `The value provided for foreign key reference ${field.name} is not unique`,
        [field.name],
      );
    }
    const write = this.writeContext(context);
    if (matches.length === 1) {
      // On the update path of an upsert, fields that can be set only on create are ignored.
      const rest = Object.fromEntries(
        Object.entries(values).filter(([name]) => {
          const candidate = fieldOf(object, name);
          return name !== field.name && !(candidate && candidate.createable && !candidate.updateable);
        }),
      );
      this.org.store.update(object.name, matches[0]!, rest, write);
      return { id: matches[0]!, created: false };
    }
    return { id: this.org.store.create(object.name, values, write), created: true };
  }

  private values(body: unknown): Record<string, unknown> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values');
    }
    const { attributes: _attributes, ...values } = body as Record<string, unknown>;
    return values;
  }

  // ---- sObject Collections ---------------------------------------------------------------------

  private collection(
    kind: 'create' | 'update' | 'upsert',
    body: unknown,
    context: CallContext,
    type?: string,
    externalField?: string,
  ): Answer {
    const request = (body ?? {}) as { allOrNone?: boolean; records?: Array<Record<string, unknown>> };
    const records = request.records;
    if (!Array.isArray(records))
      throw new ApiError(400, 'JSON_PARSER_ERROR', 'records is required: an array of records');
    if (records.length > COLLECTION_LIMIT) {
      throw new ApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`,
      );
    }
    const write = this.writeContext(context);
    const one = (record: Record<string, unknown>) => {
      const recordType = type ?? (record.attributes as { type?: string } | undefined)?.type;
      if (!recordType) throw new ApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
      const object = this.object(recordType);
      const { attributes: _attributes, ...values } = record;
      if (kind === 'create') return { id: this.org.store.create(object.name, values, write) };
      if (kind === 'update') {
        const { Id, id, ...rest } = values;
        const target = String(Id ?? id ?? '');
        if (!target) throw new ApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
        this.org.store.update(object.name, target, rest, write);
        return { id: normaliseId(target) ?? target };
      }
      return this.upsertRecord(object, externalField!, values, context);
    };
    const results = rolledBackAware(() =>
      this.org.write(write, () => {
        const out: Array<Record<string, unknown>> = [];
        let failed = false;
        for (const record of records) {
          try {
            const result = this.org.store.savepoint(() => one(record));
            out.push({ ...result, success: true, errors: [] });
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            failed = true;
            out.push({
              id: (record.Id as string | undefined) ?? null,
              success: false,
              errors: [{ statusCode: error.errorCode, message: error.message, fields: error.fields }],
            });
          }
        }
        if (failed && request.allOrNone) throw new RolledBack(out);
        return out;
      }),
    );
    return { status: 200, body: results };
  }

  private collectionDelete(params: URLSearchParams, context: CallContext): Answer {
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length > COLLECTION_LIMIT) {
      throw new ApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`,
      );
    }
    const allOrNone = params.get('allOrNone') === 'true';
    const write = this.writeContext(context);
    const results = rolledBackAware(() =>
      this.org.write(write, () => {
        const out: Array<Record<string, unknown>> = [];
        let failed = false;
        for (const id of ids) {
          try {
            const object = this.org.schema.objectOfId(id);
            if (!object) throw new ApiError(400, 'MALFORMED_ID', `malformed id ${id}`);
            this.org.store.savepoint(() => this.org.store.delete(object.name, id, write));
            out.push({ id, success: true, errors: [] });
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            failed = true;
            out.push({
              id,
              success: false,
              errors: [
                {
                  statusCode: error.errorCode === 'NOT_FOUND' ? 'ENTITY_IS_DELETED' : error.errorCode,
                  message: error.message,
                  fields: [],
                },
              ],
            });
          }
        }
        if (failed && allOrNone) throw new RolledBack(out);
        return out;
      }),
    );
    return { status: 200, body: results };
  }

  private collectionRetrieve(type: string, params: URLSearchParams, context: CallContext): Answer {
    const object = this.object(type);
    if (object.platformEvent) throw unsupportedType(object.name);
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    const fields = (params.get('fields') ?? '').split(',').filter(Boolean);
    if (fields.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'fields is required');
    return {
      status: 200,
      body: ids.map((id) => {
        const normalised = normaliseId(id);
        return (normalised && this.org.store.record(object, normalised, context.apiVersion, fields)) ?? null;
      }),
    };
  }

  // ---- composite -------------------------------------------------------------------------------

  private composite(body: unknown, context: CallContext): Answer {
    const request = (body ?? {}) as {
      allOrNone?: boolean;
      compositeRequest?: Array<{ method: string; url: string; referenceId: string; body?: unknown }>;
    };
    const subrequests = request.compositeRequest;
    if (!Array.isArray(subrequests) || subrequests.length === 0) {
      throw new ApiError(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
    }
    if (subrequests.length > 25)
      throw new ApiError(400, 'LIMIT_EXCEEDED', 'Composite request is limited to 25 subrequests');
    const heavy = subrequests.filter((sub) => /\/(composite\/sobjects|query|queryAll)(\/|\?|$)/.test(sub.url)).length;
    if (heavy > 5) {
      throw new ApiError(
        400,
        'LIMIT_EXCEEDED',
        'A composite request may contain at most 5 sObject Collections or query subrequests',
      );
    }
    const results = new Map<string, unknown>();
    const responses: Array<Record<string, unknown>> = [];
    const halted = (referenceId: string) =>
      this.subAnswer(referenceId, 400, [
        {
          errorCode: 'PROCESSING_HALTED',
          message: 'The transaction was rolled back since another operation in the same transaction failed.',
        },
      ]);
    /** Runs one subrequest in `transaction`; false when it failed (and was undone). */
    const attempt = (sub: (typeof subrequests)[number], transaction: (work: () => Answer) => Answer): boolean => {
      try {
        const url = resolveReferences(sub.url, results);
        const bodyValue =
          sub.body === undefined ? undefined : JSON.parse(resolveReferences(JSON.stringify(sub.body), results));
        const parsed = new URL(url, 'http://local');
        const path = parsed.pathname.replace(/^\/services\/data\/v[\d.]+/, '');
        const answer = transaction(() => this.dispatch(sub.method, path, parsed.searchParams, bodyValue, context));
        results.set(sub.referenceId, answer.body);
        responses.push(this.subAnswer(sub.referenceId, answer.status, answer.body ?? null));
        return true;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        responses.push(this.subAnswer(sub.referenceId, error.status, error.body()));
        return false;
      }
    };
    if (request.allOrNone) {
      // One transaction: a failure rolls back every subrequest (and publishes none of its
      // after-commit events); the others answer PROCESSING_HALTED.
      try {
        this.org.write(this.writeContext(context), () => {
          const failedAt = subrequests.findIndex((sub) => !attempt(sub, (work) => this.org.store.savepoint(work)));
          if (failedAt >= 0) {
            responses.forEach((response, index) => {
              if (index !== failedAt) responses[index] = halted(String(response.referenceId));
            });
            for (const sub of subrequests.slice(failedAt + 1)) responses.push(halted(sub.referenceId));
            throw new RolledBack(responses);
          }
        });
      } catch (error) {
        if (!(error instanceof RolledBack)) throw error;
      }
    } else {
      // Each subrequest is its own transaction, committed (and its events sent) before the next runs.
      for (const sub of subrequests) attempt(sub, (work) => this.org.write(this.writeContext(context), work));
    }
    return { status: 200, body: { compositeResponse: responses } };
  }

  private subAnswer(referenceId: string, status: number, body: unknown) {
    return { body, httpHeaders: {}, httpStatusCode: status, referenceId };
  }

  // ---- limits and actions ----------------------------------------------------------------------

  private limits() {
    const { used, limit } = { used: this.org.accounting.used, limit: this.org.accounting.limit };
    return {
      DailyApiRequests: { Max: limit, Remaining: Math.max(0, limit - used) },
      DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
      DailyDeliveredPlatformEvents: { Max: 50000, Remaining: 50000 },
      DataStorageMB: { Max: 1024, Remaining: 1024 },
    };
  }

  private notify(body: unknown): Answer {
    const inputs = ((body ?? {}) as { inputs?: Array<Record<string, unknown>> }).inputs;
    if (!Array.isArray(inputs) || inputs.length === 0)
      throw new ApiError(400, 'JSON_PARSER_ERROR', 'inputs is required');
    return {
      status: 200,
      body: inputs.map((input) => {
        const missing = ['customNotifTypeId', 'recipientIds', 'title', 'body'].filter((name) => !input[name]);
        if (missing.length > 0) {
          return {
            actionName: 'customNotificationAction',
            errors: [
              {
                statusCode: 'REQUIRED_FIELD_MISSING',
                message: `Missing required input parameter: ${missing[0]}`,
                fields: [],
              },
            ],
            isSuccess: false,
            outputValues: null,
          };
        }
        this.org.notifications.push({
          customNotifTypeId: String(input.customNotifTypeId),
          recipientIds: [input.recipientIds].flat().map(String),
          title: String(input.title),
          body: String(input.body),
          targetId: input.targetId ? String(input.targetId) : null,
          at: this.org.clock(),
        });
        return {
          actionName: 'customNotificationAction',
          errors: null,
          isSuccess: true,
          outputValues: { SuccessMessage: 'Your custom notification is processed successfully.' },
        };
      }),
    };
  }
}

/** Thrown to roll back an allOrNone call while still answering with per-record results. */
class RolledBack extends Error {
  constructor(readonly results: Array<Record<string, unknown>>) {
    super('rolled back');
  }
}

/** With allOrNone, a failure rolls everything back: the records that had succeeded say so. */
function rolledBackAware(work: () => Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return error.results.map((result) =>
      result.success
        ? {
            id: null,
            success: false,
            errors: [
              {
                statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                message:
                  'Record rolled back because not all records were valid and the request was using AllOrNone header',
                fields: [],
              },
            ],
          }
        : result,
    );
  }
}

/** @{ref.id}, @{ref.records[0].Id}: values from earlier composite subrequests. */
function resolveReferences(text: string, results: ReadonlyMap<string, unknown>): string {
  return text.replace(/@\{([\w]+)((?:\.[\w]+|\[\d+\])*)\}/g, (whole, reference: string, path: string) => {
    if (!results.has(reference))
      throw new ApiError(400, 'INVALID_REFERENCE', `Invalid reference specified. No value for ${reference} found`);
    let value: unknown = results.get(reference);
    for (const step of path.match(/\.[\w]+|\[\d+\]/g) ?? []) {
      value = step.startsWith('[')
        ? (value as unknown[])[Number(step.slice(1, -1))]
        : (value as Record<string, unknown>)?.[step.slice(1)];
    }
    if (value === undefined) throw new ApiError(400, 'INVALID_REFERENCE', `Invalid reference specified: ${whole}`);
    return String(value);
  });
}
