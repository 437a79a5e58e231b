/**
 * List view columns: the tokens of ListView metadata (NAME, CORE.USERS.ALIAS, ACCOUNT.INDUSTRY,
 * API names) and the fields a request names, resolved to field paths from the list view's object.
 */
import type { Words } from '../../i18n/words';
import type { OrgField, OrgObject, OrgSchema } from '../../schema/orgSchema';
import { fieldOf } from '../../schema/orgSchema';

export /** Standard column and filter tokens that do not spell their field's API name. */
const STANDARD_TOKENS: Readonly<Record<string, string>> = {
  'CORE.USERS.ALIAS': 'Owner.Alias',
  'CORE.USERS.FULL_NAME': 'Owner.Name',
  'CORE.USERS.FIRST_NAME': 'Owner.FirstName',
  'CORE.USERS.LAST_NAME': 'Owner.LastName',
  'OWNER.ALIAS': 'Owner.Alias',
  'OWNER.FIRST_NAME': 'Owner.FirstName',
  'OWNER.LAST_NAME': 'Owner.LastName',
  'CREATEDBY_USER.ALIAS': 'CreatedBy.Alias',
  'UPDATEDBY_USER.ALIAS': 'LastModifiedBy.Alias',
  CREATED_DATE: 'CreatedDate',
  LAST_UPDATE: 'LastModifiedDate',
  FULL_NAME: 'Name',
  'ACCOUNT.LAST_ACTIVITY': 'LastActivityDate',
};

export /** A field path from the list view's object, as the schema spells it (Owner.Alias, Account__r.Name). */
interface Column {
  readonly path: string;
  readonly field: OrgField;
  readonly label: string;
  readonly sortable: boolean;
}

/** The column a list-view token names: a standard token, a field's API name, or OBJECT.FIELD. */
export function tokenColumn(schema: OrgSchema, object: OrgObject, token: string): Column | undefined {
  const standard = STANDARD_TOKENS[token];
  if (standard) return columnOf(schema, object, standard);
  if (fieldOf(object, token)) return columnOf(schema, object, token);
  const match = /^(\w+)\.(\w+)$/.exec(token);
  if (!match) return undefined;
  const [, prefix, name] = match as unknown as [string, string, string];
  const loosely = (target: OrgObject) =>
    [...target.fields.values()].find((field) => squash(field.name) === squash(name));
  if (prefix.toLowerCase() === object.name.toLowerCase()) {
    const field = loosely(object);
    return field ? columnOf(schema, object, field.name) : undefined;
  }
  const reference = referenceNamed(object, prefix);
  const target = reference && schema.object(reference.referenceTo[0]!);
  const field = target && loosely(target);
  return field ? columnOf(schema, object, `${reference.relationshipName}.${field.name}`) : undefined;
}

export function referenceNamed(object: OrgObject, relationshipName: string): OrgField | undefined {
  return [...object.fields.values()].find(
    (field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === relationshipName.toLowerCase(),
  );
}

/** A field path resolved from the object, spelled as the schema spells it, with its label. */
export function columnOf(schema: OrgSchema, object: OrgObject, path: string): Column | undefined {
  const parts = path.split('.');
  let current = object;
  const spelled: string[] = [];
  const labels: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const reference = referenceNamed(current, part);
    const target = reference && schema.object(reference.referenceTo[0]!);
    if (!reference || !target) return undefined;
    spelled.push(reference.relationshipName!);
    labels.push(reference.name === 'OwnerId' ? `${current.label} Owner` : reference.label.replace(/ ID$/, '') || part);
    current = target;
  }
  const field = fieldOf(current, parts[parts.length - 1]!);
  if (!field) return undefined;
  return {
    path: [...spelled, field.name].join('.'),
    field,
    label: [...labels, field.label].join(' '),
    sortable: field.sortable,
  };
}

/**
 * A column's label in a person's words: the field's translated label, after the translated
 * names of the lookups it goes through ("Accountinhaber Alias"); the master label in English.
 */
export function columnLabel(schema: OrgSchema, object: OrgObject, column: Column, words: Words): string {
  if (words.language === 'en_US') return column.label;
  const parts = column.path.split('.');
  let current = object;
  const labels: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const reference = referenceNamed(current, part)!;
    labels.push(words.fieldLabel(current, reference).replace(/[ -]ID$/, ''));
    current = schema.object(reference.referenceTo[0]!)!;
  }
  return [...labels, words.fieldLabel(current, column.field)].join(' ');
}

/** A field named by a request (Name, Account.Name, Account.Owner.Alias), or undefined. */
export function requestedColumn(schema: OrgSchema, object: OrgObject, name: string): Column | undefined {
  const parts = name.trim().split('.');
  if (parts.length > 1 && parts[0]!.toLowerCase() === object.name.toLowerCase() && !referenceNamed(object, parts[0]!))
    parts.shift();
  return columnOf(schema, object, parts.join('.'));
}

function squash(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}
