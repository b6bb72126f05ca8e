import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** The run was declared hung (no progress, or no heartbeat) and aborted; the job retries per its type's policy. */
export class JobHungError extends EngineError {
  override readonly name = 'JobHungError';
  readonly code = EngineErrorCode.JobHung;
}
