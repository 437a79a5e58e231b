/** What a write is told (who, which client, when) and what a transaction of writes gives back. */

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
