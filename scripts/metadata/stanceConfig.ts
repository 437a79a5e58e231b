/** The Stance configuration as the custom metadata files in force-app hold it. */
import type { MetadataRecord, MetadataRecords } from '../../sidecar/src/domain';
import type { CustomMetadataRecordFile, ProjectMetadata } from './reader';

export const STANCE_METADATA_TYPES = {
  strategies: 'Stance_Strategy__mdt',
  rules: 'Stance_Rule__mdt',
  triggers: 'Stance_Trigger__mdt',
} as const;

export interface StanceMetadataRecords extends MetadataRecords {
  /** Where each record came from, keyed as problems name their source (Stance_Rule.X). */
  readonly files: ReadonlyMap<string, string>;
}

function toRecord(record: CustomMetadataRecordFile): MetadataRecord {
  return { ...record.values, DeveloperName: record.developerName, MasterLabel: record.label };
}

export function stanceMetadataRecords(metadata: ProjectMetadata): StanceMetadataRecords {
  const of = (type: string) => metadata.customMetadata.filter((record) => record.type === type);
  const files = new Map<string, string>();
  for (const record of metadata.customMetadata) {
    files.set(`${record.type.replace(/__mdt$/, '')}.${record.developerName}`, record.file);
  }
  return {
    strategies: of(STANCE_METADATA_TYPES.strategies).map(toRecord),
    rules: of(STANCE_METADATA_TYPES.rules).map(toRecord),
    triggers: of(STANCE_METADATA_TYPES.triggers).map(toRecord),
    files,
  };
}
