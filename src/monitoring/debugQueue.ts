import { setTimeout as sleep } from 'node:timers/promises';
import type { DebugActionKind, DebugActionRecord, JobRecord } from '../engine/jobRecord.ts';
import type { JobEventKind } from '../engine/jobEvent.ts';
import type { JobEventPublisher } from '../engine/jobEventPublisher.ts';
import type { Caller, JobPage } from '../engine/jobService.ts';
import { JobState } from '../engine/jobState.ts';
import { decodeJobCursor, encodeJobCursor } from '../engine/jobCursor.ts';
import { parseJobId } from '../engine/jobId.ts';
import { ANY_TENANT, type JobRepository, type TenantScope } from '../engine/jobRepository.ts';
import { toJobView, type JobView } from '../engine/jobView.ts';
import { JobNotFoundError, JobNotInDebugQueueError, JobStateConflictError } from '../engine/errors/index.ts';
import { debugLeftMessage } from './debugQueueEvents.ts';

/** Options of {@link DebugQueue}. */
export interface DebugQueueOptions {
  store: JobRepository;
  /** Publishes the job events of the actions (with their `DEBUG_LEFT` monitoring events). */
  events: JobEventPublisher;
  /**
   * How long an action waits for the scheduler to release a job that just entered the queue (its worker
   * is still saving the run's end) before answering `JOB_STATE_CONFLICT`; default 3000 ms.
   */
  releaseWaitMs?: number;
  /**
   * A job still locked this long after it entered the queue lost its worker before the scheduler released it:
   * rerun and requeue go ahead and clear the lock; default 30 000 ms.
   */
  staleLockMs?: number;
}

/** An operator action on a job in the debug queue. */
type LeaveAction = Exclude<DebugActionKind, 'ENTERED'>;

const RELEASE_POLL_MS = 50;

/**
 * The debug queue: jobs in state `DEBUG` (out of attempts, or failed with an error no retry fixes),
 * kept with every attempt's error and logs until an operator reruns them once with debug logging,
 * requeues them, or discards them. Each action is recorded on the job (`debugActions`) and published
 * as the job's event plus a `DEBUG_LEFT` monitoring event. Operators act on every tenant's jobs;
 * any other caller only ever reaches its own tenant's (the API refuses them the actions).
 */
export class DebugQueue {
  private readonly releaseWaitMs: number;
  private readonly staleLockMs: number;

  constructor(private readonly options: DebugQueueOptions) {
    this.releaseWaitMs = options.releaseWaitMs ?? 3000;
    this.staleLockMs = options.staleLockMs ?? 30_000;
    if (!(this.releaseWaitMs >= 0)) throw new RangeError(`releaseWaitMs must be 0 or more, got ${options.releaseWaitMs}`);
    if (!(this.staleLockMs > 0)) throw new RangeError(`staleLockMs must be more than 0, got ${options.staleLockMs}`);
  }

  /** A page of `DEBUG` jobs, newest first: the caller's tenant's, or every tenant's for an operator. */
  async list(caller: Caller, first: number, after?: string | null): Promise<JobPage> {
    const tenant = scope(caller);
    const query = { filter: { states: [JobState.Debug] }, first, after: decodeJobCursor(after) };
    const { records, hasNextPage } = tenant === ANY_TENANT ? await this.options.store.listAnyTenant(query) : await this.options.store.listForTenant(tenant, query);
    const edges = records.map((record) => ({ cursor: encodeJobCursor(record), node: toJobView(record) }));
    return { edges, hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  }

  /** Runs the job once more, from its checkpoint, logging at debug level into its own log; a failure brings it back here (no retries). */
  rerun(caller: Caller, id: string): Promise<JobView> {
    return this.act(caller, id, 'RERUN_IN_DEBUG', null, (jobId, tenant, current, action) => this.options.store.startDebugRerun(jobId, tenant, current.attempt, action, this.staleSince()), 'REQUEUED');
  }

  /** Puts the job back in the queue with fresh attempts, from its checkpoint. */
  requeue(caller: Caller, id: string): Promise<JobView> {
    return this.act(caller, id, 'REQUEUED', null, (jobId, tenant, _current, action) => this.options.store.requeueFromDebug(jobId, tenant, action, this.staleSince()), 'REQUEUED');
  }

  /** Gives up on the job: it becomes `FAILED`, with `reason` recorded. */
  discard(caller: Caller, id: string, reason: string): Promise<JobView> {
    return this.act(caller, id, 'DISCARDED', reason.slice(0, 2000), (jobId, tenant, _current, action) => this.options.store.discardFromDebug(jobId, tenant, action), 'FAILED');
  }

  /** Jobs that entered the queue before this and are still locked lost their worker. */
  private staleSince(): Date {
    return new Date(Date.now() - this.staleLockMs);
  }

  private async act(
    caller: Caller,
    id: string,
    kind: LeaveAction,
    reason: string | null,
    apply: (jobId: string, tenant: TenantScope, current: JobRecord, action: DebugActionRecord) => Promise<JobRecord | null>,
    eventKind: JobEventKind,
  ): Promise<JobView> {
    const jobId = parseJobId(id);
    const tenant = scope(caller);
    const deadline = Date.now() + this.releaseWaitMs;
    for (;;) {
      const current = tenant === ANY_TENANT ? await this.options.store.findAnyTenant(jobId) : await this.options.store.findForTenant(tenant, jobId);
      if (current === null) throw new JobNotFoundError(`job ${id} not found`);
      if (current.state !== JobState.Debug) throw new JobNotInDebugQueueError(`job ${id} is ${current.state}; only jobs in the debug queue (DEBUG) can be ${actionPhrase(kind)}`);
      const doc = await apply(jobId, tenant, current, { kind, at: new Date(), by: caller.tenantId, reason });
      if (doc !== null) {
        const runnable = doc.state === JobState.Queued;
        await this.options.events.publish(eventKind, doc, { wake: runnable, with: [debugLeftMessage(doc, kind, caller.tenantId)] });
        return toJobView(doc);
      }
      // Still DEBUG but not updated: its worker has not yet released the run that put it here (or another action won the race).
      if (Date.now() >= deadline) throw new JobStateConflictError(`job ${id} is still being released by its worker; try again in a moment`);
      await sleep(RELEASE_POLL_MS);
    }
  }
}

/** Tenant a caller's debug-queue reads and actions are limited to; every tenant for operators. */
function scope(caller: Caller): TenantScope {
  return caller.operator ? ANY_TENANT : caller.tenantId;
}

function actionPhrase(kind: LeaveAction): string {
  switch (kind) {
    case 'RERUN_IN_DEBUG':
      return 'rerun in debug';
    case 'REQUEUED':
      return 'requeued from it';
    case 'DISCARDED':
      return 'discarded';
    default: {
      const exhaustive: never = kind;
      return String(exhaustive);
    }
  }
}
