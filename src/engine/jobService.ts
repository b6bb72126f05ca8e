import type { Bus } from '../bus/bus.ts';
import type { JobEventPublisher } from './jobEventPublisher.ts';
import type { JobLogLine, JobLogStore } from './jobLogStore.ts';
import { JobState } from './jobState.ts';
import { decodeJobCursor, encodeJobCursor } from './jobCursor.ts';
import { parseJobId } from './jobId.ts';
import { ANY_TENANT, type JobListFilter, type JobRepository, type NewJob, type TenantScope } from './jobRepository.ts';
import type { JobRecord } from './jobRecord.ts';
import type { JobTypeRegistry } from './jobTypeRegistry.ts';
import { toJobView, type JobView } from './jobView.ts';
import type { ResolvedJobType } from './jobType.ts';
import { TenantQuota } from './tenantQuota.ts';
import type { TenantQuotaStore } from './tenantQuotaStore.ts';
import { DEFAULT_JOB_LIMITS, type JobLimitsConfig } from '../config/jobLimitsConfig.ts';
import { EngineError, InternalJobTypeError, InvalidJobInputError, JobBatchItemError, JobBatchTooLargeError, JobNotFoundError, JobStateConflictError } from './errors/index.ts';

/** Who is asking: the tenant an API key acts for. */
export interface Caller {
  tenantId: string;
  operator: boolean;
}

/** What a client asks for when creating a job. */
export interface CreateJobRequest {
  type: string;
  input?: unknown;
  priority?: number | null;
  runAt?: Date | null;
  maxAttempts?: number | null;
  idempotencyKey?: string | null;
}

/** A page of jobs. */
export interface JobPage {
  edges: { cursor: string; node: JobView }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The jobs API of the domain: what resolvers call. Validates before it writes, so bad input writes nothing. */
export class JobService {
  readonly store: JobRepository;
  /** Per-tenant creation rate, waiting-jobs cap and priority range: every way of creating a job goes through it. */
  readonly quota: TenantQuota;

  constructor(
    store: JobRepository,
    /** The job log of every job (read by `Job.logs`). */
    readonly logs: JobLogStore,
    quotas: TenantQuotaStore,
    readonly bus: Bus,
    readonly registry: JobTypeRegistry,
    private readonly events: JobEventPublisher,
    limits: JobLimitsConfig = DEFAULT_JOB_LIMITS,
  ) {
    this.store = store;
    this.quota = new TenantQuota({ quotas, jobs: this.store, limits });
  }

  /**
   * Creates a job of a `public` type (the API's `createJob`). An `internal` type is refused with
   * {@link InternalJobTypeError} before anything is written: its domain service creates its jobs.
   */
  async create(caller: Caller, request: CreateJobRequest): Promise<JobView> {
    return this.insert(caller, this.publicType(request.type), request);
  }

  /**
   * Creates a job of an `internal` type for a domain service (backups, restores, exports), which
   * checked and created the records its input names in `caller`'s tenant. Not reachable from the API's
   * `createJob`. Throws for a public type (a programming error: use {@link create}).
   */
  async createInternal(caller: Caller, request: CreateJobRequest): Promise<JobView> {
    const type = this.registry.get(request.type);
    if (type.visibility !== 'internal') throw new Error(`job type "${type.name}" is public: create it with create()`);
    return this.insert(caller, type, request);
  }

  /**
   * Creates jobs of `public` types in one batch (the API's `createJobs`), under the rules of {@link create}: the
   * batch is validated whole before anything is written (a bad item throws {@link JobBatchItemError} with its index;
   * more items than `LONGHAUL_CREATE_JOBS_MAX`, or than the tenant's limits could ever take at once, throw
   * {@link JobBatchTooLargeError}), admitted whole against the tenant's quota or refused, inserted in one write and
   * announced in one bus write. Idempotency keys hold per item: an item whose key the tenant already used gets that
   * job, and items of one batch sharing a key get the same job (the first one's). Returns the jobs in input order.
   */
  async createMany(caller: Caller, requests: readonly CreateJobRequest[]): Promise<JobView[]> {
    const limit = Math.min(this.quota.limits.maxBatchSize, this.quota.largestBatch());
    if (requests.length > limit) {
      const by = limit === this.quota.limits.maxBatchSize ? 'LONGHAUL_CREATE_JOBS_MAX' : 'the tenant limits LONGHAUL_TENANT_CREATES_PER_MINUTE and LONGHAUL_TENANT_MAX_QUEUED';
      throw new JobBatchTooLargeError(`a batch holds at most ${limit} jobs (${by}); this one holds ${requests.length}: split it`, limit);
    }
    const jobs = requests.map((request, index) => {
      try {
        return this.prepare(caller, this.publicType(request.type), request);
      } catch (error) {
        if (error instanceof EngineError) throw new JobBatchItemError(index, error);
        throw error;
      }
    });
    const firstOfKey = new Map<string, number>();
    jobs.forEach((job, i) => {
      if (job.idempotencyKey !== undefined && job.idempotencyKey !== null && !firstOfKey.has(job.idempotencyKey)) firstOfKey.set(job.idempotencyKey, i);
    });
    const existing = new Map((await this.store.findByIdempotencyKeys(caller.tenantId, [...firstOfKey.keys()])).map((r) => [r.idempotencyKey, r]));
    const fresh = jobs.flatMap((job, i) => {
      const key = job.idempotencyKey;
      return key === undefined || key === null || (firstOfKey.get(key) === i && !existing.has(key)) ? [i] : [];
    });
    const outcomes = await this.quota.enqueueMany(caller.tenantId, fresh.length, (ids) => this.store.createMany(fresh.map((i, k) => ({ ...jobs[i]!, id: ids[k] }))));
    const records: (JobRecord | undefined)[] = new Array<JobRecord | undefined>(jobs.length);
    fresh.forEach((i, k) => (records[i] = outcomes[k]!.record));
    jobs.forEach((job, i) => {
      const key = job.idempotencyKey;
      if (records[i] === undefined && key !== undefined && key !== null) records[i] = existing.get(key) ?? records[firstOfKey.get(key)!];
    });
    await this.events.publishMany(
      'CREATED',
      outcomes.filter((o) => o.created).map((o) => o.record),
      { wake: true },
    );
    return records.map((record) => toJobView(record!));
  }

  /** The type named `name` if `createJob` may create it; {@link InternalJobTypeError} for an internal one. */
  private publicType(name: string): ResolvedJobType {
    const type = this.registry.get(name);
    if (type.visibility !== 'public') throw new InternalJobTypeError(`job type "${type.name}" is internal: its jobs are created by its own mutation, not createJob`);
    return type;
  }

  /** Validates a request for `type` and writes the job (nothing is written when validation fails). */
  private async insert(caller: Caller, type: ResolvedJobType, request: CreateJobRequest): Promise<JobView> {
    const job = this.prepare(caller, type, request);
    const { record, created } = await this.quota.enqueue(caller.tenantId, (id) => this.store.create({ ...job, id }), { idempotencyKey: request.idempotencyKey });
    if (created) await this.events.publish('CREATED', record, { wake: true });
    return toJobView(record);
  }

  /** The job `request` asks for, validated and with the type's defaults; throws {@link InvalidJobInputError} (or the registry's errors). */
  private prepare(caller: Caller, type: ResolvedJobType, request: CreateJobRequest): NewJob {
    const input = this.registry.parseInput(type.name, request.input);
    const problems: { path: string; message: string }[] = [];
    if (request.maxAttempts !== undefined && request.maxAttempts !== null && (request.maxAttempts < 1 || request.maxAttempts > 100)) {
      problems.push({ path: 'maxAttempts', message: 'must be between 1 and 100' });
    }
    const priorityRange = this.quota.priorityRange(caller);
    if (request.priority !== undefined && request.priority !== null && Math.abs(request.priority) > priorityRange) {
      problems.push({ path: 'priority', message: `must be between -${priorityRange} and ${priorityRange}${caller.operator ? '' : ' (a wider range is for operators)'}` });
    }
    if (request.idempotencyKey !== undefined && request.idempotencyKey !== null && (request.idempotencyKey.length < 1 || request.idempotencyKey.length > 200)) {
      problems.push({ path: 'idempotencyKey', message: 'must be 1 to 200 characters' });
    }
    if (problems.length > 0) throw new InvalidJobInputError(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
    return {
      tenantId: caller.tenantId,
      type: type.name,
      input,
      priority: request.priority ?? type.resolved.priority,
      runAt: request.runAt ?? new Date(),
      maxAttempts: request.maxAttempts ?? type.resolved.maxAttempts,
      idempotencyKey: request.idempotencyKey,
    };
  }

  /** The caller's job, or `null` (another tenant's job does not exist for the caller; operators read every tenant's). */
  async get(caller: Caller, id: string): Promise<JobView | null> {
    const jobId = parseJobId(id);
    const scope = readScope(caller);
    const doc = scope === ANY_TENANT ? await this.store.findAnyTenant(jobId) : await this.store.findForTenant(scope, jobId);
    return doc === null ? null : toJobView(doc);
  }

  /** The caller's jobs among `ids`, by id, in one round trip (others' and missing ones are left out). */
  async getMany(caller: Caller, ids: readonly string[]): Promise<Map<string, JobView>> {
    const scope = readScope(caller);
    const records = await this.store.findManyAnyTenant(ids.map(parseJobId));
    return new Map(records.filter((r) => scope === ANY_TENANT || r.tenantId === scope).map((r) => [r.id, toJobView(r)]));
  }

  /** Like {@link get}, but throws {@link JobNotFoundError}. */
  async require(caller: Caller, id: string): Promise<JobView> {
    const job = await this.get(caller, id);
    if (job === null) throw new JobNotFoundError(`job ${id} not found`);
    return job;
  }

  async list(caller: Caller, filter: JobListFilter, first: number, after?: string | null): Promise<JobPage> {
    const scope = readScope(caller);
    const query = { filter, first, after: decodeJobCursor(after) };
    const { records, hasNextPage } = scope === ANY_TENANT ? await this.store.listAnyTenant(query) : await this.store.listForTenant(scope, query);
    const edges = records.map((record) => ({ cursor: encodeJobCursor(record), node: toJobView(record) }));
    return { edges, hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
  }

  async cancel(caller: Caller, id: string): Promise<JobView> {
    const current = await this.require(caller, id);
    const doc = await this.store.cancel(parseJobId(id), caller.tenantId);
    if (doc === null) throw new JobStateConflictError(`job ${id} is ${current.state} and can no longer be cancelled`);
    // Out of the queue at once: the tenant may create another without waiting for a recount.
    await this.quota.withdraw(doc.tenantId, doc.id);
    await this.events.publish('CANCELLED', doc);
    return toJobView(doc);
  }

  async retry(caller: Caller, id: string): Promise<JobView> {
    const current = await this.require(caller, id);
    // Back in the queue, the job counts against the tenant's waiting jobs again (not against its creation rate).
    if (current.state === JobState.Failed || current.state === JobState.Cancelled) await this.quota.admit(caller.tenantId, parseJobId(id), { countRate: false });
    const doc = await this.store.requeue(parseJobId(id), caller.tenantId, [JobState.Failed, JobState.Cancelled]);
    if (doc === null) {
      throw new JobStateConflictError(
        current.state === JobState.Failed || current.state === JobState.Cancelled
          ? `job ${id} is still being stopped by its worker; retry it in a moment`
          : `job ${id} is ${current.state}; only FAILED or CANCELLED jobs can be retried`,
      );
    }
    await this.events.publish('REQUEUED', doc, { wake: true });
    return toJobView(doc);
  }

  /** Checkpoints of many jobs in one round trip. */
  async checkpoints(ids: readonly string[]): Promise<Map<string, unknown>> {
    const records = await this.store.findManyAnyTenant(ids.map(parseJobId));
    return new Map(records.map((r) => [r.id, toJobView(r).checkpoint ?? null]));
  }

  /** The last lines of many jobs' logs in one round trip. */
  lastLogLines(requests: readonly { jobId: string; logCount: number; last: number }[]): Promise<Map<string, JobLogLine[]>> {
    return this.logs.lastLines(requests);
  }
}

/** Tenant whose jobs a caller may read: its own, or every tenant's for an operator. */
function readScope(caller: Caller): TenantScope {
  return caller.operator ? ANY_TENANT : caller.tenantId;
}
