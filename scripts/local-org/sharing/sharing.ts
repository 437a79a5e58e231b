/**
 * Record-level sharing, as Salesforce decides who sees and edits a record once object permissions
 * allow the object: the org-wide default of the object (Private, Public Read Only, Public
 * Read/Write), the record's owner, users above the owner in the role hierarchy, owner-based
 * sharing rules (force-app's sharingRules/) to public groups and roles, View All / Modify All on
 * the object and View All Data / Modify All Data. Master-detail children (and contacts, Controlled
 * by Parent) take their access from their master.
 *
 * On owner-based objects access depends only on the record's owner, so it is a set of owners per
 * user: visibility is pushed into SQL as `OwnerId IN (...)` (the OwnerId index serves it), and a
 * child's as `Master IN (SELECT Id FROM master WHERE ...)`. A user who bypasses sharing (View All,
 * View All Data, a Public Read Only object when reading) gets no predicate at all: nothing per row.
 */
import type Database from 'better-sqlite3';
import type { UserRights } from '../access/access';
import { ApiError } from '../errors';
import type { ProjectMetadata } from '../../metadata/reader';
import { sharingRulesOf } from '../../metadata/sharingRules';
import type { SharingRuleMeta, SharingTarget } from '../../metadata/sharingRules';
import type { OrgField, OrgObject, OrgSchema } from '../schema/orgSchema';
import { quote, tableOf } from '../store/tables';
import { criteriaSql } from './criteria';
import { Directory } from './directory';

/** An org-wide default: Private, Public Read Only, Public Read/Write. */
export type OrgWideDefault = 'private' | 'read' | 'readwrite';
/** What a user does with a record: read it, edit it, delete it (owner, above the owner, or Modify All). */
export type RecordAccess = 'read' | 'edit' | 'delete';

export const ORG_WIDE_DEFAULTS: readonly OrgWideDefault[] = ['private', 'read', 'readwrite'];

/** The children whose access gives Read on their account (implicit parent sharing). */
const IMPLICIT_PARENT_CHILDREN = ['Opportunity', 'Case', 'Contact'];

/** The setting of an Account sharing rule that gives access to an account's children of each object. */
const ACCOUNT_RULE_SETTINGS: Readonly<Record<string, 'opportunity' | 'case'>> = {
  Opportunity: 'opportunity',
  Case: 'case',
};

/** Standard objects whose org-wide default is the org's `sharing` option. */
const OWNER_OBJECTS = new Set(['Account', 'Opportunity', 'Case']);

export type SharingModel =
  /** No record-level sharing: object permissions decide (setup objects, users, custom metadata). */
  | { readonly kind: 'none' }
  | { readonly kind: 'owner'; readonly orgDefault: OrgWideDefault }
  /**
   * Controlled by Parent: the master's access. `owned` for contacts, which have an owner of their
   * own: the owner (and those above) reach a contact whatever its account, and a contact without
   * an account is theirs alone; linking one to an account needs only Read on it.
   */
  | {
      readonly kind: 'parent';
      readonly field: OrgField;
      readonly master: OrgObject;
      readonly writeRequiresMasterRead: boolean;
      readonly owned: boolean;
    };

const CUSTOM_DEFAULTS: Readonly<Record<string, OrgWideDefault>> = {
  Private: 'private',
  Read: 'read',
  ReadWrite: 'readwrite',
  PublicReadWrite: 'readwrite',
};

export function insufficientCrossReference(id: string): ApiError {
  return new ApiError(
    400,
    'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    `insufficient access rights on cross-reference id: ${id}`,
  );
}

export class Sharing {
  private readonly models = new Map<string, SharingModel>();
  private readonly rules: readonly SharingRuleMeta[];
  private readonly criteriaRules: readonly SharingRuleMeta[];
  private readonly directory: Directory;
  // Subquery aliases are derived from the alias they are nested in (t0 -> t0_m -> t0_m_m; siblings
  // numbered), not from a running counter: the same check then has the same SQL text every time,
  // so its prepared statement is reused instead of parsed and planned again on every call.

  constructor(
    private readonly db: Database.Database,
    private readonly schema: OrgSchema,
    private readonly metadata: ProjectMetadata,
    readonly orgDefault: OrgWideDefault = 'read',
  ) {
    const rules = sharingRulesOf(metadata);
    this.rules = rules.filter((rule) => rule.type === 'owner');
    this.criteriaRules = rules.filter((rule) => rule.type === 'criteria');
    this.directory = new Directory(db);
  }

  model(object: OrgObject): SharingModel {
    let model = this.models.get(object.name);
    if (!model) {
      model = this.modelOf(object);
      this.models.set(object.name, model);
    }
    return model;
  }

  private modelOf(object: OrgObject): SharingModel {
    if (OWNER_OBJECTS.has(object.name)) return { kind: 'owner', orgDefault: this.orgDefault };
    if (object.name === 'Contact') {
      const field = object.fields.get('AccountId')!;
      return {
        kind: 'parent',
        field,
        master: this.schema.object('Account')!,
        writeRequiresMasterRead: false,
        owned: true,
      };
    }
    const meta = this.metadata.objects.get(object.name);
    const declared = meta?.xml ? String(meta.xml.sharingModel ?? '') : '';
    if (object.custom && declared === 'ControlledByParent') {
      const field = [...object.fields.values()].find(
        (candidate) => candidate.cascadeDelete && candidate.type === 'reference',
      );
      const master = field ? this.schema.object(field.referenceTo[0]!) : undefined;
      if (field && master) {
        const writeRequiresMasterRead = meta?.fields.get(field.name)?.writeRequiresMasterRead === true;
        return { kind: 'parent', field, master, writeRequiresMasterRead, owned: false };
      }
    }
    if (object.custom && !object.customMetadata && !object.platformEvent && object.fields.has('OwnerId'))
      return { kind: 'owner', orgDefault: CUSTOM_DEFAULTS[declared] ?? 'readwrite' };
    return { kind: 'none' };
  }

  /**
   * SQL that holds for the rows of `object` (as `alias`) the user may access at `access`, or null
   * when they may access every row (no sharing on the object, View All / Modify All, an org-wide
   * default that grants it).
   */
  predicate(object: OrgObject, alias: string, rights: UserRights, access: RecordAccess): string | null {
    const model = this.model(object);
    if (model.kind === 'none' || this.bypasses(object, rights, access)) return null;
    if (model.kind === 'owner') {
      const owners = this.owners(object, model.orgDefault, rights.userId, access);
      if (owners === 'all') return null;
      const owned = `${alias}."OwnerId" IN (${[...owners].map(literal).join(', ')})`;
      const implicit = access === 'read' && object.name === 'Account' ? this.implicitParent(alias, rights) : [];
      const shared = [
        ...implicit,
        ...this.criteriaShared(object, alias, rights.userId, access),
        ...this.throughAccountRules(object, alias, rights.userId, access),
      ];
      return shared.length === 0 ? owned : `(${[owned, ...shared].join(' OR ')})`;
    }
    const masterAccess = access === 'read' || model.writeRequiresMasterRead ? 'read' : 'edit';
    const inner = `${alias}_m`;
    const masterPredicate = this.predicate(model.master, inner, rights, masterAccess);
    const column = `${alias}.${quote(model.field.name)}`;
    const owners = model.owned ? this.owners(object, 'private', rights.userId, access) : null;
    if (owners === 'all') return null;
    const ownedSql = owners === null ? null : `${alias}."OwnerId" IN (${[...owners].map(literal).join(', ')})`;
    if (masterPredicate === null) return ownedSql === null ? null : `(${column} IS NOT NULL OR ${ownedSql})`;
    const viaMaster = `${column} IN (SELECT ${inner}."Id" FROM ${quote(tableOf(model.master))} ${inner} WHERE ${masterPredicate})`;
    return ownedSql === null ? viaMaster : `(${viaMaster} OR ${ownedSql})`;
  }

  /**
   * Account owner rules also give access to the accounts' opportunities and cases
   * (`opportunityAccessLevel`, `caseAccessLevel`; None gives nothing): the children of the
   * accounts the rule shares with the user.
   */
  private throughAccountRules(object: OrgObject, alias: string, userId: string, access: RecordAccess): string[] {
    const setting = ACCOUNT_RULE_SETTINGS[object.name];
    const account = this.schema.object('Account');
    if (!setting || !account || access === 'delete') return [];
    const conditions: string[] = [];
    for (const rule of this.rules) {
      const level = rule.object === 'Account' ? rule.accountSettings?.[setting] : undefined;
      if (level !== 'Edit' && (level !== 'Read' || access !== 'read')) continue;
      if (!rule.sharedTo.some((target) => this.directory.includes(target, userId))) continue;
      const column = `${alias}."AccountId"`;
      if (rule.sharedFrom.some((target) => target.kind === 'allInternalUsers')) {
        conditions.push(`${column} IS NOT NULL`);
        continue;
      }
      const owners = rule.sharedFrom.flatMap((target) => this.directory.usersOf(target));
      if (owners.length === 0) continue;
      const inner = `${alias}_a${conditions.length}`;
      conditions.push(
        `${column} IN (SELECT ${inner}."Id" FROM ${quote(tableOf(account))} ${inner} WHERE ${inner}."OwnerId" IN (${owners.map(literal).join(', ')}))`,
      );
    }
    return conditions;
  }

  /** The conditions of the criteria-based rules that share records of `object` with the user at `access`. */
  private criteriaShared(object: OrgObject, alias: string, userId: string, access: RecordAccess): string[] {
    if (access === 'delete') return [];
    return this.criteriaRules
      .filter((rule) => rule.object === object.name && (access === 'read' || rule.accessLevel === 'Edit'))
      .filter((rule) => rule.sharedTo.some((target) => this.directory.includes(target, userId)))
      .map((rule) => criteriaSql(object, alias, rule))
      .filter((sql): sql is string => sql !== null);
  }

  /**
   * Implicit parent sharing: a user with access to an account's opportunity, case or contact (as its owner,
   * above its owner, or through a sharing rule; not through a public default) reads the account.
   */
  private implicitParent(alias: string, rights: UserRights): string[] {
    const conditions: string[] = [];
    for (const name of IMPLICIT_PARENT_CHILDREN) {
      const child = this.schema.object(name);
      if (!child || !rights.object(child).read) continue;
      const inner = `${alias}_p${conditions.length}`;
      const granted = this.owners(child, 'private', rights.userId, 'read');
      const owned = granted === 'all' ? '' : ` AND ${inner}."OwnerId" IN (${[...granted].map(literal).join(', ')})`;
      conditions.push(
        `${alias}."Id" IN (SELECT ${inner}."AccountId" FROM ${quote(tableOf(child))} ${inner} WHERE ${inner}."IsDeleted" = 0${owned})`,
      );
    }
    return conditions;
  }

  /** Whether the user may access the record with this id at `access` (a deleted record too). */
  canAccess(object: OrgObject, id: string, rights: UserRights, access: RecordAccess): boolean {
    const predicate = this.predicate(object, 'r', rights, access);
    if (predicate === null) return true;
    return (
      this.db.prepare(`SELECT 1 FROM ${quote(tableOf(object))} r WHERE r."Id" = ? AND ${predicate}`).get(id) !==
      undefined
    );
  }

  /** Whether the user owns records of this owner's: the owner themselves, or above them in the role hierarchy. */
  ownsOrIsAbove(userId: string, ownerId: string): boolean {
    return userId === ownerId || this.directory.usersBelow(userId).includes(ownerId);
  }

  /** The access a write of a master-detail field needs on the record it names (a contact's account: Read, as any lookup). */
  masterAccess(object: OrgObject, field: OrgField): RecordAccess | null {
    const model = this.model(object);
    if (model.kind !== 'parent' || model.field.name !== field.name || model.owned) return null;
    return model.writeRequiresMasterRead ? 'read' : 'edit';
  }

  /** View All / Modify All on the object, View All Data / Modify All Data. */
  private bypasses(object: OrgObject, rights: UserRights, access: RecordAccess): boolean {
    const granted = rights.object(object);
    return granted.modifyAll || (access === 'read' && granted.viewAll);
  }

  /** The owners whose records the user reaches at `access` on an owner-based object, or 'all'. */
  private owners(
    object: OrgObject,
    orgDefault: OrgWideDefault,
    userId: string,
    access: RecordAccess,
  ): 'all' | Set<string> {
    if (access === 'read' && orgDefault !== 'private') return 'all';
    if (access === 'edit' && orgDefault === 'readwrite') return 'all';
    const owners = new Set([userId, ...this.directory.usersBelow(userId)]);
    if (access === 'delete') return owners;
    for (const rule of this.rules) {
      if (rule.object !== object.name || (access === 'edit' && rule.accessLevel !== 'Edit')) continue;
      if (!rule.sharedTo.some((target) => this.directory.includes(target, userId))) continue;
      if (rule.sharedFrom.some((target) => target.kind === 'allInternalUsers')) return 'all';
      for (const target of rule.sharedFrom) for (const id of this.directory.usersOf(target)) owners.add(id);
    }
    return owners;
  }
}

export type { SharingTarget };

function literal(id: string): string {
  return `'${id.replace(/'/g, "''")}'`;
}
