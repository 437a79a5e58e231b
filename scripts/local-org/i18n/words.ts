/**
 * What the local org calls objects, fields and picklist values in a person's language
 * (User.LanguageLocaleKey), as Salesforce does once an admin deployed the package's translations
 * with the Translation Workbench on: the package's object and global value set translations
 * (force-app objectTranslations/, globalValueSetTranslations/) for its own objects and fields,
 * the local org's small table (standardLabels.ts) for standard ones, and the master (English)
 * words for anything untranslated or a language the package lacks.
 */
import type { ProjectMetadata } from '../../metadata/reader';
import { readPackageTranslations } from '../../metadata/translations';
import type { ObjectTranslation } from '../../metadata/translations';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { standardWords } from './standardLabels';
import type { StandardWords } from './standardLabels';

export interface Words {
  /** The language these words are in ('de'), or 'en_US' for the master words. */
  readonly language: string;
  objectLabel(object: OrgObject): string;
  objectPlural(object: OrgObject): string;
  fieldLabel(object: OrgObject, field: OrgField): string;
  /** The field's help text (inlineHelpText), translated where the package translates it. */
  helpText(object: OrgObject, field: OrgField): string | null;
  /** The label of a picklist value, by its API name; a value the field lacks is returned as it is. */
  valueLabel(object: OrgObject, field: OrgField, value: string): string;
  /** A lookup's related list on its parent (Stance Signals on Account), by the child's field. */
  relationshipLabel(child: OrgObject, field: OrgField, master: string): string;
  /** A list view scope: everything ("All Accounts") or the person's own ("My Accounts"). */
  scopeLabel(scope: 'everything' | 'mine', plural: string): string;
  /** A checkbox value as a list view's filter names it ("True", "Wahr"). */
  booleanLabel(value: boolean): string;
}

const MASTER_LANGUAGE = 'en_US';

const SCOPES: Readonly<Record<string, { everything: string; mine: string; true: string; false: string }>> = {
  de: { everything: 'Alle {0}', mine: 'Meine {0}', true: 'Wahr', false: 'Falsch' },
  [MASTER_LANGUAGE]: { everything: 'All {0}', mine: 'My {0}', true: 'True', false: 'False' },
};

export class OrgLanguages {
  private readonly objects = new Map<string, ObjectTranslation>();
  private readonly valueSets = new Map<string, ReadonlyMap<string, string>>();
  /** The languages the package translates into. */
  readonly languages: ReadonlySet<string>;
  private readonly cache = new Map<string, Words>();

  constructor(private readonly metadata: ProjectMetadata) {
    const translations = readPackageTranslations(metadata);
    for (const object of translations.objects) this.objects.set(`${object.object}-${object.language}`, object);
    for (const set of translations.valueSets) this.valueSets.set(`${set.valueSet}-${set.language}`, set.values);
    this.languages = new Set([
      ...translations.objects.map((entry) => entry.language),
      ...translations.valueSets.map((entry) => entry.language),
    ]);
  }

  /**
   * The words for a LanguageLocaleKey: its own translations ('de'), else its language's ('de_AT'
   * reads 'de'), else the master words (en_US, and any language the package lacks).
   */
  words(languageLocaleKey: string | null | undefined): Words {
    const key = languageLocaleKey ?? MASTER_LANGUAGE;
    const language = this.languages.has(key)
      ? key
      : this.languages.has(key.split('_')[0]!)
        ? key.split('_')[0]!
        : MASTER_LANGUAGE;
    let words = this.cache.get(language);
    if (!words) {
      words = this.build(language);
      this.cache.set(language, words);
    }
    return words;
  }

  private build(language: string): Words {
    const standard: StandardWords | undefined = standardWords(language);
    const objectOf = (object: OrgObject) => this.objects.get(`${object.name}-${language}`);
    const fieldOf = (object: OrgObject, field: OrgField) => objectOf(object)?.fields.get(field.name);
    const scopes = SCOPES[language] ?? SCOPES[MASTER_LANGUAGE]!;
    return {
      language,
      objectLabel: (object) => objectOf(object)?.label ?? standard?.objects[object.name]?.label ?? object.label,
      objectPlural: (object) =>
        objectOf(object)?.labelPlural ?? standard?.objects[object.name]?.labelPlural ?? object.labelPlural,
      fieldLabel: (object, field) =>
        fieldOf(object, field)?.label ??
        (field.name === object.nameField && object.custom ? objectOf(object)?.nameFieldLabel : undefined) ??
        standard?.fields[`${object.name}.${field.name}`] ??
        field.label,
      helpText: (object, field) =>
        field.inlineHelpText === null ? null : (fieldOf(object, field)?.help ?? field.inlineHelpText),
      valueLabel: (object, field, value) => {
        const master = field.picklistValues.find((entry) => entry.value === value)?.label;
        if (master === undefined) return value;
        const valueSet = this.metadata.objects.get(object.name)?.fields.get(field.name)?.valueSetName;
        return (
          fieldOf(object, field)?.picklistValues.get(master) ||
          (valueSet ? this.valueSets.get(`${valueSet}-${language}`)?.get(master) : undefined) ||
          standard?.values[`${object.name}.${field.name}.${value}`] ||
          master
        );
      },
      relationshipLabel: (child, field, master) => fieldOf(child, field)?.relationshipLabel ?? master,
      scopeLabel: (scope, plural) => scopes[scope].replace('{0}', plural),
      booleanLabel: (value) => (value ? scopes.true : scopes.false),
    };
  }
}
