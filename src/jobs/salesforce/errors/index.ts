export * from './recoveryFailureCode.ts';
export * from './recoveryFailedError.ts';
