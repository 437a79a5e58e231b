/**
 * The org as the sync sees it: every call it makes, through one signed-in jsforce Connection.
 * The sync never touches the Connection itself, so what it asks of the org reads in one place.
 * It is also where spending is gated: while the API reserve's gate says no, a call that spends
 * (read, write, rules, user names) is not sent and throws SpendingPaused; the org refusing a call
 * for its daily limit (REQUEST_LIMIT_EXCEEDED) is told to onDailyLimit's listeners, and each call
 * the writer sends again to onRetry's. The reserve's probe (refreshUsage) and the notifier are
 * not gated: they are how the sidecar learns the allowance is back and tells the admins.
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
import { DAILY_LIMIT_EXCEEDED, writeRecords } from './writer';
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

/** A call not sent because the API reserve is reached: what it was for waits until the allowance returns. */
export class SpendingPaused extends Error {
  constructor(what: string) {
    super(`the API reserve is reached: ${what} waits until the allowance returns (STANCE_API_RESERVE_PCT)`);
    this.name = 'SpendingPaused';
  }
}

/** True for the org's refusal of a call because the day's API allowance is spent. */
export function isDailyLimit(error: unknown): boolean {
  return (error as { errorCode?: string } | null)?.errorCode === DAILY_LIMIT_EXCEEDED;
}

export class SalesforceOrg {
  readonly notifier: Notifier;
  /** Whether the org answers: every request's outcome (see ./deadlines). */
  readonly requests: RequestWatch;
  private gate: () => boolean = () => true;
  private readonly limitListeners = new Set<(message: string) => void>();
  private readonly retryListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly conn: Connection,
    private readonly options: { readonly apiVersion: string; readonly bulkThreshold: number },
  ) {
    this.notifier = new Notifier(conn, options.apiVersion);
    this.requests = requestWatchOf(conn);
  }

  /** The API reserve's say on spending (ApiReserve.maySpend): checked before each call that spends. */
  gateSpending(gate: () => boolean): void {
    this.gate = gate;
  }

  /** Whether a call that spends may go out now (false while the API reserve is reached). */
  maySpend(): boolean {
    return this.gate();
  }

  /** Told each time the org refuses a call because the day's API allowance is spent. */
  onDailyLimit(listener: (message: string) => void): void {
    this.limitListeners.add(listener);
  }

  /** Told of each call the writer sends again, with why (see retryReason). */
  onRetry(listener: (reason: string) => void): void {
    this.retryListeners.add(listener);
  }

  read(soql: string, options: OrgReadOptions): Promise<ReadResult> {
    return this.spend('a read', () =>
      readAll(this.conn, soql, {
        apiVersion: this.options.apiVersion,
        bulkThreshold: options.bulk ? this.options.bulkThreshold : Infinity,
        kinds: options.kinds,
        includeDeleted: options.includeDeleted,
        onProgress: options.onProgress,
        onPage: options.onPage,
      }),
    );
  }

  async write(
    writes: readonly RecordWrite[],
    announce?: (writes: readonly RecordWrite[]) => Announcement | null,
  ): Promise<WriteOutcome[]> {
    const outcomes = await this.spend('a write', () =>
      writeRecords(this.conn, writes, {
        apiVersion: this.options.apiVersion,
        announce,
        onRetry: (reason) => this.retryListeners.forEach((listener) => listener(reason)),
      }),
    );
    const refused = outcomes.find((outcome) => outcome.errorCode === DAILY_LIMIT_EXCEEDED);
    if (refused) this.dailyLimit(refused.message ?? DAILY_LIMIT_EXCEEDED);
    return outcomes;
  }

  readRules(): Promise<MetadataRecords> {
    return this.spend('reading the rules', () => readRuleRecords(this.conn, this.options.apiVersion));
  }

  /** Display names of users, by id. */
  async userNames(ids: readonly string[]): Promise<Array<readonly [string, string]>> {
    const safe = ids.map((id) => `'${id.replace(/[^a-zA-Z0-9]/g, '')}'`);
    const answer = await this.spend("a reporter's name", async () =>
      this.conn.query<{ Id: string; Name: string }>(
        `SELECT Id, Name FROM User WHERE Id ${safe.length === 1 ? `= ${safe[0]}` : `IN (${safe.join(', ')})`}`,
      ),
    );
    return answer.records.map((user) => [user.Id, user.Name] as const);
  }

  /** One call that spends: not sent while the reserve's gate says no; a refusal for the daily limit is told. */
  private async spend<T>(what: string, call: () => Promise<T>): Promise<T> {
    if (!this.gate()) throw new SpendingPaused(what);
    try {
      return await call();
    } catch (error) {
      if (isDailyLimit(error)) this.dailyLimit((error as Error).message);
      throw error;
    }
  }

  private dailyLimit(message: string): void {
    for (const listener of this.limitListeners) listener(message);
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
