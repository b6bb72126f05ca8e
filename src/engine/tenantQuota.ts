import { DEFAULT_JOB_LIMITS, OPERATOR_PRIORITY_RANGE, type JobLimitsConfig } from '../config/jobLimitsConfig.ts';
import type { JobRecord } from './jobRecord.ts';
import type { JobRepository } from './jobRepository.ts';
import { JobState } from './jobState.ts';
import type { TenantQuotaStore, TenantQueueDocument } from './tenantQuotaStore.ts';
import { QuotaExceededError, RateLimitedError } from './errors/index.ts';

/** How long an admitted job may take to appear in the jobs collection before a recount forgets it. */
const INSERT_GRACE_MS = 60_000;
/** After a recount that freed nothing, further refusals of the tenant skip the recount for this long (in this process). */
const RECOUNT_COOLDOWN_MS = 1000;
/** Attempts of an admission racing other processes before it gives up with a short retry-after. */
const MAX_ATTEMPTS = 8;

/** Options of {@link TenantQuota}. */
export interface TenantQuotaOptions {
  quotas: TenantQuotaStore;
  jobs: JobRepository;
  /** Default {@link DEFAULT_JOB_LIMITS}. */
  limits?: JobLimitsConfig;
  /** Clock (ms since the epoch); default `Date.now`. */
  now?: () => number;
}

/** Whether a job counts against the creation rate: new jobs do; a job put back in the queue (`retry`) does not. */
export interface AdmitOptions {
  countRate?: boolean;
}

/**
 * The admission side of a tenant's job limits, in the engine so that every door that creates a job passes it:
 * creations per clock minute (`RATE_LIMITED` with a retry-after) and jobs waiting to start (`QUOTA_EXCEEDED`),
 * counted in one `_id`-addressed document per tenant with one conditional write per admission. A cancelled job
 * gives its place back at once; entries of jobs that started or ended are removed lazily, when the count reaches
 * the cap, by reading those jobs by id (a recount), so neither a creation nor a run start pays for it.
 * "Waiting" means QUEUED or RETRYING among the jobs admitted here (created, or put back by `retryJob`); a job
 * the engine requeues by itself (shutdown, lost worker, debug-queue actions) is not counted again.
 */
export class TenantQuota {
  readonly limits: JobLimitsConfig;
  private readonly now: () => number;
  private readonly lastEmptyRecount = new Map<string, number>();

  constructor(private readonly options: TenantQuotaOptions) {
    this.limits = options.limits ?? DEFAULT_JOB_LIMITS;
    this.now = options.now ?? Date.now;
  }

  /** The largest priority magnitude the caller may set: the configured range for tenants, 1000 for operators. */
  priorityRange(caller: { operator: boolean }): number {
    return caller.operator ? OPERATOR_PRIORITY_RANGE : this.limits.priorityRange;
  }

  /**
   * Creates a job through `insert` (given the job's id) if the tenant is within its limits; otherwise throws
   * {@link RateLimitedError} or {@link QuotaExceededError} and `insert` is not called. An idempotent replay
   * (`created: false`) or a failed insert gives its place back. A refused request whose `idempotencyKey` names a
   * job the tenant already has gets that job instead of the error.
   */
  async enqueue(
    tenantId: string,
    insert: (id: string) => Promise<{ record: JobRecord; created: boolean }>,
    options: { idempotencyKey?: string | null } = {},
  ): Promise<{ record: JobRecord; created: boolean }> {
    const id = this.options.jobs.newId();
    try {
      await this.admit(tenantId, id);
    } catch (error) {
      const key = options.idempotencyKey;
      if (key !== undefined && key !== null && (error instanceof RateLimitedError || error instanceof QuotaExceededError)) {
        const existing = await this.options.jobs.findByIdempotencyKey(tenantId, key);
        if (existing !== null) return { record: existing, created: false };
      }
      throw error;
    }
    let outcome: { record: JobRecord; created: boolean };
    try {
      outcome = await insert(id);
    } catch (error) {
      await this.withdraw(tenantId, id).catch(() => undefined);
      throw error;
    }
    if (!outcome.created) await this.withdraw(tenantId, id);
    return outcome;
  }

  /**
   * Counts job `jobId` against the tenant's limits, or throws (writing nothing). With `countRate: false`
   * (a job put back in the queue) only the waiting-jobs cap applies.
   */
  async admit(tenantId: string, jobId: string, options: AdmitOptions = {}): Promise<void> {
    const { createsPerMinute: rate, maxQueuedPerTenant: cap } = this.limits;
    const countRate = (options.countRate ?? true) && rate > 0;
    if (!countRate && cap === 0) return;
    const quotas = this.options.quotas;
    // Another process's clock may be a little ahead: then its minute is the window.
    let windowFloor = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = this.now();
      const minute = countRate ? Math.max(Math.floor(now / 60_000), windowFloor) : null;
      if (await quotas.admit(tenantId, jobId, new Date(now), minute, rate, cap)) return;
      // Refused or first time: the document says why.
      const doc = await quotas.readQueue(tenantId);
      if (doc === null) {
        const jobs = cap > 0 ? { [jobId]: new Date(now) } : {};
        if (await quotas.createQueue(tenantId, minute ?? Math.floor(now / 60_000), countRate ? 1 : 0, jobs)) return;
        continue;
      }
      // Already counted (a job put back in the queue before a recount forgot it).
      if (cap > 0 && doc.jobs?.[jobId] !== undefined) return;
      if (minute !== null && doc.minute !== minute) {
        if (doc.minute > minute) windowFloor = doc.minute;
        else await quotas.startMinute(tenantId, doc.minute, minute);
        continue;
      }
      if (minute !== null && doc.created >= rate) {
        const retryAfterSeconds = Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000));
        throw new RateLimitedError(`too many jobs created: at most ${rate} per minute per tenant (LONGHAUL_TENANT_CREATES_PER_MINUTE); try again in ${retryAfterSeconds} s`, retryAfterSeconds, rate);
      }
      if (cap > 0 && doc.count >= cap) {
        if ((await this.recount(tenantId, doc, now)) > 0) continue;
        throw new QuotaExceededError(`too many jobs waiting to start: at most ${cap} per tenant (LONGHAUL_TENANT_MAX_QUEUED); create more once some have started`, cap);
      }
    }
    // Other processes kept changing the document under this one: the tenant is creating jobs very fast.
    throw new RateLimitedError('too many concurrent job creations for this tenant; try again in a second', 1, rate);
  }

  /**
   * Creates `count` jobs through `insert` (given their new ids, one per job) if the tenant's limits take them all;
   * otherwise throws {@link RateLimitedError} or {@link QuotaExceededError} and `insert` is not called: a batch is
   * admitted whole or not at all, in one write when nothing races it. Jobs `insert` did not create (`created: false`,
   * idempotent replays) and a failed insert give their places back.
   */
  async enqueueMany(
    tenantId: string,
    count: number,
    insert: (ids: string[]) => Promise<{ record: JobRecord; created: boolean }[]>,
  ): Promise<{ record: JobRecord; created: boolean }[]> {
    const ids = Array.from({ length: count }, () => this.options.jobs.newId());
    if (count > 0) await this.admitMany(tenantId, ids);
    let outcomes: { record: JobRecord; created: boolean }[];
    try {
      outcomes = await insert(ids);
    } catch (error) {
      await this.withdrawMany(tenantId, ids).catch(() => undefined);
      throw error;
    }
    await this.withdrawMany(tenantId, ids.filter((_, i) => outcomes[i]?.created !== true));
    return outcomes;
  }

  /**
   * The largest batch the tenant's limits could ever take at once: a larger one is refused whatever the counters
   * say (the smaller of the creations per minute and the waiting-jobs cap; `Infinity` when both are off).
   */
  largestBatch(): number {
    const { createsPerMinute: rate, maxQueuedPerTenant: cap } = this.limits;
    return Math.min(rate > 0 ? rate : Infinity, cap > 0 ? cap : Infinity);
  }

  /** Counts new jobs `ids` against the tenant's limits all together, or throws (writing nothing); see {@link admit}. */
  private async admitMany(tenantId: string, ids: readonly string[]): Promise<void> {
    const { createsPerMinute: rate, maxQueuedPerTenant: cap } = this.limits;
    if (rate === 0 && cap === 0) return;
    const n = ids.length;
    const quotas = this.options.quotas;
    let windowFloor = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const now = this.now();
      const minute = rate > 0 ? Math.max(Math.floor(now / 60_000), windowFloor) : null;
      if (await quotas.admitMany(tenantId, ids, new Date(now), minute, rate, cap)) return;
      const doc = await quotas.readQueue(tenantId);
      if (doc === null) {
        const jobs = cap > 0 ? Object.fromEntries(ids.map((id) => [id, new Date(now)])) : {};
        if (await quotas.createQueue(tenantId, minute ?? Math.floor(now / 60_000), rate > 0 ? n : 0, jobs)) return;
        continue;
      }
      if (minute !== null && doc.minute !== minute) {
        if (doc.minute > minute) windowFloor = doc.minute;
        else await quotas.startMinute(tenantId, doc.minute, minute);
        continue;
      }
      if (minute !== null && doc.created + n > rate) {
        const retryAfterSeconds = Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000));
        throw new RateLimitedError(
          `too many jobs created: a batch of ${n} would pass ${rate} per minute per tenant (LONGHAUL_TENANT_CREATES_PER_MINUTE; ${Math.max(0, rate - doc.created)} left this minute); try again in ${retryAfterSeconds} s`,
          retryAfterSeconds,
          rate,
        );
      }
      if (cap > 0 && doc.count + n > cap) {
        if ((await this.recount(tenantId, doc, now)) > 0) continue;
        throw new QuotaExceededError(
          `too many jobs waiting to start: a batch of ${n} would pass ${cap} per tenant (LONGHAUL_TENANT_MAX_QUEUED; ${Math.max(0, cap - doc.count)} places left); create more once some have started`,
          cap,
        );
      }
    }
    throw new RateLimitedError('too many concurrent job creations for this tenant; try again in a second', 1, rate);
  }

  /** Gives back the places of jobs that were not created after all. */
  private async withdrawMany(tenantId: string, ids: readonly string[]): Promise<void> {
    if (this.limits.maxQueuedPerTenant === 0 || ids.length === 0) return;
    await this.options.quotas.removeQueued(tenantId, ids);
  }

  /**
   * Forgets the entries of jobs that no longer wait to run (started, ended, or never inserted), reading them by id;
   * returns how many places it freed. A recount that freed nothing is not repeated for the tenant within a second.
   */
  private async recount(tenantId: string, doc: TenantQueueDocument, now: number): Promise<number> {
    const emptyAt = this.lastEmptyRecount.get(tenantId);
    if (emptyAt !== undefined && now - emptyAt < RECOUNT_COOLDOWN_MS) return 0;
    const entries = Object.entries(doc.jobs ?? {});
    const seen = await this.options.jobs.peek(entries.map(([id]) => id));
    const gone = entries
      .filter(([id, admittedAt]) => {
        const job = seen.get(id);
        if (job === undefined) return now - new Date(admittedAt).getTime() > INSERT_GRACE_MS;
        return job.state !== JobState.Queued && job.state !== JobState.Retrying;
      })
      .map(([id]) => id);
    const freed = await this.options.quotas.removeQueued(tenantId, gone);
    if (freed === 0) this.lastEmptyRecount.set(tenantId, now);
    else this.lastEmptyRecount.delete(tenantId);
    return freed;
  }

  /** Gives back the place of a job that was not created after all. */
  async withdraw(tenantId: string, id: string): Promise<void> {
    if (this.limits.maxQueuedPerTenant === 0) return;
    await this.options.quotas.removeQueued(tenantId, [id]);
  }
}
