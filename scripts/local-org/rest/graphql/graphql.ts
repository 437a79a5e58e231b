/**
 * The UI API GraphQL endpoint, `POST /services/data/vNN.0/graphql` with `{ query, variables,
 * operationName }`, in the subset Stance's components use (docs: the issue 15 contract):
 * `uiapi { query { Object(...) {...} } aggregate { Object(...) {...} } }`. The document is parsed
 * with the `graphql` package; each object field runs as one SOQL query as the signed-in user, so
 * sharing and field-level security apply as everywhere else. Answers are HTTP 200 with `data`,
 * or `data: null` and `errors` (message, locations, path, extensions.classification) as
 * Salesforce answers them; an object or field the user may not read is undefined for them.
 */
import { getLocation, GraphQLError, parse, valueFromASTUntyped } from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, OperationDefinitionNode, Source } from 'graphql';
import { ApiError } from '../../errors';
import type { LocalOrg } from '../../org';
import { route } from '../call';
import type { Answer, CallContext, Route } from '../call';
import { aggregateConnection } from './aggregate';
import { GqlContext, GraphQlError, keyOf, undefinedField } from './context';
import { recordConnection } from './records';

export function graphqlRoutes(org: LocalOrg): Route[] {
  return [route('POST', /^\/graphql\/?$/, (_m, _q, body, context) => graphql(org, body, context))];
}

interface GraphQlErrorBody {
  readonly message: string;
  readonly locations: Array<{ line: number; column: number }>;
  readonly path: null;
  readonly extensions: { classification: string };
}

export function graphql(org: LocalOrg, body: unknown, call: CallContext): Answer {
  const request = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof request.query !== 'string' || request.query.trim() === '')
    throw new ApiError(400, 'INVALID_INPUT', 'The request body needs a GraphQL query in "query"');
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    const syntax = error as GraphQLError;
    return answer([
      {
        message: `Invalid Syntax : ${syntax.message}`,
        locations: [...(syntax.locations ?? [])],
        path: null,
        extensions: { classification: 'InvalidSyntax' },
      },
    ]);
  }
  try {
    return { status: 200, body: { data: execute(org, document, request, call) } };
  } catch (error) {
    if (error instanceof GraphQlError) return answer([errorBody(error, document.loc?.source)]);
    // A SOQL refusal (an unsupported filter, a limit) is the data fetch failing, named by its code.
    if (error instanceof ApiError)
      return answer([
        {
          message: `${error.errorCode}: ${error.message}`,
          locations: [],
          path: null,
          extensions: { classification: 'DataFetchingException' },
        },
      ]);
    throw error;
  }
}

const answer = (errors: GraphQlErrorBody[]): Answer => ({ status: 200, body: { data: null, errors } });

function errorBody(error: GraphQlError, source: Source | undefined): GraphQlErrorBody {
  const start = error.node?.loc?.start;
  return {
    message: error.message,
    locations: source && start !== undefined ? [getLocation(source, start)] : [],
    path: null,
    extensions: { classification: error.classification },
  };
}

function execute(
  org: LocalOrg,
  document: DocumentNode,
  request: { variables?: unknown; operationName?: unknown },
  call: CallContext,
): Record<string, unknown> {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  );
  const name = typeof request.operationName === 'string' ? request.operationName : undefined;
  const operation = name ? operations.find((candidate) => candidate.name?.value === name) : operations[0];
  if (!operation)
    throw new GraphQlError(name ? `Unknown operation named '${name}'` : 'The document has no operation', undefined);
  if (!name && operations.length > 1)
    throw new GraphQlError('operationName is required when the document has several operations', operation);
  if (operation.operation !== 'query')
    throw new GraphQlError(`the local org answers queries only, not ${operation.operation}`, operation);
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === 'FragmentDefinition')
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const given = (request.variables ?? {}) as Record<string, unknown>;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const variable = definition.variable.name.value;
    if (variable in given) variables[variable] = given[variable];
    else if (definition.defaultValue) variables[variable] = valueFromASTUntyped(definition.defaultValue);
    else if (definition.type.kind === 'NonNullType')
      throw new GraphQlError(`Variable '${variable}' has an invalid value: it is required`, definition);
    else variables[variable] = null;
  }
  const ctx = new GqlContext(org, call, variables, fragments);
  const data: Record<string, unknown> = {};
  for (const field of ctx.fields(operation.selectionSet)) {
    if (field.name.value === '__typename') data[keyOf(field)] = 'Query';
    else if (field.name.value === 'uiapi') data[keyOf(field)] = uiapi(ctx, field);
    else throw undefinedField(field.name.value, 'Query', field.name.value, field);
  }
  return data;
}

function uiapi(ctx: GqlContext, node: FieldNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ctx.fields(node.selectionSet)) {
    const key = keyOf(field);
    const kind = field.name.value;
    if (kind === '__typename') {
      out[key] = 'UIAPI';
    } else if (kind === 'query' || kind === 'aggregate') {
      const answers: Record<string, unknown> = {};
      for (const objectField of ctx.fields(field.selectionSet)) {
        const path = `uiapi/${kind}/${objectField.name.value}`;
        if (objectField.name.value === '__typename')
          answers[keyOf(objectField)] = kind === 'query' ? 'RecordQuery' : 'RecordQueryAggregate';
        else
          answers[keyOf(objectField)] =
            kind === 'query' ? recordConnection(ctx, objectField, path) : aggregateConnection(ctx, objectField, path);
      }
      out[key] = answers;
    } else {
      throw undefinedField(kind, 'UIAPI', `uiapi/${kind}`, field);
    }
  }
  return out;
}
