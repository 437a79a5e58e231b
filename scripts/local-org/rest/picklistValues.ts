/**
 * GET ui-api/object-info/{objectApiName}/picklist-values/{recordTypeId}/{fieldApiName}: a
 * picklist's active values for a record type, in the UI API's Picklist Values representation,
 * read from the field metadata the local org loaded from force-app, labelled in the caller's
 * language (User.LanguageLocaleKey) from the package's translations. The local org has one record
 * type per object (Master), so every value is valid for it.
 */
import { createHash } from 'node:crypto';
import { notFound } from '../errors';
import { normaliseId } from '../ids';
import type { LocalOrg } from '../org';
import type { PicklistEntry } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';

/** The id Salesforce gives every object's Master record type, the only one the local org has. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export interface PicklistValue {
  readonly attributes: null;
  readonly label: string;
  readonly validFor: readonly number[];
  readonly value: string;
}

export interface PicklistValues {
  readonly controllerValues: Record<string, number>;
  readonly defaultValue: PicklistValue | null;
  readonly eTag: string;
  readonly url: string;
  readonly values: readonly PicklistValue[];
}

const valueFor = (entry: PicklistEntry, label: string): PicklistValue => ({
  attributes: null,
  label,
  validFor: [],
  value: entry.value,
});

export function picklistValues(
  org: LocalOrg,
  objectName: string,
  recordTypeId: string,
  fieldName: string,
  context: { readonly apiVersion: string; readonly session: { readonly userId: string } },
): { status: number; body: PicklistValues } {
  const object = org.schema.object(objectName);
  const field = object ? fieldOf(object, fieldName) : undefined;
  // Salesforce answers 404 for an unknown object, field or record type alike; a field that is no
  // picklist has no values resource either.
  if (!object || !field || (field.type !== 'picklist' && field.type !== 'multipicklist')) throw notFound();
  if (normaliseId(recordTypeId) !== MASTER_RECORD_TYPE_ID) throw notFound();
  const active = field.picklistValues.filter((entry) => entry.active);
  // Labels in the person's language (the package's translations), as Salesforce answers them.
  const words = org.wordsFor(context.session.userId);
  const valueOf = (entry: PicklistEntry) => valueFor(entry, words.valueLabel(object, field, entry.value));
  const values = active.map(valueOf);
  const defaultEntry = active.find((entry) => entry.defaultValue);
  return {
    status: 200,
    body: {
      controllerValues: {},
      defaultValue: defaultEntry ? valueOf(defaultEntry) : null,
      // A strong validator of the representation: it changes exactly when the values do.
      eTag: createHash('md5').update(JSON.stringify(values)).digest('hex'),
      url: `/services/data/v${context.apiVersion}/ui-api/object-info/${object.name}/picklist-values/${MASTER_RECORD_TYPE_ID}/${field.name}`,
      values,
    },
  };
}
