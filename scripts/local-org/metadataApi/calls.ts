/**
 * The Metadata API's CRUD calls for custom metadata records, as jsforce's
 * `conn.metadata.read / upsert / delete('CustomMetadata', ...)` and a hand-built SOAP call send
 * them: readMetadata, upsertMetadata (honouring `<AllOrNoneHeader><allOrNone>true`), deleteMetadata.
 *
 * Who may call it, as Salesforce Help and real orgs answer: the Metadata API needs Modify Metadata
 * Through Metadata API Functions or Modify All Data ("Your client application must be logged in
 * with the Modify Metadata Through Metadata API Functions or Modify All Data permission",
 * upsertMetadata() and readMetadata() in the Metadata API Developer Guide); without either, every
 * call is the fault `sf:INSUFFICIENT_ACCESS` "INSUFFICIENT_ACCESS: use of the Metadata API requires
 * a user with the ModifyAllData or ModifyMetadata permissions" (forcedotcom/cli#3048). Writing custom
 * metadata records also needs Customize Application (CustomMetadata, "Special Access Rules"):
 * without it, the fault "INSUFFICIENT_ACCESS: insufficient access rights on entity".
 */
import type { LocalOrg } from '../org';
import { CustomMetadataStore } from './records';
import type { RecordError, RecordIn, ValueIn } from './records';
import { apiFault, SoapFault } from './soap';
import type { Element, SoapCall } from './soap';

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
/** An element's text: a string, or `#text` when it carries attributes. */
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(record(value)['#text'] ?? '');

const ROLLED_BACK: RecordError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
};

function errorElements(errors: readonly RecordError[]): Element[] {
  return errors.map((error) => ({
    name: 'errors',
    children: [
      ...(error.fields ?? []).map((field): Element => ({ name: 'fields', text: field })),
      { name: 'message', text: error.message },
      { name: 'statusCode', text: error.statusCode },
    ],
  }));
}

export class MetadataCalls {
  private readonly records: CustomMetadataStore;

  constructor(private readonly org: LocalOrg) {
    this.records = new CustomMetadataStore(org.store, org.schema);
  }

  /** Answers a call for its user: the results, or a SoapFault. */
  handle(call: SoapCall, userId: string): Element[] {
    const rights = this.org.access.rightsOf(userId);
    if (!rights.has('ModifyAllData') && !rights.has('ModifyMetadata'))
      throw apiFault(
        'INSUFFICIENT_ACCESS',
        'use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions',
      );
    const write = call.method === 'upsertMetadata' || call.method === 'deleteMetadata';
    if (write && !rights.has('ModifyAllData') && !rights.has('CustomizeApplication'))
      throw apiFault('INSUFFICIENT_ACCESS', 'insufficient access rights on entity');
    switch (call.method) {
      case 'readMetadata':
        return [this.read(call)];
      case 'upsertMetadata':
        return this.upsert(call, userId);
      case 'deleteMetadata':
        return this.delete(call, userId);
      default:
        throw new SoapFault(
          'soapenv:Client',
          `The local org's Metadata API answers readMetadata, upsertMetadata and deleteMetadata of CustomMetadata, not ${call.method} (scripts/local-org/metadataApi)`,
        );
    }
  }

  private checkType(type: string): void {
    if (type !== 'CustomMetadata')
      throw new SoapFault(
        'soapenv:Client',
        `The local org's Metadata API answers type CustomMetadata only, not '${type}' (scripts/local-org/metadataApi)`,
      );
  }

  private read(call: SoapCall): Element {
    this.checkType(textOf(call.body.type));
    const names = list(call.body.fullNames).map(textOf);
    return { name: 'result', children: names.map((name) => this.records.read(name)) };
  }

  private upsert(call: SoapCall, userId: string): Element[] {
    const inputs = list(call.body.metadata).map((item) => {
      const element = record(item);
      // jsforce and Salesforce's own clients name the type on <metadata xsi:type="CustomMetadata">.
      const type = element['@type'];
      if (typeof type !== 'string')
        throw new SoapFault('soapenv:Client', 'Must specify a type attribute value for the metadata element');
      this.checkType(type.replace(/^[^:]*:/, ''));
      return recordIn(element);
    });
    const checked = inputs.map((input) => ({ input, outcome: this.records.check(input) }));
    const failed = checked.some(({ outcome }) => 'errors' in outcome);
    const rollBack = call.allOrNone && failed;
    const context = this.org.context(userId);
    return this.org.store.db.transaction(() =>
      checked.map(({ input, outcome }): Element => {
        const result = (success: boolean, created: boolean, errors: readonly RecordError[]): Element => ({
          name: 'result',
          children: [
            { name: 'created', text: String(created) },
            ...errorElements(errors),
            { name: 'fullName', text: input.fullName },
            { name: 'success', text: String(success) },
          ],
        });
        if ('errors' in outcome) return result(false, false, outcome.errors);
        if (rollBack) return result(false, false, [ROLLED_BACK]);
        return result(true, this.records.write(outcome.record, context), []);
      }),
    )();
  }

  private delete(call: SoapCall, _userId: string): Element[] {
    this.checkType(textOf(call.body.type));
    return this.org.store.db.transaction(() =>
      list(call.body.fullNames)
        .map(textOf)
        .map((fullName): Element => {
          const deleted = this.records.delete(fullName);
          return {
            name: 'result',
            children: [
              ...errorElements(
                deleted
                  ? []
                  : [
                      {
                        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
                        message: `In field: fullName - no CustomMetadata named ${fullName} found`,
                      },
                    ],
              ),
              { name: 'fullName', text: fullName },
              { name: 'success', text: String(deleted) },
            ],
          };
        }),
    )();
  }
}

/** A `<metadata>` element as a record: fullName, label, description, protected and its values. */
function recordIn(element: Record<string, unknown>): RecordIn {
  const description = textOf(element.description);
  return {
    fullName: textOf(element.fullName).trim(),
    label: element.label === undefined ? undefined : textOf(element.label),
    description: description || undefined,
    protected: textOf(element.protected) === 'true',
    values: list(element.values).map((entry): ValueIn => {
      const value = record(entry).value;
      const attributes = record(value);
      return {
        field: textOf(record(entry).field).trim(),
        text: textOf(value),
        type: typeof attributes['@type'] === 'string' ? (attributes['@type'] as string) : undefined,
        nil: attributes['@nil'] === 'true',
      };
    }),
  };
}
