import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/** No org with that id in the caller's tenant (another tenant's org does not exist for the caller). */
export class OrgNotFoundError extends SalesforceError {
  override readonly name = 'OrgNotFoundError';
  readonly code = SalesforceErrorCode.OrgNotFound;
}
