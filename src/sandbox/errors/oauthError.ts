/**
 * An error of the OAuth 2.0 token endpoint, answered as
 * `{ "error", "error_description" }` like Salesforce's login server.
 */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  /** The OAuth `error` value, e.g. `invalid_grant`. */
  readonly error: string;
  /** The HTTP status; 400 by default. */
  readonly status: number;

  constructor(error: string, description: string, status = 400) {
    super(description);
    this.error = error;
    this.status = status;
  }

  /** The JSON body sent for this error. */
  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.message };
  }
}
