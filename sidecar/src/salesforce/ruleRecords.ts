/**
 * Reads the strategy, rules and triggers from custom metadata: three queries in one /composite
 * call, which Salesforce counts as one API call, so polling for an admin's edits stays cheap.
 */
import type { Connection } from 'jsforce';
import { METADATA_FIELDS } from '../domain';
import type { MetadataRecord, MetadataRecords } from '../domain';

const TYPES: Readonly<Record<keyof MetadataRecords, string>> = {
  strategies: 'Stance_Strategy__mdt',
  rules: 'Stance_Rule__mdt',
  triggers: 'Stance_Trigger__mdt',
};

type QueryPage = { records: Array<Record<string, unknown>>; done: boolean; nextRecordsUrl?: string };
type CompositeAnswer = {
  compositeResponse: Array<{ httpStatusCode: number; body: unknown; referenceId: keyof MetadataRecords }>;
};

export async function readRuleRecords(conn: Connection, apiVersion: string): Promise<MetadataRecords> {
  const base = `/services/data/v${apiVersion}`;
  const keys = Object.keys(TYPES) as Array<keyof MetadataRecords>;
  const answer = await conn.requestPost<CompositeAnswer>(`${base}/composite`, {
    allOrNone: false,
    compositeRequest: keys.map((key) => ({
      method: 'GET',
      referenceId: key,
      url: `${base}/query?q=${encodeURIComponent(`SELECT ${METADATA_FIELDS[key].join(', ')} FROM ${TYPES[key]}`)}`,
    })),
  });
  const out: Partial<Record<keyof MetadataRecords, MetadataRecord[]>> = {};
  for (const response of answer.compositeResponse) {
    if (response.httpStatusCode !== 200) {
      const [error] = (Array.isArray(response.body) ? response.body : []) as Array<{
        errorCode?: string;
        message?: string;
      }>;
      throw new Error(
        `reading ${TYPES[response.referenceId]} failed: ${error?.errorCode ?? response.httpStatusCode} ${error?.message ?? ''}`.trim(),
      );
    }
    let page = response.body as QueryPage;
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      page = await conn.request<QueryPage>(page.nextRecordsUrl);
      records.push(...page.records);
    }
    out[response.referenceId] = records.map(({ attributes: _attributes, ...fields }) => fields as MetadataRecord);
  }
  return { strategies: out.strategies ?? [], rules: out.rules ?? [], triggers: out.triggers ?? [] };
}
