/**
 * What an activation writes: the draft's records that are new or differ from the org's, plus the
 * org's records the draft left out, retired (Active__c false); and the diff kept in History.
 * Pure: compares records, reads and writes nothing.
 */
import type { MetadataRecord, MetadataRecords } from '../domain';
import { RULE_TYPES } from '../salesforce/adminOrg';
import type { RecordWrite, RuleKind } from '../salesforce/adminOrg';

export const KINDS: readonly RuleKind[] = ['strategies', 'rules', 'triggers'];

export interface FieldChange {
  readonly record: string;
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface RuleDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: FieldChange[];
}

export interface Activation {
  /** The records to upsert, in one all-or-none call. */
  readonly writes: RecordWrite[];
  /** The set in force once they are written. */
  readonly target: MetadataRecords;
  readonly diff: RuleDiff;
  /** Records the draft left out that cannot be retired (they have no Active__c). */
  readonly cannotRemove: string[];
}

/** Values as the org gives them back: 10 and "10", null and "" are the same. */
const same = (a: unknown, b: unknown): boolean => {
  const norm = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(norm(a));
    const y = Number(norm(b));
    if (!Number.isNaN(x) && !Number.isNaN(y) && norm(a) !== '' && norm(b) !== '') return x === y;
  }
  return norm(a) === norm(b);
};

const name = (kind: RuleKind, record: MetadataRecord) => `${RULE_TYPES[kind]}.${record.DeveloperName}`;

export function planActivation(org: MetadataRecords, draft: MetadataRecords): Activation {
  const writes: RecordWrite[] = [];
  const diff: RuleDiff = { added: [], removed: [], changed: [] };
  const cannotRemove: string[] = [];
  const target: Record<RuleKind, MetadataRecord[]> = { strategies: [], rules: [], triggers: [] };
  for (const kind of KINDS) {
    const before = new Map(org[kind].map((record) => [record.DeveloperName, record]));
    const drafted = new Set<string>();
    for (const record of draft[kind]) {
      drafted.add(record.DeveloperName);
      const was = before.get(record.DeveloperName);
      // A field the draft leaves out keeps the org's value.
      const next = { ...(was ?? {}), ...record } as MetadataRecord;
      target[kind].push(next);
      if (!was) {
        diff.added.push(name(kind, record));
        writes.push({ kind, record: next });
        continue;
      }
      const changed = Object.keys(next)
        .filter(
          (field) =>
            field !== 'attributes' && !same(was[field as keyof MetadataRecord], next[field as keyof MetadataRecord]),
        )
        .sort();
      if (changed.length === 0) continue;
      for (const field of changed) {
        diff.changed.push({
          record: name(kind, record),
          field,
          before: was[field as keyof MetadataRecord] ?? null,
          after: next[field as keyof MetadataRecord] ?? null,
        });
      }
      writes.push({ kind, record: next });
    }
    for (const [developerName, record] of before) {
      if (drafted.has(developerName)) continue;
      if (!('Active__c' in record)) {
        cannotRemove.push(name(kind, record));
        target[kind].push(record);
        continue;
      }
      const retired = { ...record, Active__c: false } as MetadataRecord;
      target[kind].push(retired);
      if (same(record.Active__c, false)) continue;
      diff.removed.push(name(kind, record));
      writes.push({ kind, record: retired });
    }
  }
  return { writes, target, diff, cannotRemove };
}
