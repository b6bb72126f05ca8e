import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** No diagnostic file has this id. */
export class DiagnosticNotFoundError extends LivenessError {
  override readonly name = 'DiagnosticNotFoundError';
  readonly code = LivenessErrorCode.DiagnosticNotFound;
}
