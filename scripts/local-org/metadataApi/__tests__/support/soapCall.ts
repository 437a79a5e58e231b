/**
 * A Metadata API upsert as the console sends it (jsforce's metadata.upsert cannot: it writes no
 * AllOrNoneHeader and no xsi:type on a value): one SOAP call through the connection's own request,
 * every value typed by its field.
 */
import type { Connection } from 'jsforce';

export interface TypedRecord {
  readonly fullName: string;
  readonly label?: string;
  /** field → [xsi:type, text] (xsi:type undefined: none written), or null for xsi:nil. */
  readonly values: Readonly<Record<string, readonly [string | undefined, string] | null>>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function upsertEnvelope(sessionId: string, records: readonly TypedRecord[], allOrNone: boolean): string {
  const metadata = records
    .map((record) => {
      const values = Object.entries(record.values)
        .map(([field, value]) => {
          const element =
            value === null
              ? '<value xsi:nil="true"/>'
              : `<value${value[0] ? ` xsi:type="${value[0]}"` : ''}>${escape(value[1])}</value>`;
          return `<values><field>${field}</field>${element}</values>`;
        })
        .join('');
      const label = record.label === undefined ? '' : `<label>${escape(record.label)}</label>`;
      return `<metadata xsi:type="CustomMetadata"><fullName>${record.fullName}</fullName>${label}${values}</metadata>`;
    })
    .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<soapenv:Header xmlns="http://soap.sforce.com/2006/04/metadata">',
    `<SessionHeader><sessionId>${sessionId}</sessionId></SessionHeader>`,
    allOrNone ? '<AllOrNoneHeader><allOrNone>true</allOrNone></AllOrNoneHeader>' : '',
    '</soapenv:Header>',
    `<soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata"><upsertMetadata>${metadata}</upsertMetadata></soapenv:Body>`,
    '</soapenv:Envelope>',
  ].join('');
}

export interface UpsertResult {
  readonly fullName: string;
  readonly success: boolean;
  readonly created: boolean;
  readonly errors: Array<{ statusCode: string; message: string }>;
}

/** Sends the upsert and reads its results (xml2js, as jsforce parses any XML answer). */
export async function upsertTyped(
  conn: Connection,
  records: readonly TypedRecord[],
  allOrNone = true,
): Promise<UpsertResult[]> {
  const answer = await conn.request<Record<string, Record<string, Record<string, { result: unknown }>>>>({
    method: 'POST',
    url: `/services/Soap/m/${conn.version}`,
    headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
    body: upsertEnvelope(conn.accessToken!, records, allOrNone),
  });
  const response = answer['soapenv:Envelope']!['soapenv:Body']!.upsertMetadataResponse!.result;
  const results = (Array.isArray(response) ? response : [response]) as Array<Record<string, unknown>>;
  return results.map((result) => {
    const errors = result.errors === undefined ? [] : Array.isArray(result.errors) ? result.errors : [result.errors];
    return {
      fullName: String(result.fullName),
      success: result.success === 'true',
      created: result.created === 'true',
      errors: errors as Array<{ statusCode: string; message: string }>,
    };
  });
}
