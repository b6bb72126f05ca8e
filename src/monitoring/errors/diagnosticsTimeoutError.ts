import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** The process did not answer a capture request in time. */
export class DiagnosticsTimeoutError extends LivenessError {
  override readonly name = 'DiagnosticsTimeoutError';
  readonly code = LivenessErrorCode.DiagnosticsTimeout;
}
