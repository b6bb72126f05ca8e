import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/** The session expired (`INVALID_SESSION_ID`) and the org's credentials cannot renew it (access-token flow, or a revoked grant). */
export class SessionExpiredError extends SalesforceError {
  override readonly name = 'SessionExpiredError';
  readonly code = SalesforceErrorCode.SessionExpired;

  constructor(
    message: string,
    /** Salesforce's code: `INVALID_SESSION_ID`, or `invalid_grant` when renewing failed. */
    readonly sfErrorCode = 'INVALID_SESSION_ID',
  ) {
    super(message);
  }
}
