export * from './livenessErrorCode.ts';
export * from './diagnosticNotFoundError.ts';
export * from './diagnosticsFailedError.ts';
export * from './diagnosticsTimeoutError.ts';
export * from './workerNotFoundError.ts';
export * from './workerUnavailableError.ts';
