import { randomUUID } from 'node:crypto';
import type { ObjectId } from 'mongodb';
import type { Logger } from '../logging/logger.ts';
import type { JobDocument, JobErrorRecord } from './jobDocument.ts';
import type { JobEventPublisher } from './jobEventPublisher.ts';
import type { JobLogStore } from './jobLogStore.ts';
import { JobRun, type RunOutcome } from './jobRun.ts';
import type { JobStore } from './jobStore.ts';
import type { JobTypeRegistry } from './jobTypeRegistry.ts';
import { FailureRouter, isDebugRerun, type FailureRoute } from './failureRouter.ts';
import { RetryScheduledError } from './retryScheduledError.ts';
import type { TenantRunSlots } from './tenantRunSlots.ts';
import { EngineErrorCode, JobCancelledError, RunFencedError, WorkerLostError, WorkerShutdownError } from './errors/index.ts';

/** How soon a job whose running slot could not be looked up (a database error) tries again. */
const SLOT_ERROR_RETRY_MS = 1000;

/** The scheduler's side of a run: what the runner may tell it. */
export interface SchedulerJobHandle {
  id: ObjectId;
  /** The lock was refreshed in the database at `at`. */
  refreshLock(at: Date): void;
  /** When the scheduler should run the job next (`null`: not by itself). */
  scheduleAt(at: Date | null): void;
  /** The job's tenant and type, when the scheduler has them (else the runner reads them when it needs them). */
  tenantId?: string;
  type?: string;
  /** Runs `callback` once the scheduler has saved the job after this hand-over (unlocked, with its next run time). */
  afterSave?(callback: () => Promise<void>): void;
}

/** Options of {@link JobRunner}. */
export interface JobRunnerOptions {
  store: JobStore;
  logs: JobLogStore;
  events: JobEventPublisher;
  registry: JobTypeRegistry;
  logger: Logger;
  workerId: string;
  heartbeatMs: number;
  progressIntervalMs: number;
  /** Overrides every type's lock lifetime when set. */
  lockLifetimeMs?: number;
  /** Overrides every type's first backoff delay when set. */
  backoffMs?: number;
  /** Per-tenant running slots; default none (no cap). */
  slots?: TenantRunSlots;
}

/**
 * Runs attempts handed over by the scheduler: claims the job (fencing older runs), runs it,
 * and writes how it ended: SUCCEEDED, RETRYING with a backoff, DEBUG (the debug queue) or FAILED
 * as its {@link FailureRouter} decides, or back to QUEUED on shutdown.
 */
export class JobRunner {
  private readonly active = new Map<string, JobRun>();
  private readonly handles = new Map<string, SchedulerJobHandle>();
  private readonly router: FailureRouter;

  constructor(private readonly options: JobRunnerOptions) {
    this.router = new FailureRouter({ backoffMs: options.backoffMs });
  }

  /** Runs currently in this process. */
  get running(): JobRun[] {
    return [...this.active.values()];
  }

  /** Lock lifetime the scheduler must use for a type. */
  lockLifetimeOf(typeName: string): number {
    return this.options.lockLifetimeMs ?? this.options.registry.get(typeName).resolved.lockLifetimeMs;
  }

  /** Aborts the run of a job in this process, if any. */
  abort(jobId: string, reason: Error): boolean {
    const run = this.active.get(jobId);
    run?.abort(reason);
    return run !== undefined;
  }

  /** Aborts every run in this process. */
  abortAll(reason: Error): void {
    for (const run of this.active.values()) run.abort(reason);
  }

  /**
   * Runs one attempt of a job the scheduler locked, in a running slot of its tenant (without a free one, the job
   * goes back to the schedule to wait for one). Throws {@link RetryScheduledError} when the scheduler should retry it.
   */
  async handle(handle: SchedulerJobHandle): Promise<void> {
    const runId = randomUUID();
    let slot: { release(): Promise<void> } | null;
    try {
      slot = await this.takeSlot(handle, runId);
    } catch (error) {
      // Not run, not failed: the job goes back to the schedule and tries again shortly.
      this.options.logger.warn({ err: error, jobId: handle.id.toHexString() }, "could not take a running slot of the job's tenant; trying again shortly");
      handle.scheduleAt(new Date(Date.now() + SLOT_ERROR_RETRY_MS));
      return;
    }
    if (slot === null) return;
    try {
      await this.runAttempt(handle, runId);
    } finally {
      await slot.release();
    }
  }

  /** A running slot of the job's tenant for this run, or `null` when the job was put back to wait for one. */
  private async takeSlot(handle: SchedulerJobHandle, runId: string): Promise<{ release(): Promise<void> } | null> {
    const { slots, store, logger } = this.options;
    const none = { release: async () => undefined };
    if (slots === undefined || !slots.enabled) return none;
    let { tenantId, type } = handle;
    if (tenantId === undefined || type === undefined) {
      const doc = await store.get(handle.id, null);
      // Gone: the run finds out and skips it.
      if (doc === null) return none;
      tenantId = doc.tenantId;
      type = doc.name;
    }
    const jobId = handle.id.toHexString();
    const tenant = tenantId;
    if ((await slots.acquire(tenant, jobId, runId, this.lockLifetimeOf(type))) === 'acquired') return { release: () => slots.release(tenant, runId) };
    handle.scheduleAt(new Date(Date.now() + slots.recheckMs));
    handle.afterSave?.(() => slots.afterWait(tenant, jobId));
    logger.debug({ jobId, tenantId: tenant }, "job waits for one of its tenant's running slots");
    return null;
  }

  private async runAttempt(handle: SchedulerJobHandle, runId: string): Promise<void> {
    const { store, events, registry, logger, workerId } = this.options;
    const doc = await store.startRun(handle.id, runId, workerId);
    if (doc === null) {
      logger.debug({ jobId: handle.id.toHexString() }, 'job no longer runnable; skipped');
      return;
    }
    const debugRerun = isDebugRerun(doc);
    const attemptLimit = debugRerun ? doc.debugRerunAttempt! : doc.maxAttempts;
    if (doc.attempt > attemptLimit) {
      const lost = new WorkerLostError(`attempt ${doc.attempt} exceeds ${debugRerun ? 'the debug rerun' : `maxAttempts ${doc.maxAttempts}`}: the previous attempt was lost with its worker`);
      const record = this.errorRecord(doc, lost);
      const route = this.router.route(registry.get(doc.name), doc, lost);
      await this.recordRoute(doc, runId, record, route.kind === 'retry' ? { kind: 'fail' } : route, false);
      return;
    }
    await events.publish('STARTED', doc);
    const run = new JobRun(
      {
        store,
        logs: this.options.logs,
        events,
        logger,
        heartbeatMs: this.options.heartbeatMs,
        progressIntervalMs: this.options.progressIntervalMs,
        lockLifetimeMs: this.lockLifetimeOf(doc.name),
        onLockRefreshed: (at) => handle.refreshLock(at),
        releaseForExit: (r, error) => this.releaseForExit(r, error),
        debugLogging: debugRerun,
      },
      registry.get(doc.name),
      doc,
      runId,
    );
    this.active.set(run.jobId, run);
    this.handles.set(run.jobId, handle);
    let outcome: RunOutcome;
    try {
      outcome = await run.execute();
    } finally {
      this.active.delete(run.jobId);
      this.handles.delete(run.jobId);
    }
    await this.finish(run, outcome, handle);
  }

  /** Ends a run whose process is about to exit: records the error and releases the job for its retry at once. */
  async releaseForExit(run: JobRun, error: Error): Promise<void> {
    const route = this.router.route(run.type, run.doc, error);
    const retryAt = route.kind === 'retry' ? new Date(Date.now() + route.delayMs) : null;
    // If the scheduler still gets to save the job before the process exits, it must save the same next run.
    this.handles.get(run.jobId)?.scheduleAt(retryAt);
    await this.recordRoute(run.doc, run.runId, this.errorRecord(run.doc, error), route, true, retryAt);
    // The process may exit before the run's own ending gives its slot back.
    await this.options.slots?.release(run.doc.tenantId, run.runId);
    // Abort only once the failure is recorded: the run's own ending then finds its job released and writes nothing.
    run.abort(error);
  }

  private async finish(run: JobRun, outcome: RunOutcome, handle: SchedulerJobHandle): Promise<void> {
    const { store, events, logger } = this.options;
    const log = logger.child({ jobId: run.jobId, attempt: run.attempt });
    if (outcome.kind === 'succeeded') {
      await run.settleProgress();
      const done = await store.succeed(run.id, run.runId, JSON.stringify(outcome.result ?? null), run.currentProgress);
      if (done !== null) await events.publish('SUCCEEDED', done);
      else log.warn('run finished after losing its job; result discarded');
      return;
    }
    if (outcome.kind === 'aborted' && outcome.reason instanceof JobCancelledError) {
      run.flushProgress().catch(() => undefined);
      log.info('run stopped: job cancelled');
      return;
    }
    if (outcome.kind === 'aborted' && outcome.reason instanceof RunFencedError) {
      log.warn({ reason: outcome.reason.message }, 'run stopped: it lost its job to a newer run');
      return;
    }
    if (outcome.kind === 'aborted' && outcome.reason instanceof WorkerShutdownError) {
      await run.flushProgress();
      const requeued = await store.requeueInterrupted(run.id, run.runId);
      if (requeued !== null) {
        handle.scheduleAt(new Date());
        await events.publish('REQUEUED', requeued);
      }
      log.info('run interrupted by shutdown; job requeued from its checkpoint');
      return;
    }
    const error = outcome.kind === 'failed' ? outcome.error : outcome.reason;
    await run.flushProgress();
    const route = this.router.route(run.type, run.doc, error);
    const ended = await this.recordRoute(run.doc, run.runId, this.errorRecord(run.doc, error), route, false);
    if (ended && route.kind === 'retry') throw new RetryScheduledError(route.delayMs, error);
  }

  /** Writes where a failed attempt sends its job (a retry at `retryAt`); false when the run had lost its job (nothing written). */
  private async recordRoute(
    doc: JobDocument,
    runId: string,
    record: JobErrorRecord,
    route: FailureRoute,
    release: boolean,
    retryAt: Date | null = route.kind === 'retry' ? new Date(Date.now() + route.delayMs) : null,
  ): Promise<boolean> {
    switch (route.kind) {
      case 'retry':
        return this.recordFailure(doc, runId, record, retryAt, release);
      case 'fail':
        return this.recordFailure(doc, runId, record, null, release);
      case 'debug': {
        const moved = await this.options.store.moveToDebug(doc._id, runId, record, { reason: route.reason, release });
        if (moved === null) return false;
        await this.options.events.publish('DEBUG', moved);
        return true;
      }
      default: {
        const exhaustive: never = route;
        throw new Error(`unknown failure route ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  private async recordFailure(doc: JobDocument, runId: string, record: JobErrorRecord, retryAt: Date | null, release: boolean): Promise<boolean> {
    const ended = await this.options.store.fail(doc._id, runId, record, retryAt, release);
    if (ended === null) return false;
    await this.options.events.publish(retryAt === null ? 'FAILED' : 'RETRYING', ended, { wake: release && retryAt !== null });
    return true;
  }

  private errorRecord(doc: JobDocument, error: Error, code?: string): JobErrorRecord {
    const errorCode = code ?? (typeof (error as { code?: unknown }).code === 'string' ? (error as unknown as { code: string }).code : EngineErrorCode.JobFailed);
    return { code: errorCode, message: error.message.slice(0, 2000), stack: error.stack?.slice(0, 8000), attempt: doc.attempt, at: new Date() };
  }
}
