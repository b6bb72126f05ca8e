import { z } from 'zod';

/**
 * Per-tenant limits on jobs, enforced in the engine whatever the door a job comes through (`createJob`,
 * `startBackup`/`startRestore`/`startExport`, schedules), and shared by every API and worker process through
 * counter documents in MongoDB. A limit set to 0 is off.
 */
export interface JobLimitsConfig {
  /**
   * Jobs a tenant may have created and not yet started (`LONGHAUL_TENANT_MAX_QUEUED`, default 1000; 0: no cap).
   * One more is refused with `QUOTA_EXCEEDED` and nothing is written.
   */
  maxQueuedPerTenant: number;
  /**
   * Jobs of one tenant running at once, across every worker process (`LONGHAUL_TENANT_MAX_RUNNING`, default 20;
   * 0: no cap). The tenant's further jobs wait (they are not failed) and start as its running jobs end.
   */
  maxRunningPerTenant: number;
  /**
   * Jobs a tenant may create per clock minute (`LONGHAUL_TENANT_CREATES_PER_MINUTE`, default 600; 0: no limit).
   * One more is refused with `RATE_LIMITED` and `retryAfterSeconds` (HTTP 429 with `Retry-After`).
   */
  createsPerMinute: number;
  /**
   * Priorities a tenant may set: -range..range (`LONGHAUL_TENANT_PRIORITY_RANGE`, default 10). Operators may
   * set -1000..1000. Out of range is `BAD_USER_INPUT` naming the range.
   */
  priorityRange: number;
  /**
   * Log lines kept per job, all attempts together (`LONGHAUL_JOB_LOG_MAX_LINES`, default 10000; 0: no cap).
   * Further lines are dropped (the job keeps running) and one last line says how many were dropped.
   */
  maxLogLinesPerJob: number;
  /**
   * How long a job held back by its tenant's running cap waits before it looks for a slot again by itself
   * (`LONGHAUL_TENANT_SLOT_RECHECK_MS`, default 60000). It is normally woken at once when one of the tenant's
   * running jobs ends; this only bounds a missed wake-up, or a slot held by a crashed worker with no job left to free it.
   */
  slotRecheckMs: number;
  /**
   * Jobs one `createJobs` batch may hold (`LONGHAUL_CREATE_JOBS_MAX`, default 1000, min 1). A larger batch is
   * `BAD_USER_INPUT` (`reason: JOB_BATCH_TOO_LARGE`) and nothing is written. A batch also counts whole against the
   * creation rate and the waiting-jobs cap above.
   */
  maxBatchSize: number;
}

/** The operator's priority range: -1000..1000. */
export const OPERATOR_PRIORITY_RANGE = 1000;

/** Defaults of {@link JobLimitsConfig}. */
export const DEFAULT_JOB_LIMITS: JobLimitsConfig = {
  maxQueuedPerTenant: 1000,
  maxRunningPerTenant: 20,
  createsPerMinute: 600,
  priorityRange: 10,
  maxLogLinesPerJob: 10_000,
  slotRecheckMs: 60_000,
  maxBatchSize: 1000,
};

const int = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max).default(fallback);

const EnvSchema = z.object({
  LONGHAUL_TENANT_MAX_QUEUED: int(DEFAULT_JOB_LIMITS.maxQueuedPerTenant, 0),
  LONGHAUL_TENANT_MAX_RUNNING: int(DEFAULT_JOB_LIMITS.maxRunningPerTenant, 0),
  LONGHAUL_TENANT_CREATES_PER_MINUTE: int(DEFAULT_JOB_LIMITS.createsPerMinute, 0),
  LONGHAUL_TENANT_PRIORITY_RANGE: int(DEFAULT_JOB_LIMITS.priorityRange, 0, OPERATOR_PRIORITY_RANGE),
  LONGHAUL_JOB_LOG_MAX_LINES: int(DEFAULT_JOB_LIMITS.maxLogLinesPerJob, 0),
  LONGHAUL_TENANT_SLOT_RECHECK_MS: int(DEFAULT_JOB_LIMITS.slotRecheckMs, 100),
  LONGHAUL_CREATE_JOBS_MAX: int(DEFAULT_JOB_LIMITS.maxBatchSize, 1),
});

/** Reads the job limits from the environment; throws an `Error` naming every bad variable. */
export function parseJobLimitsConfig(env: NodeJS.ProcessEnv): JobLimitsConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = parsed.data;
  return {
    maxQueuedPerTenant: e.LONGHAUL_TENANT_MAX_QUEUED,
    maxRunningPerTenant: e.LONGHAUL_TENANT_MAX_RUNNING,
    createsPerMinute: e.LONGHAUL_TENANT_CREATES_PER_MINUTE,
    priorityRange: e.LONGHAUL_TENANT_PRIORITY_RANGE,
    maxLogLinesPerJob: e.LONGHAUL_JOB_LOG_MAX_LINES,
    slotRecheckMs: e.LONGHAUL_TENANT_SLOT_RECHECK_MS,
    maxBatchSize: e.LONGHAUL_CREATE_JOBS_MAX,
  };
}
