import type { LatencySummary, Throughput } from './stats.ts';

/** What one system scored in the enqueue-to-start comparison. */
export interface EnqueueResult {
  /** Which system, e.g. `longhaul` or `plain Agenda`. */
  system: string;
  /** Enqueue-to-start latency of jobs created one at a time, in ms. */
  latency: LatencySummary;
  /** How the latency jobs were created, for the report. */
  latencyMethod: string;
  /** Jobs per second for a burst of jobs created concurrently. */
  throughput: Throughput;
  /** Enqueue-to-start latency of the burst's jobs (queueing included), in ms. */
  burstLatency: LatencySummary;
  /** Anything odd seen while measuring (failed jobs, time bounds hit). */
  notes: string[];
}
