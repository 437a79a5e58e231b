/**
 * Single records through /sobjects/<Type>/<Id>: retrieve, create (or publish, for a platform
 * event), update, delete, and upsert by an external id field. Upsert is shared with sObject
 * Collections.
 */
import { ApiError, invalidField, invalidTypeForOperation, notFound } from '../errors';
import { normaliseId } from '../ids';
import type { LocalOrg } from '../org';
import type { OrgObject } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { objectNamed, route, writeContextOf } from './call';
import type { Answer, CallContext, Route } from './call';

export function recordRoutes(org: LocalOrg): Route[] {
  const records = new Records(org);
  return [
    route('POST', /^\/sobjects\/(\w+)\/?$/, (m, _q, b, c) => records.create(m[1]!, b, c)),
    route('GET', /^\/sobjects\/(\w+)\/(\w{15,18})\/?$/, (m, q, _b, c) => records.retrieve(m[1]!, m[2]!, q, c)),
    route('PATCH', /^\/sobjects\/(\w+)\/(\w{15,18})\/?$/, (m, _q, b, c) => records.update(m[1]!, m[2]!, b, c)),
    route('DELETE', /^\/sobjects\/(\w+)\/(\w{15,18})\/?$/, (m, _q, _b, c) => records.remove(m[1]!, m[2]!, c)),
    route('PATCH', /^\/sobjects\/(\w+)\/(\w+)\/([^/]+)$/, (m, _q, b, c) =>
      records.upsert(m[1]!, m[2]!, decodeURIComponent(m[3]!), b, c),
    ),
  ];
}

class Records {
  constructor(private readonly org: LocalOrg) {}

  retrieve(type: string, id: string, params: URLSearchParams, context: CallContext): Answer {
    const object = objectNamed(this.org, type, context);
    const normalised = normaliseId(id);
    const fields = params
      .get('fields')
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const record = normalised
      ? this.org.store.record(object, normalised, context.apiVersion, fields, context.session.userId)
      : undefined;
    if (!record) throw notFound();
    return { status: 200, body: record };
  }

  /** Creates a record, or for a platform event publishes it: the answer is the same, {id, success, errors}. */
  create(type: string, body: unknown, context: CallContext): Answer {
    const object = objectNamed(this.org, type, context);
    const values = fieldValues(body);
    const id = this.org.write(writeContextOf(this.org, context), () =>
      this.org.store.create(object.name, values, writeContextOf(this.org, context)),
    );
    return { status: 201, body: { id, success: true, errors: [] } };
  }

  update(type: string, id: string, body: unknown, context: CallContext): Answer {
    const object = objectNamed(this.org, type, context);
    const values = fieldValues(body);
    this.org.write(writeContextOf(this.org, context), () =>
      this.org.store.update(object.name, id, values, writeContextOf(this.org, context)),
    );
    return { status: 204 };
  }

  remove(type: string, id: string, context: CallContext): Answer {
    const object = objectNamed(this.org, type, context);
    this.org.write(writeContextOf(this.org, context), () =>
      this.org.store.delete(object.name, id, writeContextOf(this.org, context)),
    );
    return { status: 204 };
  }

  upsert(type: string, fieldName: string, value: string, body: unknown, context: CallContext): Answer {
    const object = objectNamed(this.org, type, context);
    const result = this.org.write(writeContextOf(this.org, context), () =>
      upsertRecord(this.org, object, fieldName, { ...fieldValues(body), [fieldName]: value }, context),
    );
    return {
      status: result.created ? 201 : 200,
      body: { id: result.id, success: true, errors: [], created: result.created },
    };
  }
}

/** Updates the one record whose external id matches, or creates one; inside the caller's transaction. */
export function upsertRecord(
  org: LocalOrg,
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
  const matches = field.name === 'Id' ? [String(key)] : org.store.findByExternalId(object, field, key);
  if (matches.length > 1) {
    throw new ApiError(
      300,
      'MULTIPLE_CHOICES',
      `The value provided for foreign key reference ${field.name} is not unique`,
      [field.name],
    );
  }
  const write = writeContextOf(org, context);
  if (matches.length === 1) {
    // On the update path of an upsert, fields that can be set only on create are ignored.
    const rest = Object.fromEntries(
      Object.entries(values).filter(([name]) => {
        const candidate = fieldOf(object, name);
        return name !== field.name && !(candidate && candidate.createable && !candidate.updateable);
      }),
    );
    org.store.update(object.name, matches[0]!, rest, write);
    return { id: matches[0]!, created: false };
  }
  return { id: org.store.create(object.name, values, write), created: true };
}

function fieldValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values');
  }
  const { attributes: _attributes, ...values } = body as Record<string, unknown>;
  return values;
}
