import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RetentionConfig } from '../config/retentionConfig.ts';
import type { DeleteBatches } from '../db/deleteBatches.ts';
import type { LeaseStore } from '../db/leaseStore.ts';
import { PeriodicSweep } from '../db/periodicSweep.ts';
import type { Logger } from '../logging/logger.ts';
import { ExportStatus } from '../storage/index.ts';
import type { Stores } from './stores.ts';

/** What the sweep deletes, one count each. */
export type RetentionKind =
  | 'jobs'
  | 'jobLogs'
  | 'restores'
  | 'restoreResults'
  | 'restoreIdMaps'
  | 'restoreInFlight'
  | 'exportFiles'
  | 'exports'
  | 'exportLookups'
  | 'zombies'
  | 'diagnostics'
  | 'alerts'
  | 'finishBuckets';

/** How many documents of each kind one sweep deleted (export files: how many exports lost their file). */
export type RetentionCounts = Record<RetentionKind, number>;

/** The stores the sweep deletes from (each delete is a method of its owner). */
export type RetentionStores = Pick<
  Stores,
  'jobs' | 'jobLogs' | 'restores' | 'restoreResults' | 'restoreIdMap' | 'restoreInFlight' | 'exports' | 'exportFiles' | 'exportLookups' | 'zombies' | 'diagnostics' | 'alerts' | 'jobFinishBuckets'
>;

/** Options of {@link RetentionSweep}. */
export interface RetentionSweepOptions {
  stores: RetentionStores;
  /** Where the sweep's lease is taken: one sweep at a time across every process. */
  leases: LeaseStore;
  /** TTLs, batch size, pause and interval (`LONGHAUL_RETAIN_*`). */
  settings: RetentionConfig;
  logger: Logger;
  /** Who holds the lease (e.g. the worker id); default a random id. */
  holder?: string;
  /** How long the lease holds without a renewal, renewed as batches go (default 300,000 ms: 5 minutes). */
  leaseMs?: number;
  /** Called after every batch with its kind and count (tests count batches); default nothing. */
  onBatch?: (kind: RetentionKind, deleted: number) => void | Promise<void>;
}

/** How long per-minute finish buckets are kept: the longest statistics window (a day), and a day more. */
const FINISH_BUCKETS_KEPT_MS = 2 * 86_400_000;

/** The name of the sweep's lease. */
export const RETENTION_LEASE = 'retention-sweep';

/** Thrown between batches when the sweep must stop (its process stops, or its lease went to another). */
class SweepInterrupted extends Error {
  override readonly name = 'SweepInterrupted';
}

/**
 * Retention for everything that grows but backups (their policies prune those): finished jobs and their log
 * lines, finished restores with their results, id maps and in-flight batches, export files past their download
 * time and finished export records with their lookups, resolved zombies, expired diagnostics, resolved alerts, per-minute job finish counts older than two days.
 * No TTL index (FerretDB has none): one periodic sweep, in worker processes, one at a time across processes (a
 * lease taken by compare-and-set), deleting by `_id` in batches of `batchSize` with a pause between them.
 * A restore's or export's record and details are deleted only once its job is gone, so that a job that can still
 * be retried never loses its id map. {@link sweepOnce} is the whole sweep, for any scheduler to drive.
 */
export class RetentionSweep {
  private readonly periodic: PeriodicSweep;
  private readonly holder: string;
  private readonly leaseMs: number;
  private stopping = false;

  constructor(private readonly options: RetentionSweepOptions) {
    this.holder = options.holder ?? randomUUID();
    this.leaseMs = options.leaseMs ?? 300_000;
    this.periodic = new PeriodicSweep({
      sweep: async (now) => {
        const counts = await this.sweepOnce(now);
        return counts === null ? 0 : total(counts);
      },
      intervalMs: options.settings.sweepEveryMs,
      onError: (error) => options.logger.warn({ err: error }, 'retention sweep failed'),
    });
  }

  /** Sweeps every `sweepEveryMs` (nothing when it is 0). */
  start(): void {
    this.stopping = false;
    if (this.options.settings.sweepEveryMs > 0) this.periodic.start();
  }

  /** Stops the timer; a sweep under way stops after its current batch. */
  stop(): void {
    this.stopping = true;
    this.periodic.stop();
  }

  /**
   * One sweep as of `now` (the cutoffs are `now` minus each TTL; the lease keeps the real clock). Returns what it
   * deleted, or `null` when another process holds the lease. Logs one line with the counts.
   */
  async sweepOnce(now = new Date()): Promise<RetentionCounts | null> {
    const { leases, logger } = this.options;
    if (!(await leases.acquire(RETENTION_LEASE, this.holder, new Date(), this.leaseMs))) return null;
    const started = new Date();
    const counts = emptyCounts();
    let batches = 0;
    let renewedAt = Date.now();
    const pacer = (kind: RetentionKind): DeleteBatches => ({
      size: this.options.settings.batchSize,
      between: async (deleted) => {
        counts[kind] += deleted;
        batches++;
        await this.options.onBatch?.(kind, deleted);
        if (this.options.settings.batchPauseMs > 0) await sleep(this.options.settings.batchPauseMs);
        if (this.stopping) throw new SweepInterrupted('the process stops');
        if (Date.now() - renewedAt > this.leaseMs / 3) {
          if (!(await leases.acquire(RETENTION_LEASE, this.holder, new Date(), this.leaseMs))) throw new SweepInterrupted('the lease went to another process');
          renewedAt = Date.now();
        }
      },
    });
    let interrupted: string | null = null;
    let ms: number;
    try {
      await this.sweepJobs(now, pacer);
      await this.sweepRestores(now, pacer);
      await this.sweepExports(now, pacer);
      await this.sweepMonitoring(now, pacer);
    } catch (error) {
      if (!(error instanceof SweepInterrupted)) throw error;
      interrupted = error.message;
    } finally {
      // Measured before the lease goes: the next sweep (another process's, maybe) starts after this one's span.
      ms = Date.now() - started.getTime();
      await leases.release(RETENTION_LEASE, this.holder).catch(() => undefined);
    }
    logger.info(
      { swept: counts, batches, holder: this.holder, startedAt: started.toISOString(), ms, ...(interrupted === null ? {} : { interrupted }) },
      `retention sweep: ${total(counts)} document(s) deleted in ${batches} batch(es)`,
    );
    return counts;
  }

  private async sweepJobs(now: Date, pacer: (kind: RetentionKind) => DeleteBatches): Promise<void> {
    const { jobs, jobLogs } = this.options.stores;
    const cutoff = before(now, this.options.settings.jobsMs);
    if (cutoff === null) return;
    const batches = pacer('jobs');
    for (;;) {
      const deleted = await jobs.deleteFinishedBefore(cutoff, batches.size);
      if (deleted.length === 0) return;
      await jobLogs.deleteForJobs(deleted, pacer('jobLogs'));
      await batches.between(deleted.length);
    }
  }

  private async sweepRestores(now: Date, pacer: (kind: RetentionKind) => DeleteBatches): Promise<void> {
    const { restores, restoreResults, restoreIdMap, restoreInFlight } = this.options.stores;
    const cutoff = before(now, this.options.settings.restoresMs);
    if (cutoff === null) return;
    await this.forEachUnjobbed(cutoff, restores, async (ids) => {
      await restoreResults.deleteForRestores(ids, pacer('restoreResults'));
      await restoreIdMap.deleteForRestores(ids, pacer('restoreIdMaps'));
      await restoreInFlight.deleteForRestores(ids, pacer('restoreInFlight'));
      await restores.deleteAnyTenant(ids, pacer('restores'));
    });
  }

  private async sweepExports(now: Date, pacer: (kind: RetentionKind) => DeleteBatches): Promise<void> {
    const { exports, exportFiles, exportLookups } = this.options.stores;
    // Files past their download time go first (the record stays, `EXPIRED`): `expiresAt` is set when the export ends.
    const files = pacer('exportFiles');
    for (;;) {
      const expired = await exports.listExpiredAnyTenant(now, files.size);
      if (expired.length === 0) break;
      for (const e of expired) {
        await exportFiles.remove(e.tenantId, e.id);
        await exports.update(e.tenantId, e.id, { status: ExportStatus.Expired });
      }
      await files.between(expired.length);
    }
    const cutoff = before(now, this.options.settings.exportsMs);
    if (cutoff === null) return;
    await this.forEachUnjobbed(cutoff, exports, async (ids, records) => {
      for (const r of records) await exportFiles.remove(r.tenantId, r.id);
      await exportLookups.deleteForExports(ids, pacer('exportLookups'));
      await exports.deleteAnyTenant(ids, pacer('exports'));
    });
  }

  private async sweepMonitoring(now: Date, pacer: (kind: RetentionKind) => DeleteBatches): Promise<void> {
    const { zombies, diagnostics, alerts } = this.options.stores;
    const zombiesBefore = before(now, this.options.settings.zombiesMs);
    if (zombiesBefore !== null) await zombies.deleteResolvedBefore(zombiesBefore, pacer('zombies'));
    // Diagnostics carry their own `expiresAt` (`LONGHAUL_DIAGNOSTICS_TTL_MS`, set when written).
    await diagnostics.sweep(now, pacer('diagnostics'));
    const alertsBefore = before(now, this.options.settings.alertsMs);
    if (alertsBefore !== null) await alerts.deleteResolvedBefore(alertsBefore, pacer('alerts'));
    // Statistics read at most a day of minutes back (`MAX_WINDOW_MINUTES`): older buckets are never read again.
    await this.options.stores.jobFinishBuckets.deleteBefore(new Date(now.getTime() - FINISH_BUCKETS_KEPT_MS), pacer('finishBuckets'));
  }

  /**
   * Hands `remove` the records of `store` that finished before `cutoff` and whose job is gone (none, or deleted),
   * a batch at a time; records whose job is still there are passed over until it goes.
   */
  private async forEachUnjobbed(
    cutoff: Date,
    store: RetentionStores['restores'] | RetentionStores['exports'],
    remove: (ids: string[], records: { id: string; tenantId: string }[]) => Promise<void>,
  ): Promise<void> {
    const size = this.options.settings.batchSize;
    let after: string | null = null;
    for (;;) {
      const page = await store.listFinishedBeforeAnyTenant(cutoff, size, after);
      // An empty page ends it; so does one that did not move on (a store that cannot page by `_id`), rather than loop.
      if (page.length === 0 || page.at(-1)!.id === after) return;
      after = page.at(-1)!.id;
      const jobIds = page.flatMap((r) => (r.jobId === null ? [] : [r.jobId]));
      const present = jobIds.length === 0 ? new Map() : await this.options.stores.jobs.peek(jobIds);
      const gone = page.filter((r) => r.jobId === null || !present.has(r.jobId));
      if (gone.length > 0) await remove(gone.map((r) => r.id), gone);
    }
  }
}

/** `now` minus `ttlMs`, or `null` for a TTL of 0 (kept forever). */
function before(now: Date, ttlMs: number): Date | null {
  return ttlMs === 0 ? null : new Date(now.getTime() - ttlMs);
}

function emptyCounts(): RetentionCounts {
  return { jobs: 0, jobLogs: 0, restores: 0, restoreResults: 0, restoreIdMaps: 0, restoreInFlight: 0, exportFiles: 0, exports: 0, exportLookups: 0, zombies: 0, diagnostics: 0, alerts: 0, finishBuckets: 0 };
}

function total(counts: RetentionCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
