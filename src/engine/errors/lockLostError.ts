import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/**
 * The run could not refresh its lock for most of its lifetime (the database was unreachable): it stops before
 * another worker may take its job, and the attempt counts as failed (retried from its checkpoint).
 */
export class LockLostError extends EngineError {
  override readonly name = 'LockLostError';
  readonly code = EngineErrorCode.LockLost;
}
