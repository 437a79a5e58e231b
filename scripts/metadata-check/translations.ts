/**
 * The package's translations against what they translate. Object translations name objects,
 * fields, picklist values (by master label), relationship labels and quick actions that exist;
 * global value set translations name sets and values that exist; the translations/<language>
 * file's apps, tabs and report types (and their sections) exist. And every language the package ships
 * (translations/<language>) translates all of it: each object's label, each custom field, each
 * picklist value, each global value set, app, tab and report type, so a field added without its
 * German label fails here and not in front of a German user. A picklist of trigger codes reads, in
 * every language, as the components' Stance_Trigger_<CODE> labels: a signal's related list says
 * what the checklist says.
 */
import { basename, join } from 'node:path';
import { readLabels, readTranslations } from '../i18n/labelFiles';
import type { ProjectMetadata } from '../metadata/reader';
import { readPackageTranslations } from '../metadata/translations';
import type { ObjectTranslation } from '../metadata/translations';
import { list } from './report';
import type { Report } from './report';
import type { Schema } from './schema';

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function checkObjectTranslation(
  translation: ObjectTranslation,
  metadata: ProjectMetadata,
  schema: Schema,
  report: Report,
): void {
  const { object, language, file } = translation;
  const check = (where: string, message: string) => report('translations', where, message);
  if (!schema.hasObject(object) && !metadata.objects.has(object)) {
    check(file, `translates ${object} (${language}), an object the package neither defines nor uses`);
    return;
  }
  const custom = metadata.objects.get(object)?.file !== undefined;
  if (!custom && (translation.label || translation.labelPlural || translation.nameFieldLabel))
    check(file, `${object} is a standard object: Salesforce translates its name, the package cannot`);
  for (const field of translation.fields.values()) {
    const facts = schema.field(object, field.name);
    if (!facts?.custom) {
      check(
        field.file,
        facts
          ? `${object}.${field.name} is a standard field: Salesforce translates it, the package cannot`
          : `translates ${object}.${field.name}, a field ${object} does not have`,
      );
      continue;
    }
    if (field.help && !facts.custom.inlineHelpText)
      check(field.file, `translates the help text of ${object}.${field.name}, which has none`);
    if (field.relationshipLabel && facts.type !== 'Lookup' && facts.type !== 'MasterDetail')
      check(field.file, `${object}.${field.name} is no lookup: it has no relationship label to translate`);
    if (field.picklistValues.size > 0 && facts.custom.valueSetName)
      check(
        field.file,
        `${object}.${field.name} takes its values from the global value set ${facts.custom.valueSetName}: translate them in globalValueSetTranslations/${facts.custom.valueSetName}-${language}`,
      );
    const masters = new Set((facts.custom.picklistValues ?? []).map((value) => value.label));
    for (const master of field.picklistValues.keys())
      if (!masters.has(master))
        check(field.file, `translates the picklist value "${master}", which ${object}.${field.name} does not have`);
  }
  for (const action of translation.quickActions.keys()) {
    const exists = metadata.files.some(
      (entry) => entry.kind === 'quickAction' && basename(entry.file) === `${object}.${action}.quickAction-meta.xml`,
    );
    if (!exists) check(file, `translates the quick action ${object}.${action}, which does not exist`);
  }
}

/** What a language must translate: the package's objects, fields, values, value sets, tabs, report types. */
function checkComplete(language: string, metadata: ProjectMetadata, report: Report): void {
  const translations = readPackageTranslations(metadata);
  const objects = new Map(
    translations.objects.filter((entry) => entry.language === language).map((entry) => [entry.object, entry]),
  );
  const usedSets = new Set<string>();
  for (const object of metadata.objects.values()) {
    if (object.apiName.endsWith('__e')) continue; // platform events: no one reads their names
    const translation = objects.get(object.apiName);
    if (!translation) {
      const where = object.file ?? [...object.fields.values()][0]?.file ?? object.apiName;
      report(
        'translations',
        where,
        `${object.apiName} has no ${language} translation (objectTranslations/${object.apiName}-${language})`,
      );
      continue;
    }
    if (object.file && (!translation.label || !translation.labelPlural))
      report(
        'translations',
        translation.file,
        `${object.apiName}: no ${language} singular and plural name (caseValues)`,
      );
    for (const field of object.fields.values()) {
      const translated = translation.fields.get(field.apiName);
      if (!translated?.label) {
        report('translations', translation.file, `${object.apiName}.${field.apiName} has no ${language} label`);
        continue;
      }
      if (field.valueSetName) {
        usedSets.add(field.valueSetName);
        continue;
      }
      for (const value of field.picklistValues ?? [])
        if (!translated.picklistValues.get(value.label))
          report(
            'translations',
            translated.file,
            `${object.apiName}.${field.apiName}: the value "${value.label}" has no ${language} label`,
          );
    }
  }
  for (const set of usedSets) {
    const translated = translations.valueSets.find((entry) => entry.valueSet === set && entry.language === language);
    const values = metadata.files.find(
      (entry) => entry.kind === 'globalValueSet' && basename(entry.file).startsWith(`${set}.`),
    );
    for (const value of list<Record<string, unknown>>(values?.xml.customValue))
      if (!translated?.values.get(text(value.label)))
        report(
          'translations',
          translated?.file ?? values?.file ?? set,
          `${set}: the value "${text(value.label)}" has no ${language} label (${set}-${language})`,
        );
  }
}

function checkValueSets(metadata: ProjectMetadata, report: Report): void {
  for (const translation of readPackageTranslations(metadata).valueSets) {
    const set = metadata.files.find(
      (entry) =>
        entry.kind === 'globalValueSet' && basename(entry.file) === `${translation.valueSet}.globalValueSet-meta.xml`,
    );
    if (!set) {
      report(
        'translations',
        translation.file,
        `translates the global value set ${translation.valueSet}, which the package lacks`,
      );
      continue;
    }
    const masters = new Set(list<Record<string, unknown>>(set.xml.customValue).map((value) => text(value.label)));
    for (const master of translation.values.keys())
      if (!masters.has(master))
        report('translations', translation.file, `translates "${master}", which ${translation.valueSet} does not have`);
  }
}

/** The translations/<language> file's apps, tabs and report types (labels are labels.ts's). */
function checkTranslationsFile(metadata: ProjectMetadata, report: Report): void {
  const named = (kind: string) =>
    new Map(
      metadata.files
        .filter((entry) => entry.kind === kind)
        .map((entry) => [basename(entry.file).split('.')[0]!, entry]),
    );
  const tabs = named('tab');
  const apps = named('app');
  const reportTypes = named('reportType');
  for (const file of metadata.files.filter((entry) => entry.kind === 'translation')) {
    const language = basename(file.file).split('.')[0]!;
    const appNames = list<Record<string, unknown>>(file.xml.customApplications).map((app) => text(app.name));
    for (const name of appNames)
      if (!apps.has(name)) report('translations', file.file, `translates the app ${name}, which the package lacks`);
    for (const name of apps.keys())
      if (!appNames.includes(name)) report('translations', file.file, `the app ${name} has no ${language} label`);
    const tabNames = list<Record<string, unknown>>(file.xml.customTabs).map((tab) => text(tab.name));
    for (const name of tabNames)
      if (!tabs.has(name)) report('translations', file.file, `translates the tab ${name}, which the package lacks`);
    for (const name of tabs.keys())
      if (!tabNames.includes(name)) report('translations', file.file, `the tab ${name} has no ${language} label`);
    const typeNames: string[] = [];
    for (const type of list<Record<string, unknown>>(file.xml.reportTypes)) {
      const name = text(type.name);
      typeNames.push(name);
      const source = reportTypes.get(name);
      if (!source) {
        report('translations', file.file, `translates the report type ${name}, which the package lacks`);
        continue;
      }
      const sections = new Set(
        list<Record<string, unknown>>(source.xml.sections).map((section) => text(section.masterLabel)),
      );
      for (const section of list<Record<string, unknown>>(type.sections))
        if (!sections.has(text(section.name)))
          report(
            'translations',
            file.file,
            `${name}: translates the section "${text(section.name)}", which the report type lacks`,
          );
    }
    for (const name of reportTypes.keys())
      if (!typeNames.includes(name))
        report('translations', file.file, `the report type ${name} has no ${language} label`);
  }
}

/** Picklists of trigger codes (Stance_Signal__c.Trigger__c, Stance_Trigger__mdt.Code__c) against the Stance_Trigger_<CODE> labels. */
function checkTriggerWords(sourceDir: string, metadata: ProjectMetadata, report: Report): void {
  const labels = new Map(
    readLabels(join(sourceDir, 'labels/CustomLabels.labels-meta.xml')).map((l) => [l.fullName, l.value]),
  );
  const translations = readPackageTranslations(metadata);
  for (const object of metadata.objects.values()) {
    for (const field of object.fields.values()) {
      const values = field.picklistValues ?? [];
      if (values.length === 0 || !values.every((value) => labels.has(`Stance_Trigger_${value.apiName}`))) continue;
      for (const value of values) {
        const name = `Stance_Trigger_${value.apiName}`;
        if (value.label !== labels.get(name))
          report(
            'translations',
            field.file,
            `${object.apiName}.${field.apiName}: ${value.apiName} reads "${value.label}", the label ${name} "${labels.get(name)}"`,
          );
      }
      for (const translation of translations.objects.filter((entry) => entry.object === object.apiName)) {
        const translated = translation.fields.get(field.apiName);
        const words = readTranslations(translation.language, join(sourceDir, 'translations')).labels;
        for (const value of values) {
          const name = `Stance_Trigger_${value.apiName}`;
          const mine = translated?.picklistValues.get(value.label);
          if (mine !== undefined && words.has(name) && mine !== words.get(name))
            report(
              'translations',
              translated!.file,
              `${object.apiName}.${field.apiName}: ${value.apiName} reads "${mine}" in ${translation.language}, the label ${name} "${words.get(name)}"`,
            );
        }
      }
    }
  }
}

export function checkTranslations(metadata: ProjectMetadata, schema: Schema, report: Report, sourceDir: string): void {
  checkTriggerWords(sourceDir, metadata, report);
  for (const translation of readPackageTranslations(metadata).objects)
    checkObjectTranslation(translation, metadata, schema, report);
  checkValueSets(metadata, report);
  checkTranslationsFile(metadata, report);
  const languages = metadata.files
    .filter((entry) => entry.kind === 'translation')
    .map((entry) => basename(entry.file).split('.')[0]!);
  for (const language of languages) checkComplete(language, metadata, report);
}
