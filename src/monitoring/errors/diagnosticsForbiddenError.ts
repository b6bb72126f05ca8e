import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** Only operator keys may have diagnostics written (they show every tenant's work, a heap snapshot every secret in memory). */
export class DiagnosticsForbiddenError extends LivenessError {
  override readonly name = 'DiagnosticsForbiddenError';
  readonly code = LivenessErrorCode.DiagnosticsForbidden;
}
