import type { z } from 'zod';
import type { JobContext } from './jobContext.ts';

/** Retry timing of a job type: exponential backoff with jitter. */
export interface BackoffSettings {
  /** First retry delay in ms; default 1000. */
  delayMs?: number;
  /** Multiplier per attempt; default 2. */
  factor?: number;
  /** Longest delay in ms; default 5 minutes. */
  maxDelayMs?: number;
  /** Random share of the delay, 0-1; default 0.2. */
  jitter?: number;
}

/** Defaults a job type sets for its jobs. */
export interface JobTypeDefaults {
  /** Higher runs first; default 0. */
  priority?: number;
  /** Jobs of this type one worker process runs at once; default 10. */
  concurrency?: number;
  /** Attempts before the job fails; default 3. */
  maxAttempts?: number;
  /** Retry timing; see {@link BackoffSettings}. */
  backoff?: BackoffSettings;
  /** How long a run's lock lasts without a heartbeat before another worker may take the job; default 60 s. */
  lockLifetimeMs?: number;
}

/**
 * A job type plugin: its name, input schema, defaults and the function that runs one attempt.
 * `run` returns the job's result (JSON), resumes from `ctx.checkpoint()` and stops when `ctx.signal` fires.
 */
export interface JobType<Input = unknown, Checkpoint = unknown, Result = unknown> {
  /** Unique name, `family.action` (e.g. `demo.count`). */
  name: string;
  /** One sentence for `jobTypes` and GraphiQL. */
  description: string;
  /** Validates input when the job is created (and again when it runs). */
  input: z.ZodType<Input>;
  defaults?: JobTypeDefaults;
  run(ctx: JobContext<Input, Checkpoint>): Promise<Result>;
}

/** A job type with every default resolved. */
export interface ResolvedJobType extends JobType<unknown, unknown, unknown> {
  resolved: Required<Omit<JobTypeDefaults, 'backoff'>> & { backoff: Required<BackoffSettings> };
}

/** Identity helper that keeps a plugin's generic types while it is declared. */
export function defineJobType<Input, Checkpoint, Result>(type: JobType<Input, Checkpoint, Result>): JobType<Input, Checkpoint, Result> {
  return type;
}
