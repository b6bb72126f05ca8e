import { NonRetryableError } from '../../../engine/errors/index.ts';
import type { RecoveryFailureCode } from './recoveryFailureCode.ts';

/**
 * A restore or export that cannot succeed whatever is retried; its record holds the same code and message.
 * Non-retryable: the job goes straight to the debug queue after one attempt.
 */
export class RecoveryFailedError extends NonRetryableError {
  override readonly name: string = 'RecoveryFailedError';
  declare readonly code: RecoveryFailureCode;

  constructor(code: RecoveryFailureCode, message: string) {
    super(message, { code });
  }
}
