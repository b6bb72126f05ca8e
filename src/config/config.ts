import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { apiKeyDigest, parseApiKeys, type ApiKeyGrant, type ApiKeySource } from './apiKeys.ts';
import { parseMonitoringConfig, type MonitoringConfig } from './monitoringConfig.ts';
import { parseScheduleConfig, type ScheduleConfig } from './scheduleConfig.ts';
import { parseEgressConfig, type EgressConfig } from './egressConfig.ts';
import { parseDiagnosticsConfig, type DiagnosticsConfig } from './diagnosticsConfig.ts';
import { parseJobLimitsConfig, type JobLimitsConfig } from './jobLimitsConfig.ts';
import { parseRetentionConfig, type RetentionConfig } from './retentionConfig.ts';
import { parseApiLimitsConfig, type ApiLimitsConfig } from './apiLimitsConfig.ts';

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
  /** First delay before the embedded database is restarted after it died, doubling per quick failure up to 30 s (`LONGHAUL_DB_RESTART_DELAY_MS`, default 500). */
  dbRestartDelayMs: number;
  /**
   * API keys and their grants (`LONGHAUL_API_KEYS` and `LONGHAUL_API_KEYS_FILE`), under the SHA-256 digest of
   * each key (see `apiKeys.ts`); required with `NODE_ENV=production`.
   */
  apiKeys: Map<string, ApiKeyGrant>;
  /** The key generated because none was configured (never with `NODE_ENV=production`); printed at start. */
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
  /**
   * Register the demo job types `demo.*` (`LONGHAUL_DEMO_JOBS`: `auto`, `on` or `off`; default `auto`, which is on
   * except with `NODE_ENV=production`). Off, `createJob` of a demo type is an unknown job type.
   */
  demoJobs: boolean;
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
  /** Query limits (`LONGHAUL_MAX_DEPTH` 12, `LONGHAUL_MAX_ALIASES` 15, `LONGHAUL_MAX_COST` 20000: see `OperationLimits` for how a cost is estimated). */
  limits: { maxDepth: number; maxAliases: number; maxCost: number };
  /** Page sizes, list sizes, response size, subscriptions and connections (`LONGHAUL_MAX_*`); see `apiLimitsConfig.ts`. */
  apiLimits: ApiLimitsConfig;
  /** Worker registry, zombie detection and hang diagnostics. */
  liveness: {
    /** How often every process heartbeats in the `workers` registry (`LONGHAUL_WORKER_HEARTBEAT_MS`, default 5000). */
    workerHeartbeatMs: number;
    /** Missed registry heartbeats after which a worker counts as lost (`LONGHAUL_WORKER_LOST_INTERVALS`, default 3). */
    workerLostIntervals: number;
    /** How often each worker process looks for zombies (`LONGHAUL_ZOMBIE_CHECK_MS`, default: the worker heartbeat interval). */
    zombieCheckMs: number;
    /** Overrides every job type's `hang.noProgressMs` when set (`LONGHAUL_NO_PROGRESS_MS`). */
    noProgressMs: number | undefined;
    /** Overrides every job type's `hang.heartbeatStallMs` when set (`LONGHAUL_HEARTBEAT_STALL_MS`). */
    heartbeatStallMs: number | undefined;
    /** A supervised worker that answers no IPC ping for this long counts as blocked and is restarted (`LONGHAUL_BLOCKED_AFTER_MS`, default 30000). */
    blockedAfterMs: number;
    /** How long the supervisor waits for a blocked worker's report before it kills it (`LONGHAUL_REPORT_WAIT_MS`, default 5000). */
    reportWaitMs: number;
    /**
     * Report a blocked worker from inside its blocking code through its inspector, opened on 127.0.0.1 only
     * once the worker is found blocked and killed right after (`LONGHAUL_BLOCKED_INSPECTOR`: `on` or `off`, default `on`).
     */
    inspectBlocked: boolean;
    /** How long `captureDiagnostics` waits for the worker's answer (`LONGHAUL_DIAGNOSTICS_TIMEOUT_MS`, default 30000). */
    captureTimeoutMs: number;
  };
  /** How longhaul talks to Salesforce orgs. */
  salesforce: {
    /** Longest wait for one Salesforce call before it counts as timed out and is retried (`LONGHAUL_SALESFORCE_TIMEOUT_MS`, default 120000). */
    requestTimeoutMs: number;
    /** Share (0..1) of an org's daily API requests a backup may use before it pauses (`LONGHAUL_SALESFORCE_BUDGET_SHARE`, default 0.5). */
    budgetShare: number;
    /** How often a backup paused for budget reads the org's limits again (`LONGHAUL_SALESFORCE_BUDGET_CHECK_MS`, default 60000). */
    budgetCheckMs: number;
    /** How long `org(id)` reuses the limits it read (`LONGHAUL_SALESFORCE_LIMITS_CACHE_MS`, default 60000; 0 reads every time). */
    limitsCacheMs: number;
  };
  /** Backups of Salesforce orgs. */
  backup: {
    /** Objects with at least this many records are read with Bulk API 2.0, smaller ones with REST (`LONGHAUL_BACKUP_BULK_THRESHOLD`, default 10000). */
    bulkThreshold: number;
    /** Records per Bulk 2.0 result page (`maxRecords`), one stored part each; memory follows it (`LONGHAUL_BACKUP_BULK_PAGE_SIZE`, default 5000). */
    bulkPageSize: number;
    /** Interval between polls of a Bulk 2.0 query job (`LONGHAUL_BACKUP_BULK_POLL_MS`, default 1000). */
    bulkPollMs: number;
    /** Tries of one Salesforce call that fails with a retryable error, in backups and restores (`LONGHAUL_BACKUP_CALL_TRIES`, default 6). */
    callTries: number;
    /** First delay between those tries, doubling up to 30 s (`LONGHAUL_BACKUP_CALL_BACKOFF_MS`, default 500). */
    callBackoffMs: number;
    /** Margin for clock skew subtracted from an incremental backup's starting point (`LONGHAUL_BACKUP_CLOCK_SKEW_MS`, default 300000). */
    clockSkewMs: number;
  };
  /**
   * The Salesforce sandbox org `longhaul all` starts (`LONGHAUL_SANDBOX`: `on` or `off`, default `on`; never with
   * `NODE_ENV=production`; `LONGHAUL_SANDBOX_PORT` 4100, `LONGHAUL_SANDBOX_RECORDS` 2000, `LONGHAUL_SANDBOX_SEED` 42;
   * `LONGHAUL_SANDBOX_ADMIN_TOKEN`: the token of its admin API, default generated at start and printed).
   */
  sandbox: { enabled: boolean; port: number; records: number; seed: number; adminToken: string | undefined };
  /** Metrics access and alert rules (`LONGHAUL_METRICS*`, `LONGHAUL_ALERT*`); see `monitoringConfig.ts`. */
  monitoring: MonitoringConfig;
  /** Schedules: ticker, misfire grace, catch-up cap (`LONGHAUL_SCHEDULE_*`); see `scheduleConfig.ts`. */
  schedules: ScheduleConfig;
  /** Where Salesforce requests may go (`LONGHAUL_SALESFORCE_ALLOWED_HOSTS`, `LONGHAUL_SALESFORCE_ALLOW_LOOPBACK`); see `egressConfig.ts`. */
  salesforceEgress: EgressConfig;
  /** Heap snapshots (opt-in) and how long diagnostics are kept (`LONGHAUL_HEAP_SNAPSHOTS`, `LONGHAUL_DIAGNOSTICS_*`); see `diagnosticsConfig.ts`. */
  diagnostics: DiagnosticsConfig;
  /** Per-tenant job quotas, priority range and log cap (`LONGHAUL_TENANT_*`, `LONGHAUL_JOB_LOG_MAX_LINES`); see `jobLimitsConfig.ts`. */
  jobLimits: JobLimitsConfig;
  /** How long finished jobs, restores, exports, zombies and alerts are kept, and how the sweep paces itself (`LONGHAUL_RETAIN_*`); see `retentionConfig.ts`. */
  retention: RetentionConfig;
  /** How restores write. */
  restore: {
    /** Objects with more records are written through Bulk 2.0 ingest, smaller ones through sObject Collections (`LONGHAUL_RESTORE_BULK_THRESHOLD`, default 2000). */
    bulkThreshold: number;
    /** Records per Bulk ingest job, one checkpoint each (`LONGHAUL_RESTORE_BULK_BATCH`, default 10000). */
    bulkBatchSize: number;
    /** Interval between polls of a Bulk ingest job (`LONGHAUL_RESTORE_BULK_POLL_MS`, default 1000). */
    bulkPollMs: number;
  };
  /** CSV exports. */
  exports: {
    /** How long a finished export can be downloaded (`LONGHAUL_EXPORT_TTL_MS`, default 86400000: a day). */
    ttlMs: number;
  };
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
  LONGHAUL_DB_RESTART_DELAY_MS: int(500, 1),
  LONGHAUL_API_KEYS: z.string().optional(),
  LONGHAUL_API_KEYS_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
  LONGHAUL_GRAPHIQL: z.enum(['auto', 'on', 'off']).default('auto'),
  LONGHAUL_DEMO_JOBS: z.enum(['auto', 'on', 'off']).default('auto'),
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
  LONGHAUL_MAX_COST: int(20_000, 10),
  LONGHAUL_WORKER_HEARTBEAT_MS: int(5000, 50),
  LONGHAUL_WORKER_LOST_INTERVALS: int(3, 2),
  LONGHAUL_ZOMBIE_CHECK_MS: optionalInt,
  LONGHAUL_NO_PROGRESS_MS: optionalInt,
  LONGHAUL_HEARTBEAT_STALL_MS: optionalInt,
  LONGHAUL_BLOCKED_AFTER_MS: int(30_000, 100),
  LONGHAUL_REPORT_WAIT_MS: int(5000, 0),
  LONGHAUL_BLOCKED_INSPECTOR: z.enum(['on', 'off']).default('on'),
  LONGHAUL_DIAGNOSTICS_TIMEOUT_MS: int(30_000, 100),
  LONGHAUL_SALESFORCE_TIMEOUT_MS: int(120_000, 100),
  LONGHAUL_SALESFORCE_BUDGET_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
  LONGHAUL_SALESFORCE_BUDGET_CHECK_MS: int(60_000, 10),
  LONGHAUL_SALESFORCE_LIMITS_CACHE_MS: int(60_000, 0),
  LONGHAUL_BACKUP_BULK_THRESHOLD: int(10_000, 0),
  LONGHAUL_BACKUP_BULK_PAGE_SIZE: int(5000, 1),
  LONGHAUL_BACKUP_BULK_POLL_MS: int(1000, 10),
  LONGHAUL_BACKUP_CALL_TRIES: int(6, 1),
  LONGHAUL_BACKUP_CALL_BACKOFF_MS: int(500, 0),
  LONGHAUL_BACKUP_CLOCK_SKEW_MS: int(300_000, 0),
  LONGHAUL_RESTORE_BULK_THRESHOLD: int(2000, 0),
  LONGHAUL_RESTORE_BULK_BATCH: int(10_000, 1),
  LONGHAUL_RESTORE_BULK_POLL_MS: int(1000, 10),
  LONGHAUL_EXPORT_TTL_MS: int(86_400_000, 1000),
  LONGHAUL_SANDBOX: z.enum(['on', 'off']).default('on'),
  LONGHAUL_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  LONGHAUL_SANDBOX_RECORDS: int(2000, 0),
  LONGHAUL_SANDBOX_SEED: int(42, 0),
  LONGHAUL_SANDBOX_ADMIN_TOKEN: z.string().regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 printable characters without spaces').optional(),
});

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /**
   * A worker process serves no API: its supervisor passes it no API keys, and none is read or generated
   * (`apiKeys` is empty). Default false.
   */
  withoutApiKeys?: boolean;
}

/** Reads and validates the environment; throws {@link ConfigError} naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const keySources: ApiKeySource[] = [];
  if (options.withoutApiKeys !== true) {
    keySources.push({ label: 'LONGHAUL_API_KEYS', numbering: 'entry', text: e.LONGHAUL_API_KEYS ?? '' });
    if (e.LONGHAUL_API_KEYS_FILE !== undefined && e.LONGHAUL_API_KEYS_FILE !== '') {
      keySources.push({ label: `LONGHAUL_API_KEYS_FILE (${e.LONGHAUL_API_KEYS_FILE})`, numbering: 'line', text: readFileSync(e.LONGHAUL_API_KEYS_FILE, 'utf8') });
    }
  }
  const apiKeys: Map<string, ApiKeyGrant> = section('API keys', () => parseApiKeys(keySources));
  if (e.NODE_ENV === 'production' && apiKeys.size === 0 && options.withoutApiKeys !== true) {
    throw new ConfigError('no API keys configured: set LONGHAUL_API_KEYS or LONGHAUL_API_KEYS_FILE (with NODE_ENV=production no development key is generated); see README');
  }
  if (e.NODE_ENV === 'production' && (e.LONGHAUL_SECRET_KEYS ?? '') === '') {
    throw new ConfigError('LONGHAUL_SECRET_KEYS is required in production (keyId:base64key, 32-byte keys); see README');
  }
  const monitoring: MonitoringConfig = section('monitoring configuration', () => parseMonitoringConfig(env));
  const schedules: ScheduleConfig = section('schedule configuration', () => parseScheduleConfig(env));
  const salesforceEgress: EgressConfig = section('Salesforce egress configuration', () => parseEgressConfig(env));
  const diagnostics: DiagnosticsConfig = section('diagnostics configuration', () => parseDiagnosticsConfig(env));
  const jobLimits: JobLimitsConfig = section('job limits', () => parseJobLimitsConfig(env));
  const retention: RetentionConfig = section('retention configuration', () => parseRetentionConfig(env));
  const apiLimits: ApiLimitsConfig = section('API limits', () => parseApiLimitsConfig(env));
  let generatedDevKey: string | undefined;
  if (apiKeys.size === 0 && options.withoutApiKeys !== true) {
    generatedDevKey = `dev-${randomBytes(18).toString('base64url')}`;
    apiKeys.set(apiKeyDigest(generatedDevKey), { tenantId: 'dev', operator: true });
  }
  return {
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dbName: e.LONGHAUL_DB,
    dataDir: resolve(e.LONGHAUL_DATA_DIR),
    dbRestartDelayMs: e.LONGHAUL_DB_RESTART_DELAY_MS,
    apiKeys,
    generatedDevKey,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    graphiql: e.LONGHAUL_GRAPHIQL === 'on' || (e.LONGHAUL_GRAPHIQL === 'auto' && e.NODE_ENV !== 'production'),
    introspection: e.NODE_ENV !== 'production' || e.LONGHAUL_GRAPHIQL === 'on',
    demoJobs: e.LONGHAUL_DEMO_JOBS === 'on' || (e.LONGHAUL_DEMO_JOBS === 'auto' && e.NODE_ENV !== 'production'),
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
    apiLimits,
    liveness: {
      workerHeartbeatMs: e.LONGHAUL_WORKER_HEARTBEAT_MS,
      workerLostIntervals: e.LONGHAUL_WORKER_LOST_INTERVALS,
      zombieCheckMs: e.LONGHAUL_ZOMBIE_CHECK_MS ?? e.LONGHAUL_WORKER_HEARTBEAT_MS,
      noProgressMs: e.LONGHAUL_NO_PROGRESS_MS,
      heartbeatStallMs: e.LONGHAUL_HEARTBEAT_STALL_MS,
      blockedAfterMs: e.LONGHAUL_BLOCKED_AFTER_MS,
      reportWaitMs: e.LONGHAUL_REPORT_WAIT_MS,
      inspectBlocked: e.LONGHAUL_BLOCKED_INSPECTOR === 'on',
      captureTimeoutMs: e.LONGHAUL_DIAGNOSTICS_TIMEOUT_MS,
    },
    salesforce: {
      requestTimeoutMs: e.LONGHAUL_SALESFORCE_TIMEOUT_MS,
      budgetShare: e.LONGHAUL_SALESFORCE_BUDGET_SHARE,
      budgetCheckMs: e.LONGHAUL_SALESFORCE_BUDGET_CHECK_MS,
      limitsCacheMs: e.LONGHAUL_SALESFORCE_LIMITS_CACHE_MS,
    },
    backup: {
      bulkThreshold: e.LONGHAUL_BACKUP_BULK_THRESHOLD,
      bulkPageSize: e.LONGHAUL_BACKUP_BULK_PAGE_SIZE,
      bulkPollMs: e.LONGHAUL_BACKUP_BULK_POLL_MS,
      callTries: e.LONGHAUL_BACKUP_CALL_TRIES,
      callBackoffMs: e.LONGHAUL_BACKUP_CALL_BACKOFF_MS,
      clockSkewMs: e.LONGHAUL_BACKUP_CLOCK_SKEW_MS,
    },
    sandbox: { enabled: e.LONGHAUL_SANDBOX === 'on', port: e.LONGHAUL_SANDBOX_PORT, records: e.LONGHAUL_SANDBOX_RECORDS, seed: e.LONGHAUL_SANDBOX_SEED, adminToken: e.LONGHAUL_SANDBOX_ADMIN_TOKEN },
    monitoring,
    schedules,
    salesforceEgress,
    diagnostics,
    jobLimits,
    retention,
    restore: { bulkThreshold: e.LONGHAUL_RESTORE_BULK_THRESHOLD, bulkBatchSize: e.LONGHAUL_RESTORE_BULK_BATCH, bulkPollMs: e.LONGHAUL_RESTORE_BULK_POLL_MS },
    exports: { ttlMs: e.LONGHAUL_EXPORT_TTL_MS },
  };
}

/** Parses one section of the configuration; its error becomes a {@link ConfigError} naming the section. */
function section<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ConfigError(`invalid ${name}: ${(error as Error).message}`);
  }
}
