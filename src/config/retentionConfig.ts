import { z } from 'zod';

/**
 * How long finished things are kept before the retention sweep (`src/app/retentionSweep.ts`) deletes them, and
 * how the sweep paces itself. Every duration is `0` (keep forever) or a number with a unit: `500ms`, `30s`,
 * `15m`, `12h`, `30d` (a bare number is milliseconds). Diagnostics keep their own `LONGHAUL_DIAGNOSTICS_TTL_MS`
 * and export downloads their `LONGHAUL_EXPORT_TTL_MS` (both set an `expiresAt` when written); the sweep deletes
 * them once that time is up. Backups are pruned by their policies, not here.
 */
export interface RetentionConfig {
  /** Finished jobs (`SUCCEEDED`, `FAILED`, `CANCELLED`; not `DEBUG`) and their log lines, kept this long after they finished (`LONGHAUL_RETAIN_JOBS`, default `30d`; 0 keeps them). */
  jobsMs: number;
  /** Finished restores with their per-record results, id maps and in-flight batches (`LONGHAUL_RETAIN_RESTORES`, default `30d`; 0 keeps them). */
  restoresMs: number;
  /** Finished export records (their files go at `expiresAt`, see `LONGHAUL_EXPORT_TTL_MS`) and their lookups (`LONGHAUL_RETAIN_EXPORTS`, default `30d`; 0 keeps them). */
  exportsMs: number;
  /** Resolved zombie records (`LONGHAUL_RETAIN_ZOMBIES`, default `30d`; 0 keeps them). */
  zombiesMs: number;
  /** Resolved and delivered alert incidents, a rule's key all at once (`LONGHAUL_RETAIN_ALERTS`, default `90d`; 0 keeps them). */
  alertsMs: number;
  /** How often a worker process sweeps (`LONGHAUL_RETAIN_SWEEP_EVERY`, default `10m`; 0: this process never sweeps). */
  sweepEveryMs: number;
  /** Documents one delete removes at most (`LONGHAUL_RETAIN_BATCH`, default 500, at most 10,000: the size of an indexed `_id` `$in`). */
  batchSize: number;
  /** Pause between two batches, so that other work gets the database (`LONGHAUL_RETAIN_BATCH_PAUSE`, default `20ms`). */
  batchPauseMs: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration as `0`, `<n>` (ms) or `<n><unit>` with unit `ms`, `s`, `m`, `h` or `d`. */
const duration = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((text, ctx) => {
      const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text);
      if (match === null) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (0, 500ms, 30s, 15m, 12h, 30d)` });
        return z.NEVER;
      }
      return Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!;
    });

const EnvSchema = z.object({
  LONGHAUL_RETAIN_JOBS: duration('30d'),
  LONGHAUL_RETAIN_RESTORES: duration('30d'),
  LONGHAUL_RETAIN_EXPORTS: duration('30d'),
  LONGHAUL_RETAIN_ZOMBIES: duration('30d'),
  LONGHAUL_RETAIN_ALERTS: duration('90d'),
  LONGHAUL_RETAIN_SWEEP_EVERY: duration('10m'),
  LONGHAUL_RETAIN_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  LONGHAUL_RETAIN_BATCH_PAUSE: duration('20ms'),
});

/** Reads the retention settings from the environment; throws an `Error` naming every bad variable. */
export function parseRetentionConfig(env: NodeJS.ProcessEnv): RetentionConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = parsed.data;
  return {
    jobsMs: e.LONGHAUL_RETAIN_JOBS,
    restoresMs: e.LONGHAUL_RETAIN_RESTORES,
    exportsMs: e.LONGHAUL_RETAIN_EXPORTS,
    zombiesMs: e.LONGHAUL_RETAIN_ZOMBIES,
    alertsMs: e.LONGHAUL_RETAIN_ALERTS,
    sweepEveryMs: e.LONGHAUL_RETAIN_SWEEP_EVERY,
    batchSize: e.LONGHAUL_RETAIN_BATCH,
    batchPauseMs: e.LONGHAUL_RETAIN_BATCH_PAUSE,
  };
}
