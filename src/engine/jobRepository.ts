import type { DebugActionRecord, JobErrorRecord, JobProgressRecord, JobRecord } from './jobRecord.ts';
import type { JobState } from './jobState.ts';

/**
 * The tenant a call is limited to, or {@link ANY_TENANT} on the paths that reach every tenant's jobs
 * (operators, workers, monitoring), which pass it by name.
 */
export type TenantScope = string | typeof ANY_TENANT;

/** The scope of operator, worker and monitoring calls: every tenant's jobs. */
export const ANY_TENANT = null;

/** What a new job is created with. */
export interface NewJob {
  /** From {@link JobRepository.newId} when the caller needs the id before the insert (e.g. to count it against a quota); default a new one. */
  id?: string;
  tenantId: string;
  type: string;
  input: unknown;
  priority: number;
  runAt: Date;
  maxAttempts: number;
  /** With a key the tenant already used, the job it names is returned instead of a new one; default none. */
  idempotencyKey?: string | null;
}

/** Filter of a job list. */
export interface JobListFilter {
  types?: string[] | null;
  states?: JobState[] | null;
}

/** Where a job stands in a list: lists run newest first, by `createdAt` then `id`, both descending. */
export interface JobListPosition {
  createdAt: Date;
  id: string;
}

/** One page request of a job list. */
export interface JobListQuery {
  filter: JobListFilter;
  /** Jobs in the page (at least 1). */
  first: number;
  /** The page starts after this job (see `decodeJobCursor`); default the newest. */
  after?: JobListPosition | null;
}

/** A page of a job list. */
export interface JobListPage {
  records: JobRecord[];
  hasNextPage: boolean;
}

/** What {@link JobRepository.peek} tells about a job. */
export type JobGlimpse = Pick<JobRecord, 'state' | 'runId' | 'heartbeatAt'>;

/** Line numbers reserved by {@link JobRepository.reserveLogLines}. */
export interface LogReservation {
  /** Number of the first line kept. */
  first: number;
  /** How many of the lines (from the first) are kept. */
  kept: number;
  /** With a cap reached: lines dropped so far for the job, all batches together, and the number of the line that says so. */
  dropped: { total: number; seq: number } | null;
}

/** Outcome of a run's heartbeat. */
export type HeartbeatOutcome = 'alive' | 'fenced' | 'cancelled';

/** A part of the job store: the jobs not ended (`live`) or the history of ended ones (`ended`). */
export type JobStorePart = 'live' | 'ended';

/** How many jobs of a type are in a state. */
export interface JobTypeStateCount {
  type: string;
  state: JobState;
  count: number;
}

/** A finished job {@link JobRepository.deleteFinishedBefore} deleted: what its dependents are found by. */
export interface DeletedJob {
  id: string;
  tenantId: string;
  type: string;
  /** Line numbers the job reserved for its log (its lines are numbered 1 to `logCount`). */
  logCount: number;
}

/**
 * Every read and write of jobs the engine, the services, monitoring and the API make: the engine's port to the
 * store that keeps jobs and schedules them (today `AgendaJobRepository`, Agenda's collection on MongoDB).
 *
 * Guarantees every implementation keeps (the contract suite `test/engine/jobRepository.contract.ts` checks them):
 * - An idempotency key is unique per tenant: creating with a key the tenant used returns that job (`created: false`).
 * - Reads with a tenant never return another tenant's job; reads across tenants say so in their name.
 * - A run's writes are fenced by its run id: once another run claimed the job (or it was put back in the queue),
 *   they match nothing and return `null` (or `'fenced'`), and write nothing.
 * - A state change happens only from the states its method names; otherwise it returns `null` and writes nothing.
 * Every write that changes what a job event carries increments `version`. Methods returning a record return it as written.
 */
export interface JobRepository {
  /** A new job id, for a caller that needs it before {@link create}. */
  newId(): string;

  /** Inserts a QUEUED job due at `runAt`; with an idempotency key already used by the tenant, returns that job instead (`created: false`). */
  create(job: NewJob): Promise<{ record: JobRecord; created: boolean }>;

  /** The tenant's job, or `null` (another tenant's job does not exist for it). */
  findForTenant(tenantId: string, id: string): Promise<JobRecord | null>;

  /** A job of any tenant (operators, workers, monitoring), or `null`. */
  findAnyTenant(id: string): Promise<JobRecord | null>;

  /** Jobs of any tenant by id, in one round trip, in no particular order (missing ones are left out). */
  findManyAnyTenant(ids: readonly string[]): Promise<JobRecord[]>;

  /** The tenant's job created with `idempotencyKey`, or `null`. */
  findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<JobRecord | null>;

  /** State, run and heartbeat of jobs of any tenant by id, in one round trip (missing jobs are absent from the map). */
  peek(ids: readonly string[]): Promise<Map<string, JobGlimpse>>;

  /** A page of the tenant's jobs, newest first. */
  listForTenant(tenantId: string, query: JobListQuery): Promise<JobListPage>;

  /** A page of every tenant's jobs (operators), newest first. */
  listAnyTenant(query: JobListQuery): Promise<JobListPage>;

  /** Every RUNNING job of any tenant, without its input, checkpoint, result and errors (the zombie detector's round). */
  listRunning(): Promise<JobRecord[]>;

  /**
   * Jobs per type and state in the scope (zero counts left out, in no particular order), of one part of the store:
   * `live`, the jobs not ended yet (and ended ones not moved to the history yet), a read whose cost follows the
   * queue; `ended`, the history, whose cost follows the history's size (callers space these reads by their cost).
   */
  countByTypeAndState(scope: TenantScope, part: JobStorePart): Promise<JobTypeStateCount[]>;

  /** `runAt` of the oldest QUEUED job of the scope with `runAt <= now`, or `null`. */
  oldestDueQueuedRunAt(scope: TenantScope, now: Date): Promise<Date | null>;

  /** Marks the tenant's job CANCELLED (not due any more) unless it already ended; `null` when it did (or is not the tenant's). */
  cancel(id: string, tenantId: string): Promise<JobRecord | null>;

  /**
   * Puts a job in one of `fromStates` back in the queue, due now, with fresh attempts; `null` when its state does
   * not allow it, a run still holds it, or it is not in the scope.
   */
  requeue(id: string, scope: TenantScope, fromStates: readonly JobState[]): Promise<JobRecord | null>;

  /** Makes a job that waits for a running slot due now; `null` unless it still waits to run (QUEUED or RETRYING). */
  wakeWaiting(id: string): Promise<JobRecord | null>;

  /**
   * Claims a job for run `runId`: RUNNING, attempt bumped, every older run fenced out. `null` when the job is not
   * runnable (QUEUED, RETRYING, or RUNNING: a run lost by its worker is taken over). With `takeOverAfterMs`, a
   * RUNNING job is taken over only once its run gave no sign of life (heartbeat, progress) for that long.
   */
  startRun(id: string, runId: string, workerId: string, options?: { takeOverAfterMs?: number }): Promise<JobRecord | null>;

  /** Refreshes a run's lock at `at`; says whether the run still owns its job, or lost it to a cancel or a newer run. */
  heartbeat(id: string, runId: string, at: Date): Promise<HeartbeatOutcome>;

  /** Persists the progress of a RUNNING run; `null` if fenced. */
  saveProgress(id: string, runId: string, report: JobProgressRecord): Promise<JobRecord | null>;

  /** Persists a checkpoint while the run owns the job, even if it was just cancelled; `null` if fenced. Not an event: `version` stays. */
  saveCheckpoint(id: string, runId: string, checkpointJson: string): Promise<JobRecord | null>;

  /** Ends a RUNNING run as SUCCEEDED; `null` if fenced. */
  succeed(id: string, runId: string, resultJson: string, report: JobProgressRecord): Promise<JobRecord | null>;

  /**
   * Ends a RUNNING run with `error` (kept in the job's errors): RETRYING until `retryAt`, or FAILED when `retryAt`
   * is `null`. With `release` (the process is about to exit, the scheduler will not save the job), the run lets go
   * of the job itself: a retry is then due at `retryAt`. `null` if fenced.
   */
  fail(id: string, runId: string, error: JobErrorRecord, retryAt: Date | null, release: boolean): Promise<JobRecord | null>;

  /** Puts a RUNNING run interrupted by shutdown back in the queue, due now; the interrupted attempt is not counted. `null` if fenced. */
  requeueInterrupted(id: string, runId: string): Promise<JobRecord | null>;

  /** Puts a RUNNING run whose worker was lost back in the queue, due now: the lost attempt counts and `error` is kept. `null` if fenced. */
  requeueLost(id: string, runId: string, error: JobErrorRecord): Promise<JobRecord | null>;

  /**
   * Ends a RUNNING run in the debug queue (DEBUG, not due): `error` kept and an `ENTERED` debug action recorded with
   * `reason`. With `release` (the run's process is gone), also lets go of the job. `null` if fenced.
   */
  moveToDebug(id: string, runId: string, error: JobErrorRecord, options?: { reason?: string; release?: boolean }): Promise<JobRecord | null>;

  /**
   * Queues one more attempt of a DEBUG job at attempt `fromAttempt`, from its checkpoint, as a debug rerun (attempt
   * `fromAttempt + 1`), due now. `null` unless the job is in the debug queue at that attempt, in the scope, and
   * released by the scheduler (a lock still held by a job that ended before `endedBefore` is a dead worker's: released).
   */
  startDebugRerun(id: string, scope: TenantScope, fromAttempt: number, action: DebugActionRecord, endedBefore: Date): Promise<JobRecord | null>;

  /** Puts a DEBUG job back in the queue with fresh attempts, due now, from its checkpoint; `null` unless in the debug queue, in the scope and released (see {@link startDebugRerun}). */
  requeueFromDebug(id: string, scope: TenantScope, action: DebugActionRecord, endedBefore: Date): Promise<JobRecord | null>;

  /** Gives up on a DEBUG job: it becomes FAILED, the action recorded; `null` unless it is in the debug queue and in the scope. */
  discardFromDebug(id: string, scope: TenantScope, action: DebugActionRecord): Promise<JobRecord | null>;

  /**
   * Reserves line numbers for `count` new log lines of a job, within `cap` lines per job (0: no cap). Past the cap,
   * the lines that do not fit are dropped: the first overflow keeps what fits and reserves one more line number
   * for the line that tells how many were dropped; later ones only add to the count of dropped lines.
   */
  reserveLogLines(id: string, count: number, cap?: number): Promise<LogReservation>;

  /**
   * Deletes up to `limit` jobs that ended `SUCCEEDED`, `FAILED` or `CANCELLED` before `cutoff` (never a `DEBUG`
   * job, nor one requeued meanwhile), in one delete by `_id`; returns the jobs it deleted (the retention sweep's).
   */
  deleteFinishedBefore(cutoff: Date, limit: number): Promise<DeletedJob[]>;

  /**
   * Inserts QUEUED jobs in one unordered write, as {@link create} does one by one: returns, in the order given, each
   * job as written or, when its tenant already used its idempotency key (another request, or an earlier job of
   * `jobs`), the job the key names (`created: false`). Any other failure removes what the write inserted (while no
   * scheduler has locked it) and throws.
   */
  createMany(jobs: readonly NewJob[]): Promise<{ record: JobRecord; created: boolean }[]>;

  /** The tenant's jobs created with any of `keys`, in one round trip, in no particular order. */
  findByIdempotencyKeys(tenantId: string, keys: readonly string[]): Promise<JobRecord[]>;
}
