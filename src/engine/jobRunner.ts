import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import { OutageLog } from '../db/outageLog.ts';
import type { JobErrorRecord, JobRecord } from './jobRecord.ts';
import type { JobEventKind } from './jobEvent.ts';
import type { JobEventPublisher } from './jobEventPublisher.ts';
import type { JobLogStore } from './jobLogStore.ts';
import { JobRun, type RunOutcome } from './jobRun.ts';
import type { JobRepository } from './jobRepository.ts';
import type { JobTypeRegistry } from './jobTypeRegistry.ts';
import { FailureRouter, isDebugRerun, type FailureRoute } from './failureRouter.ts';
import { RetryScheduledError } from './retryScheduledError.ts';
import type { TenantRunSlots } from './tenantRunSlots.ts';
import { JobState } from './jobState.ts';
import { retryUntil } from './retryUntil.ts';
import { EngineErrorCode, JobCancelledError, RunFencedError, WorkerLostError, WorkerShutdownError } from './errors/index.ts';

/** How soon a job whose running slot could not be looked up (a database error) tries again. */
const SLOT_ERROR_RETRY_MS = 1000;

/** The scheduler's side of a run: what the runner may tell it. */
export interface SchedulerJobHandle {
  id: string;
  /** The lock was refreshed in the database at `at`. */
  refreshLock(at: Date): void;
  /** When the scheduler should run the job next (`null`: not by itself). */
  scheduleAt(at: Date | null): void;
  /**
   * The job's tenant and type, when the scheduler has them (else the runner reads them when it needs them). With
   * the type, a RUNNING job is taken over only once its run stopped heartbeating for the type's lock lifetime
   * (see {@link JobRepository.startRun}); without it, at once.
   */
  tenantId?: string;
  type?: string;
  /** Runs `callback` once the scheduler has saved the job after this hand-over (unlocked, with its next run time). */
  afterSave?(callback: () => Promise<void>): void;
  /**
   * The hand-over became run `runId` (its claim in the job repository succeeded): the scheduler's own save at the
   * end of this hand-over then applies only while that run still owns the job, and never to a job it left RUNNING.
   */
  ownedBy?(runId: string): void;
  /**
   * The run's end took the job out of the scheduler's hands (it succeeded: the job moved to the history). The
   * scheduler's save at the end of this hand-over would match nothing (it is fenced by the run, see `ownedBy`), so
   * it can skip it: one database write less per job.
   */
  ended?(): void;
}

/** A job state written by a run's end, and the event that announces it. */
interface WrittenRoute {
  kind: JobEventKind;
  doc: JobRecord;
  wake: boolean;
}

/** How soon the scheduler offers again a job whose claim could not be written (the database was unreachable). */
const CLAIM_RETRY_MS = 1000;

/** Options of {@link JobRunner}. */
export interface JobRunnerOptions {
  store: JobRepository;
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
  /** Jobs this process holds, by id (a count: the scheduler may hand over a job again while its last run still writes its end). */
  private readonly held = new Map<string, number>();
  private readonly router: FailureRouter;
  /** Set once the worker shuts down: no job is claimed any more, and a run claimed meanwhile goes straight back. */
  private closedBy: WorkerShutdownError | undefined;

  constructor(private readonly options: JobRunnerOptions) {
    this.router = new FailureRouter({ backoffMs: options.backoffMs });
  }

  /** Runs currently in this process. */
  get running(): JobRun[] {
    return [...this.active.values()];
  }

  /**
   * Ids of the jobs this process holds: from before it claims one until the outcome of the run is written or
   * given up. The worker registry heartbeats them; a RUNNING job its alive worker no longer lists after a
   * heartbeat newer than the claim was abandoned (see the zombie detector).
   */
  get heldJobIds(): string[] {
    return [...this.held.keys()];
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
   * The worker shuts down: aborts every run (each checkpoints and requeues its job) and claims no job any more. A job
   * the scheduler hands over from now on is given back due at once, for another worker; one whose claim was already on
   * its way is requeued without running.
   */
  close(reason: WorkerShutdownError): void {
    this.closedBy ??= reason;
    this.abortAll(reason);
  }

  /**
   * Runs one attempt of a job the scheduler locked, in a running slot of its tenant (without a free one, the job
   * goes back to the schedule to wait for one). Throws {@link RetryScheduledError} when the scheduler should retry it.
   */
  async handle(handle: SchedulerJobHandle): Promise<void> {
    const jobId = handle.id;
    if (this.closedBy !== undefined) {
      handle.scheduleAt(new Date());
      return;
    }
    this.held.set(jobId, (this.held.get(jobId) ?? 0) + 1);
    try {
      const runId = randomUUID();
      let slot: { release(): Promise<void> } | null;
      try {
        slot = await this.takeSlot(handle, runId);
      } catch (error) {
        // Not run, not failed: the job goes back to the schedule and tries again shortly.
        this.options.logger.warn({ err: error, jobId }, "could not take a running slot of the job's tenant; trying again shortly");
        handle.scheduleAt(new Date(Date.now() + SLOT_ERROR_RETRY_MS));
        return;
      }
      if (slot === null) return;
      try {
        await this.claimAndRun(handle, runId);
      } finally {
        await slot.release();
      }
    } finally {
      const count = (this.held.get(jobId) ?? 1) - 1;
      if (count > 0) this.held.set(jobId, count);
      else this.held.delete(jobId);
    }
  }

  /** A running slot of the job's tenant for this run, or `null` when the job was put back to wait for one. */
  private async takeSlot(handle: SchedulerJobHandle, runId: string): Promise<{ release(): Promise<void> } | null> {
    const { slots, store, logger } = this.options;
    const none = { release: async () => undefined };
    if (slots === undefined || !slots.enabled) return none;
    let { tenantId, type } = handle;
    if (tenantId === undefined || type === undefined) {
      const doc = await store.findAnyTenant(handle.id);
      // Gone: the run finds out and skips it.
      if (doc === null) return none;
      tenantId = doc.tenantId;
      type = doc.type;
    }
    const jobId = handle.id;
    const tenant = tenantId;
    if ((await slots.acquire(tenant, jobId, runId, this.lockLifetimeOf(type))) === 'acquired') return { release: () => slots.release(tenant, runId) };
    handle.scheduleAt(new Date(Date.now() + slots.recheckMs));
    handle.afterSave?.(() => slots.afterWait(tenant, jobId));
    logger.debug({ jobId, tenantId: tenant }, "job waits for one of its tenant's running slots");
    return null;
  }

  private async claimAndRun(handle: SchedulerJobHandle, runId: string): Promise<void> {
    const { store, events, registry, logger, workerId } = this.options;
    let doc: JobRecord | null;
    try {
      doc = await store.startRun(handle.id, runId, workerId, { takeOverAfterMs: handle.type === undefined ? undefined : this.lockLifetimeOf(handle.type) });
    } catch (error) {
      // Nothing ran. The scheduler offers the job again (its own save may clear its next run time otherwise).
      throw new RetryScheduledError(CLAIM_RETRY_MS, error instanceof Error ? error : new Error(String(error)));
    }
    if (doc === null) {
      logger.debug({ jobId: handle.id }, 'job no longer runnable; skipped');
      return;
    }
    handle.ownedBy?.(runId);
    const debugRerun = isDebugRerun(doc);
    const attemptLimit = doc.debugRerunAttempt ?? doc.maxAttempts;
    if (doc.attempt > attemptLimit) {
      const lost = new WorkerLostError(`attempt ${doc.attempt} exceeds ${debugRerun ? 'the debug rerun' : `maxAttempts ${doc.maxAttempts}`}: the previous attempt was lost with its worker`);
      const record = this.errorRecord(doc, lost);
      const route = this.router.route(registry.get(doc.type), doc, lost);
      await this.recordRoute(doc, runId, record, route.kind === 'retry' ? { kind: 'fail' } : route, false);
      return;
    }
    // The job is claimed: an event lost to a database outage must not stop its run, nor does the run wait for it. The
    // bus writes a process's publishes in the order they were asked (see `MongoBus.publish`), so the run's own events
    // (progress, its end) still come after this one.
    void events.publish('STARTED', doc).catch((error: unknown) => logger.warn({ err: error, jobId: doc.id }, 'STARTED event not published'));
    const run = new JobRun(
      {
        store,
        logs: this.options.logs,
        events,
        logger,
        heartbeatMs: this.options.heartbeatMs,
        progressIntervalMs: this.options.progressIntervalMs,
        lockLifetimeMs: this.lockLifetimeOf(doc.type),
        onLockRefreshed: (at) => handle.refreshLock(at),
        releaseForExit: (r, error) => this.releaseForExit(r, error),
        debugLogging: debugRerun,
      },
      registry.get(doc.type),
      doc,
      runId,
    );
    this.active.set(run.jobId, run);
    this.handles.set(run.jobId, handle);
    let outcome: RunOutcome;
    try {
      // Claimed while the worker began to shut down (after it aborted its runs): back to the queue without running.
      outcome = this.closedBy !== undefined ? { kind: 'aborted', reason: this.closedBy } : await run.execute();
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
    const { store, logger } = this.options;
    const log = logger.child({ jobId: run.jobId, attempt: run.attempt });
    if (outcome.kind === 'succeeded') {
      await run.settleProgress();
      const done = await this.persist(run, 'its success', () => store.succeed(run.jobId, run.runId, JSON.stringify(outcome.result ?? null), run.currentProgress));
      if (done === undefined) return;
      const succeeded = done.value ?? (done.tries > 1 ? await this.landedEarlier(run, JobState.Succeeded) : null);
      if (succeeded !== null) {
        handle.ended?.();
        await this.announce(run, { kind: 'SUCCEEDED', doc: succeeded, wake: false });
      }
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
      const requeued = (await this.persist(run, 'its interruption', () => store.requeueInterrupted(run.jobId, run.runId)))?.value ?? null;
      if (requeued !== null) {
        handle.scheduleAt(new Date());
        await this.announce(run, { kind: 'REQUEUED', doc: requeued, wake: false });
      }
      log.info('run interrupted by shutdown; job requeued from its checkpoint');
      return;
    }
    const error = outcome.kind === 'failed' ? outcome.error : outcome.reason;
    await run.flushProgress();
    const route = this.router.route(run.type, run.doc, error);
    const record = this.errorRecord(run.doc, error);
    const written = await this.persist(run, 'its failure', () => this.writeRoute(run.doc, run.runId, record, route, false));
    if (written === undefined) return;
    const ended = written.value ?? (written.tries > 1 ? await this.landedRoute(run, route) : null);
    if (ended === null) return;
    await this.announce(run, ended);
    if (route.kind === 'retry') throw new RetryScheduledError(route.delayMs, error);
  }

  /**
   * Writes how a run ended, retrying with backoff through a database outage until the run's lock runs out.
   * `undefined` when it could not: the job stays RUNNING, held by nobody; whichever comes first, the scheduler
   * (its lock expired) or the zombie detector (its worker no longer lists it), puts it back to work from its
   * checkpoint. The scheduler is not asked to offer it again: another worker may already run it, and a second
   * takeover would only fence that run and spend one more attempt.
   */
  private async persist<T>(run: JobRun, what: string, write: () => Promise<T>): Promise<{ value: T; tries: number } | undefined> {
    const log = this.options.logger.child({ jobId: run.jobId, attempt: run.attempt });
    const outage = new OutageLog({ logger: log, what: `recording ${what}` });
    const outcome = await retryUntil(write, { deadline: run.lockDeadline, onError: (error) => outage.failure(error) });
    if (outcome.kind === 'done') {
      outage.success();
      return { value: outcome.value, tries: outcome.tries };
    }
    log.error({ err: outcome.error, tries: outcome.tries }, `could not record ${what} before the run's lock ran out; the job will run again from its checkpoint`);
    return undefined;
  }

  /**
   * The job as a write of this run left it in `state`, when a try that seemed to fail had in fact been applied
   * (the connection dropped after the server wrote): the retry then finds the job no longer RUNNING. Only this run
   * writes its run id together with these states.
   */
  private async landedEarlier(run: JobRun, state: JobState): Promise<JobRecord | null> {
    const doc = await this.options.store.findAnyTenant(run.jobId).catch(() => null);
    return doc !== null && doc.runId === run.runId && doc.state === state ? doc : null;
  }

  /** {@link landedEarlier} for a failure route. */
  private async landedRoute(run: JobRun, route: FailureRoute): Promise<WrittenRoute | null> {
    const state = route.kind === 'retry' ? JobState.Retrying : route.kind === 'fail' ? JobState.Failed : JobState.Debug;
    const doc = await this.landedEarlier(run, state);
    return doc === null ? null : { kind: state, doc, wake: false };
  }

  /** Publishes the event of a written end; retried like the write (a subscriber waits for it), at least once. */
  private async announce(run: JobRun, written: WrittenRoute): Promise<void> {
    const outcome = await retryUntil(() => this.options.events.publish(written.kind, written.doc, { wake: written.wake }), { deadline: run.lockDeadline });
    if (outcome.kind === 'expired') this.options.logger.warn({ err: outcome.error, jobId: run.jobId, kind: written.kind }, 'job event not published');
  }

  /** Writes where a failed attempt sends its job (a retry at `retryAt`) and publishes it; false when the run had lost its job (nothing written). */
  private async recordRoute(
    doc: JobRecord,
    runId: string,
    record: JobErrorRecord,
    route: FailureRoute,
    release: boolean,
    retryAt: Date | null = route.kind === 'retry' ? new Date(Date.now() + route.delayMs) : null,
  ): Promise<boolean> {
    const written = await this.writeRoute(doc, runId, record, route, release, retryAt);
    if (written === null) return false;
    await this.options.events.publish(written.kind, written.doc, { wake: written.wake });
    return true;
  }

  /** Writes where a failed attempt sends its job; `null` when the run had lost its job (nothing written). */
  private async writeRoute(
    doc: JobRecord,
    runId: string,
    record: JobErrorRecord,
    route: FailureRoute,
    release: boolean,
    retryAt: Date | null = route.kind === 'retry' ? new Date(Date.now() + route.delayMs) : null,
  ): Promise<WrittenRoute | null> {
    const { store } = this.options;
    switch (route.kind) {
      case 'retry':
      case 'fail': {
        const at = route.kind === 'retry' ? retryAt : null;
        const ended = await store.fail(doc.id, runId, record, at, release);
        return ended === null ? null : { kind: at === null ? 'FAILED' : 'RETRYING', doc: ended, wake: release && at !== null };
      }
      case 'debug': {
        const moved = await store.moveToDebug(doc.id, runId, record, { reason: route.reason, release });
        return moved === null ? null : { kind: 'DEBUG', doc: moved, wake: false };
      }
      default: {
        const exhaustive: never = route;
        throw new Error(`unknown failure route ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  private errorRecord(doc: JobRecord, error: Error, code?: string): JobErrorRecord {
    const errorCode = code ?? (typeof (error as { code?: unknown }).code === 'string' ? (error as unknown as { code: string }).code : EngineErrorCode.JobFailed);
    return { code: errorCode, message: error.message.slice(0, 2000), stack: error.stack?.slice(0, 8000), attempt: doc.attempt, at: new Date() };
  }
}
