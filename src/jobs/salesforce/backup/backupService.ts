import type { Caller, JobService } from '../../../engine/jobService.ts';
import type { JobTransition } from '../../../engine/jobType.ts';
import type { JobView } from '../../../engine/jobView.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { OrgService } from '../../../salesforce/index.ts';
import { BackupRunningError, BackupStatus, type BackupLeaseDocument, type BackupLeaseStore, type BackupMode, type BackupStore, type BackupView } from '../../../storage/index.ts';
import { followJobRecord } from '../jobRecordFollower.ts';
import { BACKUP_JOB_TYPE } from './backupJobType.ts';
import { enqueueRecordJob } from '../jobRecords.ts';
import { readWithJobs, type RecordWithJob } from '../recordWithJob.ts';

/** A backup with its job, read so that an ended job never comes with an unfinished backup (see `readWithJobs`). */
export type BackupWithJob = RecordWithJob<BackupView>;

/** Options of {@link BackupService}. */
export interface BackupServiceOptions {
  /** Creates the internal `salesforce.backup` jobs. */
  jobs: Pick<JobService, 'createInternal' | 'registry' | 'getMany'>;
  orgs: Pick<OrgService, 'require'>;
  backups: BackupStore;
  /**
   * One backup per org at a time (every door: `startBackup`, policies): the org's lease. Default none (no
   * such guarantee; only tests that build a bare service leave it out).
   */
  leases?: BackupLeaseStore;
  logger: Logger;
}

/** What a client asks for when it starts a backup. */
export interface StartBackupRequest {
  orgId: string;
  /** Default: every queryable, replicateable object. */
  objects?: string[] | null;
  /** Default `FULL`. */
  mode?: BackupMode | null;
}

/**
 * Backups of each tenant: starts one (checks the org is the caller's, validates, records the backup,
 * enqueues its internal job, and removes the record if the enqueue fails), reads them, and makes a
 * backup follow its job when the job gives up or is cancelled.
 */
export class BackupService {
  constructor(private readonly options: BackupServiceOptions) {}

  /**
   * Starts a backup of the caller's org; returns its job. Throws `OrgNotFoundError`, `InvalidJobInputError`, or
   * {@link BackupRunningError} (with the running backup's job id) while another backup of the org is queued or
   * running, in any process; nothing is written then.
   */
  async start(caller: Caller, request: StartBackupRequest): Promise<JobView> {
    const { jobs, orgs, backups, leases } = this.options;
    await orgs.require(caller.tenantId, request.orgId);
    const mode = request.mode ?? 'FULL';
    const objects = request.objects ?? undefined;
    // The job type checks the input before anything is stored (the id is a placeholder of the right shape).
    jobs.registry.parseInput(BACKUP_JOB_TYPE, { backupId: '0'.repeat(24), orgId: request.orgId, mode, objects });
    const backup = await backups.create({ tenantId: caller.tenantId, orgId: request.orgId, mode, objects: objects ?? null });
    if (leases !== undefined) {
      const lease = await leases.acquire({ orgId: request.orgId, tenantId: caller.tenantId, backupId: backup.id }, (holder) => this.isLive(holder)).catch(async (error: unknown) => {
        await backups.remove(caller.tenantId, backup.id);
        throw error;
      });
      if (!lease.acquired) {
        await backups.remove(caller.tenantId, backup.id);
        const jobId = lease.holder.jobId ?? (await backups.get(lease.holder.tenantId, lease.holder.backupId))?.jobId ?? null;
        throw new BackupRunningError(request.orgId, lease.holder.backupId, jobId);
      }
    }
    try {
      const job = await enqueueRecordJob(backups, caller.tenantId, backup.id, () => jobs.createInternal(caller, { type: BACKUP_JOB_TYPE, input: { backupId: backup.id, orgId: request.orgId, mode, objects } }));
      await leases?.attachJob(request.orgId, backup.id, job.id);
      return job;
    } catch (error) {
      await leases?.release(request.orgId, backup.id);
      throw error;
    }
  }

  /** Whether the backup holding an org's lease is still queued or running (else its lease is stale). */
  private async isLive(holder: BackupLeaseDocument): Promise<boolean> {
    const backup = await this.options.backups.get(holder.tenantId, holder.backupId);
    return backup !== null && (backup.status === BackupStatus.Queued || backup.status === BackupStatus.Running);
  }

  /** The caller's backup with its job, or `null`. */
  async get(caller: Caller, id: string): Promise<BackupWithJob | null> {
    const backup = await this.options.backups.get(caller.tenantId, id);
    return backup === null ? null : (await this.withJobs(caller, [backup]))[0]!;
  }

  /** The caller's backups of one of its orgs with their jobs, newest first. Throws `OrgNotFoundError`. */
  async listByOrg(caller: Caller, orgId: string): Promise<BackupWithJob[]> {
    await this.options.orgs.require(caller.tenantId, orgId);
    return this.withJobs(caller, await this.options.backups.listByOrg(caller.tenantId, orgId));
  }

  private withJobs(caller: Caller, backups: readonly BackupView[]): Promise<BackupWithJob[]> {
    return readWithJobs(this.options.jobs, caller, backups, (id) => this.options.backups.get(caller.tenantId, id));
  }

  /** The `salesforce.backup` type's transition hook: a backup whose job gave up is `FAILED`, a cancelled one `CANCELLED`. */
  async followJob(transition: JobTransition): Promise<void> {
    await followJobRecord(this.options.backups, 'backupId', transition).catch((error: unknown) =>
      this.options.logger.error({ err: error, jobId: transition.jobId, kind: transition.kind }, 'could not make the backup follow its job'),
    );
    await this.followLease(transition).catch((error: unknown) =>
      this.options.logger.error({ err: error, jobId: transition.jobId, kind: transition.kind }, 'could not update the org backup lease'),
    );
  }

  /** An ended backup releases its org; a requeued one takes it again (or is logged when another backup holds it). */
  private async followLease(transition: JobTransition): Promise<void> {
    const { leases, logger } = this.options;
    const input = transition.input as { backupId?: unknown; orgId?: unknown } | null;
    if (leases === undefined || typeof input?.backupId !== 'string' || typeof input.orgId !== 'string') return;
    if (transition.kind !== 'REQUEUED') {
      await leases.release(input.orgId, input.backupId);
      return;
    }
    const lease = await leases.acquire({ orgId: input.orgId, tenantId: transition.tenantId, backupId: input.backupId }, (holder) => this.isLive(holder));
    if (!lease.acquired) logger.warn({ orgId: input.orgId, backupId: input.backupId, holder: lease.holder.backupId }, 'a requeued backup runs while another backup of its org holds the lease');
    else await leases.attachJob(input.orgId, input.backupId, transition.jobId);
  }
}
