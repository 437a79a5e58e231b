/** An OAuth refusal as Salesforce answers it: `{"error": ..., "error_description": ...}` and a status. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}
