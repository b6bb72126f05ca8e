import { SalesforceError, SalesforceErrorCode } from './salesforceErrorCode.ts';

/** A sealed secret failed AES-GCM authentication: a wrong key under its key id, or a tampered document. */
export class SecretCorruptedError extends SalesforceError {
  override readonly name = 'SecretCorruptedError';
  readonly code = SalesforceErrorCode.SecretCorrupted;
}
