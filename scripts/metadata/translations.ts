/**
 * The package's object translations (objectTranslations/<Object>-<language>/: the object's
 * names, its fields' labels, relationship labels and picklist value labels, its quick actions) and
 * global value set translations (globalValueSetTranslations/<Set>-<language>), read from the parsed
 * project metadata: what metadata:check holds against the objects and what the local org answers
 * a person in their language with. Picklist values are named by their master label, as Salesforce
 * names them in translations.
 */
import type { MetadataFile, ProjectMetadata } from './reader';

export interface FieldTranslation {
  readonly name: string;
  readonly file: string;
  readonly label?: string;
  readonly relationshipLabel?: string;
  readonly help?: string;
  /** Master label -> translated label. */
  readonly picklistValues: ReadonlyMap<string, string>;
}

export interface ObjectTranslation {
  readonly object: string;
  readonly language: string;
  /** The objectTranslation file, or the folder's first file when the folder has none. */
  readonly file: string;
  /** The singular and plural nominative without article (caseValues). */
  readonly label?: string;
  readonly labelPlural?: string;
  readonly nameFieldLabel?: string;
  readonly fields: ReadonlyMap<string, FieldTranslation>;
  /** Quick action name (Report_Signal) -> translated label. */
  readonly quickActions: ReadonlyMap<string, string>;
}

export interface ValueSetTranslation {
  readonly valueSet: string;
  readonly language: string;
  readonly file: string;
  /** Master label -> translated label. */
  readonly values: ReadonlyMap<string, string>;
}

export interface PackageTranslations {
  readonly objects: readonly ObjectTranslation[];
  readonly valueSets: readonly ValueSetTranslation[];
}

const list = <T>(value: unknown): T[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? (value as T[]) : [value as T];

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'object' ? String((value as Record<string, unknown>)['#text'] ?? '') : String(value);
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined || value === '' ? {} : { [key]: value }) as Partial<Record<K, string>>;

/** objectTranslations/Stance_Signal__c-de/... -> ['Stance_Signal__c', 'de']. */
function folderOf(file: string): [string, string] | undefined {
  const segments = file.split(/[\\/]/);
  const at = segments.lastIndexOf('objectTranslations');
  const folder = at >= 0 ? segments[at + 1] : undefined;
  const match = folder ? /^(.+)-([a-z]{2,3}(?:_[A-Z]{2})?)$/.exec(folder) : null;
  return match ? [match[1]!, match[2]!] : undefined;
}

function fieldTranslation(file: MetadataFile): FieldTranslation {
  const xml = file.xml;
  return {
    name: text(xml.name) ?? '',
    file: file.file,
    ...optional('label', text(xml.label)),
    ...optional('relationshipLabel', text(xml.relationshipLabel)),
    ...optional('help', text(xml.help)),
    picklistValues: new Map(
      list<Record<string, unknown>>(xml.picklistValues).map((entry) => [
        text(entry.masterLabel) ?? '',
        text(entry.translation) ?? '',
      ]),
    ),
  };
}

/** The nominative, article-less case value of this number, or the first of this number. */
function caseValue(xml: Record<string, unknown>, plural: boolean): string | undefined {
  const values = list<Record<string, unknown>>(xml.caseValues).filter(
    (entry) => (text(entry.plural) === 'true') === plural,
  );
  const plain = values.find(
    (entry) => (text(entry.caseType) ?? 'Nominative') === 'Nominative' && (text(entry.article) ?? 'None') === 'None',
  );
  return text((plain ?? values[0])?.value);
}

export function readPackageTranslations(metadata: ProjectMetadata): PackageTranslations {
  const folders = new Map<string, { object: string; language: string; head?: MetadataFile; fields: MetadataFile[] }>();
  const valueSets: ValueSetTranslation[] = [];
  for (const file of metadata.files) {
    if (file.kind === 'objectTranslation' || file.kind === 'fieldTranslation') {
      const at = folderOf(file.file);
      if (!at) continue;
      const key = at.join('-');
      const folder = folders.get(key) ?? { object: at[0], language: at[1], fields: [] };
      folders.set(key, folder);
      if (file.kind === 'objectTranslation') folder.head = file;
      else folder.fields.push(file);
    } else if (file.kind === 'globalValueSetTranslation') {
      const match = /([^\\/]+)-([a-z]{2,3}(?:_[A-Z]{2})?)\.globalValueSetTranslation-meta\.xml$/.exec(file.file);
      if (!match) continue;
      valueSets.push({
        valueSet: match[1]!,
        language: match[2]!,
        file: file.file,
        values: new Map(
          list<Record<string, unknown>>(file.xml.valueTranslation).map((entry) => [
            text(entry.masterLabel) ?? '',
            text(entry.translation) ?? '',
          ]),
        ),
      });
    }
  }
  const objects = [...folders.values()].map((folder): ObjectTranslation => {
    const xml = folder.head?.xml ?? {};
    return {
      object: folder.object,
      language: folder.language,
      file: folder.head?.file ?? folder.fields[0]!.file,
      ...optional('label', caseValue(xml, false)),
      ...optional('labelPlural', caseValue(xml, true)),
      ...optional('nameFieldLabel', text(xml.nameFieldLabel)),
      fields: new Map(folder.fields.map(fieldTranslation).map((field) => [field.name, field])),
      quickActions: new Map(
        list<Record<string, unknown>>(xml.quickActions).map((entry) => [
          text(entry.name) ?? '',
          text(entry.label) ?? '',
        ]),
      ),
    };
  });
  return { objects, valueSets };
}
