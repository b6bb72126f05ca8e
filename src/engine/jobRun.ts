import type { Logger } from '../logging/logger.ts';
import { OutageLog } from '../db/outageLog.ts';
import type { JobContext, ProgressUpdate } from './jobContext.ts';
import type { JobProgressRecord, JobRecord } from './jobRecord.ts';
import type { JobEventPublisher } from './jobEventPublisher.ts';
import { JobLogBuffer } from './jobLogBuffer.ts';
import type { JobLogStore } from './jobLogStore.ts';
import type { HeartbeatOutcome, JobRepository } from './jobRepository.ts';
import type { ResolvedJobType } from './jobType.ts';
import { parseStoredJson } from './jobView.ts';
import { ProgressCoalescer } from './progressCoalescer.ts';
import { runScopeStorage, type RunScope } from './runScope.ts';
import { JobCancelledError, LockLostError, RunFencedError } from './errors/index.ts';

/** What one attempt came to. */
export type RunOutcome =
  | { kind: 'succeeded'; result: unknown }
  | { kind: 'failed'; error: Error }
  | { kind: 'aborted'; reason: Error };

/** What a {@link JobRun} needs from its worker. */
export interface JobRunDeps {
  store: JobRepository;
  logs: JobLogStore;
  events: JobEventPublisher;
  logger: Logger;
  heartbeatMs: number;
  progressIntervalMs: number;
  /** Lock lifetime of this run: a run that cannot heartbeat for most of it stops itself before another worker may take its job. */
  lockLifetimeMs: number;
  /** Called after each heartbeat that kept the lock (the scheduler's in-memory lock time follows). */
  onLockRefreshed: (at: Date) => void;
  /** Releases the job for a retry before the process exits (see {@link RunScope.releaseForExit}). */
  releaseForExit: (run: JobRun, error: Error) => Promise<void>;
  /** Capture debug-level lines (a debug rerun): the run's logger logs at `debug` and the job's own log keeps them; default false (info and up). */
  debugLogging?: boolean;
}

/**
 * One attempt of one job: builds its {@link JobContext}, heartbeats, coalesces progress,
 * fences every write by its run id and turns cancel, shutdown and lost locks into its abort signal.
 */
export class JobRun {
  readonly jobId: string;
  readonly attempt: number;
  private readonly controller = new AbortController();
  private readonly progress: ProgressCoalescer;
  private readonly log: JobLogBuffer;
  private heartbeat: NodeJS.Timeout | undefined;
  private checkpointState: unknown;
  private lastAlive = Date.now();
  private lastProgress = Date.now();
  private giveUp: ((error: Error) => void) | undefined;

  constructor(
    private readonly deps: JobRunDeps,
    readonly type: ResolvedJobType,
    readonly doc: JobRecord,
    readonly runId: string,
  ) {
    this.jobId = doc.id;
    this.attempt = doc.attempt;
    this.checkpointState = parseStoredJson(doc.checkpoint) ?? undefined;
    const bindings = { jobId: this.jobId, jobType: type.name, attempt: this.attempt };
    const debugLogging = deps.debugLogging === true;
    const logger = debugLogging ? deps.logger.child(bindings, { level: 'debug' }) : deps.logger.child(bindings);
    this.log = new JobLogBuffer(this.jobId, this.attempt, deps.logs, logger, debugLogging ? 'debug' : 'info');
    this.progress = new ProgressCoalescer(doc.report, deps.progressIntervalMs, (p) => this.writeProgress(p));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Latest progress reported by the job. */
  get currentProgress(): JobProgressRecord {
    return this.progress.current;
  }

  /** When the run last kept its lock with a heartbeat (ms since the epoch; the run's start before the first). */
  get lastHeartbeatAt(): number {
    return this.lastAlive;
  }

  /** When the job last changed its progress or saved a checkpoint (ms since the epoch; the run's start before). */
  get lastProgressAt(): number {
    return this.lastProgress;
  }

  /** Lock lifetime of this run. */
  get lockLifetimeMs(): number {
    return this.deps.lockLifetimeMs;
  }

  /** When the lock this run last refreshed runs out (ms since the epoch): after it, another run may take the job. */
  get lockDeadline(): number {
    return this.lastAlive + this.deps.lockLifetimeMs;
  }

  /**
   * Aborts a run declared hung and, if its code does not stop within `graceMs`, ends the attempt anyway:
   * the job moves on while the stuck code, fenced by its run id, can no longer write anything.
   */
  abandon(reason: Error, graceMs: number): void {
    this.abort(reason);
    setTimeout(() => this.giveUp?.(reason), graceMs).unref();
  }

  /** Aborts the run; the first reason wins. */
  abort(reason: Error): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** Runs the attempt to its end; never throws. */
  async execute(): Promise<RunOutcome> {
    let fault: (error: Error) => void = () => undefined;
    const faulted = new Promise<never>((_, reject) => {
      fault = reject;
    });
    this.giveUp = (error) => fault(error);
    const scope: RunScope = {
      jobId: this.jobId,
      jobType: this.type.name,
      attempt: this.attempt,
      fault: (error) => {
        fault(error);
        this.abort(error);
      },
      releaseForExit: (error) => this.deps.releaseForExit(this, error),
    };
    this.startHeartbeat();
    try {
      const input = this.type.input.parse(parseStoredJson(this.doc.input) ?? {});
      const result = await runScopeStorage.run(scope, () => Promise.race([this.type.run(this.context(input)), faulted]));
      return { kind: 'succeeded', result: result ?? null };
    } catch (error) {
      if (this.signal.aborted) return { kind: 'aborted', reason: this.signal.reason as Error };
      return { kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
    } finally {
      clearInterval(this.heartbeat);
      await this.log.flush();
    }
  }

  /** Waits for a progress write in flight and drops pending progress: the final state write carries it. */
  async settleProgress(): Promise<void> {
    await this.progress.settle().catch(() => undefined);
  }

  /** Writes pending progress; used before the final state is written. */
  async flushProgress(): Promise<void> {
    await this.progress.flush().catch(() => undefined);
    this.progress.close();
  }


  private context(input: unknown): JobContext<unknown, unknown> {
    return {
      jobId: this.jobId,
      tenantId: this.doc.tenantId,
      input,
      attempt: this.attempt,
      signal: this.signal,
      logger: this.log,
      progress: (update: ProgressUpdate) => {
        if (this.signal.aborted) return;
        const before = this.progress.current;
        if (update.processed !== before.processed || (update.total ?? null) !== before.total) this.lastProgress = Date.now();
        this.progress.report(update);
      },
      checkpoint: () => this.checkpointState,
      saveCheckpoint: async (state: unknown) => {
        await Promise.all([this.progress.flush(), this.log.flush()]);
        const saved = await this.deps.store.saveCheckpoint(this.jobId, this.runId, JSON.stringify(state ?? null));
        if (saved === null) {
          const error = new RunFencedError(`job ${this.jobId}: attempt ${this.attempt} lost its job to a newer run; checkpoint refused`);
          this.abort(error);
          throw error;
        }
        this.checkpointState = state;
        this.lastProgress = Date.now();
      },
    };
  }

  private async writeProgress(progress: JobProgressRecord): Promise<void> {
    try {
      const doc = await this.deps.store.saveProgress(this.jobId, this.runId, progress);
      if (doc === null) {
        this.abort(new RunFencedError(`job ${this.jobId}: attempt ${this.attempt} lost its job; progress refused`));
        return;
      }
      await this.deps.events.publish('PROGRESS', doc);
    } catch (error) {
      this.deps.logger.warn({ err: error, jobId: this.jobId }, 'could not save progress');
    }
  }

  private startHeartbeat(): void {
    this.lastAlive = Date.now();
    const outage = new OutageLog({ logger: this.deps.logger.child({ jobId: this.jobId, attempt: this.attempt }), what: 'job heartbeat' });
    let inFlight = false;
    this.heartbeat = setInterval(() => {
      // Checked at every tick, not when a heartbeat fails: against an unreachable database a heartbeat
      // only fails after the driver's server selection timeout, which may be longer than the lock lifetime.
      const silentMs = Date.now() - this.lastAlive;
      if (silentMs > this.deps.lockLifetimeMs * 0.8) {
        this.abort(new LockLostError(`job ${this.jobId}: no heartbeat for ${silentMs} ms; stopping before another worker takes the job`));
      }
      // One heartbeat at a time: a slow or unreachable database gets no pile of them.
      if (inFlight) return;
      inFlight = true;
      const at = new Date();
      this.deps.store.heartbeat(this.jobId, this.runId, at).then(
        (outcome: HeartbeatOutcome) => {
          inFlight = false;
          outage.success();
          if (outcome === 'alive') {
            this.lastAlive = at.getTime();
            this.deps.onLockRefreshed(at);
          }
          else if (outcome === 'cancelled') this.abort(new JobCancelledError(`job ${this.jobId} was cancelled`));
          else this.abort(new RunFencedError(`job ${this.jobId}: attempt ${this.attempt} lost its lock to a newer run`));
        },
        (error: unknown) => {
          inFlight = false;
          outage.failure(error);
        },
      );
    }, this.deps.heartbeatMs);
    this.heartbeat.unref();
  }
}
