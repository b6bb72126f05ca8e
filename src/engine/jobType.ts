import type { z } from 'zod';
import type { DebugQueueSettings } from './debugQueueSettings.ts';
import type { JobContext } from './jobContext.ts';
import type { JobErrorRecord } from './jobRecord.ts';

/**
 * Who may create a job type's jobs: `public` types are created with `createJob` and listed by
 * `jobTypes`; `internal` ones only by their domain service (`startBackup`, …) through
 * `JobService.createInternal`, since their input names records the service checked and created.
 */
export type JobVisibility = 'public' | 'internal';

/** A change of a job's state the job type hears about through {@link JobType.onTransition}. */
export type JobTransitionKind = 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'DEBUG' | 'REQUEUED';

/** What {@link JobType.onTransition} receives: the job's tenant, id and input as stored, and how it changed. */
export interface JobTransition {
  kind: JobTransitionKind;
  tenantId: string;
  jobId: string;
  /** The input as stored (not validated again). */
  input: unknown;
  /** The last error (FAILED, DEBUG; on CANCELLED the last attempt's, if any). */
  lastError: JobErrorRecord | null;
}

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
  /** Who creates its jobs; default `public`. See {@link JobVisibility}. */
  visibility?: JobVisibility;
  /** Validates input when the job is created (and again when it runs). */
  input: z.ZodType<Input>;
  defaults?: JobTypeDefaults;
  /** Debug-queue routing: whether jobs out of attempts go there, and which errors go there without retries; see {@link DebugQueueSettings}. */
  debugQueue?: DebugQueueSettings;
  run(ctx: JobContext<Input, Checkpoint>): Promise<Result>;
  /**
   * Called by the engine, whatever the path (a run's end, a cancel, the zombie detector, the debug
   * queue), after it wrote a job of this type `SUCCEEDED`, `FAILED`, `CANCELLED`, `DEBUG` or requeued
   * it, and before the event is published: the place where a domain record follows its job (a
   * restore whose job gave up becomes `FAILED`). Must not throw; default none.
   */
  onTransition?(transition: JobTransition): Promise<void>;
}

/** A job type with every default resolved. */
export interface ResolvedJobType extends JobType<unknown, unknown, unknown> {
  visibility: JobVisibility;
  resolved: Required<Omit<JobTypeDefaults, 'backoff' | 'hang'>> & { backoff: Required<BackoffSettings>; hang: ResolvedHangSettings };
}

/** Identity helper that keeps a plugin's generic types while it is declared. */
export function defineJobType<Input, Checkpoint, Result>(type: JobType<Input, Checkpoint, Result>): JobType<Input, Checkpoint, Result> {
  return type;
}
