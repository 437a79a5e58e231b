/**
 * Bulk API 2.0 as jsforce's bulk2 drives it: query jobs whose CSV results come in pages joined
 * by the Sforce-Locator header (the last page says "null"), and ingest jobs that take CSV
 * batches and report successful, failed and unprocessed records. Jobs run as soon as they can.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, notFound } from '../errors';
import type { LocalOrg } from '../org';
import { fieldOf } from '../schema/orgSchema';
import { parseSoql, streamQuery, writeWhileReading } from '../soql/query';
import { readCsv, writeCsv } from './bulkCsv';
import { route } from './call';
import type { Answer, CallContext, Route } from './call';

interface QueryJob {
  readonly id: string;
  readonly object: string;
  readonly query: string;
  readonly createdById: string;
  readonly createdDate: string;
  state: string;
  header: string[];
  /** How many rows the result holds; the rows themselves are kept in the org's database (see Bulk2). */
  size: number;
}

interface IngestJob {
  readonly id: string;
  readonly object: string;
  readonly operation: 'insert' | 'update' | 'upsert' | 'delete';
  readonly externalIdFieldName?: string;
  readonly createdById: string;
  readonly createdDate: string;
  state: string;
  /** Each upload's CSV as sent (each with its own header row). */
  uploads: string[];
  successful: string;
  failed: string;
  unprocessed: string;
  processed: number;
  failures: number;
  /** Why a job Failed as a whole (its CSV could not be read). */
  errorMessage?: string;
}

export function bulk2Routes(org: LocalOrg): Route[] {
  const bulk = new Bulk2(org);
  return [
    route('POST', /^\/jobs\/query\/?$/, (_m, _q, b, c) => bulk.createQuery(b, c)),
    route('GET', /^\/jobs\/query\/(\w+)\/?$/, (m, _q, _b, c) => bulk.getQuery(m[1]!, c)),
    route('GET', /^\/jobs\/query\/(\w+)\/results\/?$/, (m, q) => bulk.queryResults(m[1]!, q)),
    route('POST', /^\/jobs\/ingest\/?$/, (_m, _q, b, c) => bulk.createIngest(b, c)),
    route('GET', /^\/jobs\/ingest\/(\w+)\/?$/, (m, _q, _b, c) => bulk.getIngest(m[1]!, c)),
    route('PUT', /^\/jobs\/ingest\/(\w+)\/batches\/?$/, (m, _q, b) => bulk.upload(m[1]!, b)),
    route('PATCH', /^\/jobs\/ingest\/(\w+)\/?$/, (m, _q, b, c) => bulk.patchIngest(m[1]!, b, c)),
    route('GET', /^\/jobs\/ingest\/(\w+)\/(successfulResults|failedResults|unprocessedrecords)\/?$/, (m) =>
      bulk.ingestResults(m[1]!, m[2] as 'successfulResults' | 'failedResults' | 'unprocessedrecords'),
    ),
  ];
}

/** Default and largest page of query results. */
const MAX_RECORDS = 50_000;

class Bulk2 {
  private readonly queries = new Map<string, QueryJob>();
  private readonly ingests = new Map<string, IngestJob>();

  /**
   * A query job's result is fixed when the job runs (as in Salesforce) and read page by page, maybe
   * much later: its rows are kept in the database, not in this process, so a finished load of an
   * object's every record does not stay in memory (and in every garbage collection) for as long as
   * the org runs.
   */
  constructor(private readonly org: LocalOrg) {
    org.store.db.exec(
      `CREATE TABLE IF NOT EXISTS _bulk_query_rows (job TEXT NOT NULL, n INTEGER NOT NULL, row TEXT NOT NULL, PRIMARY KEY (job, n)) WITHOUT ROWID`,
    );
    // Jobs live in this process: the rows of a previous run's jobs can no longer be asked for.
    org.store.db.exec(`DELETE FROM _bulk_query_rows`);
  }

  /** Salesforce deletes a job, its results with it, seven days after it was created. */
  private dropExpiredJobs(): void {
    const expired = this.org.clock() - 7 * 86_400_000;
    for (const job of this.queries.values()) {
      if (Date.parse(job.createdDate) >= expired) continue;
      this.queries.delete(job.id);
      this.org.store.db.prepare(`DELETE FROM _bulk_query_rows WHERE job = ?`).run(job.id);
    }
  }

  private jobId(): string {
    return `750${randomBytes(6).toString('hex').slice(0, 12)}AAA`;
  }

  createQuery(body: unknown, context: CallContext): Answer {
    const { query, operation } = (body ?? {}) as { query?: string; operation?: string };
    if (!query) throw new ApiError(400, 'INVALIDJOB', 'query is required');
    if (operation !== 'query' && operation !== 'queryAll')
      throw new ApiError(400, 'INVALIDJOB', `operation must be query or queryAll, not ${String(operation)}`);
    const parsed = parseSoql(query);
    const refuse = (what: string) => new ApiError(400, 'INVALIDJOB', `Bulk API 2.0 queries do not support ${what}`);
    if (parsed.fields.some((field) => field.type === 'FieldSubquery')) throw refuse('child relationship subqueries');
    if (parsed.fields.some((field) => field.type === 'FieldFunctionExpression'))
      throw refuse('aggregate functions such as COUNT');
    if (parsed.groupBy) throw refuse('GROUP BY');
    if (parsed.offset !== undefined) throw refuse('OFFSET');
    const result = streamQuery(this.org.store, query, {
      apiVersion: context.apiVersion,
      userId: context.session.userId,
      now: this.org.clock(),
      includeDeleted: operation === 'queryAll',
    });
    const header = result.columns.map((column) => column.columnName);
    this.dropExpiredJobs();
    const id = this.jobId();
    const insert = this.org.store.db.prepare(`INSERT INTO _bulk_query_rows (job, n, row) VALUES (?, ?, ?)`);
    // Rows go from the query's iterator straight into the job's table: the result is never one array.
    const size = writeWhileReading(this.org.store, () => {
      let n = 0;
      for (const record of result.records) {
        const row = header.map((path) =>
          path
            .split('.')
            .reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key] ?? null, record),
        );
        insert.run(id, n++, JSON.stringify(row));
      }
      return n;
    });
    const job: QueryJob = {
      id,
      object: result.entity,
      query,
      createdById: context.session.userId,
      createdDate: new Date(this.org.clock()).toISOString(),
      state: 'JobComplete',
      header,
      size,
    };
    this.queries.set(job.id, job);
    return { status: 200, body: { ...this.queryInfo(job, context), state: 'UploadComplete' } };
  }

  private queryInfo(job: QueryJob, context: CallContext) {
    return {
      id: job.id,
      operation: 'query',
      object: job.object,
      createdById: job.createdById,
      createdDate: job.createdDate,
      systemModstamp: job.createdDate,
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(context.apiVersion),
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.size,
      retries: 0,
      totalProcessingTime: 0,
    };
  }

  getQuery(id: string, context: CallContext): Answer {
    const job = this.queries.get(id);
    if (!job) throw notFound('Job not found');
    return { status: 200, body: this.queryInfo(job, context) };
  }

  queryResults(id: string, params: URLSearchParams): Answer {
    const job = this.queries.get(id);
    if (!job) throw notFound('Job not found');
    const start = Number(params.get('locator') ? Buffer.from(params.get('locator')!, 'base64url').toString() : 0);
    const size = Math.min(MAX_RECORDS, Math.max(1, Number(params.get('maxRecords') ?? this.org.bulkPageSize)));
    const page = (
      this.org.store.db
        .prepare(`SELECT row FROM _bulk_query_rows WHERE job = ? AND n >= ? ORDER BY n LIMIT ?`)
        .all(id, start, size) as Array<{ row: string }>
    ).map(({ row }) => JSON.parse(row) as unknown[]);
    const next = start + size;
    return {
      status: 200,
      contentType: 'text/csv',
      body: writeCsv(job.header, page),
      headers: {
        'Sforce-NumberOfRecords': String(page.length),
        // The last page says so with the literal text "null".
        'Sforce-Locator': next < job.size ? Buffer.from(String(next)).toString('base64url') : 'null',
      },
    };
  }

  createIngest(body: unknown, context: CallContext): Answer {
    const request = (body ?? {}) as { object?: string; operation?: string; externalIdFieldName?: string };
    const object = this.org.schema.object(request.object ?? '');
    if (!object) throw new ApiError(400, 'INVALIDJOB', `Unknown object ${String(request.object)}`);
    if (object.platformEvent) {
      throw new ApiError(
        400,
        'INVALIDJOB',
        `${object.name} is a platform event: the local org does not publish events through Bulk API 2.0 ingest jobs; publish them through the REST API (sObject, /composite or sObject Collections)`,
      );
    }
    if (!['insert', 'update', 'upsert', 'delete'].includes(request.operation ?? ''))
      throw new ApiError(400, 'INVALIDJOB', `operation must be insert, update, upsert or delete`);
    if (request.operation === 'upsert' && !request.externalIdFieldName)
      throw new ApiError(400, 'INVALIDJOB', 'externalIdFieldName is required for upsert');
    const job: IngestJob = {
      id: this.jobId(),
      object: object.name,
      operation: request.operation as IngestJob['operation'],
      ...(request.externalIdFieldName ? { externalIdFieldName: request.externalIdFieldName } : {}),
      createdById: context.session.userId,
      createdDate: new Date(this.org.clock()).toISOString(),
      state: 'Open',
      uploads: [],
      successful: '',
      failed: '',
      unprocessed: '',
      processed: 0,
      failures: 0,
    };
    this.ingests.set(job.id, job);
    return { status: 200, body: this.ingestInfo(job, context) };
  }

  private ingestInfo(job: IngestJob, context: CallContext) {
    return {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: job.createdById,
      createdDate: job.createdDate,
      systemModstamp: job.createdDate,
      state: job.state,
      ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(context.apiVersion),
      contentUrl: `services/data/v${context.apiVersion}/jobs/ingest/${job.id}/batches`,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: job.processed,
      numberRecordsFailed: job.failures,
      ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    };
  }

  getIngest(id: string, context: CallContext): Answer {
    const job = this.ingests.get(id);
    if (!job) throw notFound('Job not found');
    return { status: 200, body: this.ingestInfo(job, context) };
  }

  upload(id: string, body: unknown): Answer {
    const job = this.ingests.get(id);
    if (!job) throw notFound('Job not found');
    if (job.state !== 'Open')
      throw new ApiError(
        400,
        'INVALIDJOBSTATE',
        `Job is in state ${job.state}; data can be uploaded only to an Open job`,
      );
    if (typeof body === 'string') job.uploads.push(body);
    return { status: 201 };
  }

  patchIngest(id: string, body: unknown, context: CallContext): Answer {
    const job = this.ingests.get(id);
    if (!job) throw notFound('Job not found');
    const state = (body as { state?: string } | undefined)?.state;
    if (state === 'Aborted') job.state = 'Aborted';
    else if (state === 'UploadComplete') this.run(job, context);
    else throw new ApiError(400, 'INVALIDJOBSTATE', `cannot move a job to ${String(state)}`);
    return { status: 200, body: this.ingestInfo(job, context) };
  }

  /** Each row is its own unit of work: failures are reported per row, the rest are kept. */
  private run(job: IngestJob, context: CallContext): void {
    let parsed: Array<ReturnType<typeof readCsv>>;
    try {
      parsed = job.uploads.map(readCsv);
    } catch (error) {
      // Salesforce fails the whole job when its data cannot be read, and says why on the job.
      job.state = 'Failed';
      job.errorMessage = `ClientInputError : ${(error as Error).message}`;
      return;
    }
    const header = parsed[0]?.header ?? [];
    const rows = parsed.flatMap((upload) => upload.rows);
    const object = this.org.schema.object(job.object)!;
    const write = this.org.context(context.session.userId, context.client, context.apiVersion);
    const successful: unknown[][] = [];
    const failed: unknown[][] = [];
    this.org.write(write, () => {
      for (const row of rows) {
        const values: Record<string, unknown> = {};
        header.forEach((name, index) => {
          const value = row[index] ?? '';
          values[name] = value === '' ? null : value === '#N/A' ? null : value;
        });
        try {
          const outcome = this.org.store.savepoint(() => {
            switch (job.operation) {
              case 'insert':
                return { id: this.org.store.create(object.name, values, write), created: true };
              case 'update': {
                const { Id, ...rest } = values;
                this.org.store.update(object.name, String(Id ?? ''), rest, write);
                return { id: String(Id), created: false };
              }
              case 'delete':
                this.org.store.delete(object.name, String(values.Id ?? ''), write);
                return { id: String(values.Id), created: false };
              case 'upsert': {
                const field = fieldOf(object, job.externalIdFieldName!);
                if (!field) throw new ApiError(400, 'INVALID_FIELD', `No such column ${job.externalIdFieldName}`);
                const matches = this.org.store.findByExternalId(object, field, values[field.name]);
                if (matches.length === 1) {
                  this.org.store.update(object.name, matches[0]!, values, write);
                  return { id: matches[0]!, created: false };
                }
                return { id: this.org.store.create(object.name, values, write), created: true };
              }
            }
          });
          successful.push([outcome.id, String(outcome.created), ...row]);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          failed.push(['', `${error.errorCode}:${error.message}`, ...row]);
        }
      }
    });
    job.successful = writeCsv(['sf__Id', 'sf__Created', ...header], successful);
    job.failed = writeCsv(['sf__Id', 'sf__Error', ...header], failed);
    job.unprocessed = writeCsv(header, []);
    job.processed = rows.length;
    job.failures = failed.length;
    job.state = 'JobComplete';
  }

  ingestResults(id: string, kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords'): Answer {
    const job = this.ingests.get(id);
    if (!job) throw notFound('Job not found');
    const body =
      kind === 'successfulResults' ? job.successful : kind === 'failedResults' ? job.failed : job.unprocessed;
    return { status: 200, contentType: 'text/csv', body };
  }
}
