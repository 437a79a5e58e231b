/**
 * Writes many records with few API calls: sObject Collections of 200 records, up to five of
 * them in one /composite call (which Salesforce counts as one API call). Only updates, upserts by
 * external id and creates keyed by a unique field go through here: all are safe to send again,
 * so a call that failed as a whole (a 5xx, a lock, no answer: jsforce does not retry a POST) is
 * retried with backoff, each retry told to `onRetry` with why. The day's API allowance spent
 * (REQUEST_LIMIT_EXCEEDED) is not retried here: sending again cannot help before the allowance
 * returns, so the records come back retryable at once, for the API reserve to pause. A keyed create the org refuses as DUPLICATE_VALUE on its key was written before (by a
 * try whose answer was lost): it counts as written, and needs no Edit right as an upsert's
 * update would. Records the
 * org refuses are reported one by one, with its error and whether trying again can help.
 * A call may also publish a platform event about its writes (`announce`), as its last
 * subrequest: with allOrNone off each subrequest commits on its own, and with collateSubrequests
 * off they run in the order sent (Salesforce's default, true since API 49, may run unrelated
 * subrequests in any order), so the event goes out after the writes before it, and it costs no
 * extra API call. Answers are matched to subrequests by referenceId, never by position.
 */
import type { Connection } from 'jsforce';

export interface RecordWrite {
  readonly type: string;
  /** For updates. */
  readonly id?: string;
  /** For upserts: the external id field, whose value is in fields. */
  readonly externalIdField?: string;
  /**
   * For creates that must happen once: a unique field whose value is in fields. Sent as a create;
   * the org's DUPLICATE_VALUE on this field means the record exists, and counts as written.
   */
  readonly createKey?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface WriteOutcome {
  readonly write: RecordWrite;
  readonly id: string | null;
  readonly ok: boolean;
  readonly errorCode?: string;
  readonly message?: string;
  /** True when the same write may succeed later (a locked row, a busy org). */
  readonly retryable?: boolean;
}

export interface WriterOptions {
  readonly apiVersion: string;
  /** Upsert every write without its own externalIdField by this one instead of updating by Id. */
  readonly externalIdField?: string;
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told of each call sent again, with why (retryReason: a bounded set, fit for a metric label). */
  readonly onRetry?: (reason: string) => void;
  /** A platform event to publish in each call, about that call's writes (null: none for this call). */
  readonly announce?: (writes: readonly RecordWrite[]) => Announcement | null;
}

export interface Announcement {
  /** The platform event, e.g. Stance_Update__e. */
  readonly type: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The org's answer once the day's API allowance is spent: every call is refused until it returns. */
export const DAILY_LIMIT_EXCEEDED = 'REQUEST_LIMIT_EXCEEDED';

const COLLECTION_SIZE = 200;
const COLLECTIONS_PER_CALL = 5;
const RETRYABLE_CODES = new Set([
  'UNABLE_TO_LOCK_ROW',
  'SERVER_UNAVAILABLE',
  'REQUEST_RUNNING_TOO_LONG',
  'UNKNOWN_EXCEPTION',
]);

type Subrequest = { method: string; url: string; referenceId: string; body: unknown };
type CollectionResult = { id?: string; success: boolean; errors?: Array<{ statusCode: string; message: string }> };
type CompositeAnswer = { compositeResponse: Array<{ httpStatusCode: number; body: unknown; referenceId: string }> };

export async function writeRecords(
  conn: Connection,
  writes: readonly RecordWrite[],
  options: WriterOptions,
): Promise<WriteOutcome[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Updates share collections whatever their type; an upsert collection holds one type and key.
  const groups = new Map<string, RecordWrite[]>();
  for (const write of writes) {
    const externalIdField = write.externalIdField ?? options.externalIdField;
    const resolved = externalIdField && !write.externalIdField ? { ...write, externalIdField } : write;
    const key = write.createKey
      ? `${write.type}+${write.createKey}`
      : externalIdField
        ? `${write.type}/${externalIdField}`
        : '';
    const group = groups.get(key);
    if (group) group.push(resolved);
    else groups.set(key, [resolved]);
  }
  const collections: RecordWrite[][] = [];
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; start += COLLECTION_SIZE)
      collections.push(group.slice(start, start + COLLECTION_SIZE));
  }
  const outcomes: WriteOutcome[] = [];
  for (let start = 0; start < collections.length; start += COLLECTIONS_PER_CALL) {
    outcomes.push(
      ...(await writeOneCall(conn, collections.slice(start, start + COLLECTIONS_PER_CALL), options, sleep)),
    );
  }
  return outcomes;
}

async function writeOneCall(
  conn: Connection,
  collections: readonly RecordWrite[][],
  options: WriterOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<WriteOutcome[]> {
  const writes = collections.flat();
  const base = `/services/data/v${options.apiVersion}`;
  const compositeRequest: Subrequest[] = collections.map((records, index) => {
    const { type, externalIdField, createKey } = records[0]!;
    return {
      method: createKey ? 'POST' : 'PATCH',
      url:
        externalIdField && !createKey
          ? `${base}/composite/sobjects/${type}/${externalIdField}`
          : `${base}/composite/sobjects`,
      referenceId: `c${index}`,
      body: {
        allOrNone: false,
        records: records.map((write) => ({
          attributes: { type: write.type },
          ...(write.id ? { Id: write.id } : {}),
          ...write.fields,
        })),
      },
    };
  });
  const announcement = options.announce?.(writes) ?? null;
  const announced: RecordWrite | null = announcement ? { type: announcement.type, fields: announcement.fields } : null;
  if (announced) {
    compositeRequest.push({
      method: 'POST',
      url: `${base}/sobjects/${announced.type}`,
      referenceId: 'announce',
      body: announced.fields,
    });
  }
  const attempts = options.attempts ?? 4;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const answer = await conn.requestPost<CompositeAnswer>(`${base}/composite`, {
        allOrNone: false,
        collateSubrequests: false,
        compositeRequest,
      });
      const byReference = new Map(answer.compositeResponse.map((response) => [response.referenceId, response]));
      const outcomes = collections.flatMap((records, index) => outcomesOf(records, byReference.get(`c${index}`)));
      return announced ? [...outcomes, announcementOutcome(announced, byReference.get('announce'))] : outcomes;
    } catch (error) {
      lastError = error;
      if (!transient(error) || attempt === attempts) break;
      options.onRetry?.(retryReason(error));
      await sleep((options.backoffMs ?? 500) * 2 ** (attempt - 1));
    }
  }
  const code = (lastError as { errorCode?: string }).errorCode ?? 'UNKNOWN_EXCEPTION';
  const message = (lastError as Error).message;
  // The allowance spent: the same write succeeds once it returns.
  const retryable = transient(lastError) || code === DAILY_LIMIT_EXCEEDED;
  return [...writes, ...(announced ? [announced] : [])].map((write) => ({
    write,
    id: write.id ?? null,
    ok: false,
    errorCode: code,
    message,
    retryable,
  }));
}

/** The published event's outcome: a 201 with its id, or the org's error (e.g. the event is not deployed). */
function announcementOutcome(
  write: RecordWrite,
  response: CompositeAnswer['compositeResponse'][number] | undefined,
): WriteOutcome {
  if (response && response.httpStatusCode < 300) {
    return { write, id: (response.body as { id?: string }).id ?? null, ok: true };
  }
  const error = (Array.isArray(response?.body) ? response!.body[0] : undefined) as
    { errorCode?: string; message?: string } | undefined;
  return {
    write,
    id: null,
    ok: false,
    errorCode: error?.errorCode ?? 'UNKNOWN_EXCEPTION',
    message: error?.message ?? 'no answer for the announcement',
    retryable: false,
  };
}

/**
 * Worth sending again in a moment: the org was busy or failed (5xx, a lock), or no answer came at
 * all. A 4xx such as INVALID_FIELD will fail the same way again; REQUEST_LIMIT_EXCEEDED until the
 * day's allowance returns.
 */
function transient(error: unknown): boolean {
  const code = (error as { errorCode?: string }).errorCode;
  if (code === undefined) return true;
  return RETRYABLE_CODES.has(code) || httpStatus(code) >= 500;
}

function httpStatus(code: string): number {
  return Number(/ERROR_HTTP_(\d+)/.exec(code)?.[1] ?? 0);
}

/**
 * Why a call is sent again, from a bounded set (a metric label): the org's retryable error code
 * (UNABLE_TO_LOCK_ROW, SERVER_UNAVAILABLE, ...), `5xx` for another server error, `timeout` for
 * no answer within the deadline, `network` for no answer at all.
 */
export function retryReason(error: unknown): string {
  const { errorCode, code, name } = error as { errorCode?: string; code?: string; name?: string };
  if (errorCode !== undefined)
    return RETRYABLE_CODES.has(errorCode) ? errorCode : httpStatus(errorCode) >= 500 ? '5xx' : 'other';
  return code === 'ETIMEDOUT' || name === 'RequestTimeoutError' ? 'timeout' : 'network';
}

function outcomesOf(
  records: readonly RecordWrite[],
  response: CompositeAnswer['compositeResponse'][number] | undefined,
): WriteOutcome[] {
  if (!response || response.httpStatusCode >= 300 || !Array.isArray(response.body)) {
    const errors = (Array.isArray(response?.body) ? response!.body : []) as Array<{
      errorCode?: string;
      message?: string;
    }>;
    const code = errors[0]?.errorCode ?? 'UNKNOWN_EXCEPTION';
    const retryable = !response || response.httpStatusCode >= 500 || RETRYABLE_CODES.has(code);
    return records.map((write) => ({
      write,
      id: write.id ?? null,
      ok: false,
      errorCode: code,
      message: errors[0]?.message ?? 'the collection failed',
      retryable,
    }));
  }
  return (response.body as CollectionResult[]).map((result, index) => {
    const write = records[index]!;
    if (result.success) return { write, id: result.id ?? write.id ?? null, ok: true };
    const error = result.errors?.[0];
    const existing = write.createKey ? existingRecord(write.createKey, error) : null;
    if (existing) return { write, id: existing, ok: true };
    const code = error?.statusCode ?? 'UNKNOWN_EXCEPTION';
    return {
      write,
      id: write.id ?? null,
      ok: false,
      errorCode: code,
      message: error?.message ?? '',
      retryable: RETRYABLE_CODES.has(code),
    };
  });
}

/**
 * The record that already holds a keyed create's value: Salesforce answers DUPLICATE_VALUE
 * "duplicate value found: <field> duplicates value on record with id: <id>".
 */
function existingRecord(createKey: string, error: { statusCode: string; message: string } | undefined): string | null {
  if (error?.statusCode !== 'DUPLICATE_VALUE') return null;
  const match = /duplicate value found: (\w+) duplicates value on record with id: (\w+)/.exec(error.message);
  return match && match[1]!.toLowerCase() === createKey.toLowerCase() ? match[2]! : null;
}
