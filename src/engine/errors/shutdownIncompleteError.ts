import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/**
 * A graceful shutdown ran out of time with jobs not put back (a run still going, a worker process killed): the
 * process exits non-zero, and those jobs wait for their locks to expire.
 */
export class ShutdownIncompleteError extends EngineError {
  override readonly name = 'ShutdownIncompleteError';
  readonly code = EngineErrorCode.ShutdownIncomplete;
}
