/** What a SOQL query is asked with and answers: shared by the query runner and its parts. */

export interface QueryOptions {
  readonly apiVersion: string;
  readonly userId: string;
  readonly now: number;
  /** queryAll: include deleted records. */
  readonly includeDeleted?: boolean;
}

export interface QueryResult {
  readonly totalSize: number;
  readonly records: Array<Record<string, unknown>>;
  readonly entity: string;
  readonly columns: readonly ColumnInfo[];
}

/** A query's result as it is read: records come one by one (see streamQuery). */
export interface QueryStream {
  /** SELECT COUNT(): the count (the result has no records). */
  readonly countOnly?: number;
  readonly records: Iterable<Record<string, unknown>>;
  readonly entity: string;
  readonly columns: readonly ColumnInfo[];
}

/** A column as `sf data query` reads it from /query?columns=true. */
export interface ColumnInfo {
  readonly columnName: string;
  readonly displayName: string;
  readonly aggregate: boolean;
  readonly apexType: string | null;
  readonly joinColumns: ColumnInfo[];
}

/** Adds a bound parameter to the statement and returns its placeholder. */
export type Param = (value: unknown) => string;
