import {
  defaultMessageForErrorCode,
  statusForErrorCode,
  type SalesforceErrorCode,
} from './salesforceErrorCode.ts';

/**
 * An error the sandbox answers the way Salesforce does:
 * `[{ "message", "errorCode", "fields" }]` with the code's HTTP status.
 * Thrown inside request handlers and rendered by the server.
 */
export class SalesforceApiError extends Error {
  override readonly name = 'SalesforceApiError';
  /** The Salesforce error code sent as `errorCode`. */
  readonly errorCode: SalesforceErrorCode;
  /** The HTTP status; defaults to the code's usual status. */
  readonly status: number;
  /** Field names sent as `fields` (omitted from the body when empty). */
  readonly fields: readonly string[];

  constructor(
    errorCode: SalesforceErrorCode,
    message?: string,
    options: { fields?: readonly string[]; status?: number } = {},
  ) {
    super(message ?? defaultMessageForErrorCode(errorCode));
    this.errorCode = errorCode;
    this.status = options.status ?? statusForErrorCode(errorCode);
    this.fields = options.fields ?? [];
  }

  /** The JSON body Salesforce sends for this error. */
  toBody(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    const entry: { message: string; errorCode: string; fields?: string[] } = {
      message: this.message,
      errorCode: this.errorCode,
    };
    if (this.fields.length > 0) entry.fields = [...this.fields];
    return [entry];
  }
}
