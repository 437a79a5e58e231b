/** Fields the components and the engine use exist with the right type; picklists are the engine's vocabulary. */
import {
  MARKET_SIGNAL_EFFECTS,
  MARKET_SIGNAL_KINDS,
  SIGNAL_SOURCES,
  SIGNAL_STATUSES,
  SNAPSHOT_FIELDS,
  STANCES,
  TRIGGER_CATALOG,
  TRIGGER_CODES,
  TRIGGER_KINDS,
  WRITTEN_FIELDS,
} from '../../sidecar/src/domain';
import type { ComponentUsage } from './components';
import type { Report } from './report';
import type { Schema } from './schema';

/** Picklists whose values are the engine's vocabulary. */
export const ENUM_PICKLISTS: ReadonlyArray<[string, string, readonly string[]]> = [
  ['Account', 'Stance__c', STANCES],
  ['Account', 'Stance_Computed__c', STANCES],
  ['Account', 'Stance_Override__c', STANCES],
  ['Stance_Change__c', 'From__c', STANCES],
  ['Stance_Change__c', 'To__c', STANCES],
  ['Stance_Signal__c', 'Trigger__c', TRIGGER_CODES],
  ['Stance_Signal__c', 'Status__c', SIGNAL_STATUSES],
  ['Stance_Signal__c', 'Source__c', SIGNAL_SOURCES],
  ['Market_Signal__c', 'Kind__c', MARKET_SIGNAL_KINDS],
  ['Market_Signal__c', 'Effect__c', MARKET_SIGNAL_EFFECTS],
  ['Stance_Rule__mdt', 'Stance__c', STANCES],
  ['Stance_Trigger__mdt', 'Code__c', TRIGGER_CODES],
  ['Stance_Trigger__mdt', 'Stance__c', ['Attack', 'Defend', 'Fire']],
  ['Stance_Trigger__mdt', 'Kind__c', TRIGGER_KINDS],
];

export function checkFieldUses(schema: Schema, components: readonly ComponentUsage[], report: Report): void {
  for (const component of components) {
    for (const ref of component.reads) {
      if (!schema.hasObject(ref.object))
        report(
          'fields',
          component.file,
          `@salesforce/schema/${ref.object}.${ref.field}: no object ${ref.object} in force-app or the standard objects`,
        );
      else if (!schema.field(ref.object, ref.field))
        report(
          'fields',
          component.file,
          `@salesforce/schema/${ref.object}.${ref.field}: ${ref.object} has no field ${ref.field}`,
        );
    }
    for (const object of component.creates) {
      if (!schema.hasObject(object)) report('fields', component.file, `creates ${object}, which does not exist`);
    }
    for (const write of component.literalWrites) {
      const values = schema.field(write.object, write.field)?.picklistValues;
      if (values && !values.includes(write.value))
        report(
          'picklists',
          component.file,
          `writes '${write.value}' to ${write.object}.${write.field}, which is not one of its values (${values.join(', ')})`,
        );
    }
  }
  const engineFile = 'sidecar/src/domain/snapshotFields.ts';
  for (const use of [...SNAPSHOT_FIELDS, ...WRITTEN_FIELDS]) {
    const field = schema.field(use.object, use.field);
    if (!field) report('fields', engineFile, `the engine uses ${use.object}.${use.field}, which does not exist`);
    else if (field.kind !== use.kind)
      report(
        'fields',
        engineFile,
        `the engine reads ${use.object}.${use.field} as ${use.kind}, but it is ${field.type} (${field.kind})`,
      );
  }
}

export function checkPicklists(schema: Schema, report: Report): void {
  for (const [object, fieldName, expected] of ENUM_PICKLISTS) {
    const field = schema.field(object, fieldName);
    const file = field?.custom?.file ?? `objects/${object}`;
    if (!field || !field.picklistValues) {
      report('picklists', file, `${object}.${fieldName} must be a picklist of ${expected.join(', ')}`);
      continue;
    }
    if (field.picklistValues.join('|') !== expected.join('|')) {
      report(
        'picklists',
        file,
        `${object}.${fieldName} values ${field.picklistValues.join(', ')} differ from the engine's ${expected.join(', ')}`,
      );
    }
    if (!field.restricted) report('picklists', file, `${object}.${fieldName} must be a restricted picklist`);
  }
  const trigger = schema.field('Stance_Signal__c', 'Trigger__c')?.custom;
  for (const value of trigger?.picklistValues ?? []) {
    const entry = TRIGGER_CATALOG.find((candidate) => candidate.code === value.apiName);
    if (entry && entry.label !== value.label) {
      report(
        'picklists',
        trigger!.file,
        `Trigger__c label of ${value.apiName} is "${value.label}", the catalog says "${entry.label}"`,
      );
    }
  }
}
