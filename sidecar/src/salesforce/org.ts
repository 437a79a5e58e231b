/**
 * The org as the sync sees it: every call it makes, through one signed-in jsforce Connection.
 * The sync never touches the Connection itself, so what it asks of the org reads in one place.
 */
import type { Connection } from 'jsforce';
import type { FieldKind, MetadataRecords } from '../domain';
import { ChangeStream } from './changeStream';
import { requestWatchOf } from './deadlines';
import type { RequestWatch } from './deadlines';
import type { ChangeStreamHandlers } from './changeStream';
import { Notifier } from './notifier';
import { readAll } from './reader';
import type { ReadResult } from './reader';
import { readRuleRecords } from './ruleRecords';
import { writeRecords } from './writer';
import type { Announcement, RecordWrite, WriteOutcome } from './writer';

export interface OrgReadOptions {
  readonly kinds: Readonly<Record<string, FieldKind>>;
  /** Read with Bulk API 2.0 above the configured threshold (else REST however many). */
  readonly bulk?: boolean;
  /** Deleted records too (queryAll). */
  readonly includeDeleted?: boolean;
  readonly onProgress?: (read: number, total: number) => void;
  /** Each page as it arrives, not kept (the answer's records are then empty): see ./reader. */
  readonly onPage?: (records: Array<Record<string, unknown>>) => void;
}

export interface ApiUsage {
  readonly used: number;
  readonly limit: number;
}

export class SalesforceOrg {
  readonly notifier: Notifier;
  /** Whether the org answers: every request's outcome (see ./deadlines). */
  readonly requests: RequestWatch;

  constructor(
    private readonly conn: Connection,
    private readonly options: { readonly apiVersion: string; readonly bulkThreshold: number },
  ) {
    this.notifier = new Notifier(conn, options.apiVersion);
    this.requests = requestWatchOf(conn);
  }

  read(soql: string, options: OrgReadOptions): Promise<ReadResult> {
    return readAll(this.conn, soql, {
      apiVersion: this.options.apiVersion,
      bulkThreshold: options.bulk ? this.options.bulkThreshold : Infinity,
      kinds: options.kinds,
      includeDeleted: options.includeDeleted,
      onProgress: options.onProgress,
      onPage: options.onPage,
    });
  }

  write(
    writes: readonly RecordWrite[],
    announce?: (writes: readonly RecordWrite[]) => Announcement | null,
  ): Promise<WriteOutcome[]> {
    return writeRecords(this.conn, writes, { apiVersion: this.options.apiVersion, announce });
  }

  readRules(): Promise<MetadataRecords> {
    return readRuleRecords(this.conn, this.options.apiVersion);
  }

  /** Display names of users, by id. */
  async userNames(ids: readonly string[]): Promise<Array<readonly [string, string]>> {
    const safe = ids.map((id) => `'${id.replace(/[^a-zA-Z0-9]/g, '')}'`);
    const answer = await this.conn.query<{ Id: string; Name: string }>(
      `SELECT Id, Name FROM User WHERE Id ${safe.length === 1 ? `= ${safe[0]}` : `IN (${safe.join(', ')})`}`,
    );
    return answer.records.map((user) => [user.Id, user.Name] as const);
  }

  /** A change stream from the given replay positions, on this connection's session. */
  changeStream(positions: Map<string, number>, handlers: ChangeStreamHandlers): ChangeStream {
    return new ChangeStream(this.conn, positions, handlers);
  }

  /**
   * One cheap call that also renews an expired session and refreshes the API usage figures (every
   * answer carries them in Sforce-Limit-Info): the version's resource list, which any API user may
   * read. Not /limits: Salesforce serves it only to users with View Setup and Configuration, a
   * right the integration user does not hold.
   */
  async refreshUsage(): Promise<void> {
    await this.conn.request(`/services/data/v${this.options.apiVersion}/`);
  }

  /** API calls used and allowed today, as the org reported them on the latest answer. */
  get apiUsage(): ApiUsage | null {
    const usage = (this.conn as unknown as { limitInfo?: { apiUsage?: ApiUsage } }).limitInfo?.apiUsage;
    return usage ?? null;
  }
}
