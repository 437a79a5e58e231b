/**
 * The one reader of the project's Salesforce metadata (source format under force-app):
 * objects, fields, picklists, list views, custom metadata records and permission sets.
 * rules:check, the local org and the metadata checks all read force-app through it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface PicklistValue {
  readonly apiName: string;
  readonly label: string;
  readonly isDefault: boolean;
}

export interface FieldMeta {
  readonly object: string;
  readonly apiName: string;
  readonly label: string;
  readonly type: string;
  readonly required: boolean;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly picklistValues?: readonly PicklistValue[];
  readonly restrictedPicklist?: boolean;
  /** The global value set the picklist's values come from (`valueSet.valueSetName`), when it names one. */
  readonly valueSetName?: string;
  readonly referenceTo?: string;
  readonly relationshipName?: string;
  readonly defaultValue?: string;
  readonly formula?: string;
  readonly externalId: boolean;
  readonly trackHistory: boolean;
  readonly inlineHelpText?: string;
  readonly writeRequiresMasterRead?: boolean;
  readonly file: string;
  /** The parsed XML, for checks that need more than the common properties. */
  readonly xml: Record<string, unknown>;
}

export interface ListViewMeta {
  readonly object: string;
  readonly apiName: string;
  readonly label: string;
  readonly columns: readonly string[];
  readonly filters: ReadonlyArray<{ field: string; operation: string; value: string }>;
  readonly filterScope?: string;
  readonly file: string;
  readonly xml: Record<string, unknown>;
}

export interface ObjectMeta {
  readonly apiName: string;
  readonly label?: string;
  readonly pluralLabel?: string;
  readonly isCustomMetadata: boolean;
  /** Standard objects only carry the custom fields the project adds to them. */
  readonly isCustom: boolean;
  readonly fields: ReadonlyMap<string, FieldMeta>;
  readonly listViews: readonly ListViewMeta[];
  readonly file?: string;
  readonly xml?: Record<string, unknown>;
}

export type MetadataValue = string | number | boolean | null;

export interface CustomMetadataRecordFile {
  /** The type's API name, e.g. Stance_Rule__mdt. */
  readonly type: string;
  readonly developerName: string;
  readonly label: string;
  readonly values: Readonly<Record<string, MetadataValue>>;
  readonly file: string;
}

export interface MetadataFile {
  /** Path relative to the project root. */
  readonly file: string;
  /** Kind from the file suffix, e.g. permissionset, flexipage, quickAction. */
  readonly kind: string;
  readonly xml: Record<string, unknown>;
}

export interface ProjectMetadata {
  readonly root: string;
  readonly objects: ReadonlyMap<string, ObjectMeta>;
  readonly customMetadata: readonly CustomMetadataRecordFile[];
  /** Every other metadata file (permission sets, flexipages, ...), parsed. */
  readonly files: readonly MetadataFile[];
  readonly xmlProblems: readonly XmlProblem[];
}

const REPEATED = new Set([
  'values',
  'value',
  'fields',
  'columns',
  'filters',
  'fieldPermissions',
  'objectPermissions',
  'userPermissions',
  'classAccesses',
  'tabSettings',
  'customMetadataTypeAccesses',
  'flexiPageRegions',
  'itemInstances',
  'componentInstanceProperties',
  'quickActionLayoutColumns',
  'quickActionLayoutItems',
  'recipients',
  'fieldOverrides',
  'customValue',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === '__tests__' || entry.startsWith('.')) return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'object' ? String((value as Record<string, unknown>)['#text'] ?? '') : String(value);
}
const num = (value: unknown): number | undefined => (text(value) === undefined ? undefined : Number(text(value)));
const bool = (value: unknown): boolean => text(value) === 'true';
const list = <T>(value: unknown): T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T];

/**
 * Reads every `*-meta.xml` below `sourceDir` (usually force-app/main/default). Files that
 * are not well-formed XML are reported in xmlProblems and otherwise skipped.
 */
export function readProjectMetadata(sourceDir: string, projectRoot = sourceDir): ProjectMetadata {
  const objects = new Map<
    string,
    { meta: Partial<ObjectMeta>; fields: Map<string, FieldMeta>; listViews: ListViewMeta[] }
  >();
  const customMetadata: CustomMetadataRecordFile[] = [];
  const files: MetadataFile[] = [];
  const xmlProblems: XmlProblem[] = [];
  const globalValueSets = new Map<string, PicklistValue[]>();
  const objectEntry = (apiName: string) => {
    let entry = objects.get(apiName);
    if (!entry) {
      entry = { meta: { apiName }, fields: new Map(), listViews: [] };
      objects.set(apiName, entry);
    }
    return entry;
  };

  for (const path of walk(sourceDir)) {
    if (!path.endsWith('-meta.xml')) continue;
    const file = relative(projectRoot, path);
    const source = readFileSync(path, 'utf8');
    const validation = XMLValidator.validate(source);
    if (validation !== true) {
      xmlProblems.push({ file, line: validation.err.line, column: validation.err.col, message: validation.err.msg });
      continue;
    }
    const document = parser.parse(source) as Record<string, Record<string, unknown>>;
    const rootName = Object.keys(document).find((key) => key !== '?xml')!;
    const xml = document[rootName] ?? {};
    const name = basename(path);
    const segments = file.split(/[\\/]/);
    const objectsAt = segments.lastIndexOf('objects');

    if (rootName === 'CustomObject' && objectsAt >= 0) {
      const apiName = name.replace('.object-meta.xml', '');
      const entry = objectEntry(apiName);
      Object.assign(entry.meta, { label: text(xml.label), pluralLabel: text(xml.pluralLabel), file, xml });
    } else if (rootName === 'CustomField' && objectsAt >= 0) {
      const object = segments[objectsAt + 1]!;
      const field = parseField(object, xml, file);
      objectEntry(object).fields.set(field.apiName, field);
    } else if (rootName === 'ListView' && objectsAt >= 0) {
      const object = segments[objectsAt + 1]!;
      objectEntry(object).listViews.push({
        object,
        apiName: text(xml.fullName) ?? name.replace('.listView-meta.xml', ''),
        label: text(xml.label) ?? '',
        columns: list<unknown>(xml.columns).map((column) => text(column)!),
        filters: list<Record<string, unknown>>(xml.filters).map((filter) => ({
          field: text(filter.field) ?? '',
          operation: text(filter.operation) ?? '',
          value: text(filter.value) ?? '',
        })),
        ...(xml.filterScope ? { filterScope: text(xml.filterScope)! } : {}),
        file,
        xml,
      });
    } else if (rootName === 'CustomMetadata') {
      const [typeName, developerName] = name.replace('.md-meta.xml', '').split('.') as [string, string];
      customMetadata.push({
        type: `${typeName}__mdt`,
        developerName,
        label: text(xml.label) ?? developerName,
        values: Object.fromEntries(
          list<Record<string, unknown>>(xml.values).map((entry) => [
            text(entry.field)!,
            metadataValue(list(entry.value)[0]),
          ]),
        ),
        file,
      });
    } else {
      if (rootName === 'GlobalValueSet') {
        globalValueSets.set(name.replace('.globalValueSet-meta.xml', ''), picklistValuesOf(xml.customValue));
      }
      files.push({ file, kind: name.replace(/^.*\.([A-Za-z]+)-meta\.xml$/, '$1'), xml });
    }
  }

  // A picklist on a global value set takes the set's values (a set the package lacks leaves it without values).
  for (const entry of objects.values()) {
    for (const [fieldName, field] of entry.fields) {
      const values = field.valueSetName === undefined ? undefined : globalValueSets.get(field.valueSetName);
      if (values) entry.fields.set(fieldName, { ...field, picklistValues: values });
    }
  }

  const finished = new Map<string, ObjectMeta>();
  for (const [apiName, entry] of objects) {
    finished.set(apiName, {
      ...entry.meta,
      apiName,
      isCustomMetadata: apiName.endsWith('__mdt'),
      isCustom: apiName.endsWith('__c') || apiName.endsWith('__mdt') || apiName.endsWith('__e'),
      fields: entry.fields,
      listViews: entry.listViews,
    });
  }
  return { root: projectRoot, objects: finished, customMetadata, files, xmlProblems };
}

function parseField(object: string, xml: Record<string, unknown>, file: string): FieldMeta {
  const valueSet = xml.valueSet as Record<string, unknown> | undefined;
  const definition = valueSet?.valueSetDefinition as Record<string, unknown> | undefined;
  const picklistValues = definition ? picklistValuesOf(definition.value) : undefined;
  const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    object,
    apiName: text(xml.fullName)!,
    label: text(xml.label) ?? text(xml.fullName)!,
    type: text(xml.type) ?? '',
    required: bool(xml.required),
    externalId: bool(xml.externalId),
    trackHistory: bool(xml.trackHistory),
    ...optional('length', num(xml.length)),
    ...optional('precision', num(xml.precision)),
    ...optional('scale', num(xml.scale)),
    ...optional('picklistValues', picklistValues),
    ...optional('restrictedPicklist', valueSet ? bool(valueSet.restricted) : undefined),
    ...optional('valueSetName', text(valueSet?.valueSetName)),
    ...optional('referenceTo', text(xml.referenceTo)),
    ...optional('relationshipName', text(xml.relationshipName)),
    ...optional('defaultValue', text(xml.defaultValue)),
    ...optional('formula', text(xml.formula)),
    ...optional('inlineHelpText', text(xml.inlineHelpText)),
    ...optional(
      'writeRequiresMasterRead',
      xml.writeRequiresMasterRead === undefined ? undefined : bool(xml.writeRequiresMasterRead),
    ),
    file,
    xml,
  };
}

function picklistValuesOf(values: unknown): PicklistValue[] {
  return list<Record<string, unknown>>(values).map((value) => ({
    apiName: text(value.fullName)!,
    label: text(value.label) ?? text(value.fullName)!,
    isDefault: bool(value.default),
  }));
}

function metadataValue(value: unknown): MetadataValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'object') return String(value);
  const node = value as Record<string, unknown>;
  if (node['@xsi:nil'] === 'true') return null;
  const raw = String(node['#text'] ?? '');
  switch (node['@xsi:type']) {
    case 'xsd:boolean':
      return raw === 'true';
    case 'xsd:double':
    case 'xsd:int':
    case 'xsd:long':
      return Number(raw);
    default:
      return raw;
  }
}
