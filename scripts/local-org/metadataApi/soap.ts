/**
 * The Metadata API's SOAP 1.1 envelope, as jsforce's SOAP client (and a hand-built call) sends it
 * to `/services/Soap/m/<version>`: the SessionHeader's sessionId, the AllOrNoneHeader, and one
 * call in the Body. Answers are written as Salesforce writes them: the call's `<xResponse>` with
 * `<result>` elements, or a SOAP fault (HTTP 500) with Salesforce's faultcode and faultstring.
 */
import { XMLParser } from 'fast-xml-parser';

export type XmlNode = string | { readonly [key: string]: XmlNode | XmlNode[] | undefined };

export interface SoapCall {
  readonly method: string;
  readonly sessionId: string | undefined;
  readonly allOrNone: boolean;
  /** The call's element, namespace prefixes removed; attributes as `@name` (`@type` for xsi:type). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** A SOAP fault: `sf:<CODE>` faultcodes are Salesforce's (ApiFault), `soapenv:Client` the deserializer's. */
export class SoapFault extends Error {
  constructor(
    readonly faultcode: string,
    readonly faultstring: string,
  ) {
    super(faultstring);
  }
}

/** A fault of Salesforce's own, faultstring `<CODE>: <message>` as Salesforce writes it. */
export const apiFault = (code: string, message: string): SoapFault =>
  new SoapFault(`sf:${code}`, `${code}: ${message}`);

const REPEATED = new Set(['metadata', 'fullNames', 'values']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => REPEATED.has(name),
});

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Reads a request body as a SOAP call; a body that is not one is the client's fault, as Salesforce answers it. */
export function parseSoapCall(xml: string): SoapCall {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    throw new SoapFault('soapenv:Client', `Could not parse the request: ${(error as Error).message}`);
  }
  const envelope = record(document.Envelope);
  const body = record(envelope.Body);
  const method = Object.keys(body).find((key) => !key.startsWith('@'));
  if (!method) throw new SoapFault('soapenv:Client', 'The request has no SOAP Envelope with a call in its Body');
  const header = record(envelope.Header);
  const session = record(header.SessionHeader).sessionId;
  const allOrNone = record(header.AllOrNoneHeader).allOrNone;
  return {
    method,
    sessionId: typeof session === 'string' && session.trim() ? session.trim() : undefined,
    allOrNone: String(allOrNone ?? '').trim() === 'true',
    body: record(body[method]),
  };
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An element: text, children in order, or a typed/nil value (`{ type, text }` / `{ nil: true }`). */
export type Element =
  | { readonly name: string; readonly text: string; readonly type?: string }
  | { readonly name: string; readonly nil: true }
  | { readonly name: string; readonly children: readonly Element[]; readonly type?: string };

export function elementXml(element: Element): string {
  if ('nil' in element) return `<${element.name} xsi:nil="true"/>`;
  const type = element.type ? ` xsi:type="${escape(element.type)}"` : '';
  const content = 'text' in element ? escape(element.text) : element.children.map(elementXml).join('');
  return `<${element.name}${type}>${content}</${element.name}>`;
}

const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
  ' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:sf="http://soap.sforce.com/2006/04/metadata">';

/** The answer to a call: `<methodResponse>` holding each result. */
export function responseXml(method: string, results: readonly Element[]): string {
  return `${ENVELOPE_OPEN}<soapenv:Body><${method}Response>${results.map(elementXml).join('')}</${method}Response></soapenv:Body></soapenv:Envelope>`;
}

export function faultXml(fault: SoapFault): string {
  return `${ENVELOPE_OPEN}<soapenv:Body><soapenv:Fault><faultcode>${escape(fault.faultcode)}</faultcode><faultstring>${escape(fault.faultstring)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
}
