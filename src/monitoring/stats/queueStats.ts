import type { JobState } from '../../engine/jobState.ts';

/** Jobs in one state. */
export interface StateCount {
  state: JobState;
  count: number;
}

/** Jobs of one type in one state. */
export interface TypeStateCount {
  type: string;
  state: JobState;
  count: number;
}

/** Jobs that finished in one minute: SUCCEEDED vs FAILED or moved to DEBUG. */
export interface ThroughputBucket {
  start: Date;
  succeeded: number;
  failed: number;
}

/** The queue at a moment, as the `queueStats` field returns it. */
export interface QueueStats {
  byState: StateCount[];
  byType: TypeStateCount[];
  /** Age in seconds of the oldest due QUEUED job, `null` when none waits. */
  oldestQueuedAgeSeconds: number | null;
  /** One bucket per minute of the window, oldest first. */
  throughput: ThroughputBucket[];
}

/** Share of finished jobs that failed in a window. */
export interface FailureRate {
  windowMinutes: number;
  finished: number;
  failed: number;
  /** failed / finished; 0 when nothing finished. */
  rate: number;
}
