import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/** An org id that cannot be one (not a 24-digit hex id). */
export class InvalidOrgIdError extends SalesforceError {
  override readonly name = 'InvalidOrgIdError';
  readonly code = SalesforceErrorCode.InvalidOrgId;
}
