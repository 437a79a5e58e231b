/**
 * Criteria-based sharing rules as SQL: a rule's criteria items (field, operation, value; several
 * values separated by commas mean any of them), all of which a record must meet. A rule with a
 * `booleanFilter`, an operation not listed here or a field the object lacks is not applied (the
 * local org's README says so): it shares nothing rather than too much.
 */
import type { SharingRuleMeta } from '../../metadata/sharingRules';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { quote } from '../store/tables';

const COMPARISONS: Readonly<Record<string, string>> = {
  lessThan: '<',
  greaterThan: '>',
  lessOrEqual: '<=',
  greaterOrEqual: '>=',
};

/** The SQL a record of `object` (as `alias`) meets when the criteria rule shares it, or null when not modelled. */
export function criteriaSql(object: OrgObject, alias: string, rule: SharingRuleMeta): string | null {
  const items = rule.criteria ?? [];
  if (rule.booleanFilter || items.length === 0) return null;
  const parts: string[] = [];
  for (const item of items) {
    const field = fieldOf(object, item.field);
    if (!field || field.calculated) return null;
    const part = itemSql(`${alias}.${quote(field.name)}`, field, item.operation, item.value);
    if (part === null) return null;
    parts.push(part);
  }
  return `(${parts.join(' AND ')})`;
}

function itemSql(column: string, field: OrgField, operation: string, value: string): string | null {
  const values = value.split(',').map((entry) => entry.trim());
  const literal = (entry: string): string | null => {
    if (field.type === 'boolean') return entry.toLowerCase() === 'true' ? '1' : '0';
    if (field.sqlType === 'REAL' || field.sqlType === 'INTEGER') {
      const number = Number(entry);
      return entry === '' || !Number.isFinite(number) ? null : String(number);
    }
    return `'${entry.replace(/'/g, "''")}'`;
  };
  const literals = values.map(literal);
  if (literals.some((entry) => entry === null)) return null;
  const like = (pattern: (text: string) => string) =>
    values.map((entry) => `${column} LIKE '${pattern(entry.replace(/'/g, "''"))}'`).join(' OR ');
  switch (operation) {
    case 'equals':
      return `${column} IN (${literals.join(', ')})`;
    case 'notEqual':
      return `(${column} IS NULL OR ${column} NOT IN (${literals.join(', ')}))`;
    case 'contains':
      return `(${like((text) => `%${text}%`)})`;
    case 'notContain':
      return `NOT (${like((text) => `%${text}%`)})`;
    case 'startsWith':
      return `(${like((text) => `${text}%`)})`;
    default: {
      const comparison = COMPARISONS[operation];
      return comparison && literals.length === 1 ? `${column} ${comparison} ${literals[0]}` : null;
    }
  }
}
