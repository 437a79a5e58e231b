/**
 * CSV as Bulk API 2.0 writes and reads it (columnDelimiter COMMA, lineEnding LF): RFC 4180
 * quoting, a header row, a null written as an empty field, booleans as true/false. Uploads may
 * end lines in CRLF and start with a byte order mark; both are accepted. Written and read with
 * csv-stringify and csv-parse, never with the sidecar's own reader, so the two sides of a round
 * trip are independent.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export function writeCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return stringify([header, ...rows] as unknown[][], {
    record_delimiter: 'unix',
    // A lone carriage return is a line break to many readers: quote it too.
    quoted_match: /\r/,
    cast: { boolean: (value) => String(value) },
  });
}

/** A CSV upload as its header and rows of text; blank lines are skipped. */
export function readCsv(text: string): { header: string[]; rows: string[][] } {
  const [header = [], ...rows] = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  return { header, rows };
}
