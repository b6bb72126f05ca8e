/** Where a job is in its life; mirrors the `JobState` enum of the SDL. */
export const JobState = {
  Queued: 'QUEUED',
  Running: 'RUNNING',
  Retrying: 'RETRYING',
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED',
  Cancelled: 'CANCELLED',
  Debug: 'DEBUG',
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

/** States a job never leaves by itself. */
export const TERMINAL_STATES: readonly JobState[] = [JobState.Succeeded, JobState.Failed, JobState.Cancelled, JobState.Debug];

/** States in which a worker may start (or resume) a run. */
export const RUNNABLE_STATES: readonly JobState[] = [JobState.Queued, JobState.Retrying, JobState.Running];

export function isTerminal(state: JobState): boolean {
  return TERMINAL_STATES.includes(state);
}
