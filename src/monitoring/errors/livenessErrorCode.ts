/** Stable codes of the worker registry's, zombie detector's and diagnostics' errors; the API maps them to `extensions.code`. */
export const LivenessErrorCode = {
  WorkerNotFound: 'WORKER_NOT_FOUND',
  WorkerUnavailable: 'WORKER_UNAVAILABLE',
  DiagnosticNotFound: 'DIAGNOSTIC_NOT_FOUND',
  DiagnosticsTimeout: 'DIAGNOSTICS_TIMEOUT',
  DiagnosticsFailed: 'DIAGNOSTICS_FAILED',
  DiagnosticExpired: 'DIAGNOSTIC_EXPIRED',
  DiagnosticsForbidden: 'DIAGNOSTICS_FORBIDDEN',
  HeapSnapshotsDisabled: 'HEAP_SNAPSHOTS_DISABLED',
  InvalidAlertRule: 'INVALID_ALERT_RULE',
} as const;
export type LivenessErrorCode = (typeof LivenessErrorCode)[keyof typeof LivenessErrorCode];

/** Base of the liveness errors: a stable {@link LivenessErrorCode}. */
export abstract class LivenessError extends Error {
  abstract readonly code: LivenessErrorCode;
}
