/** Variables a child process (worker, embedded database) gets from its parent, by exact name. */
const ALLOWED_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'SYSTEMROOT',
  'NODE_ENV',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'NODE_V8_COVERAGE',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'LOG_LEVEL',
  'FORCE_COLOR',
  'NO_COLOR',
]);

/** Variables a child gets by prefix: longhaul's own settings, locale, tsx's. */
const ALLOWED_PREFIXES = ['LONGHAUL_', 'LC_', 'TSX_'];

/**
 * Names never passed to a child even when their prefix is allowed: API keys, encryption keys, tokens,
 * passwords, webhook URLs (which carry a secret in their path). What a worker does need of them
 * (`LONGHAUL_SECRET_KEYS`, a `MONGODB_URI` with a password) reaches it over its IPC channel instead.
 */
export const SECRET_VARIABLE = /KEY|SECRET|TOKEN|PASSW|CREDENTIAL|WEBHOOK/i;

/**
 * The environment of a child process: only the allow-listed variables of `env` (system basics, proxy and
 * CA settings, `LONGHAUL_*` settings), never one whose name looks secret ({@link SECRET_VARIABLE}), then
 * `extra` (not filtered: the caller vouches for it). So a worker's `/proc/<pid>/environ` and its diagnostic
 * reports hold no API key, encryption key or database password.
 */
export function childEnvironment(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || SECRET_VARIABLE.test(name)) continue;
    if (ALLOWED_NAMES.has(name) || ALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix))) child[name] = value;
  }
  return { ...child, ...extra };
}
