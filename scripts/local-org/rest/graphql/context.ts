/**
 * What the GraphQL resolvers share: the signed-in user's view of the schema (an object or field
 * they may not read does not exist for them, as in Salesforce's per-user GraphQL schema), the
 * document's selections with fragments spread, arguments with variables filled in, and errors
 * that carry the node they are about.
 */
import { valueFromASTUntyped } from 'graphql';
import type { ASTNode, FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import type { UserRights } from '../../access/access';
import type { LocalOrg } from '../../org';
import type { OrgField, OrgObject } from '../../schema/orgSchema';
import type { CallContext } from '../call';
import { displayFor } from './display';
import type { Display } from './display';

/** A GraphQL error: Salesforce answers them with HTTP 200 in `errors`, each with its locations. */
export class GraphQlError extends Error {
  constructor(
    message: string,
    readonly node: ASTNode | undefined,
    readonly classification: 'ValidationError' | 'InvalidSyntax' | 'DataFetchingException' = 'ValidationError',
  ) {
    super(message);
  }
}

export class GqlContext {
  readonly rights: UserRights;
  /** How display values read for the signed-in person: their language's labels, their locale's formats. */
  readonly display: Display;
  /** The object each field handed out belongs to, for its picklist labels. */
  private readonly owners = new WeakMap<OrgField, OrgObject>();

  constructor(
    readonly org: LocalOrg,
    readonly call: CallContext,
    readonly variables: Readonly<Record<string, unknown>>,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  ) {
    this.rights = org.access.rightsOf(call.session.userId);
    this.display = displayFor(org, call.session.userId, (field) => this.owners.get(field));
  }

  /** The fields selected, with fragment spreads and inline fragments spread in place. */
  fields(set: SelectionSetNode | undefined): FieldNode[] {
    const out: FieldNode[] = [];
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') out.push(selection);
      else if (selection.kind === 'InlineFragment') out.push(...this.fields(selection.selectionSet));
      else {
        const fragment = this.fragments.get(selection.name.value);
        if (!fragment) throw new GraphQlError(`Undefined fragment ${selection.name.value}`, selection);
        out.push(...this.fields(fragment.selectionSet));
      }
    }
    return out;
  }

  /** A field's arguments as values, variables filled in; an argument it does not take is an error. */
  args(node: FieldNode, allowed: readonly string[], path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const argument of node.arguments ?? []) {
      if (!allowed.includes(argument.name.value))
        throw new GraphQlError(
          `Validation error of type UnknownArgument: Unknown field argument ${argument.name.value} @ '${path}'`,
          argument,
        );
      out[argument.name.value] = valueFromASTUntyped(argument.value, this.variables as Record<string, unknown>);
    }
    return out;
  }

  /** The object a query names, if the user may read it (exact API name, as GraphQL types are). */
  object(name: string, node: FieldNode, type: string, path: string): OrgObject {
    const object = this.org.schema.object(name);
    if (!object || object.name !== name || object.platformEvent || !this.rights.canRead(object))
      throw undefinedField(name, type, path, node);
    return object;
  }

  /** A field of the object the user may read, or the error Salesforce gives for a field its schema lacks. */
  field(object: OrgObject, name: string, node: FieldNode, path: string): OrgField {
    const field = object.fields.get(name);
    if (!field || !this.rights.canReadField(object, field)) throw undefinedField(name, object.name, path, node);
    this.owners.set(field, object);
    return field;
  }

  /** The reference field whose relationship is `name` (Owner, Account__r), when the user may follow it. */
  relationship(object: OrgObject, name: string): { field: OrgField; target: OrgObject } | null {
    const field = [...object.fields.values()].find(
      (candidate) => candidate.type === 'reference' && candidate.relationshipName === name,
    );
    if (!field || !this.rights.canReadField(object, field)) return null;
    const target = this.org.schema.object(field.referenceTo[0]!);
    if (!target || !this.rights.canRead(target)) return null;
    return { field, target };
  }
}

export function undefinedField(name: string, type: string, path: string, node: ASTNode | undefined): GraphQlError {
  return new GraphQlError(
    `Validation error of type FieldUndefined: Field '${name}' in type '${type}' is undefined @ '${path}'`,
    node,
  );
}

/** The key a field answers under: its alias, or its name. */
export const keyOf = (node: FieldNode): string => node.alias?.value ?? node.name.value;
