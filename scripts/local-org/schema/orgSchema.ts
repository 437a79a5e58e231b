/**
 * The local org's schema: the standard objects Stance uses (built in) plus everything force-app
 * defines (custom objects, custom fields on standard objects, custom metadata types), described
 * the way Salesforce's describe calls describe them. Platform events (__e) are objects too, with
 * the event's system fields instead of a record's: they are published, never stored.
 *
 * This file holds the shapes and lookups; schema/build.ts builds the schema from the metadata.
 */

export type SqlType = 'TEXT' | 'REAL' | 'INTEGER';

export interface PicklistEntry {
  readonly value: string;
  readonly label: string;
  readonly active: boolean;
  readonly defaultValue: boolean;
}

export interface OrgField {
  readonly name: string;
  readonly label: string;
  /** The describe type: id, string, picklist, reference, boolean, double, currency, date, datetime, textarea, ... */
  readonly type: string;
  readonly sqlType: SqlType;
  readonly length: number;
  readonly precision: number;
  readonly scale: number;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate: boolean;
  readonly defaultValue: string | boolean | null;
  readonly picklistValues: readonly PicklistEntry[];
  readonly restrictedPicklist: boolean;
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  readonly cascadeDelete: boolean;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly caseSensitive: boolean;
  readonly calculated: boolean;
  readonly calculatedFormula: string | null;
  readonly autoNumber: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  readonly groupable: boolean;
  readonly custom: boolean;
  readonly inlineHelpText: string | null;
}

export interface ChildRelationship {
  readonly relationshipName: string;
  readonly childSObject: string;
  readonly field: string;
  readonly cascadeDelete: boolean;
}

export interface OrgObject {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  readonly customMetadata: boolean;
  /** Read-only through the API (custom metadata, Organization). */
  readonly readOnly: boolean;
  readonly fields: ReadonlyMap<string, OrgField>;
  readonly childRelationships: readonly ChildRelationship[];
  readonly nameField: string | null;
  readonly autoNumberFormat: string | null;
  /** A platform event (__e): creating one publishes it on /event/<name>; it is never stored or queried. */
  readonly platformEvent: PlatformEventInfo | null;
}

export interface PlatformEventInfo {
  /** PublishAfterCommit: delivered once the publishing transaction commits, and not at all when it rolls back. */
  readonly publishAfterCommit: boolean;
  readonly eventType: string;
}

/** The CometD channel of a platform event: /event/Stance_Update__e. */
export function eventChannelOf(object: OrgObject): string {
  return `/event/${object.name}`;
}

export class OrgSchema {
  private readonly byLowerName = new Map<string, OrgObject>();
  private readonly byPrefix = new Map<string, OrgObject>();

  constructor(readonly objects: readonly OrgObject[]) {
    for (const object of objects) {
      this.byLowerName.set(object.name.toLowerCase(), object);
      this.byPrefix.set(object.keyPrefix, object);
    }
  }

  /** Object names are case-insensitive in SOQL and REST paths, as in Salesforce. */
  object(name: string): OrgObject | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  objectOfId(id: string): OrgObject | undefined {
    return this.byPrefix.get(id.slice(0, 3));
  }
}

/** Finds a field by name without regard to case. */
export function fieldOf(object: OrgObject, name: string): OrgField | undefined {
  return (
    object.fields.get(name) ??
    [...object.fields.values()].find((candidate) => candidate.name.toLowerCase() === name.toLowerCase())
  );
}
