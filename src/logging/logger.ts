import { pino, type Logger } from 'pino';

export type { Logger };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** pino level; default `info`. */
  level?: string;
  /** Fields on every line (role, pid are added by pino). */
  base?: Record<string, unknown>;
}

/**
 * The process logger: JSON lines on stderr (stdout stays free for CLI output).
 * Secrets never reach it: authorization headers and credentials are redacted.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...options.base },
      redact: {
        paths: ['authorization', '*.authorization', 'headers.authorization', 'password', '*.password', 'clientSecret', '*.clientSecret', 'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken'],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: false }),
  );
}
