import { pino, type Logger } from 'pino';

export type { Logger };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** pino level; default `info`. */
  level?: string;
  /** Fields on every line (role, pid are added by pino). */
  base?: Record<string, unknown>;
}

/** Field names whose value is a secret wherever they appear (top level, or one or two levels down). */
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
  'connectionParams',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'secret',
  'secrets',
  'secretKeys',
  'apiKey',
  'apiKeys',
  'sessionId',
  'credentials',
];

/**
 * Paths pino redacts: every {@link SECRET_FIELDS} name at the top, one and two levels down (`err.config.password`,
 * `req.headers.authorization`), and headers at any of those levels.
 */
export const REDACTED_LOG_PATHS = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key.startsWith('[') ? key : field, join('*'), join('*.*')];
});

/**
 * The process logger: JSON lines on stderr (stdout stays free for CLI output).
 * Secrets never reach it: authorization headers, WebSocket connection params, tokens, passwords, keys and
 * credentials are redacted ({@link REDACTED_LOG_PATHS}).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...options.base },
      redact: {
        paths: REDACTED_LOG_PATHS,
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: false }),
  );
}
