/**
 * SOQL text to the parsed query, through @jetstreamapp/soql-parser-js. The types below name
 * only what the local org reads of the parser's output.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { WhereClause } from '@jetstreamapp/soql-parser-js';
import { malformedQuery } from '../errors';

export type AnyField = {
  type: string;
  field?: string;
  relationships?: string[];
  rawValue?: string;
  alias?: string;
  functionName?: string;
  parameters?: unknown[];
  subquery?: Subquery;
};

export type Subquery = {
  relationshipName: string;
  fields: AnyField[];
  where?: WhereClause;
  orderBy?: OrderBy | OrderBy[];
  limit?: number;
  offset?: number;
};

export type OrderBy = { field?: string; order?: 'ASC' | 'DESC'; nulls?: 'FIRST' | 'LAST'; fn?: unknown };

export type Parsed = {
  fields: AnyField[];
  sObject: string;
  where?: WhereClause;
  orderBy?: OrderBy | OrderBy[];
  limit?: number;
  offset?: number;
  groupBy?: { field?: string; fn?: unknown } | Array<{ field?: string; fn?: unknown }>;
  having?: unknown;
  withSecurityEnforced?: boolean;
  withAccessLevel?: unknown;
  withDataCategory?: unknown;
  for?: unknown;
  update?: unknown;
  usingScope?: unknown;
};

/** Salesforce's default limit on the length of a SOQL statement. */
export const SOQL_MAX_LENGTH = 100_000;

export function parseSoql(soql: string): Parsed {
  if (soql.length > SOQL_MAX_LENGTH)
    throw malformedQuery(
      `SOQL statements cannot be longer than ${SOQL_MAX_LENGTH} characters (this one has ${soql.length})`,
    );
  try {
    return parseQuery(soql) as unknown as Parsed;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    throw malformedQuery(
      `${message.replace(/^Expecting: one of these possible Token sequences:/, 'unexpected token')} in: ${soql.slice(0, 200)}`,
    );
  }
}

/** Clauses the local org does not run: refused by name rather than ignored. */
export function rejectUnsupported(query: Parsed): void {
  const unsupported: Array<[unknown, string]> = [
    [query.having, 'HAVING'],
    [query.withDataCategory, 'WITH DATA CATEGORY'],
    [query.for, 'FOR VIEW/REFERENCE/UPDATE'],
    [query.update, 'UPDATE TRACKING/VIEWSTAT'],
    [query.usingScope, 'USING SCOPE'],
  ];
  for (const [present, name] of unsupported)
    if (present) throw malformedQuery(`the local org does not support ${name}`);
}
