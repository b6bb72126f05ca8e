import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import type { Bus } from '../bus/bus.ts';
import { JOB_TOPIC, type JobEventPayload } from './jobEvent.ts';
import type { JobEventCompanions } from './jobEventCompanions.ts';
import { JobEventPublisher } from './jobEventPublisher.ts';
import type { JobLogStore } from './jobLogStore.ts';
import { JobRunner } from './jobRunner.ts';
import type { JobRun } from './jobRun.ts';
import type { JobRepository } from './jobRepository.ts';
import type { JobScheduler, JobSchedulerFactory } from './jobScheduler.ts';
import type { JobTypeRegistry } from './jobTypeRegistry.ts';
import type { TenantQuotaStore } from './tenantQuotaStore.ts';
import { TenantRunSlots } from './tenantRunSlots.ts';
import { DEFAULT_JOB_LIMITS, type JobLimitsConfig } from '../config/jobLimitsConfig.ts';
import { JobCancelledError, WorkerShutdownError } from './errors/index.ts';

/** Options of {@link Worker}. */
export interface WorkerOptions {
  /** The jobs. */
  jobs: JobRepository;
  /** The job log (each run's `ctx.logger` lines). */
  logs: JobLogStore;
  /** Per-tenant quota counters (the running slots). */
  quotas: TenantQuotaStore;
  /** Builds the scheduler that hands this worker its jobs. */
  scheduler: JobSchedulerFactory;
  bus: Bus;
  registry: JobTypeRegistry;
  logger: Logger;
  /** Jobs run at once, all types together. */
  maxConcurrency: number;
  /** Scheduler polling interval (ms), the fallback to bus wake-ups. */
  processEveryMs: number;
  heartbeatMs: number;
  progressIntervalMs: number;
  lockLifetimeMs?: number;
  backoffMs?: number;
  /** Messages published with the worker's job events (e.g. monitoring's debug-queue events); default none. */
  eventCompanions?: JobEventCompanions;
  /** Per-tenant running cap and log cap (`LONGHAUL_TENANT_MAX_RUNNING`, `LONGHAUL_JOB_LOG_MAX_LINES`, …); default {@link DEFAULT_JOB_LIMITS}. */
  jobLimits?: JobLimitsConfig;
}

/** Lifecycle of a {@link Worker}. */
export type WorkerPhase = 'created' | 'running' | 'draining' | 'stopped';

/**
 * A worker: takes jobs from the scheduler, runs them, follows cancellations on the bus,
 * and shuts down gracefully (running jobs are aborted, checkpoint, and go back to the queue).
 */
export class Worker {
  /** `host:pid:random`, unique per worker process start. */
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private phase: WorkerPhase = 'created';
  private readonly runner: JobRunner;
  private readonly scheduler: JobScheduler;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: WorkerOptions) {
    const store = options.jobs;
    const logger = options.logger.child({ workerId: this.id });
    const events = new JobEventPublisher(
      options.bus,
      options.eventCompanions,
      options.registry.transitionListener((error, kind, doc) => logger.error({ err: error, jobId: doc.id, kind }, 'job type transition hook failed')),
    );
    const limits = options.jobLimits ?? DEFAULT_JOB_LIMITS;
    const slots = new TenantRunSlots({
      quotas: options.quotas,
      jobs: store,
      events,
      logger,
      maxRunningPerTenant: limits.maxRunningPerTenant,
      recheckMs: limits.slotRecheckMs,
    });
    this.runner = new JobRunner({
      store,
      logs: options.logs,
      slots,
      events,
      registry: options.registry,
      logger,
      workerId: this.id,
      heartbeatMs: options.heartbeatMs,
      progressIntervalMs: options.progressIntervalMs,
      lockLifetimeMs: options.lockLifetimeMs,
      backoffMs: options.backoffMs,
    });
    this.scheduler = options.scheduler({
      registry: options.registry,
      runner: this.runner,
      events,
      logger,
      workerId: this.id,
      maxConcurrency: options.maxConcurrency,
      processEveryMs: options.processEveryMs,
    });
  }

  get state(): WorkerPhase {
    return this.phase;
  }

  /** Runs in this process now (the zombie detector and the worker registry read them). */
  get running(): readonly JobRun[] {
    return this.runner.running;
  }

  /** Ids of the jobs this process holds, claimed or about to be, until their run's end is written (the registry heartbeats them). */
  get heldJobIds(): string[] {
    return this.runner.heldJobIds;
  }


  async start(): Promise<void> {
    this.unsubscribe = this.options.bus.subscribe((event) => {
      if (event.topic !== JOB_TOPIC || event.jobId === undefined) return;
      if ((event.payload as JobEventPayload).kind === 'CANCELLED') this.runner.abort(event.jobId, new JobCancelledError(`job ${event.jobId} was cancelled`));
    });
    await this.scheduler.start();
    this.phase = 'running';
    this.options.logger.info({ workerId: this.id }, 'worker started');
  }

  /** Releases every running job at once (the process is about to exit): aborted runs requeue themselves. */
  async releaseAll(timeoutMs: number): Promise<void> {
    this.runner.close(new WorkerShutdownError('worker process is exiting'));
    await this.scheduler.drain(timeoutMs).catch(() => undefined);
  }

  /**
   * Stops taking jobs, aborts running ones (they checkpoint and requeue), waits up to `timeoutMs` for them. Resolves
   * with the runs still going when the time ran out (0: every job was put back); their locks expire on their own.
   */
  async shutdown(timeoutMs: number): Promise<{ running: number }> {
    if (this.phase === 'draining' || this.phase === 'stopped') return { running: 0 };
    this.phase = 'draining';
    this.runner.close(new WorkerShutdownError('worker is shutting down'));
    const result = await this.scheduler.drain(timeoutMs);
    const running = result.timedOut ? Math.max(1, result.running) : 0;
    if (running > 0) this.options.logger.warn({ running }, 'shutdown timed out with jobs still running; their locks will expire');
    await this.scheduler.stop().catch(() => undefined);
    this.unsubscribe?.();
    this.phase = 'stopped';
    this.options.logger.info({ workerId: this.id }, 'worker stopped');
    return { running };
  }
}
