/**
 * A UI API save the org refuses, as Salesforce answers it: HTTP 400 with an Error with Output
 * (`enhancedErrorType: "RecordError"`), the save's errors in `output.errors` and those naming a
 * field in `output.fieldErrors` by field (Record Exceptions), which is what Lightning Data
 * Service hands a component as `error.body` (reduceErrors reads `output`). The REST API answers
 * the same refusals as a list of `{ message, errorCode, fields }`.
 */
import { ApiError } from '../errors';
import type { Words } from '../i18n/words';
import type { OrgObject } from '../schema/orgSchema';

/** Errors about the request itself, answered as a plain error list, not as a refused save. */
const REQUEST_ERRORS = new Set(['INVALID_INPUT', 'INVALID_TYPE', 'INVALID_FIELD', 'INVALID_TYPE_FOR_OPERATION']);

interface RecordExceptionError {
  constituentField: null;
  duplicateRecordError: null;
  errorCode: string;
  field: string | null;
  fieldLabel: string | null;
  message: string;
}

export class RecordSaveError extends ApiError {
  constructor(
    private readonly refused: ApiError,
    private readonly object: OrgObject,
    private readonly words: Words,
    private readonly verb: 'create' | 'update',
  ) {
    super(refused.status, refused.errorCode, refused.message, refused.fields);
  }

  override body(): unknown {
    const entry = (field: string | null): RecordExceptionError => {
      const known = field ? this.object.fields.get(field) : undefined;
      return {
        constituentField: null,
        duplicateRecordError: null,
        errorCode: this.refused.errorCode,
        field,
        fieldLabel: known ? this.words.fieldLabel(this.object, known) : null,
        message: this.refused.message,
      };
    };
    const fields = this.refused.fields.filter((name) => this.object.fields.has(name));
    return {
      enhancedErrorType: 'RecordError',
      // Salesforce's wording for an update; ours for a create.
      message: `An error occurred while trying to ${this.verb} the record. Please try again.`,
      output: {
        errors: fields.length === 0 ? [entry(null)] : [],
        fieldErrors: Object.fromEntries(fields.map((name) => [name, [entry(name)]])),
      },
    };
  }
}

/** Runs a UI API save; a refusal of the save itself (access, field-level security, validation) comes back as a RecordSaveError. */
export function asRecordSave<T>(object: OrgObject, words: Words, verb: 'create' | 'update', save: () => T): T {
  try {
    return save();
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && !REQUEST_ERRORS.has(error.errorCode)) {
      throw new RecordSaveError(error, object, words, verb);
    }
    throw error;
  }
}
