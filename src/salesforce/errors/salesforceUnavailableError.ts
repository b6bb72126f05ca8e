import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/** A Salesforce call failed in a way worth retrying after a backoff. `sfErrorCode` is Salesforce's code (or the network's). */
export class SalesforceUnavailableError extends SalesforceError {
  override readonly name = 'SalesforceUnavailableError';
  readonly code = SalesforceErrorCode.SalesforceUnavailable;

  constructor(
    message: string,
    readonly sfErrorCode: string,
  ) {
    super(message);
  }
}
