import type { Logger } from '../logging/logger.ts';

/** Time a process is given past its shutdown timeout to report and exit before it is made to (ms). */
export const SHUTDOWN_GRACE_MS = 2000;

/**
 * Runs `shutdown` once on SIGTERM or SIGINT (or when the supervising parent goes away: its IPC channel
 * closes), then exits 0; exits 1 if it fails or takes longer than `timeoutMs` (+ {@link SHUTDOWN_GRACE_MS}). A second signal exits at once.
 */
export function onShutdownSignal(logger: Logger, timeoutMs: number, shutdown: (signal: NodeJS.Signals) => Promise<void>): void {
  let started = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (started) {
      logger.warn({ signal }, 'second signal; exiting now');
      process.exit(1);
    }
    started = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long; exiting');
      logger.flush();
      process.exit(1);
    }, timeoutMs + SHUTDOWN_GRACE_MS);
    shutdown(signal).then(
      () => {
        clearTimeout(deadline);
        logger.info('stopped');
        logger.flush();
        setImmediate(() => process.exit(0));
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  // A worker whose supervisor died (even by SIGKILL) must not run on as an orphan; the parent may
  // already be gone by the time this is installed.
  if (process.env.LONGHAUL_SUPERVISED === '1') {
    if (!process.connected) handler('SIGTERM');
    else
      process.once('disconnect', () => {
        if (!started) handler('SIGTERM');
      });
  }
}
