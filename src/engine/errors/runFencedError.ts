import { EngineError, EngineErrorCode } from './engineErrorCode.ts';

/** This run lost its job to a newer run (its lock expired); its writes are refused. */
export class RunFencedError extends EngineError {
  override readonly name = 'RunFencedError';
  readonly code = EngineErrorCode.RunFenced;
}
