/**
 * /composite: up to 25 subrequests, each run through the same routes (so a composite call counts
 * once, as in Salesforce), later ones reading earlier results through @{reference} expressions.
 * With `collateSubrequests` true (the default) unrelated subrequests run in a shuffled order (see
 * collation.ts), and the answers come in the order the subrequests ran, each with its referenceId.
 */
import { ApiError } from '../errors';
import type { LocalOrg } from '../org';
import { route, writeContextOf } from './call';
import type { Answer, CallContext, Dispatch, Route } from './call';
import { executionOrder, SeededSequence } from './collation';
import { RolledBack } from './rollback';

interface Subrequest {
  readonly method: string;
  readonly url: string;
  readonly referenceId: string;
  readonly body?: unknown;
  readonly httpHeaders?: unknown;
}

export function compositeRoutes(org: LocalOrg, dispatch: Dispatch): Route[] {
  const sequence = new SeededSequence(org.collationSeed);
  return [route('POST', /^\/composite\/?$/, (_m, _q, b, c) => composite(org, dispatch, sequence, b, c))];
}

function composite(
  org: LocalOrg,
  dispatch: Dispatch,
  sequence: SeededSequence,
  body: unknown,
  context: CallContext,
): Answer {
  const request = (body ?? {}) as {
    allOrNone?: boolean;
    collateSubrequests?: boolean;
    compositeRequest?: Subrequest[];
  };
  const given = request.compositeRequest;
  if (!Array.isArray(given) || given.length === 0) {
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
  }
  if (request.collateSubrequests !== undefined && typeof request.collateSubrequests !== 'boolean')
    throw new ApiError(400, 'JSON_PARSER_ERROR', 'collateSubrequests must be a boolean');
  if (given.length > 25) throw new ApiError(400, 'LIMIT_EXCEEDED', 'Composite request is limited to 25 subrequests');
  const heavy = given.filter((sub) => /\/(composite\/sobjects|query|queryAll)(\/|\?|$)/.test(sub.url)).length;
  if (heavy > 5) {
    throw new ApiError(
      400,
      'LIMIT_EXCEEDED',
      'A composite request may contain at most 5 sObject Collections or query subrequests',
    );
  }
  const subrequests = executionOrder(given, request.collateSubrequests ?? true, sequence).map((index) => given[index]!);
  const results = new Map<string, unknown>();
  const responses: Array<Record<string, unknown>> = [];
  const halted = (referenceId: string) =>
    subAnswer(referenceId, 400, [
      {
        errorCode: 'PROCESSING_HALTED',
        message: 'The transaction was rolled back since another operation in the same transaction failed.',
      },
    ]);
  /** Runs one subrequest in `transaction`; false when it failed (and was undone). */
  const attempt = (sub: Subrequest, transaction: (work: () => Answer) => Answer): boolean => {
    try {
      const url = resolveReferences(sub.url, results);
      const bodyValue =
        sub.body === undefined ? undefined : JSON.parse(resolveReferences(JSON.stringify(sub.body), results));
      const parsed = new URL(url, 'http://local');
      const path = parsed.pathname.replace(/^\/services\/data\/v[\d.]+/, '');
      const answer = transaction(() => dispatch(sub.method, path, parsed.searchParams, bodyValue, context));
      results.set(sub.referenceId, answer.body);
      responses.push(subAnswer(sub.referenceId, answer.status, answer.body ?? null));
      return true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      responses.push(subAnswer(sub.referenceId, error.status, error.body()));
      return false;
    }
  };
  if (request.allOrNone) {
    // One transaction: a failure rolls back every subrequest (and publishes none of its
    // after-commit events); the others answer PROCESSING_HALTED.
    try {
      org.write(writeContextOf(org, context), () => {
        const failedAt = subrequests.findIndex((sub) => !attempt(sub, (work) => org.store.savepoint(work)));
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
    for (const sub of subrequests) attempt(sub, (work) => org.write(writeContextOf(org, context), work));
  }
  return { status: 200, body: { compositeResponse: responses } };
}

function subAnswer(referenceId: string, status: number, body: unknown) {
  return { body, httpHeaders: {}, httpStatusCode: status, referenceId };
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
