import { Agenda, type Job } from 'agenda';
import type { Db } from 'mongodb';
import { isDatabaseUnreachable } from '../../db/isDatabaseUnreachable.ts';
import { OutageLog } from '../../db/outageLog.ts';
import type { Bus } from '../../bus/bus.ts';
import type { JobScheduler, JobSchedulerFactory, JobSchedulerOptions } from '../jobScheduler.ts';
import { RetryScheduledError } from '../retryScheduledError.ts';
import { BusNotificationChannel } from './busNotificationChannel.ts';
import { ClaimGatedBackend } from './claimGatedRepository.ts';
import { jobsCollection } from './jobsCollection.ts';

/** Options of {@link AgendaScheduler}: a worker's, plus the database holding the jobs and the bus carrying wake-ups. */
export interface AgendaSchedulerOptions extends JobSchedulerOptions {
  db: Db;
  bus: Bus;
}

/** The factory a composition root gives workers: Agenda schedulers on `db`, woken through `bus`. */
export function agendaSchedulerFactory(db: Db, bus: Bus): JobSchedulerFactory {
  return (options) => new AgendaScheduler({ ...options, db, bus });
}

/**
 * The {@link JobScheduler} on Agenda (with `AgendaJobRepository`, the only code that knows Agenda): it schedules, locks
 * and retries jobs (Agenda's backoff, fed by the runner's decision), recovers jobs whose lock expired, and hands each
 * run to the worker's `JobRunner`.
 */
export class AgendaScheduler implements JobScheduler {
  private readonly agenda: Agenda;
  private readonly backend: ClaimGatedBackend;
  private readonly channel: BusNotificationChannel;
  /** What to do once Agenda has saved a job after its hand-over, by job id. */
  private readonly afterSave = new Map<string, () => Promise<void>>();

  constructor(private readonly options: AgendaSchedulerOptions) {
    // One claim scan answers the claims of a poll (every type's) and those that follow within half a poll interval.
    this.backend = new ClaimGatedBackend(options.db, jobsCollection.name, Math.min(1000, options.processEveryMs / 2));
    const claims = this.backend.repository;
    this.channel = new BusNotificationChannel(options.bus, (wake) => claims.woken(wake.jobName, wake.jobId, wake.dueAt === null ? null : new Date(wake.dueAt)));
    this.agenda = new Agenda({
      backend: this.backend,
      name: options.workerId,
      processEvery: options.processEveryMs,
      maxConcurrency: options.maxConcurrency,
      notificationChannel: this.channel,
    });
    // Agenda reports a run it considers expired as an 'error'; the run itself finds out through its heartbeat.
    // While the database is unreachable, every poll of every job type fails: one line per outage, not per poll.
    // Agenda says nothing when polls work again, so a quiet spell counts as the end: longer than the driver's
    // server selection timeout (10 s), after which a poll sent to an unreachable database reports its failure.
    const outage = new OutageLog({ logger: options.logger, what: 'scheduler poll', quietMs: Math.max(15_000, 3 * options.processEveryMs) });
    this.agenda.on('error', (error: Error) => {
      if (isDatabaseUnreachable(error)) outage.failure(error);
      else options.logger.warn({ err: error }, 'scheduler error');
    });
    // A claim Agenda hands to a run is no longer one to release at shutdown: the run's end unlocks it.
    this.agenda.on('start', (job: Job) => {
      if (job.attrs._id !== undefined) this.backend.repository.started(job.attrs._id.toString(), job.attrs.lockedAt);
    });
    // Once Agenda has saved a job with a next run (a retry, a requeue), wake every worker for it.
    this.agenda.on('complete', (job: Job) => {
      const { nextRunAt, _id, name, priority } = job.attrs;
      const saved = _id === undefined ? undefined : this.afterSave.get(_id.toString());
      if (saved !== undefined) {
        this.afterSave.delete(_id!.toString());
        void saved().catch((error: unknown) => options.logger.warn({ err: error }, 'after-save step failed'));
      }
      // A running slot is free: look for the next job now rather than at the next poll (bounded: one search per
      // type at a time, each locking up to the type's limits).
      for (const type of new Set([name, ...claims.typesWithCandidates])) this.channel.refill(type);
      if (nextRunAt === null || nextRunAt === undefined || _id === undefined) return;
      void options.events.wake({ id: _id.toString(), type: name, dueAt: nextRunAt, priority }).catch(() => undefined);
    });
  }

  /** Defines every registered job type and starts taking jobs. */
  async start(): Promise<void> {
    const { registry, runner } = this.options;
    for (const type of registry.list()) {
      // Half the type's lock limit per claim: fewer round trips per job, at most that many extra jobs locked ahead.
      this.backend.repository.setClaimBatch(type.name, Math.ceil(type.resolved.concurrency / 2));
      this.agenda.define(
        type.name,
        async (job: Job) => {
          const data = job.attrs.data as { tenantId?: string } | undefined;
          await runner.handle({
            id: String(job.attrs._id),
            tenantId: data?.tenantId,
            type: type.name,
            refreshLock: (at) => {
              job.attrs.lockedAt = at;
            },
            scheduleAt: (at) => {
              job.attrs.nextRunAt = at;
            },
            afterSave: (callback) => {
              this.afterSave.set(String(job.attrs._id), callback);
            },
            ownedBy: (runId) => this.backend.repository.bindRun(job.attrs, runId),
            ended: () => this.backend.repository.runEnded(job.attrs),
          });
        },
        {
          concurrency: type.resolved.concurrency,
          lockLimit: type.resolved.concurrency,
          lockLifetime: runner.lockLifetimeOf(type.name),
          priority: type.resolved.priority,
          backoff: (ctx) => (ctx.error instanceof RetryScheduledError ? ctx.error.delayMs : null),
        },
      );
    }
    await this.agenda.start();
  }

  /**
   * Stops taking jobs and waits (up to `timeoutMs`) for running ones to return. No job is claimed once it began (a
   * search already sent is waited for, and what it locked is let go); jobs claimed but never started are released.
   */
  async drain(timeoutMs: number): Promise<{ timedOut: boolean; running: number }> {
    const gate = this.backend.repository;
    const deadline = Date.now() + timeoutMs;
    await gate.close();
    const result = await this.agenda.drain(Math.max(0, deadline - Date.now()));
    const released = await gate.releaseUnstarted();
    if (released > 0) this.options.logger.info({ released }, 'jobs claimed but not started released');
    return { timedOut: result.timedOut, running: result.running };
  }

  /** Stops at once, letting go of jobs claimed but not started (running ones keep their locks until they end). */
  async stop(): Promise<void> {
    await this.backend.repository.close();
    await this.agenda.stop();
    await this.backend.repository.releaseUnstarted();
  }
}
