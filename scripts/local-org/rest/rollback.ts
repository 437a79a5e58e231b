/** allOrNone: a failure rolls back the whole call, yet the answer still reports each part. */

/** Thrown to roll back an allOrNone call while still answering with per-record results. */
export class RolledBack extends Error {
  constructor(readonly results: Array<Record<string, unknown>>) {
    super('rolled back');
  }
}

/** With allOrNone, a failure rolls everything back: the records that had succeeded say so. */
export function rolledBackAware(work: () => Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return error.results.map((result) =>
      result.success
        ? {
            id: null,
            success: false,
            errors: [
              {
                statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                message:
                  'Record rolled back because not all records were valid and the request was using AllOrNone header',
                fields: [],
              },
            ],
          }
        : result,
    );
  }
}
