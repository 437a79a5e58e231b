/**
 * A record field as the UI API GraphQL answers it: `{ value, displayValue }`. displayValue is null
 * for plain values (text, numbers, booleans, ids), the label for picklists (labels joined by `;`
 * for a multi-select) in the signed-in person's language, and formatted for currency, percent,
 * date and datetime in their locale, time zone and currency (User.LocaleSidKey, TimeZoneSidKey,
 * DefaultCurrencyIsoCode; en-US, UTC and USD where unset).
 */
import type { FieldNode } from 'graphql';
import type { OrgField } from '../../schema/orgSchema';
import { GraphQlError, keyOf } from './context';
import type { GqlContext } from './context';
import type { Display } from './display';

/** The value as GraphQL answers it: datetimes as ISO instants (`...Z`), the rest as SOQL gives them. */
export function valueOf(field: OrgField, value: unknown): unknown {
  if (value === undefined) return null;
  if (field.type === 'datetime' && typeof value === 'string')
    return new Date(Date.parse(value.replace(/\+0000$/, 'Z'))).toISOString();
  return value;
}

export function displayValueOf(field: OrgField, value: unknown, display: Display): string | null {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'picklist':
    case 'multipicklist':
      return String(value)
        .split(';')
        .map((part) => display.label(field, part))
        .join(';');
    case 'currency':
      return display.currency.format(Number(value));
    case 'percent':
      return `${String(value)}%`;
    case 'date':
      return display.date.format(new Date(`${String(value)}T00:00:00Z`));
    case 'datetime':
      return display.dateTime.format(new Date(Date.parse(String(value).replace(/\+0000$/, 'Z'))));
    default:
      return null;
  }
}

/** `{ value displayValue __typename }` of one field, as selected. */
export function fieldValue(
  ctx: GqlContext,
  node: FieldNode,
  field: OrgField,
  value: unknown,
  path: string,
): Record<string, unknown> {
  if (!node.selectionSet)
    throw new GraphQlError(
      `Validation error of type SubSelectionRequired: Sub selection required for type ${typeName(field)} of field ${field.name} @ '${path}'`,
      node,
    );
  const out: Record<string, unknown> = {};
  for (const part of ctx.fields(node.selectionSet)) {
    const name = part.name.value;
    if (name === 'value') out[keyOf(part)] = valueOf(field, value);
    else if (name === 'displayValue') out[keyOf(part)] = displayValueOf(field, value, ctx.display);
    else if (name === '__typename') out[keyOf(part)] = typeName(field);
    else
      throw new GraphQlError(
        `Validation error of type FieldUndefined: Field '${name}' in type '${typeName(field)}' is undefined @ '${path}/${name}'`,
        part,
      );
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  id: 'IDValue',
  reference: 'IDValue',
  string: 'StringValue',
  textarea: 'TextAreaValue',
  picklist: 'PicklistValue',
  multipicklist: 'MultiPicklistValue',
  boolean: 'BooleanValue',
  double: 'DoubleValue',
  int: 'IntValue',
  currency: 'CurrencyValue',
  percent: 'PercentValue',
  date: 'DateValue',
  datetime: 'DateTimeValue',
  email: 'EmailValue',
  phone: 'PhoneValue',
  url: 'UrlValue',
};

export const typeName = (field: OrgField): string => TYPE_NAMES[field.type] ?? 'StringValue';
