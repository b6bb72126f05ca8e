/** Progress a job reports. `total` may be unknown. */
export interface ProgressUpdate {
  processed: number;
  total?: number | null;
  message?: string | null;
}

/** A job's logger: lines go to the process log and to the job's own log. */
export interface JobLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What a job type's `run` receives: its input and the means to report, resume and stop. */
export interface JobContext<Input, Checkpoint> {
  /** The job's id. */
  readonly jobId: string;
  /**
   * The tenant the job belongs to (from its stored document). Every record a run reads or writes is
   * looked up in this tenant: an id of another tenant's record is not found.
   */
  readonly tenantId: string;
  /** Input, validated by the type's schema. */
  readonly input: Input;
  /** This attempt's number, from 1. */
  readonly attempt: number;
  /** Fires when the job is cancelled, the worker shuts down, or the run lost its lock; `signal.reason` says which. */
  readonly signal: AbortSignal;
  /** Logger bound to the job. */
  readonly logger: JobLogger;
  /** Reports progress. Cheap to call often: writes are coalesced. */
  progress(update: ProgressUpdate): void;
  /** The last checkpoint saved by any attempt of this job, or `undefined` on a fresh start. */
  checkpoint(): Checkpoint | undefined;
  /** Persists a checkpoint (and pending progress and logs); a later attempt resumes from it. Rejects with `RunFencedError` if this run lost its job. */
  saveCheckpoint(state: Checkpoint): Promise<void>;
}
