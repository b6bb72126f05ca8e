import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/** Salesforce rejected a request for good (`INVALID_FIELD`, `MALFORMED_QUERY`, `INVALID_TYPE`, ...); retrying will not help. */
export class SalesforceRequestRejectedError extends SalesforceError {
  override readonly name = 'SalesforceRequestRejectedError';
  readonly code = SalesforceErrorCode.SalesforceRequestRejected;

  constructor(
    message: string,
    readonly sfErrorCode: string,
  ) {
    super(message);
  }
}
