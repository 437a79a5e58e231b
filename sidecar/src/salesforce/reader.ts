/**
 * Reads every record a query names, spending as few API calls as it can: REST pages of 2,000
 * up to a threshold, Bulk API 2.0 above it (its result pages are read one by one here,
 * because jsforce 3.10's bulk2 result stream reads each later page's header as a record).
 * Values come back typed as the engine expects (CSV is text), relationship columns nested.
 */
import type { Connection } from 'jsforce';
import { QueryJobV2 } from 'jsforce/lib/api/bulk2';
import type { FieldKind } from '../domain';
import { csvRecords } from './csv';

export interface ReadOptions {
  readonly apiVersion: string;
  /** Above this many records, read with Bulk API 2.0. */
  readonly bulkThreshold: number;
  /** The kind of each selected field, to type CSV values; unknown fields stay text. */
  readonly kinds?: Readonly<Record<string, FieldKind>>;
  readonly onProgress?: (read: number, total: number) => void;
  /**
   * Each page of records as it arrives, not kept: the answer's records are then empty, so a read
   * of the whole org holds one page (2,000 REST records, one Bulk 2.0 result page) at a time.
   */
  readonly onPage?: (records: Array<Record<string, unknown>>) => void;
  readonly pollIntervalMs?: number;
  /**
   * Records per Bulk API 2.0 result page asked for (maxRecords; default 10,000): without it the org
   * sends pages as large as it likes (Salesforce: hundreds of thousands of small rows), held whole.
   */
  readonly bulkPageRecords?: number;
  /** queryAll: deleted records too (IsDeleted true), so a catch-up sees what was removed. */
  readonly includeDeleted?: boolean;
}

export interface ReadResult {
  readonly records: Array<Record<string, unknown>>;
  readonly via: 'rest' | 'bulk';
}

const BULK_PAGE_RECORDS = 10_000;

type Page = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

export async function readAll(conn: Connection, soql: string, options: ReadOptions): Promise<ReadResult> {
  const resource = options.includeDeleted ? 'queryAll' : 'query';
  const first = await conn.request<Page>(
    `/services/data/v${options.apiVersion}/${resource}?q=${encodeURIComponent(soql)}`,
  );
  const pages = pagesOf(options, first.totalSize);
  if (first.totalSize > options.bulkThreshold) {
    await readBulk(conn, soql, options, pages.take);
    return { records: pages.records, via: 'bulk' };
  }
  pages.take(first.records.map(stripAttributes));
  let next = first.nextRecordsUrl;
  while (next) {
    const page: Page = await conn.request<Page>(next);
    pages.take(page.records.map(stripAttributes));
    next = page.nextRecordsUrl;
  }
  return { records: pages.records, via: 'rest' };
}

/** Pages kept in one array, or handed to onPage and dropped; progress counted either way. */
function pagesOf(options: ReadOptions, total: number) {
  const records: Array<Record<string, unknown>> = [];
  let read = 0;
  const take = (page: Array<Record<string, unknown>>) => {
    read += page.length;
    if (options.onPage) options.onPage(page);
    else for (const record of page) records.push(record);
    options.onProgress?.(read, total);
  };
  return { records, take };
}

async function readBulk(
  conn: Connection,
  soql: string,
  options: ReadOptions,
  take: (page: Array<Record<string, unknown>>) => void,
): Promise<void> {
  const job = new QueryJobV2(conn, {
    bodyParams: { query: soql, operation: options.includeDeleted ? 'queryAll' : 'query' },
    pollingOptions: { pollInterval: options.pollIntervalMs ?? 1000, pollTimeout: 30 * 60_000 },
  });
  await job.open();
  await job.poll();
  // jsforce's own per-request path: auth renewal included, and it records Sforce-Locator.
  const request = (job as unknown as { createQueryRequest(request: object): Promise<unknown> }).createQueryRequest.bind(
    job,
  );
  const maxRecords = options.bulkPageRecords ?? BULK_PAGE_RECORDS;
  type ResultPage = { rows: Array<Record<string, string>>; next: string | null };
  const fetchPage = async (locator: string): Promise<ResultPage> => {
    const page = await request({
      method: 'GET',
      path: `/${job.id}/results?maxRecords=${maxRecords}${locator ? `&locator=${locator}` : ''}`,
      headers: { Accept: 'text/csv' },
    });
    // Read at once: the next request sets it again.
    const next = (job as unknown as { locator: string }).locator;
    // jsforce parses a CSV answer into records (one page, one header); plain text is parsed here.
    const rows: Array<Record<string, string>> = Array.isArray(page)
      ? (page as Array<Record<string, string>>)
      : csvRecords(String(page));
    return { rows, next: next && next !== 'null' ? next : null };
  };
  // One page ahead: the org serves the next page while this one is typed and stored, so the two
  // sides overlap instead of taking turns (two pages held at most).
  let coming: Promise<ResultPage> | null = fetchPage('');
  while (coming) {
    const { rows, next }: ResultPage = await coming;
    coming = next ? fetchPage(next) : null;
    try {
      take(rows.map((row) => typed(row, options.kinds ?? {})));
    } catch (error) {
      // Nothing waits on a page asked for ahead once its reader has failed.
      coming?.catch(() => undefined);
      throw error;
    }
  }
}

function stripAttributes(record: Record<string, unknown>): Record<string, unknown> {
  const { attributes: _attributes, ...rest } = record;
  for (const [key, value] of Object.entries(rest)) {
    if (value && typeof value === 'object' && 'attributes' in (value as object))
      rest[key] = stripAttributes(value as Record<string, unknown>);
  }
  return rest;
}

/** A CSV row as a record: empty is null, kinds decide numbers and booleans, dotted columns nest. */
function typed(
  row: Readonly<Record<string, string>>,
  kinds: Readonly<Record<string, FieldKind>>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  Object.entries(row).forEach(([column, cell]) => {
    const text = cell ?? '';
    const kind = kinds[column];
    const value = text === '' ? null : kind === 'number' ? Number(text) : kind === 'boolean' ? text === 'true' : text;
    const path = column.split('.');
    let target = record;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]!] = value;
  });
  return record;
}
