import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** The process could not write the requested diagnostics. */
export class DiagnosticsFailedError extends LivenessError {
  override readonly name = 'DiagnosticsFailedError';
  readonly code = LivenessErrorCode.DiagnosticsFailed;
}
