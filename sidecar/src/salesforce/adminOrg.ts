/**
 * The org as the signed-in console admin: a jsforce Connection with the admin's own access token
 * (from the console's sign-in), so Salesforce's permissions and sharing apply to every console
 * action. Reads the rules, checks a custom permission, writes custom metadata records through
 * the Metadata API in one all-or-none call, and keeps the history of rule changes.
 */
import { Connection } from 'jsforce';
import { METADATA_FIELDS } from '../domain';
import type { MetadataRecord, MetadataRecords } from '../domain';
import { installDeadlines } from './deadlines';

export type RuleKind = keyof MetadataRecords;

/** The custom metadata type of each kind of record, without __mdt (the Metadata API's fullName prefix). */
export const RULE_TYPES: Readonly<Record<RuleKind, string>> = {
  strategies: 'Stance_Strategy',
  rules: 'Stance_Rule',
  triggers: 'Stance_Trigger',
};

/** Number and Checkbox fields of the three types (force-app); every other field is text or picklist. */
const NUMBER_FIELDS = new Set([
  'Order__c',
  'Base_Priority__c',
  'Large_Account_Revenue__c',
  'Lookback_Days__c',
  'At_Risk_Threat_Weight__c',
  'Strategic_Bonus__c',
  'Weight__c',
]);
const CHECKBOX_FIELDS = new Set(['Active__c']);

/** The record fields that are not values of the record (they are the record's own name and label). */
const OWN_FIELDS = new Set(['DeveloperName', 'MasterLabel']);

const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

export interface RecordWrite {
  readonly kind: RuleKind;
  readonly record: MetadataRecord;
}

/** The org refused a write: its status for the console (403 no permission, 422 a record refused). */
export class OrgRefusal extends Error {
  constructor(
    readonly status: 403 | 422 | 502,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export interface RuleChangeRow {
  readonly id: string;
  readonly name: string;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly reason: string | null;
  readonly kind: string | null;
  readonly diff: unknown;
  readonly ruleSet: string | null;
  readonly fingerprint: string | null;
}

export interface NewRuleChange {
  readonly reason: string;
  readonly diff: unknown;
  readonly ruleSet: MetadataRecords;
  readonly fingerprint: string;
  readonly kind: 'Activation' | 'Rollback';
  readonly rolledBackTo?: string;
}

const xml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const unxml = (value: string): string =>
  value.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!,
  );

/** One `<values>`: every value carries its xsi:type, as Salesforce requires. */
function valueXml(field: string, value: unknown): string {
  const type = NUMBER_FIELDS.has(field) ? 'xsd:double' : CHECKBOX_FIELDS.has(field) ? 'xsd:boolean' : 'xsd:string';
  const text = CHECKBOX_FIELDS.has(field) ? String(value === true || value === 'true') : String(value);
  return `<values><field>${xml(field)}</field><value xsi:type="${type}">${xml(text)}</value></values>`;
}

/** A CustomMetadata record for upsertMetadata; empty values are left out (Salesforce stores them as empty). */
export function customMetadataXml({ kind, record }: RecordWrite): string {
  const values = Object.entries(record)
    .filter(([field, value]) => !OWN_FIELDS.has(field) && value !== null && value !== undefined && value !== '')
    .map(([field, value]) => valueXml(field, value))
    .join('');
  const label = String(record.MasterLabel ?? record.DeveloperName).slice(0, 40);
  return (
    `<metadata xsi:type="CustomMetadata"><fullName>${xml(`${RULE_TYPES[kind]}.${record.DeveloperName}`)}</fullName>` +
    `<label>${xml(label)}</label><protected>false</protected>${values}</metadata>`
  );
}

export function upsertEnvelope(sessionId: string, writes: readonly RecordWrite[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
    'xmlns="http://soap.sforce.com/2006/04/metadata">' +
    `<soapenv:Header><SessionHeader><sessionId>${xml(sessionId)}</sessionId></SessionHeader>` +
    '<AllOrNoneHeader><allOrNone>true</allOrNone></AllOrNoneHeader></soapenv:Header>' +
    `<soapenv:Body><upsertMetadata>${writes.map(customMetadataXml).join('')}</upsertMetadata></soapenv:Body>` +
    '</soapenv:Envelope>'
  );
}

const tag = (name: string) => new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`, 'g');
const first = (text: string, name: string): string | null => {
  const found = tag(name).exec(text);
  return found ? unxml(found[1]!) : null;
};

/** The records the answer refused, as "fullName: STATUS message"; a SOAP fault throws OrgRefusal. */
export function upsertProblems(status: number, body: string): string[] {
  const fault = first(body, 'Fault');
  if (fault !== null) {
    const code = (first(fault, 'faultcode') ?? '').replace(/^\w+:/, '');
    const message = `${code}: ${first(fault, 'faultstring') ?? ''}`.trim();
    throw new OrgRefusal(code === 'INSUFFICIENT_ACCESS' ? 403 : 502, `the Metadata API refused the write: ${message}`);
  }
  if (status >= 300) throw new OrgRefusal(502, `the Metadata API answered ${status}: ${body.slice(0, 300)}`);
  const problems: string[] = [];
  for (const [, result] of body.matchAll(tag('result'))) {
    if (first(result!, 'success') === 'true') continue;
    const errors = [...result!.matchAll(tag('errors'))].map(([, error]) =>
      `${first(error!, 'statusCode') ?? ''} ${first(error!, 'message') ?? ''}`.trim(),
    );
    problems.push(`${first(result!, 'fullName') ?? '(record)'}: ${errors.join('; ') || 'refused'}`);
  }
  return problems;
}

/** How the admin's session is renewed when its access token expires (their refresh token). */
export interface AdminRefresh {
  readonly loginUrl: string;
  readonly clientId: string;
  readonly refreshToken: string;
  /** The renewed access token, to keep for the session's next requests. */
  readonly onRefresh: (accessToken: string) => void;
}

export class AdminOrg {
  readonly conn: Connection;

  constructor(
    private readonly instanceUrl: string,
    accessToken: string,
    private readonly apiVersion: string,
    private readonly timeoutMs = 30_000,
    refresh?: AdminRefresh,
  ) {
    this.conn = new Connection({
      instanceUrl,
      accessToken,
      version: apiVersion,
      ...(refresh
        ? { oauth2: { loginUrl: refresh.loginUrl, clientId: refresh.clientId }, refreshToken: refresh.refreshToken }
        : {}),
    });
    if (refresh) this.conn.on('refresh', (renewed: string) => refresh.onRefresh(renewed));
    installDeadlines(this.conn, timeoutMs);
  }

  async user(userId: string): Promise<{ id: string; name: string; username: string }> {
    if (!ID.test(userId)) throw new Error(`not a user id: ${userId}`);
    const { records } = await this.conn.query<{ Id: string; Name: string; Username: string }>(
      `SELECT Id, Name, Username FROM User WHERE Id = '${userId}'`,
    );
    const found = records[0];
    if (!found) throw new Error(`user ${userId} is not visible to themselves`);
    return { id: found.Id, name: found.Name, username: found.Username };
  }

  /**
   * Whether one of the user's permission sets grants the custom permission: three queries, as the
   * user (reading setup objects needs View Setup, which the console's users have).
   */
  async hasCustomPermission(userId: string, developerName: string): Promise<boolean> {
    if (!ID.test(userId) || !/^\w+$/.test(developerName)) return false;
    const permission = await this.conn.query<{ Id: string }>(
      `SELECT Id FROM CustomPermission WHERE DeveloperName = '${developerName}'`,
    );
    const permissionId = permission.records[0]?.Id;
    if (!permissionId) return false;
    const assigned = await this.conn.query<{ PermissionSetId: string }>(
      `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`,
    );
    const sets = assigned.records.map((row) => row.PermissionSetId).filter((id) => ID.test(id));
    if (sets.length === 0) return false;
    const access = await this.conn.query<{ Id: string }>(
      `SELECT Id FROM SetupEntityAccess WHERE SetupEntityId = '${permissionId}' AND ParentId IN ('${sets.join("','")}')`,
    );
    return access.records.length > 0;
  }

  /** The strategy, rules and triggers as the admin sees them, with each record's label. */
  async readRules(): Promise<MetadataRecords> {
    const read = async (kind: RuleKind): Promise<MetadataRecord[]> => {
      const fields = [...new Set([...METADATA_FIELDS[kind], 'MasterLabel'])];
      const rows = await this.conn.query<Record<string, unknown>>(
        `SELECT ${fields.join(', ')} FROM ${RULE_TYPES[kind]}__mdt`,
        { autoFetch: true, maxFetch: 10_000 },
      );
      return rows.records.map(({ attributes: _attributes, ...fields }) => fields as MetadataRecord);
    };
    const [strategies, rules, triggers] = await Promise.all([read('strategies'), read('rules'), read('triggers')]);
    return { strategies, rules, triggers };
  }

  /** Which of these accounts the admin may read: one SOQL with their token. */
  async readableAccountIds(ids: readonly string[]): Promise<Set<string>> {
    const valid = [...new Set(ids)].filter((id) => ID.test(id));
    if (valid.length === 0) return new Set();
    const { records } = await this.conn.query<{ Id: string }>(
      `SELECT Id FROM Account WHERE Id IN ('${valid.join("','")}')`,
    );
    return new Set(records.map((row) => row.Id));
  }

  /** Writes the records in ONE upsertMetadata call with AllOrNoneHeader: all land or none. */
  async upsertCustomMetadata(writes: readonly RecordWrite[]): Promise<void> {
    const url = `${this.instanceUrl}/services/Soap/m/${this.apiVersion}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
      body: upsertEnvelope(this.conn.accessToken ?? '', writes),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const problems = upsertProblems(response.status, await response.text());
    if (problems.length > 0) {
      throw new OrgRefusal(422, 'the Metadata API refused the records (none was written)', problems);
    }
  }

  async createRuleChange(change: NewRuleChange): Promise<string> {
    const result = await this.conn.sobject('Stance_Rule_Change__c').create({
      Reason__c: change.reason.slice(0, 255),
      Diff__c: JSON.stringify(change.diff),
      Rule_Set__c: JSON.stringify(change.ruleSet),
      Fingerprint__c: change.fingerprint,
      Kind__c: change.kind,
      ...(change.rolledBackTo ? { Rolled_Back_To__c: change.rolledBackTo } : {}),
    });
    if (!result.success) throw new Error(`creating the Stance_Rule_Change__c failed: ${JSON.stringify(result)}`);
    return result.id;
  }

  /** The rule changes, newest first: one by id, the latest `limit` (at most 200). */
  async ruleChanges(options: { id?: string; limit?: number } = {}): Promise<RuleChangeRow[]> {
    const { id, limit = 200 } = options;
    if (id !== undefined && !ID.test(id)) return [];
    const where = id ? ` WHERE Id = '${id}'` : '';
    const { records } = await this.conn.query<Record<string, unknown>>(
      'SELECT Id, Name, CreatedBy.Name, CreatedDate, Reason__c, Kind__c, Diff__c, Rule_Set__c, Fingerprint__c ' +
        `FROM Stance_Rule_Change__c${where} ORDER BY CreatedDate DESC, Name DESC LIMIT ${Math.min(200, Math.max(1, Math.floor(limit)))}`,
    );
    return records.map((row) => ({
      id: row.Id as string,
      name: row.Name as string,
      createdBy: ((row.CreatedBy as { Name?: string } | null)?.Name ?? null) as string | null,
      createdAt: row.CreatedDate as string,
      reason: (row.Reason__c as string | null) ?? null,
      kind: (row.Kind__c as string | null) ?? null,
      diff: parseJson(row.Diff__c),
      ruleSet: (row.Rule_Set__c as string | null) ?? null,
      fingerprint: (row.Fingerprint__c as string | null) ?? null,
    }));
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}
