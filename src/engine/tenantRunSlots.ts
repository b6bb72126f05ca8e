import type { Logger } from '../logging/logger.ts';
import type { JobEventPublisher } from './jobEventPublisher.ts';
import { JobState } from './jobState.ts';
import type { JobRepository } from './jobRepository.ts';
import type { TenantQuotaStore, TenantRunDocument } from './tenantQuotaStore.ts';

/** Waiting jobs a freed slot tries to wake before giving up (the others wake by themselves later). */
const WAKE_CANDIDATES = 3;

/** Options of {@link TenantRunSlots}. */
export interface TenantRunSlotsOptions {
  quotas: TenantQuotaStore;
  jobs: JobRepository;
  events: JobEventPublisher;
  logger: Logger;
  /** Jobs of one tenant running at once across every process; 0: no cap. */
  maxRunningPerTenant: number;
  /** How long a held-back job waits before looking for a slot again by itself (see `LONGHAUL_TENANT_SLOT_RECHECK_MS`). */
  recheckMs: number;
  /** Clock (ms since the epoch); default `Date.now`. */
  now?: () => number;
}

/** What {@link TenantRunSlots.acquire} came to. */
export type SlotOutcome = 'acquired' | 'waiting';

/**
 * A tenant's running slots, shared by every worker process: a run takes a lease in the tenant's `run:<tenant>`
 * document before it claims its job and gives it back when it ends. A job finding every slot taken is not failed:
 * it joins the tenant's waiting jobs and is put back in the schedule for later, and the run that frees a slot wakes
 * the oldest of them. Jobs of other tenants are not held back: a waiting job goes back to the schedule at once.
 *
 * A worker that dies keeps its leases in the document, so leases expire instead of being trusted: a lease is stale
 * once its run shows no sign of life for its lock lifetime (the job no longer carries the run, or its heartbeat is
 * that old), exactly when the scheduler would hand the job to another worker. Stale leases are freed by the next run
 * of the tenant that finds the slots full, so a crashed worker holds a slot at most one lock lifetime after it died.
 */
export class TenantRunSlots {
  private readonly now: () => number;

  constructor(private readonly options: TenantRunSlotsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether a cap is set (without one, runs take no slot). */
  get enabled(): boolean {
    return this.options.maxRunningPerTenant > 0;
  }

  /** How long a held-back job waits before it looks for a slot again by itself. */
  get recheckMs(): number {
    return this.options.recheckMs;
  }

  /**
   * Takes a slot of the tenant for run `runId` of `jobId` (lock lifetime `lifetimeMs`); `waiting` when all are
   * taken: the job is then among the tenant's waiting jobs, to be woken when a slot frees.
   */
  async acquire(tenantId: string, jobId: string, runId: string, lifetimeMs: number): Promise<SlotOutcome> {
    if (!this.enabled) return 'acquired';
    const { quotas, maxRunningPerTenant: cap } = this.options;
    const lease = () => ({ jobId, at: new Date(this.now()), lifetimeMs });
    if (await quotas.acquire(tenantId, runId, lease(), cap)) return 'acquired';
    // Full: wait in line first, so that a slot freed from now on wakes this job, then free stale leases and look again.
    const doc = await quotas.addWaiting(tenantId, jobId, new Date(this.now()));
    await this.freeStale(tenantId, doc);
    return (await quotas.acquire(tenantId, runId, lease(), cap)) ? 'acquired' : 'waiting';
  }

  /**
   * Called once the scheduler saved a waiting job back (unlocked, due later): a slot freed while the job was being
   * put back may have taken it off the waiting list and found it still locked; wake it now then.
   */
  async afterWait(tenantId: string, jobId: string): Promise<void> {
    try {
      const doc = await this.options.quotas.readRun(tenantId);
      if (doc !== null && doc.waiting?.[jobId] !== undefined) return;
      await this.wake(jobId);
    } catch (error) {
      this.options.logger.warn({ err: error, jobId }, 'could not check a job waiting for a running slot');
    }
  }

  /** Gives back the slot of a run and wakes the tenant's oldest waiting job; never throws (a lost release expires). */
  async release(tenantId: string, runId: string): Promise<void> {
    if (!this.enabled) return;
    try {
      const doc = await this.options.quotas.release(tenantId, runId);
      if (doc === null) return;
      const waiting = Object.entries(doc.waiting ?? {})
        .sort(([, a], [, b]) => new Date(a).getTime() - new Date(b).getTime())
        .slice(0, WAKE_CANDIDATES);
      for (const [jobId] of waiting) {
        if (!(await this.options.quotas.claimWaiting(tenantId, jobId))) continue;
        if (await this.wake(jobId)) return;
      }
    } catch (error) {
      this.options.logger.warn({ err: error, tenantId }, 'could not release a running slot; it expires with its lease');
    }
  }

  /** Makes a waiting job due now and tells the workers; false when it no longer waits (cancelled, or running). */
  private async wake(jobId: string): Promise<boolean> {
    const doc = await this.options.jobs.wakeWaiting(jobId);
    if (doc === null) return false;
    await this.options.events.wake(doc);
    return true;
  }

  /** Frees the leases of runs that are gone; confirms the others for their lifetime (not read again before). */
  private async freeStale(tenantId: string, doc: TenantRunDocument): Promise<void> {
    const now = this.now();
    // A lease younger than its lifetime is alive whatever its job says: its run may not have claimed the job yet.
    const old = Object.entries(doc.leases ?? {}).filter(([, lease]) => now - new Date(lease.at).getTime() > lease.lifetimeMs);
    if (old.length === 0) return;
    const jobs = await this.options.jobs.peek(old.map(([, lease]) => lease.jobId));
    for (const [runId, lease] of old) {
      const job = jobs.get(lease.jobId);
      const ownsJob = job !== undefined && job.runId === runId && job.state === JobState.Running;
      const alive = ownsJob && job.heartbeatAt !== null && now - new Date(job.heartbeatAt).getTime() <= lease.lifetimeMs;
      if (alive) await this.options.quotas.confirm(tenantId, runId, new Date(now));
      else if (await this.options.quotas.reclaim(tenantId, runId)) {
        this.options.logger.info({ tenantId, jobId: lease.jobId, runId }, 'freed the running slot of a run that is gone');
      }
    }
  }
}
