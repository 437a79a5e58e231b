/**
 * Bulk API 2.0 query results (CSV: a header row, RFC 4180 quoting, LF line endings) as records
 * of text, read with csv-parse. Cells stay text here; the reader types them (empty is null).
 */
import { parse } from 'csv-parse/sync';

/** One record per row, keyed by the header's column names (Owner.Name stays a dotted key). */
export function csvRecords(text: string): Array<Record<string, string>> {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}
