/**
 * SQLite storage for the local org: one table per object, a column per field, soft deletes
 * (IsDeleted) with master-detail cascades, and a journal of change events for CDC. Every write
 * goes through a transaction that collects the change events it causes, and the platform events
 * published in it: creating a record of a platform event (__e) publishes the event, stores nothing.
 */
import Database from 'better-sqlite3';
import { insufficientAccess } from '../access/access';
import type { UserRights } from '../access/access';
import { randomUUID } from 'node:crypto';
import { ApiError, invalidField, invalidType, invalidTypeForOperation } from '../errors';
import { makeId, normaliseId } from '../ids';
import type { OrgField, OrgObject, OrgSchema } from '../schema/orgSchema';
import { eventChannelOf, fieldOf } from '../schema/orgSchema';
import { insufficientCrossReference } from '../sharing/sharing';
import type { RecordAccess, Sharing } from '../sharing/sharing';
import { autoNumber, checkUnique, checkValidationRules, defaultAndRequire, derive, validated } from './rules';
import { checkOwner } from './ownership';
import { createTables, quote, storedFields, tableOf } from './tables';
import { cacheStatements } from './statements';
import type { StatementCache } from './statements';
import { fromSql, toSql } from './values';
import type { SqlValue } from './values';
import type {
  ChangeType,
  PublishedEvent,
  RecordChange,
  TransactionResult,
  ValidationRule,
  WriteContext,
} from './writes';

export class Store {
  readonly db: Database.Database;
  /** The connection's prepared statements, kept per SQL text (see statements.ts). */
  readonly statements: StatementCache;
  /** Validation rules in force (tests and the /__local hook add them). */
  readonly validationRules: ValidationRule[] = [];
  /** The rights of the user a write runs as: object permissions and field-level security are checked before any write. */
  access: ((userId: string) => UserRights) | null = null;
  /** Record-level sharing, enforced with access: who may read, edit and delete which records. */
  sharing: Sharing | null = null;
  /** Setup's own refusals of a create (a permission set the assignee's licence does not allow). */
  readonly createChecks: Array<(object: OrgObject, row: Readonly<Record<string, SqlValue>>) => void> = [];
  private changes: RecordChange[] | null = null;
  /** PublishAfterCommit events of the open transaction: dropped with the savepoint or transaction that rolls back. */
  private afterCommit: PublishedEvent[] = [];
  /** PublishImmediately events: they go out whether or not their transaction commits. */
  private immediate: PublishedEvent[] = [];

  constructor(
    readonly schema: OrgSchema,
    file = ':memory:',
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.statements = cacheStatements(this.db);
    createTables(this.db, schema);
  }

  close(): void {
    this.db.close();
  }

  object(name: string): OrgObject {
    const object = this.schema.object(name);
    if (!object) throw invalidType(name);
    return object;
  }

  nextId(prefix: string): string {
    return makeId(prefix, this.nextNumber(prefix));
  }

  /** The next number of a named sequence (key prefixes, auto-number names), durable with the data. */
  nextNumber(key: string): number {
    const row = this.db
      .prepare(
        `INSERT INTO _sequence (prefix, n) VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET n = n + 1 RETURNING n`,
      )
      .get(key) as { n: number };
    return row.n;
  }

  /**
   * Runs `work` in one SQLite transaction; the changes it records become the change events of
   * that transaction. Throws (and rolls back) when `work` throws.
   */
  transaction<T>(context: WriteContext, work: () => T): TransactionResult<T> {
    // Inside an open transaction (a /composite subrequest), a nested one is a savepoint of it:
    // undone alone if it throws, committed (and its events sent) with the outer one.
    if (this.changes)
      return { value: this.savepoint(work), changes: [], events: [], transactionKey: '', commitTimestamp: 0, context };
    this.changes = [];
    this.afterCommit = [];
    try {
      const value = this.db.transaction(work)();
      return {
        value,
        changes: this.changes,
        events: this.afterCommit,
        transactionKey: randomUUID(),
        commitTimestamp: context.now ?? Date.now(),
        context,
      };
    } finally {
      this.changes = null;
      this.afterCommit = [];
    }
  }

  /** Runs `work` so that, if it throws, its writes, its recorded changes and its after-commit events are undone alone. */
  savepoint<T>(work: () => T): T {
    const mark = this.changes?.length ?? 0;
    const published = this.afterCommit.length;
    try {
      return this.db.transaction(work)();
    } catch (error) {
      if (this.changes) this.changes.length = mark;
      this.afterCommit.length = published;
      throw error;
    }
  }

  /**
   * The PublishImmediately events published so far, to send now; none while a transaction is
   * still open (they go out when it ends, committed or not, so that storing them for replay is
   * not undone with it).
   */
  takeImmediateEvents(): PublishedEvent[] {
    if (this.changes) return [];
    const events = this.immediate;
    this.immediate = [];
    return events;
  }

  /** Reads one stored row (also deleted ones when asked), or undefined. */
  row(object: OrgObject, id: string, withDeleted = false): Record<string, SqlValue> | undefined {
    if (object.platformEvent) return undefined;
    const row = this.db.prepare(`SELECT * FROM ${quote(tableOf(object))} WHERE "Id" = ?`).get(id) as
      Record<string, SqlValue> | undefined;
    if (!row || (!withDeleted && row.IsDeleted === 1)) return undefined;
    return row;
  }

  /** A record as the REST API returns it: every stored field, with attributes. */
  record(
    object: OrgObject,
    id: string,
    apiVersion: string,
    fields?: readonly string[],
    userId?: string,
  ): Record<string, unknown> | undefined {
    const row = this.row(object, id);
    if (!row) return undefined;
    // Read as a user: a named field they cannot read is refused as unknown; unnamed ones are left out.
    const rights = userId ? (this.access?.(userId) ?? null) : null;
    // A record the user may not see is, to them, one that does not exist.
    if (rights && this.sharing && !this.sharing.canAccess(object, row.Id as string, rights, 'read')) return undefined;
    const chosen = fields
      ? fields.map((name) => {
          const field = fieldOf(object, name);
          if (!field) throw invalidField(`No such column '${name}' on sobject of type ${object.name}`);
          rights?.checkReadField(object, field);
          return field;
        })
      : storedFields(object).filter((field) => !rights || rights.canReadField(object, field));
    const out: Record<string, unknown> = {
      attributes: { type: object.name, url: `/services/data/v${apiVersion}/sobjects/${object.name}/${id}` },
    };
    for (const field of chosen) out[field.name] = field.calculated ? null : fromSql(field, row[field.name]);
    return out;
  }

  /**
   * Creates a record and returns its id; for a platform event, publishes the event (after the
   * transaction commits, or at once for PublishImmediately) and returns the publish's id.
   */
  create(objectName: string, values: Readonly<Record<string, unknown>>, context: WriteContext): string {
    const object = this.object(objectName);
    this.access?.(context.userId).checkWrite(object, 'create', Object.keys(values));
    if (object.platformEvent) return this.publish(object, values, context);
    if (object.readOnly)
      throw new ApiError(400, 'INVALID_TYPE', `${object.name} records cannot be created through this API`);
    const row = validated(this.schema, this.live, object, values, 'create');
    this.checkReferences(object, row, context.userId);
    checkOwner(this, object, row, context.userId, null);
    for (const check of this.createChecks) check(object, row);
    const now = new Date(context.now ?? Date.now()).toISOString();
    const id = this.nextId(object.keyPrefix);
    row.Id = id;
    row.IsDeleted = 0;
    row.CreatedDate = now;
    row.LastModifiedDate = now;
    row.SystemModstamp = now;
    row.CreatedById = context.userId;
    row.LastModifiedById = context.userId;
    if (object.fields.has('OwnerId') && !row.OwnerId) row.OwnerId = context.userId;
    if (object.autoNumberFormat)
      row.Name = autoNumber(object.autoNumberFormat, this.nextNumber(`autonumber:${object.name}`));
    defaultAndRequire(object, row);
    derive(object, row, {}, now);
    checkUnique(this.db, object, row, id);
    const columns = Object.keys(row);
    this.db
      .prepare(
        `INSERT INTO ${quote(tableOf(object))} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...columns.map((column) => row[column] ?? null));
    this.recordChange(object, id, 'CREATE', row, []);
    return id;
  }

  /**
   * Publishes a platform event: its values are checked as a create's are, and its message carries
   * every custom field (null when not set), CreatedDate, CreatedById and EventUuid. The id
   * returned is the publish's, of the event's key prefix; it names no record.
   */
  private publish(object: OrgObject, values: Readonly<Record<string, unknown>>, context: WriteContext): string {
    if (!this.changes) throw new Error(`${object.name} is a platform event: publish it inside a transaction`);
    const row = validated(this.schema, this.live, object, values, 'create');
    defaultAndRequire(object, row);
    const payload: Record<string, unknown> = {
      CreatedDate: new Date(context.now ?? Date.now()).toISOString(),
      CreatedById: context.userId,
    };
    for (const field of object.fields.values()) {
      if (!field.custom) continue;
      const value = row[field.name] ?? null;
      payload[field.name] = field.type === 'boolean' ? value === 1 : value;
    }
    payload.EventUuid = randomUUID();
    const event: PublishedEvent = { channel: eventChannelOf(object), payload };
    if (object.platformEvent!.publishAfterCommit) this.afterCommit.push(event);
    else this.immediate.push(event);
    return this.nextId(object.keyPrefix);
  }

  update(objectName: string, id: string, values: Readonly<Record<string, unknown>>, context: WriteContext): void {
    const { object, normalised, existing } = this.existing(objectName, id, 'updated');
    const { Id: _ignored, ...rest } = values as Record<string, unknown>;
    this.access?.(context.userId).checkWrite(object, 'edit', Object.keys(rest));
    this.checkRecordAccess(object, normalised, context.userId, 'edit');
    const row = validated(this.schema, this.live, object, rest, 'update');
    this.checkReferences(object, row, context.userId);
    checkOwner(this, object, row, context.userId, existing.OwnerId ?? null);
    const changed: Record<string, SqlValue> = {};
    const nulled: string[] = [];
    for (const [name, value] of Object.entries(row)) {
      if (existing[name] === value) continue;
      changed[name] = value;
      if (value === null) nulled.push(name);
    }
    const now = new Date(context.now ?? Date.now()).toISOString();
    const derived = derive(object, { ...row }, existing, now);
    for (const [name, value] of Object.entries(derived)) {
      if (!(name in row) && existing[name] !== value) changed[name] = value;
    }
    const write = { ...derived, LastModifiedDate: now, SystemModstamp: now, LastModifiedById: context.userId };
    checkValidationRules(this.validationRules, object.name, { ...existing, ...write });
    checkUnique(this.db, object, { ...existing, ...write }, normalised);
    const columns = Object.keys(write);
    this.db
      .prepare(
        `UPDATE ${quote(tableOf(object))} SET ${columns.map((column) => `${quote(column)} = ?`).join(', ')} WHERE "Id" = ?`,
      )
      .run(...columns.map((column) => write[column as keyof typeof write] ?? null), normalised);
    // Salesforce sends an event even when nothing but the audit fields changed.
    this.recordChange(object, normalised, 'UPDATE', { ...changed, LastModifiedDate: now }, nulled);
  }

  delete(objectName: string, id: string, context: WriteContext): void {
    const { object, normalised } = this.existing(objectName, id, 'deleted');
    this.access?.(context.userId).checkWrite(object, 'delete', []);
    this.checkRecordAccess(object, normalised, context.userId, 'delete');
    this.cascadeDelete(objectName, id, context);
  }

  /** Deletes a record and its master-detail children (which go with their parent whatever the user's rights on them). */
  private cascadeDelete(objectName: string, id: string, context: WriteContext): void {
    const { object, normalised } = this.existing(objectName, id, 'deleted');
    const now = new Date(context.now ?? Date.now()).toISOString();
    this.db
      .prepare(
        `UPDATE ${quote(tableOf(object))} SET "IsDeleted" = 1, "SystemModstamp" = ?, "LastModifiedById" = ? WHERE "Id" = ?`,
      )
      .run(now, context.userId, normalised);
    this.recordChange(object, normalised, 'DELETE', {}, []);
    // Master-detail children go with their parent.
    for (const child of object.childRelationships.filter((relationship) => relationship.cascadeDelete)) {
      const childObject = this.object(child.childSObject);
      const ids = this.db
        .prepare(`SELECT "Id" FROM ${quote(tableOf(childObject))} WHERE ${quote(child.field)} = ? AND "IsDeleted" = 0`)
        .all(normalised) as Array<{ Id: string }>;
      for (const { Id } of ids) this.cascadeDelete(childObject.name, Id, context);
    }
  }

  /** The live, writable record a change names, or the error Salesforce gives for it. */
  private existing(
    objectName: string,
    id: string,
    verb: string,
  ): { object: OrgObject; normalised: string; existing: Record<string, SqlValue> } {
    const object = this.object(objectName);
    if (object.platformEvent) throw invalidTypeForOperation(object.name, verb === 'updated' ? 'update' : 'delete');
    const normalised = normaliseId(id);
    const existing = normalised ? this.row(object, normalised, true) : undefined;
    if (!existing || !normalised) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (existing.IsDeleted === 1) throw new ApiError(400, 'ENTITY_IS_DELETED', 'entity is deleted');
    if (object.readOnly)
      throw new ApiError(400, 'INVALID_TYPE', `${object.name} records cannot be ${verb} through this API`);
    return { object, normalised, existing };
  }

  /** Refuses an update or delete of a record the user's sharing does not give that access to. */
  private checkRecordAccess(object: OrgObject, id: string, userId: string, access: RecordAccess): void {
    const rights = this.sharing ? (this.access?.(userId) ?? null) : null;
    if (rights && !this.sharing!.canAccess(object, id, rights, access)) throw insufficientAccess();
  }

  /**
   * A reference written must name a record the user can read; a master-detail field (or a
   * contact's account) one they can edit, or read when the relationship has writeRequiresMasterRead.
   */
  private checkReferences(object: OrgObject, row: Readonly<Record<string, SqlValue>>, userId: string): void {
    // Salesforce refuses an inactive user as the owner a write names.
    const owner =
      typeof row.OwnerId === 'string'
        ? this.db.prepare(`SELECT "IsActive" FROM "o_User" WHERE "Id" = ?`).get(row.OwnerId)
        : null;
    if (owner && !(owner as { IsActive: number }).IsActive) {
      const message = `operation performed with inactive user [${row.OwnerId}] as owner of [${object.name}]`;
      throw new ApiError(400, 'INACTIVE_OWNER_OR_USER', message, ['OwnerId']);
    }
    const sharing = this.sharing;
    const rights = sharing ? (this.access?.(userId) ?? null) : null;
    if (!sharing || !rights) return;
    for (const [name, value] of Object.entries(row)) {
      const field = object.fields.get(name);
      if (!field || field.type !== 'reference' || typeof value !== 'string') continue;
      const target = this.schema.object(field.referenceTo[0] ?? '');
      if (!target || target.platformEvent) continue;
      const access = sharing.masterAccess(object, field) ?? 'read';
      if (!sharing.canAccess(target, value, rights, access)) throw insufficientCrossReference(value);
    }
  }

  /** Finds a live record by an external id field, for upsert. */
  findByExternalId(object: OrgObject, field: OrgField, value: unknown): string[] {
    if (object.platformEvent) return [];
    const rows = this.db
      .prepare(`SELECT "Id" FROM ${quote(tableOf(object))} WHERE ${quote(field.name)} = ? AND "IsDeleted" = 0`)
      .all(toSql(object, field, value)) as Array<{ Id: string }>;
    return rows.map((row) => row.Id);
  }

  /** Loads a record as given (seeding and custom metadata), bypassing API rules but not types. */
  insertRaw(objectName: string, values: Readonly<Record<string, unknown>>, context: WriteContext): string {
    const object = this.object(objectName);
    if (object.platformEvent) throw new Error(`${object.name} is a platform event: it has no records to load`);
    const row: Record<string, SqlValue> = {};
    for (const [name, value] of Object.entries(values)) {
      const field = fieldOf(object, name);
      if (!field) throw invalidField(`No such column '${name}' on sobject of type ${object.name}`, [name]);
      row[field.name] = toSql(object, field, value);
    }
    const now = new Date(context.now ?? Date.now()).toISOString();
    const id = (row.Id as string | undefined) ?? this.nextId(object.keyPrefix);
    if (object.autoNumberFormat && row.Name === undefined)
      row.Name = autoNumber(object.autoNumberFormat, this.nextNumber(`autonumber:${object.name}`));
    const full: Record<string, SqlValue> = {
      IsDeleted: 0,
      CreatedDate: now,
      LastModifiedDate: now,
      SystemModstamp: now,
      CreatedById: context.userId,
      LastModifiedById: context.userId,
      ...(object.fields.has('OwnerId') ? { OwnerId: context.userId } : {}),
      ...row,
      Id: id,
    };
    // What Salesforce keeps itself (a case's IsClosed, ...) unless the load gives it.
    const derived = derive(object, { ...full }, {}, now);
    for (const [name, value] of Object.entries(derived)) if (!(name in full)) full[name] = value;
    const columns = Object.keys(full);
    this.db
      .prepare(
        `INSERT INTO ${quote(tableOf(object))} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...columns.map((column) => full[column] ?? null));
    return id;
  }

  /** Whether a live (not deleted) record has this id: what a reference must name. */
  private readonly live = (object: OrgObject, id: string): boolean => this.row(object, id) !== undefined;

  private recordChange(
    object: OrgObject,
    id: string,
    changeType: ChangeType,
    row: Record<string, SqlValue>,
    nulled: string[],
  ): void {
    if (!this.changes) return;
    const fields: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const field = object.fields.get(name);
      if (
        !field ||
        name === 'Id' ||
        name === 'IsDeleted' ||
        name === 'SystemModstamp' ||
        value === null ||
        value === undefined
      )
        continue;
      fields[name] = field.type === 'boolean' ? value === 1 : value;
    }
    this.changes.push({ entity: object.name, recordId: id, changeType, fields, nulledFields: nulled });
  }

  /** Reads a stored value back in API form. */
  value(object: OrgObject, field: OrgField, value: SqlValue): unknown {
    return fromSql(field, value);
  }
}
