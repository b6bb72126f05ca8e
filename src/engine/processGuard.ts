import type { Logger } from '../logging/logger.ts';
import { runScopeStorage } from './runScope.ts';
import { UncaughtExceptionError, UnhandledRejectionError } from './errors/index.ts';

/** Options of {@link installProcessGuard}. */
export interface ProcessGuardOptions {
  logger: Logger;
  /** Bounded cleanup before exiting after an uncaught exception (e.g. release every running job). */
  onFatal: () => Promise<void>;
  /** Longest the cleanup may take; default 5000 ms. */
  cleanupTimeoutMs?: number;
  /** Exit function (tests replace it); default `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Catches what escapes job code. An unhandled rejection fails the run that caused it (found through
 * its async context) and the process keeps serving. An uncaught exception is logged with its job,
 * that job is released for its retry, and the process exits non-zero after a bounded cleanup:
 * Node's guidance is that resuming after one is unsafe. The supervisor starts a fresh process.
 */
export function installProcessGuard(options: ProcessGuardOptions): () => void {
  const { logger, onFatal, cleanupTimeoutMs = 5000, exit = (code: number) => process.exit(code) } = options;
  let exiting = false;

  const onRejection = (reason: unknown): void => {
    const scope = runScopeStorage.getStore();
    const message = reason instanceof Error ? reason.message : String(reason);
    if (scope === undefined) {
      logger.error({ err: reason }, 'unhandled promise rejection outside any job; process keeps serving');
      return;
    }
    logger.error({ err: reason, jobId: scope.jobId, jobType: scope.jobType, attempt: scope.attempt }, 'unhandled promise rejection in a job; failing its attempt');
    scope.fault(new UnhandledRejectionError(`unhandled promise rejection: ${message}`, { cause: reason }));
  };

  const onException = (error: Error): void => {
    const scope = runScopeStorage.getStore();
    logger.fatal({ err: error, jobId: scope?.jobId, jobType: scope?.jobType, attempt: scope?.attempt }, 'uncaught exception; releasing jobs and exiting');
    if (exiting) return;
    exiting = true;
    const cleanup = (async () => {
      if (scope !== undefined) await scope.releaseForExit(new UncaughtExceptionError(`uncaught exception: ${error.message}`, { cause: error }));
      await onFatal();
    })();
    const deadline = new Promise((resolve) => setTimeout(resolve, cleanupTimeoutMs).unref());
    void Promise.race([cleanup, deadline])
      .catch((cleanupError: unknown) => logger.error({ err: cleanupError }, 'cleanup after uncaught exception failed'))
      .finally(() => {
        logger.flush();
        exit(1);
      });
  };

  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
