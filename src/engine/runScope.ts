import { AsyncLocalStorage } from 'node:async_hooks';

/** What the process knows about the job whose code is running right now. */
export interface RunScope {
  jobId: string;
  jobType: string;
  attempt: number;
  /** Fails this run from outside its own promise chain (an unhandled rejection or uncaught exception it caused). */
  fault(error: Error): void;
  /** Releases the job for a retry before the process exits (uncaught exception). */
  releaseForExit(error: Error): Promise<void>;
}

/** Carries the current {@link RunScope} through every callback and promise a job creates. */
export const runScopeStorage = new AsyncLocalStorage<RunScope>();
