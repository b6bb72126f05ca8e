import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/** The encryption keys are malformed, or a stored secret was sealed with a key id that is not configured. */
export class SecretKeyUnavailableError extends SalesforceError {
  override readonly name = 'SecretKeyUnavailableError';
  readonly code = SalesforceErrorCode.SecretKeyUnavailable;
}
