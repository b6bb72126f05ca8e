import { LivenessError, LivenessErrorCode } from './livenessErrorCode.ts';

/** The diagnostic file is past its time (`LONGHAUL_DIAGNOSTICS_TTL_MS`); the sweep deletes it. */
export class DiagnosticExpiredError extends LivenessError {
  override readonly name = 'DiagnosticExpiredError';
  readonly code = LivenessErrorCode.DiagnosticExpired;
}
