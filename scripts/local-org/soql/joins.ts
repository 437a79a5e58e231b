/**
 * Field paths to SQL: a dotted path (Owner.Name, Account.Owner.Alias) becomes LEFT JOINs to the
 * parent tables, each with its own alias; formula fields become the SQL of their comparison.
 */
import type { UserRights } from '../access/access';
import { invalidField } from '../errors';
import type { OrgField, OrgObject } from '../schema/orgSchema';
import { fieldOf } from '../schema/orgSchema';
import { quote, tableOf } from '../store/tables';
import type { Store } from '../store/store';

/** Joins to parent objects by relationship path, each with its own alias. */
export class Joins {
  private readonly aliases = new Map<string, { alias: string; object: OrgObject }>();
  readonly clauses: string[] = [];

  constructor(
    readonly store: Store,
    readonly root: OrgObject,
    /** The querying user's rights: a field they cannot read is refused as one that does not exist. */
    private readonly rights: UserRights | null = null,
  ) {}

  /** The querying user's rights (null: the system's): a semi-join checks its object with them. */
  get user(): UserRights | null {
    return this.rights;
  }

  /** The sharing condition on rows of `object` (as `alias`) the querying user may read, or null when they read all. */
  visibility(object: OrgObject, alias: string): string | null {
    return this.rights && this.store.sharing ? this.store.sharing.predicate(object, alias, this.rights, 'read') : null;
  }

  /** SQL for a possibly dotted field path (Owner.Name, Account.Owner.Alias), with its field. */
  resolve(
    path: string,
    allowCalculated = true,
    system = false,
  ): { sql: string; field: OrgField; object: OrgObject; relationships: string[] } {
    const rights = system ? null : this.rights;
    const parts = path.split('.');
    // A leading object name is allowed: SELECT Account.Name FROM Account.
    if (
      parts.length > 1 &&
      parts[0]!.toLowerCase() === this.root.name.toLowerCase() &&
      !this.relationshipField(this.root, parts[0]!)
    )
      parts.shift();
    let object = this.root;
    let alias = 't0';
    const relationships: string[] = [];
    for (const name of parts.slice(0, -1)) {
      const reference = this.relationshipField(object, name);
      const readable =
        reference &&
        (!rights ||
          (rights.canReadField(object, reference) && rights.canRead(this.store.object(reference.referenceTo[0]!))));
      if (!reference || !readable) {
        throw invalidField(
          `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`,
        );
      }
      const target = this.store.object(reference.referenceTo[0]!);
      const key = [...relationships, reference.relationshipName!].join('.');
      let join = this.aliases.get(key);
      if (!join) {
        join = { alias: `t${this.aliases.size + 1}`, object: target };
        this.aliases.set(key, join);
        // A parent the user may not read answers as no parent: its fields are null.
        const visible = rights ? this.visibility(target, join.alias) : null;
        this.clauses.push(
          `LEFT JOIN ${quote(tableOf(target))} ${join.alias} ON ${join.alias}."Id" = ${alias}.${quote(reference.name)}${visible ? ` AND ${visible}` : ''}`,
        );
      }
      relationships.push(reference.relationshipName!);
      object = target;
      alias = join.alias;
    }
    const name = parts[parts.length - 1]!;
    const field = fieldOf(object, name);
    if (!field) {
      throw invalidField(
        `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
      );
    }
    rights?.checkReadField(object, field);
    if (field.calculated) {
      if (!allowCalculated) throw invalidField(`field '${field.name}' can not be used here`);
      return { sql: this.formula(object, alias, field), field, object, relationships };
    }
    return { sql: `${alias}.${quote(field.name)}`, field, object, relationships };
  }

  private relationshipField(object: OrgObject, name: string): OrgField | undefined {
    return [...object.fields.values()].find(
      (field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === name.toLowerCase(),
    );
  }

  /** Formula fields: the comparison of a field (or a parent's) with $User.Id or a literal. */
  private formula(object: OrgObject, alias: string, field: OrgField): string {
    const formula = field.calculatedFormula ?? '';
    const match = /^\s*([\w.$]+)\s*(=|<>|!=)\s*([\w.$]+|'[^']*')\s*$/.exec(formula);
    if (!match) return 'NULL';
    const side = (text: string): string => {
      if (text === '$User.Id') return '@userId';
      if (text.startsWith("'")) return `'${text.slice(1, -1).replace(/'/g, "''")}'`;
      if (/^-?\d+(\.\d+)?$/.test(text)) return text;
      // Paths resolve from the queried object; a formula on a parent (reached by a join) is not supported.
      if (object !== this.root) return 'NULL';
      // A formula reads its fields as the system does, whatever the user may read.
      return this.resolve(text, false, true).sql;
    };
    const left = side(match[1]!);
    const right = side(match[3]!);
    const operator = match[2] === '=' ? 'IS' : 'IS NOT';
    return `(CASE WHEN ${left} ${operator} ${right} THEN 1 ELSE 0 END)`;
  }
}
