/** Custom metadata types use only the field types they may have; their records fit their fields. */
import type { ProjectMetadata } from '../metadata/reader';
import type { Report } from './report';
import type { Schema } from './schema';

/** Field types a custom metadata type may have (no multi-select picklist, currency, lookup, formula, ...). */
export const CUSTOM_METADATA_FIELD_TYPES = [
  'Checkbox',
  'Date',
  'DateTime',
  'Email',
  'MetadataRelationship',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Text',
  'TextArea',
  'LongTextArea',
  'Url',
];

export function checkCustomMetadata(metadata: ProjectMetadata, schema: Schema, report: Report): void {
  for (const object of metadata.objects.values()) {
    if (!object.isCustomMetadata) continue;
    for (const field of object.fields.values()) {
      if (!CUSTOM_METADATA_FIELD_TYPES.includes(field.type) || field.formula !== undefined) {
        report(
          'custom-metadata',
          field.file,
          `${object.apiName}.${field.apiName} is a ${field.formula ? 'formula' : field.type}, which custom metadata types cannot have`,
        );
      }
    }
  }
  for (const record of metadata.customMetadata) {
    const type = metadata.objects.get(record.type);
    if (!type) {
      report('custom-metadata', record.file, `record of ${record.type}, which is not defined in force-app`);
      continue;
    }
    for (const [name, value] of Object.entries(record.values)) {
      const field = schema.field(record.type, name);
      if (!field) {
        report('custom-metadata', record.file, `${record.type} has no field ${name}`);
        continue;
      }
      if (value === null) continue;
      const valueKind = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string';
      const fieldKind = field.kind === 'date' || field.kind === 'datetime' ? 'string' : field.kind;
      if (valueKind !== fieldKind)
        report(
          'custom-metadata',
          record.file,
          `${name} holds a ${valueKind}, but ${record.type}.${name} is ${field.type}`,
        );
      if (field.picklistValues && typeof value === 'string' && !field.picklistValues.includes(value)) {
        report('custom-metadata', record.file, `${name} = ${value} is not a value of ${record.type}.${name}`);
      }
    }
    for (const field of type.fields.values()) {
      const value = record.values[field.apiName];
      if (field.required && (value === undefined || value === null || value === '')) {
        report('custom-metadata', record.file, `${field.apiName} is required on ${record.type}`);
      }
    }
  }
}
