import { z } from 'zod';

/** Settings of recurring jobs (schedules): the ticker every worker process runs, and catch-up after downtime. */
export interface ScheduleConfig {
  /** How often each worker process looks for due schedules (`LONGHAUL_SCHEDULE_TICK_MS`, default 1000). */
  tickMs: number;
  /**
   * How late an occurrence may be noticed and still count as on time (`LONGHAUL_SCHEDULE_MISFIRE_GRACE_MS`,
   * default 60000). Later ones were missed (every process was down) and follow the schedule's `catchUp`.
   */
  misfireGraceMs: number;
  /** Most missed occurrences one `catchUp: ALL` creates jobs for, the latest ones (`LONGHAUL_SCHEDULE_CATCH_UP_MAX`, default 100). */
  catchUpMax: number;
}

/** Defaults of {@link ScheduleConfig}. */
export const DEFAULT_SCHEDULE_CONFIG: ScheduleConfig = { tickMs: 1000, misfireGraceMs: 60_000, catchUpMax: 100 };

const int = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max).default(fallback);

const EnvSchema = z.object({
  LONGHAUL_SCHEDULE_TICK_MS: int(DEFAULT_SCHEDULE_CONFIG.tickMs, 100),
  LONGHAUL_SCHEDULE_MISFIRE_GRACE_MS: int(DEFAULT_SCHEDULE_CONFIG.misfireGraceMs, 0),
  LONGHAUL_SCHEDULE_CATCH_UP_MAX: int(DEFAULT_SCHEDULE_CONFIG.catchUpMax, 1, 10_000),
});

/** Reads the schedule settings from the environment; throws an `Error` naming every bad variable. */
export function parseScheduleConfig(env: NodeJS.ProcessEnv): ScheduleConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = parsed.data;
  return { tickMs: e.LONGHAUL_SCHEDULE_TICK_MS, misfireGraceMs: e.LONGHAUL_SCHEDULE_MISFIRE_GRACE_MS, catchUpMax: e.LONGHAUL_SCHEDULE_CATCH_UP_MAX };
}
