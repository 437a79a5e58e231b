/**
 * sObject Collections (/composite/sobjects): up to 200 records created, updated, upserted,
 * deleted or retrieved in one call, each with its own result unless allOrNone.
 */
import { ApiError, unsupportedType } from '../errors';
import { normaliseId } from '../ids';
import type { LocalOrg } from '../org';
import { objectNamed, route, writeContextOf } from './call';
import type { Answer, CallContext, Route } from './call';
import { upsertRecord } from './records';
import { RolledBack, rolledBackAware } from './rollback';

const COLLECTION_LIMIT = 200;

export function collectionRoutes(org: LocalOrg): Route[] {
  const collections = new Collections(org);
  return [
    route('POST', /^\/composite\/sobjects\/?$/, (_m, _q, b, c) => collections.save('create', b, c)),
    route('PATCH', /^\/composite\/sobjects\/?$/, (_m, _q, b, c) => collections.save('update', b, c)),
    route('PATCH', /^\/composite\/sobjects\/(\w+)\/(\w+)\/?$/, (m, _q, b, c) =>
      collections.save('upsert', b, c, m[1], m[2]),
    ),
    route('DELETE', /^\/composite\/sobjects\/?$/, (_m, q, _b, c) => collections.remove(q, c)),
    route('GET', /^\/composite\/sobjects\/(\w+)\/?$/, (m, q, _b, c) => collections.retrieve(m[1]!, q, c)),
  ];
}

function tooMany(): ApiError {
  return new ApiError(
    400,
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`,
  );
}

class Collections {
  constructor(private readonly org: LocalOrg) {}

  save(
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
    if (records.length > COLLECTION_LIMIT) throw tooMany();
    const write = writeContextOf(this.org, context);
    const one = (record: Record<string, unknown>) => {
      const recordType = type ?? (record.attributes as { type?: string } | undefined)?.type;
      if (!recordType) throw new ApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
      const object = objectNamed(this.org, recordType, context);
      const { attributes: _attributes, ...values } = record;
      if (kind === 'create') return { id: this.org.store.create(object.name, values, write) };
      if (kind === 'update') {
        const { Id, id, ...rest } = values;
        const target = String(Id ?? id ?? '');
        if (!target) throw new ApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
        this.org.store.update(object.name, target, rest, write);
        return { id: normaliseId(target) ?? target };
      }
      return upsertRecord(this.org, object, externalField!, values, context);
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

  remove(params: URLSearchParams, context: CallContext): Answer {
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length > COLLECTION_LIMIT) throw tooMany();
    const allOrNone = params.get('allOrNone') === 'true';
    const write = writeContextOf(this.org, context);
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

  retrieve(type: string, params: URLSearchParams, context: CallContext): Answer {
    const object = objectNamed(this.org, type, context);
    if (object.platformEvent) throw unsupportedType(object.name);
    const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
    const fields = (params.get('fields') ?? '').split(',').filter(Boolean);
    if (fields.length === 0) throw new ApiError(400, 'MISSING_ARGUMENT', 'fields is required');
    return {
      status: 200,
      body: ids.map((id) => {
        const normalised = normaliseId(id);
        return (
          (normalised &&
            this.org.store.record(object, normalised, context.apiVersion, fields, context.session.userId)) ??
          null
        );
      }),
    };
  }
}
