import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/**
 * Verifying an org failed. `detail` is what Salesforce (or the network) said, as a code:
 * `invalid_grant`, `INVALID_SESSION_ID`, `ECONNREFUSED`, ... Never carries a secret.
 */
export class OrgConnectionFailedError extends SalesforceError {
  override readonly name = 'OrgConnectionFailedError';
  readonly code = SalesforceErrorCode.OrgConnectionFailed;

  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}
