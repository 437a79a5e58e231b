/** What the list-view tests share: the UI API's list representations and a GET with a token. */
import type { Connection } from 'jsforce';
import type { RunningOrg } from '../../server';

export const VERSION = '62.0';
export const UI = `/services/data/v${VERSION}/ui-api`;
export const DAY = 86_400_000;

export type FieldValue = { value: unknown; displayValue: string | null };
export type RecordRep = { apiName: string; id: string; fields: Record<string, FieldValue> };
export type ListRecords = {
  count: number;
  currentPageToken: string;
  nextPageToken: string | null;
  previousPageToken: string | null;
  pageSize: number;
  sortBy: string;
  listInfoETag: string;
  listReference: { id: string; listViewApiName: string; objectApiName: string; type: string };
  records: RecordRep[];
};
export type ListInfo = {
  eTag: string;
  label: string;
  listReference: { id: string; listViewApiName: string; objectApiName: string; type: string };
  displayColumns: Array<{ fieldApiName: string; label: string; sortable: boolean }>;
  filteredByInfo: Array<{ fieldApiName: string; label: string; operandLabels: string[]; operator: string }>;
  filterLogicString: string | null;
  orderedByInfo: Array<{ fieldApiName: string; isAscending: boolean; label: string }>;
  scope: { apiName: string };
};
export type Failure = Array<{ errorCode: string; message: string }>;

/** A GET with the connection's token, answering the status and the parsed body. */
export async function get<T>(
  running: RunningOrg,
  conn: Connection,
  path: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${running.url}${path}`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
  return { status: response.status, body: (await response.json()) as T };
}

export async function ids(conn: Connection, soql: string): Promise<string[]> {
  return (await conn.query<{ Id: string }>(soql)).records.map((record) => record.Id);
}
