/**
 * SQLite storage for the local org: one table per object, a column per field, soft deletes
 * (IsDeleted) with master-detail cascades, and a journal of change events for CDC. Every write
 * goes through a transaction that collects the change events it causes, and the platform events
 * published in it: creating a record of a platform event (__e) publishes the event, stores nothing.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { ApiError, invalidField, invalidType, invalidTypeForOperation } from '../errors';
import { makeId, normaliseId } from '../ids';
import type { OrgField, OrgObject, OrgSchema } from '../schema/orgSchema';
import { eventChannelOf, fieldOf } from '../schema/orgSchema';
import { fromSql, toSql } from './values';
import type { SqlValue } from './values';

export const tableOf = (object: OrgObject) => `o_${object.name}`;
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Fields stored as columns: every field except calculated (formula) ones. */
export function storedFields(object: OrgObject): OrgField[] {
  return [...object.fields.values()].filter((field) => !field.calculated);
}

export interface WriteContext {
  readonly userId: string;
  /** The Sforce-Call-Options client name of the caller, carried into changeOrigin. */
  readonly client?: string;
  readonly apiVersion: string;
  /** Epoch ms of the write; defaults to now. */
  readonly now?: number;
}

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

/** One change to one record, before events are grouped. */
export interface RecordChange {
  readonly entity: string;
  readonly recordId: string;
  readonly changeType: ChangeType;
  /** Field values after the change (all non-null fields for CREATE and UNDELETE, the changed ones for UPDATE). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly nulledFields: readonly string[];
}

/** A platform event message, as its subscribers receive it on its channel (without the replay id). */
export interface PublishedEvent {
  /** /event/Stance_Update__e */
  readonly channel: string;
  /** The event's fields, CreatedDate, CreatedById (the publisher) and EventUuid. */
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface TransactionResult<T> {
  readonly value: T;
  readonly changes: readonly RecordChange[];
  /** Platform events published with PublishAfterCommit, to go out now that the transaction committed. */
  readonly events: readonly PublishedEvent[];
  readonly transactionKey: string;
  readonly commitTimestamp: number;
  readonly context: WriteContext;
}

/**
 * A customer's validation rule: when `failsWhen` holds for the record as it would be saved, the
 * save is refused with FIELD_CUSTOM_VALIDATION_EXCEPTION, as Salesforce refuses it.
 */
export interface ValidationRule {
  readonly object: string;
  readonly message: string;
  readonly field?: string;
  readonly failsWhen: (record: Readonly<Record<string, unknown>>) => boolean;
}

export class Store {
  readonly db: Database.Database;
  /** Validation rules in force (tests and the /__local hook add them). */
  readonly validationRules: ValidationRule[] = [];
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
    this.createTables();
  }

  close(): void {
    this.db.close();
  }

  private createTables(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS _sequence (prefix TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
    for (const object of this.schema.objects) {
      // Platform events have no storage: they are published, not saved.
      if (object.platformEvent) continue;
      const columns = storedFields(object).map((field) => {
        const collate =
          field.type === 'id' || field.type === 'reference' || field.caseSensitive || field.sqlType !== 'TEXT'
            ? ''
            : ' COLLATE NOCASE';
        return `${quote(field.name)} ${field.sqlType}${collate}${field.name === 'Id' ? ' PRIMARY KEY' : ''}`;
      });
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${quote(tableOf(object))} (${columns.join(', ')})`);
      for (const field of object.fields.values()) {
        if (field.type === 'reference' || field.externalId || field.name === 'SystemModstamp') {
          this.db.exec(
            `CREATE INDEX IF NOT EXISTS ${quote(`i_${object.name}_${field.name}`)} ON ${quote(tableOf(object))} (${quote(field.name)})`,
          );
        }
      }
    }
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
  ): Record<string, unknown> | undefined {
    const row = this.row(object, id);
    if (!row) return undefined;
    const chosen = fields
      ? fields.map(
          (name) =>
            fieldOf(object, name) ??
            (() => {
              throw invalidField(`No such column '${name}' on sobject of type ${object.name}`);
            })(),
        )
      : storedFields(object);
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
    if (object.platformEvent) return this.publish(object, values, context);
    if (object.readOnly)
      throw new ApiError(400, 'INVALID_TYPE', `${object.name} records cannot be created through this API`);
    const row = this.validated(object, values, 'create');
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
    this.defaultAndRequire(object, row);
    derive(object, row, {});
    this.checkUnique(object, row, id);
    const columns = Object.keys(row);
    this.db
      .prepare(
        `INSERT INTO ${quote(tableOf(object))} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...columns.map((column) => row[column] ?? null));
    this.recordChange(object, id, 'CREATE', row, []);
    return id;
  }

  /** Fills fields left out with their defaults, and refuses a create that leaves a required field empty. */
  private defaultAndRequire(object: OrgObject, row: Record<string, SqlValue>): void {
    for (const field of object.fields.values()) {
      if (row[field.name] === undefined && field.defaultValue !== null && !field.calculated)
        row[field.name] = toSql(object, field, field.defaultValue);
    }
    const missing = [...object.fields.values()].filter(
      (field) =>
        !field.nillable &&
        field.createable &&
        !field.defaultedOnCreate &&
        (row[field.name] === undefined || row[field.name] === null),
    );
    if (missing.length > 0) {
      throw new ApiError(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`,
        missing.map((f) => f.name),
      );
    }
  }

  /**
   * Publishes a platform event: its values are checked as a create's are, and its message carries
   * every custom field (null when not set), CreatedDate, CreatedById and EventUuid. The id
   * returned is the publish's, of the event's key prefix; it names no record.
   */
  private publish(object: OrgObject, values: Readonly<Record<string, unknown>>, context: WriteContext): string {
    if (!this.changes) throw new Error(`${object.name} is a platform event: publish it inside a transaction`);
    const row = this.validated(object, values, 'create');
    this.defaultAndRequire(object, row);
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

  private checkValidationRules(objectName: string, record: Readonly<Record<string, unknown>>): void {
    for (const rule of this.validationRules) {
      if (rule.object.toLowerCase() === objectName.toLowerCase() && rule.failsWhen(record))
        throw new ApiError(400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, rule.field ? [rule.field] : []);
    }
  }

  update(objectName: string, id: string, values: Readonly<Record<string, unknown>>, context: WriteContext): void {
    const { object, normalised, existing } = this.existing(objectName, id, 'updated');
    const { Id: _ignored, ...rest } = values as Record<string, unknown>;
    const row = this.validated(object, rest, 'update');
    const changed: Record<string, SqlValue> = {};
    const nulled: string[] = [];
    for (const [name, value] of Object.entries(row)) {
      if (existing[name] === value) continue;
      changed[name] = value;
      if (value === null) nulled.push(name);
    }
    const now = new Date(context.now ?? Date.now()).toISOString();
    const derived = derive(object, { ...row }, existing);
    for (const [name, value] of Object.entries(derived)) {
      if (!(name in row) && existing[name] !== value) changed[name] = value;
    }
    const write = { ...derived, LastModifiedDate: now, SystemModstamp: now, LastModifiedById: context.userId };
    this.checkValidationRules(object.name, { ...existing, ...write });
    this.checkUnique(object, { ...existing, ...write }, normalised);
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
      for (const { Id } of ids) this.delete(childObject.name, Id, context);
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
    const columns = Object.keys(full);
    this.db
      .prepare(
        `INSERT INTO ${quote(tableOf(object))} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...columns.map((column) => full[column] ?? null));
    return id;
  }

  private validated(
    object: OrgObject,
    values: Readonly<Record<string, unknown>>,
    mode: 'create' | 'update',
  ): Record<string, SqlValue> {
    const row: Record<string, SqlValue> = {};
    const notWritable: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (name === 'attributes') continue;
      const field = fieldOf(object, name);
      if (!field) throw invalidField(`No such column '${name}' on sobject of type ${object.name}`, [name]);
      if (mode === 'create' ? !field.createable : !field.updateable) {
        notWritable.push(field.name);
        continue;
      }
      row[field.name] = toSql(object, field, value);
      if (field.type === 'reference' && row[field.name] !== null)
        this.checkReference(object, field, row[field.name] as string);
    }
    if (notWritable.length > 0) {
      throw new ApiError(
        400,
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        notWritable,
      );
    }
    return row;
  }

  private checkReference(object: OrgObject, field: OrgField, id: string): void {
    const target = this.schema.objectOfId(id);
    if (!target || !field.referenceTo.includes(target.name) || !this.row(target, id)) {
      throw new ApiError(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
    }
  }

  private checkUnique(object: OrgObject, row: Record<string, SqlValue>, id: string): void {
    for (const field of object.fields.values()) {
      if (!field.unique || row[field.name] === null || row[field.name] === undefined) continue;
      const clash = this.db
        .prepare(
          `SELECT "Id" FROM ${quote(tableOf(object))} WHERE ${quote(field.name)} = ? AND "Id" != ? AND "IsDeleted" = 0`,
        )
        .get(row[field.name], id) as { Id: string } | undefined;
      if (clash) {
        throw new ApiError(
          400,
          'DUPLICATE_VALUE',
          `duplicate value found: ${field.name} duplicates value on record with id: ${clash.Id}`,
          [field.name],
        );
      }
    }
  }

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

/**
 * Fields Salesforce maintains itself: a person's Name from FirstName and LastName, and an
 * opportunity's IsClosed and IsWon from its stage.
 */
function derive(
  object: OrgObject,
  row: Record<string, SqlValue>,
  existing: Readonly<Record<string, SqlValue>>,
): Record<string, SqlValue> {
  const nameField = object.fields.get('Name');
  if (
    nameField &&
    !nameField.createable &&
    object.fields.has('LastName') &&
    ('FirstName' in row || 'LastName' in row)
  ) {
    const first = 'FirstName' in row ? row.FirstName : existing.FirstName;
    const last = 'LastName' in row ? row.LastName : existing.LastName;
    row.Name = [first, last].filter((part) => part !== null && part !== undefined && part !== '').join(' ');
  }
  if (object.name === 'Opportunity' && 'StageName' in row) {
    const stage = String(row.StageName ?? '');
    row.IsClosed = stage.startsWith('Closed') ? 1 : 0;
    row.IsWon = stage === 'Closed Won' ? 1 : 0;
  }
  return row;
}

function autoNumber(format: string, n: number): string {
  return format.replace(/\{(0+)\}/, (_, zeros: string) => String(n).padStart(zeros.length, '0'));
}
