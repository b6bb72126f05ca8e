import type { JobEventSummary, JobSummary } from '../client/jobOperations.ts';

/** How `longhaul jobs watch` shows a job's events: a live bar, plain lines, or NDJSON. */
export interface WatchRenderer {
  /** Every event of the subscription, in order. */
  event(event: JobEventSummary): void;
  /** Once, after the subscription ended, with the job as last seen. */
  end(job: JobSummary): void;
  /** The watch is interrupted (Ctrl-C): leave the terminal usable. */
  interrupt(): void;
}
