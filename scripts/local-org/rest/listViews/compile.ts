/**
 * A list view's metadata (columns, filters, booleanFilter, filterScope) translated to SOQL, so a
 * list view selects exactly what the equivalent query selects. What cannot be translated is
 * refused with an error naming the token and the list view's file: nothing is dropped silently.
 */
import type { ListViewMeta } from '../../../metadata/reader';
import { ApiError } from '../../errors';
import { normaliseId } from '../../ids';
import type { OrgField, OrgObject, OrgSchema } from '../../schema/orgSchema';
import { STANDARD_TOKENS, tokenColumn } from './columns';
import type { Column } from './columns';

/** ListView filter operations and the UI API's names for them (List Filter By Info `operator`). */
const OPERATORS: Readonly<Record<string, string>> = {
  equals: 'Equals',
  notEqual: 'NotEqual',
  lessThan: 'LessThan',
  greaterThan: 'GreaterThan',
  lessOrEqual: 'LessOrEqual',
  greaterOrEqual: 'GreaterOrEqual',
  contains: 'Contains',
  notContain: 'NotContain',
  startsWith: 'StartsWith',
  includes: 'Includes',
  excludes: 'Excludes',
  within: 'Within',
};

const COMPARISONS: Readonly<Record<string, string>> = {
  lessThan: '<',
  greaterThan: '>',
  lessOrEqual: '<=',
  greaterOrEqual: '>=',
};

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'email', 'phone', 'url']);

export interface Filter {
  readonly column: Column;
  readonly operator: string;
  readonly operandLabels: readonly string[];
  /** The filter's values as the list view names them (picklist API names), for labels in another language. */
  readonly operands: readonly string[];
  readonly soql: string;
}

export interface CompiledView {
  readonly meta: ListViewMeta;
  readonly object: OrgObject;
  readonly id: string;
  readonly columns: readonly Column[];
  readonly filters: readonly Filter[];
  /** booleanFilter as the metadata writes it, and as SOQL with %n for the n-th filter's condition. */
  readonly filterLogic: { readonly text: string; readonly soql: string } | null;
  readonly mine: boolean;
}

/** A list view's metadata checked and translated to SOQL, or INVALID_LIST_VIEW naming what the local org cannot translate. */
export function compileView(schema: OrgSchema, meta: ListViewMeta, object: OrgObject, id: string): CompiledView {
  const refuse = (message: string) =>
    new ApiError(400, 'INVALID_LIST_VIEW', `List view ${object.name}.${meta.apiName} (${meta.file}): ${message}`);
  const columnOf = (token: string, role: string): Column => {
    const column = tokenColumn(schema, object, token);
    if (!column)
      throw refuse(
        `the ${role} '${token}' names no field of ${object.name} the local org knows (standard tokens it maps: NAME, ${Object.keys(STANDARD_TOKENS).join(', ')}, <OBJECT>.<FIELD> such as ACCOUNT.NAME; other fields by their API name)`,
      );
    return column;
  };
  const columns = meta.columns.map((token) => columnOf(token, 'column'));
  const filters = meta.filters.map((filter, index) => {
    const column = columnOf(filter.field, `filter ${index + 1} field`);
    return filterOf(column, filter.operation, filter.value, (message) =>
      refuse(`filter ${index + 1} (${filter.field} ${filter.operation} '${filter.value}'): ${message}`),
    );
  });
  const booleanFilter = typeof meta.xml.booleanFilter === 'string' ? meta.xml.booleanFilter.trim() : '';
  const filterLogic = booleanFilter
    ? { text: booleanFilter, soql: filterLogicOf(booleanFilter, filters.length, refuse) }
    : null;
  const scope = meta.filterScope ?? 'Everything';
  if (scope !== 'Everything' && scope !== 'Mine')
    throw refuse(`filterScope ${scope} is not supported by the local org (only Everything and Mine are)`);
  if (scope === 'Mine' && !object.fields.has('OwnerId'))
    throw refuse(`filterScope Mine needs an owner, and ${object.name} has no OwnerId`);
  return {
    meta,
    object,
    id,
    columns,
    filters,
    filterLogic,
    mine: scope === 'Mine',
  };
}

function filterOf(column: Column, operation: string, value: string, refuse: (message: string) => ApiError): Filter {
  const operator = OPERATORS[operation];
  if (!operator) throw refuse(`the operation '${operation}' is not a ListView filter operation`);
  if (operation === 'includes' || operation === 'excludes' || operation === 'within')
    throw refuse(`the operation ${operation} is not supported by the local org`);
  const { path, field } = column;
  const values = value.trim() === '' ? [] : value.split(',').map((part) => part.trim());
  const operandLabels = values.map((part) =>
    field.type === 'boolean'
      ? /^(1|true)$/i.test(part)
        ? 'True'
        : 'False'
      : (field.picklistValues.find((entry) => entry.value === part)?.label ?? part),
  );
  const done = (soql: string): Filter => ({ column, operator, operandLabels, operands: values, soql });
  if (values.length === 0) {
    if (operation === 'equals') return done(`${path} = null`);
    if (operation === 'notEqual') return done(`${path} != null`);
    throw refuse(`${operation} needs a value`);
  }
  const literal = (part: string) => literalOf(field, part, refuse);
  switch (operation) {
    case 'equals':
      return done(
        values.length === 1 ? `${path} = ${literal(values[0]!)}` : `${path} IN (${values.map(literal).join(', ')})`,
      );
    case 'notEqual':
      return done(
        values.length === 1
          ? `${path} != ${literal(values[0]!)}`
          : `${path} NOT IN (${values.map(literal).join(', ')})`,
      );
    case 'contains':
    case 'notContain':
    case 'startsWith': {
      if (!TEXT_TYPES.has(field.type))
        throw refuse(`${operation} needs a text or picklist field, and ${path} is ${field.type}`);
      const lead = operation === 'startsWith' ? '' : '%';
      const likes = values.map((part) => `${path} LIKE '${lead}${escapeLike(part)}%'`);
      const any = likes.length === 1 ? likes[0]! : `(${likes.join(' OR ')})`;
      return done(operation === 'notContain' ? `(${path} = null OR (NOT ${any}))` : any);
    }
    default:
      if (values.length > 1) throw refuse(`${operation} takes one value`);
      return done(`${path} ${COMPARISONS[operation]!} ${literal(values[0]!)}`);
  }
}

/** A list view's filter value as a SOQL literal for the field's type. */
function literalOf(field: OrgField, value: string, refuse: (message: string) => ApiError): string {
  switch (field.type) {
    case 'boolean':
      if (/^(1|true)$/i.test(value)) return 'TRUE';
      if (/^(0|false)$/i.test(value)) return 'FALSE';
      throw refuse(`'${value}' is not a checkbox value (1, 0, true or false)`);
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
      if (/^-?\d+(\.\d+)?$/.test(value)) return value;
      throw refuse(`'${value}' is not a number`);
    case 'date':
    case 'datetime':
      if (/^[A-Za-z_]+(:\d+)?$/.test(value)) return value.toUpperCase();
      if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
      if (field.type === 'datetime' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(value))
        return value;
      throw refuse(
        `'${value}' is not a date literal (TODAY, LAST_N_DAYS:7, ...) or a ${field.type === 'date' ? 'YYYY-MM-DD date' : 'full ISO date and time'}`,
      );
    case 'id':
    case 'reference': {
      const id = normaliseId(value);
      if (!id) throw refuse(`'${value}' is not a record id`);
      return `'${id}'`;
    }
    default:
      return `'${escapeSoql(value)}'`;
  }
}

/** booleanFilter such as "1 AND (2 OR 3)", with each number replaced by its filter's condition. */
function filterLogicOf(logic: string, count: number, refuse: (message: string) => ApiError): string {
  const tokens = logic.match(/\d+|\(|\)|[^\s()]+/g) ?? [];
  for (const token of tokens) {
    if (/^\d+$/.test(token)) {
      if (Number(token) < 1 || Number(token) > count)
        throw refuse(`booleanFilter '${logic}' names filter ${token}, and the list view has ${count}`);
    } else if (!/^(AND|OR|NOT|\(|\))$/i.test(token)) {
      throw refuse(`booleanFilter '${logic}' has '${token}': only filter numbers, AND, OR, NOT and parentheses`);
    }
  }
  return tokens
    .map((token) => (/^\d+$/.test(token) ? `%${token}` : /^[a-z]+$/i.test(token) ? token.toUpperCase() : token))
    .join(' ');
}

/** The list view's WHERE clause for this user, or '' when it selects every record. */
export function whereOf(view: CompiledView, userId: string): string {
  const parts: string[] = [];
  if (view.mine) parts.push(`OwnerId = '${userId}'`);
  if (view.filterLogic) {
    parts.push(view.filterLogic.soql.replace(/%(\d+)/g, (_, n: string) => `(${view.filters[Number(n) - 1]!.soql})`));
  } else {
    parts.push(...view.filters.map((filter) => filter.soql));
  }
  return parts.map((part) => `(${part})`).join(' AND ');
}

function escapeSoql(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

function escapeLike(value: string): string {
  return escapeSoql(value).replace(/%/g, '\\%').replace(/_/g, '\\_');
}
