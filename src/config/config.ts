import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseApiKeys, type ApiKeyGrant } from './apiKeys.ts';

/** Fully resolved service configuration; built once from the environment by {@link loadConfig}. */
export interface Config {
  /** HTTP port of the API (`PORT`, default 4000; 0 picks a free port). */
  port: number;
  /** Interface the API listens on (`HOST`, default `127.0.0.1`). */
  host: string;
  /** `MONGODB_URI`; when absent an embedded database is started. */
  mongodbUri: string | undefined;
  /** Database name (`LONGHAUL_DB`, default `longhaul`; a database in the URI path wins). */
  dbName: string;
  /** Folder for the embedded database's data (`LONGHAUL_DATA_DIR`, default `.longhaul-data`). */
  dataDir: string;
  /** API keys and their grants (`LONGHAUL_API_KEYS` or `LONGHAUL_API_KEYS_FILE`). */
  apiKeys: Map<string, ApiKeyGrant>;
  /** The key generated because none was configured; printed at start. */
  generatedDevKey: string | undefined;
  /** pino level (`LOG_LEVEL`, default `info`). */
  logLevel: string;
  /** `NODE_ENV === 'production'`. */
  production: boolean;
  /**
   * Serve GraphiQL at `/graphiql` (`LONGHAUL_GRAPHIQL`: `auto`, `on` or `off`; default `auto`, which is on
   * except with `NODE_ENV=production`).
   */
  graphiql: boolean;
  /** Answer introspection queries: on except with `NODE_ENV=production`, where `LONGHAUL_GRAPHIQL=on` turns it on (GraphiQL needs it). */
  introspection: boolean;
  /** Worker processes the supervisor keeps running (`LONGHAUL_WORKERS`, default 1). */
  workerProcesses: number;
  /** Jobs one worker process runs at once, all types together (`LONGHAUL_CONCURRENCY`, default 20). */
  globalConcurrency: number;
  /** Agenda's polling interval, the fallback when a wake-up is missed (`LONGHAUL_PROCESS_EVERY_MS`, default 2000). */
  processEveryMs: number;
  /** How often a running job refreshes its lock and heartbeat (`LONGHAUL_HEARTBEAT_MS`, default 5000). */
  heartbeatMs: number;
  /** Overrides every job type's lock lifetime when set (`LONGHAUL_LOCK_LIFETIME_MS`). */
  lockLifetimeMs: number | undefined;
  /** Overrides every job type's initial backoff delay when set (`LONGHAUL_BACKOFF_MS`). */
  backoffMs: number | undefined;
  /** Minimum interval between two persisted progress updates of one job (`LONGHAUL_PROGRESS_INTERVAL_MS`, default 100). */
  progressIntervalMs: number;
  /** Events the capped bus collection keeps (`LONGHAUL_BUS_MAX_EVENTS`, default 5000). */
  busMaxEvents: number;
  /** How the bus reader waits for new events (`LONGHAUL_BUS_WAIT`: `auto`, `server` or `client`; default `auto`). */
  busWait: 'auto' | 'server' | 'client';
  /** Time a shutdown may take before the process exits anyway (`LONGHAUL_SHUTDOWN_TIMEOUT_MS`, default 10000). */
  shutdownTimeoutMs: number;
  /**
   * Keys sealing org credentials (`LONGHAUL_SECRET_KEYS`: `keyId:base64key,...`, 32-byte keys, the first seals).
   * Unset: a development key is generated once in `<dataDir>/secret-keys`; required when `NODE_ENV=production`.
   */
  secretKeys: string | undefined;
  /** Query limits (`LONGHAUL_MAX_DEPTH` 12, `LONGHAUL_MAX_ALIASES` 15, `LONGHAUL_MAX_COST` 5000). */
  limits: { maxDepth: number; maxAliases: number; maxCost: number };
}

/** Error for an environment that cannot be turned into a {@link Config}. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalInt = z.coerce.number().int().min(1).optional();

const EnvSchema = z.object({
  PORT: int(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  LONGHAUL_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).default('longhaul'),
  LONGHAUL_DATA_DIR: z.string().min(1).default('.longhaul-data'),
  LONGHAUL_API_KEYS: z.string().optional(),
  LONGHAUL_API_KEYS_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
  LONGHAUL_GRAPHIQL: z.enum(['auto', 'on', 'off']).default('auto'),
  LONGHAUL_WORKERS: int(1, 0),
  LONGHAUL_CONCURRENCY: int(20, 1),
  LONGHAUL_PROCESS_EVERY_MS: int(2000, 50),
  LONGHAUL_HEARTBEAT_MS: int(5000, 50),
  LONGHAUL_LOCK_LIFETIME_MS: optionalInt,
  LONGHAUL_BACKOFF_MS: z.coerce.number().int().min(0).optional(),
  LONGHAUL_PROGRESS_INTERVAL_MS: int(100, 0),
  LONGHAUL_BUS_MAX_EVENTS: int(5000, 100),
  LONGHAUL_BUS_WAIT: z.enum(['auto', 'server', 'client']).default('auto'),
  LONGHAUL_SHUTDOWN_TIMEOUT_MS: int(10_000, 100),
  LONGHAUL_SECRET_KEYS: z.string().optional(),
  LONGHAUL_MAX_DEPTH: int(12, 2),
  LONGHAUL_MAX_ALIASES: int(15, 1),
  LONGHAUL_MAX_COST: int(5000, 10),
});

/** Reads and validates the environment; throws {@link ConfigError} naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  let spec = e.LONGHAUL_API_KEYS ?? '';
  if (e.LONGHAUL_API_KEYS_FILE !== undefined) spec += `\n${readFileSync(e.LONGHAUL_API_KEYS_FILE, 'utf8')}`;
  let apiKeys: Map<string, ApiKeyGrant>;
  try {
    apiKeys = parseApiKeys(spec);
  } catch (error) {
    throw new ConfigError(`invalid API keys: ${(error as Error).message}`);
  }
  if (e.NODE_ENV === 'production' && (e.LONGHAUL_SECRET_KEYS ?? '') === '') {
    throw new ConfigError('LONGHAUL_SECRET_KEYS is required in production (keyId:base64key, 32-byte keys); see README');
  }
  let generatedDevKey: string | undefined;
  if (apiKeys.size === 0) {
    generatedDevKey = `dev-${randomBytes(18).toString('base64url')}`;
    apiKeys.set(generatedDevKey, { tenantId: 'dev', operator: true });
  }
  return {
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dbName: e.LONGHAUL_DB,
    dataDir: resolve(e.LONGHAUL_DATA_DIR),
    apiKeys,
    generatedDevKey,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    graphiql: e.LONGHAUL_GRAPHIQL === 'on' || (e.LONGHAUL_GRAPHIQL === 'auto' && e.NODE_ENV !== 'production'),
    introspection: e.NODE_ENV !== 'production' || e.LONGHAUL_GRAPHIQL === 'on',
    workerProcesses: e.LONGHAUL_WORKERS,
    globalConcurrency: e.LONGHAUL_CONCURRENCY,
    processEveryMs: e.LONGHAUL_PROCESS_EVERY_MS,
    heartbeatMs: e.LONGHAUL_HEARTBEAT_MS,
    lockLifetimeMs: e.LONGHAUL_LOCK_LIFETIME_MS,
    backoffMs: e.LONGHAUL_BACKOFF_MS,
    progressIntervalMs: e.LONGHAUL_PROGRESS_INTERVAL_MS,
    busMaxEvents: e.LONGHAUL_BUS_MAX_EVENTS,
    busWait: e.LONGHAUL_BUS_WAIT,
    shutdownTimeoutMs: e.LONGHAUL_SHUTDOWN_TIMEOUT_MS,
    secretKeys: e.LONGHAUL_SECRET_KEYS === '' ? undefined : e.LONGHAUL_SECRET_KEYS,
    limits: { maxDepth: e.LONGHAUL_MAX_DEPTH, maxAliases: e.LONGHAUL_MAX_ALIASES, maxCost: e.LONGHAUL_MAX_COST },
  };
}
