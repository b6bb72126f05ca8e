import type { Logger } from '../logging/logger.ts';
import type { JobEventPublisher } from './jobEventPublisher.ts';
import type { JobRunner } from './jobRunner.ts';
import type { JobTypeRegistry } from './jobTypeRegistry.ts';

/**
 * What finds due jobs, locks them for this process and hands each to the {@link JobRunner} (today
 * `AgendaScheduler`, the adapter's side of the job repository): retries at the time the runner decides,
 * recovers jobs whose lock expired, and wakes up when a job becomes due.
 */
export interface JobScheduler {
  /** Takes jobs of every registered type from now on. */
  start(): Promise<void>;
  /** Stops taking jobs and waits (up to `timeoutMs`) for running ones to return. */
  drain(timeoutMs: number): Promise<{ timedOut: boolean; running: number }>;
  /** Stops at once, letting go of jobs locked but not started. */
  stop(): Promise<void>;
}

/** What a worker gives its scheduler. */
export interface JobSchedulerOptions {
  registry: JobTypeRegistry;
  runner: JobRunner;
  events: JobEventPublisher;
  logger: Logger;
  workerId: string;
  /** Jobs this process runs at once, all types together. */
  maxConcurrency: number;
  /** Polling interval (ms), the fallback to wake-ups. */
  processEveryMs: number;
}

/** Builds a worker's scheduler; the composition root picks the implementation (see `agendaSchedulerFactory`). */
export type JobSchedulerFactory = (options: JobSchedulerOptions) => JobScheduler;
