/** Event-loop delay over the last heartbeat interval, in milliseconds. */
export interface EventLoopDelayRecord {
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** A process of the service as stored in the `workers` collection (`_id` is the worker id). */
export interface WorkerDocument {
  _id: string;
  host: string;
  pid: number;
  /** `worker`, `api` or `all`. */
  role: string;
  version: string;
  startedAt: Date;
  heartbeatAt: Date;
  /** Set when it deregistered on a graceful stop. */
  stoppedAt: Date | null;
  /** Ids of the jobs it runs now. */
  runningJobIds: string[];
  eventLoopDelay: EventLoopDelayRecord | null;
  rssBytes: number | null;
  /** When a zombie detector first found it lost (set once, by the detector that publishes `WORKER_LOST`). */
  lostAt?: Date | null;
}
