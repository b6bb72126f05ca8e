import type { z } from 'zod';
import type { DebugQueueSettings } from './debugQueueSettings.ts';
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

/** What a run of a hung job gets: aborted through its signal (then retried per its type's policy), or only reported. */
export type HangPolicy = 'abort' | 'observe';

/** When a run counts as hung (a zombie of its own process); see the zombie detector in `monitoring/`. */
export interface HangSettings {
  /** No change of progress (nor a checkpoint) for this long makes a run `NO_PROGRESS`; `null` never. Default 30 minutes. */
  noProgressMs?: number | null;
  /** No successful heartbeat for this long makes a run `HEARTBEAT_STALLED`; default half the lock lifetime (before another worker may take the job). */
  heartbeatStallMs?: number;
  /** What happens to a hung run; default `abort`. */
  policy?: HangPolicy;
}

/** {@link HangSettings} with every default resolved. */
export interface ResolvedHangSettings {
  noProgressMs: number | null;
  heartbeatStallMs: number;
  policy: HangPolicy;
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
  /** When a run counts as hung and what happens to it; see {@link HangSettings}. */
  hang?: HangSettings;
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
  /** Debug-queue routing: whether jobs out of attempts go there, and which errors go there without retries; see {@link DebugQueueSettings}. */
  debugQueue?: DebugQueueSettings;
  run(ctx: JobContext<Input, Checkpoint>): Promise<Result>;
}

/** A job type with every default resolved. */
export interface ResolvedJobType extends JobType<unknown, unknown, unknown> {
  resolved: Required<Omit<JobTypeDefaults, 'backoff' | 'hang'>> & { backoff: Required<BackoffSettings>; hang: ResolvedHangSettings };
}

/** Identity helper that keeps a plugin's generic types while it is declared. */
export function defineJobType<Input, Checkpoint, Result>(type: JobType<Input, Checkpoint, Result>): JobType<Input, Checkpoint, Result> {
  return type;
}
