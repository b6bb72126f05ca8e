import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/** The fields given to connect an org complete none of the flows; `missing` names what one would need. */
export class IncompleteCredentialsError extends SalesforceError {
  override readonly name = 'IncompleteCredentialsError';
  readonly code = SalesforceErrorCode.IncompleteCredentials;

  constructor(
    message: string,
    readonly missing: readonly string[] = [],
  ) {
    super(message);
  }
}
