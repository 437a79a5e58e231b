/**
 * The Tooling API's query resource (/tooling/query), for the few setup objects org:doctor reads:
 * PlatformEventChannelMember (the entities selected for Change Data Capture, from the package's
 * platformEventChannelMembers), FieldDefinition (whether a field's history is tracked, from its
 * trackHistory) and EntityDefinition. Like Salesforce, it needs View Setup and Configuration. The
 * SOQL it takes is small: plain fields and EntityDefinition.<field>, a WHERE of =, != and IN
 * joined by AND; anything else is MALFORMED_QUERY (ours: Salesforce takes more).
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { Query } from '@jetstreamapp/soql-parser-js';
import { ApiError, invalidType, malformedQuery } from '../errors';
import { makeId } from '../ids';
import type { LocalOrg } from '../org';
import { route } from './call';
import type { Answer, CallContext, Route } from './call';

type Row = Record<string, unknown>;

const TYPES = ['PlatformEventChannelMember', 'EntityDefinition', 'FieldDefinition'];

interface Condition {
  readonly left?: { field?: string; operator?: string; value?: string | string[] } | null;
  readonly operator?: string;
  readonly right?: Condition;
}

export function toolingRoutes(org: LocalOrg): Route[] {
  return [route('GET', /^\/tooling\/query\/?$/, (_m, q, _b, c) => toolingQuery(org, q, c))];
}

function toolingQuery(org: LocalOrg, params: URLSearchParams, context: CallContext): Answer {
  const soql = params.get('q');
  if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  let query: Query;
  try {
    query = parseQuery(soql);
  } catch (error) {
    throw malformedQuery((error as Error).message);
  }
  const type = query.sObject ?? '';
  const known = TYPES.find((name) => name.toLowerCase() === type.toLowerCase());
  // The Tooling API's setup objects need View Setup and Configuration (Salesforce's access rule).
  if (!known || !org.access.rightsOf(context.session.userId).has('ViewSetup')) throw invalidType(type);
  const fields = query.fields!.map((field) => {
    if (field.type === 'Field') return field.field;
    if (field.type === 'FieldRelationship') return field.rawValue ?? [...field.relationships, field.field].join('.');
    throw malformedQuery(`The local org's Tooling API takes plain fields only, not ${field.type}`);
  });
  const rows = rowsOf(org, known).filter((row) => matches(row, query.where as Condition | undefined));
  const records = rows.map((row) => {
    const record: Row = {
      attributes: {
        type: known,
        url: `/services/data/v${context.apiVersion}/tooling/sobjects/${known}/${String(row.Id)}`,
      },
    };
    for (const path of fields) put(record, path, valueAt(row, path, known));
    return record;
  });
  return {
    status: 200,
    body: {
      size: records.length,
      totalSize: records.length,
      done: true,
      queryLocator: null,
      entityTypeName: known,
      records,
    },
  };
}

function rowsOf(org: LocalOrg, type: string): Row[] {
  if (type === 'PlatformEventChannelMember')
    return org.metadata.files
      .filter((file) => file.kind === 'platformEventChannelMember')
      .map((file, index) => {
        const name = file.file.split('/').pop()!.split('.')[0]!;
        return {
          Id: makeId('0v8', index + 1),
          DeveloperName: name,
          MasterLabel: name,
          FullName: name,
          EventChannel: String(file.xml.eventChannel ?? ''),
          SelectedEntity: String(file.xml.selectedEntity ?? ''),
          FilterExpression: file.xml.filterExpression === undefined ? null : String(file.xml.filterExpression),
        };
      });
  const entities = org.schema.objects;
  if (type === 'EntityDefinition')
    return entities.map((object) => ({
      Id: object.name,
      DurableId: object.name,
      QualifiedApiName: object.name,
      DeveloperName: object.name.replace(/__c$/, ''),
      Label: object.label,
      KeyPrefix: object.keyPrefix,
    }));
  return entities.flatMap((object) =>
    [...object.fields.values()].map((field) => ({
      Id: `${object.name}.${field.name}`,
      DurableId: `${object.name}.${field.name}`,
      QualifiedApiName: field.name,
      DeveloperName: field.name.replace(/__c$/, ''),
      Label: field.label,
      EntityDefinitionId: object.name,
      EntityDefinition: { QualifiedApiName: object.name, DeveloperName: object.name.replace(/__c$/, '') },
      IsFieldHistoryTracked: org.metadata.objects.get(object.name)?.fields.get(field.name)?.trackHistory ?? false,
    })),
  );
}

function valueAt(row: Row, path: string, type: string): unknown {
  let value: unknown = row;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === part.toLowerCase());
    if (key === undefined) throw new ApiError(400, 'INVALID_FIELD', `No such column '${part}' on entity '${type}'.`);
    value = (value as Row)[key];
  }
  return value;
}

function put(record: Row, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = record;
  for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Row;
  target[parts[parts.length - 1]!] = value;
}

function literal(text: string): unknown {
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replace(/\\'/g, "'");
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^null$/i.test(text)) return null;
  return Number(text);
}

function matches(row: Row, where: Condition | undefined): boolean {
  if (!where) return true;
  if (where.operator && where.operator !== 'AND')
    throw malformedQuery(`The local org's Tooling API joins conditions with AND only`);
  const left = where.left;
  let ok = true;
  if (left?.field) {
    const actual = valueAt(row, left.field, 'row');
    const same = (text: string) => {
      const expected = literal(text);
      return typeof expected === 'string' && typeof actual === 'string'
        ? expected.toLowerCase() === actual.toLowerCase()
        : expected === actual;
    };
    const values = Array.isArray(left.value) ? left.value : [left.value ?? ''];
    if (left.operator === '=') ok = same(values[0]!);
    else if (left.operator === '!=') ok = !same(values[0]!);
    else if (left.operator?.toUpperCase() === 'IN') ok = values.some(same);
    else throw malformedQuery(`The local org's Tooling API filters with =, != and IN only`);
  }
  return ok && matches(row, where.right);
}
