import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** `createJob` of an internal job type: its jobs are created by their domain service only (e.g. `startBackup`). */
export class InternalJobTypeError extends EngineError {
  override readonly name = 'InternalJobTypeError';
  readonly code = EngineErrorCode.InternalJobType;
}
